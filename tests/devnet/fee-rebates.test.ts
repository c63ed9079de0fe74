import { Keypair, rpc } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escrowToken, payFeeRebates, type RebateDeps } from '@/lib/loyalty/fee-rebates';
import { readContract } from '@/lib/stellar/contracts/read';
import { trq } from '@/lib/stellar/contracts/trq';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { devnetMissing, startDevnet, type Devnet } from '@/tests/support/devnet-node';
import { queueGoldRebate } from '@/tests/support/fee-rebate-fixtures';

// The tier discount on the soroban rail against the real host: a Gold traveller's booking paid
// into the devnet's escrow and released by the server signer (the settler); the escrow's
// PaymentReleased event, stored the way the indexer stores it, queues the rebate
// (tests/support/fee-rebate-fixtures.ts); the job pays it in the escrow's token from the server's
// account, and the payer's balance shows it. Retries of failed rebates: fee-rebate-retry.test.ts.

const missing = devnetMissing();
if (missing) console.warn(`skipping the fee rebate devnet tests: ${missing}`);

describe.skipIf(missing !== null)('tier fee rebates paid on the devnet', () => {
  let net: Devnet;
  let t: TestDatabase;
  beforeAll(async () => { [net, t] = await Promise.all([startDevnet(), openTestDatabase({ seed: true, scheduleDays: 14 })]); }, 300_000);
  afterAll(async () => {
    await net?.stop();
    await t?.close();
  });

  it("pays the Gold share of the fee the escrow took back to the paying account, once", async () => {
    const target = { rpcUrl: net.url, networkPassphrase: net.manifest.networkPassphrase, contractId: net.manifest.contracts.escrow };
    const server = Keypair.fromSecret(net.manifest.accounts.server.secretSeed);
    await net.mint(server.publicKey(), 5_000_000_000n);    // the platform account rebates are paid from

    const q = await queueGoldRebate(net, t, 'Gold Devnet');
    expect(q.feeMinor).toBeGreaterThan(0);
    const expected = q.amountMinor;
    const passenger = q.passenger;
    const [queued] = await t.db.call<{ amount_minor: number; address: string; status: string }[]>('loyalty_fee_rebates_for_booking', { pnr: q.pnr });
    expect(queued).toMatchObject({ amount_minor: expected, address: passenger.publicKey(), status: 'pending' });

    // the job pays it in the escrow's token, from the server's account
    const token = await escrowToken(target);
    expect(token).toBe(net.manifest.asset.contractId);
    const balance = (account: string) => readContract(trq, { ...target, contractId: token }, 'balance', trq.args.balance(account));
    const [before, serverBefore] = [await balance(passenger.publicKey()), await balance(server.publicKey())];
    const deps: RebateDeps = { database: t.db, target, payer: server, waitMs: 20_000 };
    expect(await payFeeRebates(deps)).toEqual({ confirmed: 1, pending: 0, failed: 0, submitted: 0 });
    expect(await balance(passenger.publicKey()) - before).toBe(BigInt(expected) * 100_000n);
    expect(serverBefore - await balance(server.publicKey())).toBe(BigInt(expected) * 100_000n);
    const [done] = await t.db.call<{ status: string; tx_hash: string }[]>('loyalty_fee_rebates_for_booking', { pnr: q.pnr });
    expect(done.status).toBe('confirmed');
    expect((await net.server.getTransaction(done.tx_hash)).status).toBe(rpc.Api.GetTransactionStatus.SUCCESS);

    // run again: nothing more is paid
    expect(await payFeeRebates(deps)).toEqual({ confirmed: 0, pending: 0, failed: 0, submitted: 0 });
    expect(await balance(passenger.publicKey()) - before).toBe(BigInt(expected) * 100_000n);
  }, 240_000);
});
