import { randomBytes } from 'node:crypto';
import type { TestDatabase } from './database';
import { TRQ, admin, distribute } from './governance-fixtures';

// Builders for dispute and jury tests: evidence files whose bytes are (or are not) what their
// names claim, staff contexts, and a pool of staked jurors.

export const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(64)]);
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
export const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), randomBytes(32)]);

export const file = (name: string, bytes: Buffer) => ({ name, content: bytes.toString('base64') });

export const staffCtx = (actor: string, role: string, reason: string | null = null) =>
  ({ actor, role, reason, ip: '127.0.0.1', request_id: `dispute-${role}` });

export async function staff(t: TestDatabase, role: 'support' | 'admin' | 'finance', name: string): Promise<string> {
  return (await t.db.call<{ id: string }>('upsert_dev_persona', { role, name })).id;
}

/** n holders, each given TRQ and staking `stake` TRQ as jurors. */
export async function jurors(t: TestDatabase, n: number, prefix: string, stake = 100n): Promise<string[]> {
  const by = await admin(t, `${prefix} treasurer`);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'traveller', name: `${prefix} juror ${i}` })).id);
  await distribute(t, by, ids.map((id, i) => [id, 1_000n + BigInt(i)]));
  for (const id of ids) await t.db.call('jury_opt_in', { user_id: id, amount: (stake * TRQ).toString() });
  return ids;
}
