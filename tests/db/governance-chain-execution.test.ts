import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { admin, advance, DAY, distribute, holder } from '@/tests/support/governance-fixtures';

// The database's half of soroban-rail execution, on PGlite and PostgreSQL: a proposal on the
// governor is never queued or executed on the app's own clock, and only such a proposal can be
// applied from the chain. Following the real governor — the governance job queueing, executing
// after the timelock and applying once it says Executed — is tests/devnet/governance-job.test.ts.

let t: TestDatabase;
let boss: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: false });
  boss = await admin(t, 'Chain Exec Admin');
});
afterAll(async () => { await t?.close(); });

const fee = async () => Number((await t.sql<{ value: string }>("select value from traqora.governed_parameters where key = 'platform.fee_bps'"))[0].value);

describe('soroban-rail execution in the database', () => {
  it('refuses to queue or execute a proposal that lives on the governor', async () => {
    const p = await holder(t, 'Chain Exec Proposer');
    await distribute(t, boss, [[p, 100_000n]]);
    const before = await fee();
    const { id } = await t.db.call<{ id: number }>('governance_create_proposal', { proposer: p, kind: 'parameter', title: 'Fee via the governor', body: '',
      changes: [{ key: 'platform.fee_bps', value: before + 10 }] });
    await t.sql("update traqora.proposals set rail = 'soroban', chain_proposal_id = $2 where id = $1", [id, '7a'.repeat(32)]);
    await advance(t, 7 * DAY);   // voting over (no votes here: the chain's tally is the one that counts)

    await expect(t.db.call('governance_queue', { actor: p, id })).rejects.toMatchObject({ status: 409, field: 'id' });
    await expect(t.db.call('governance_execute', { ctx: {}, id })).rejects.toMatchObject({ status: 409, field: 'id' });
    expect(await fee()).toBe(before);
  });

  it('refuses to apply a ledger-rail proposal from the chain', async () => {
    const p = await holder(t, 'Ledger Exec Proposer');
    await distribute(t, boss, [[p, 100_000n]]);
    const { id } = await t.db.call<{ id: number }>('governance_create_proposal', { proposer: p, kind: 'parameter', title: 'Fee on the ledger', body: '',
      changes: [{ key: 'platform.fee_bps', value: 260 }] });
    await expect(t.db.call('governance_apply_chain_execution', { ctx: {}, id })).rejects.toMatchObject({ status: 409, field: 'id' });
    await advance(t, 7 * DAY);
  });
});
