import { rpc, type Keypair } from '@stellar/stellar-sdk';
import type { Database } from '@/lib/db/port';
import { escrow, escrowArgs } from '@/lib/stellar/contracts/escrow';
import { invokeContract, TX_TIMEOUT_SECONDS, type InvokeTarget } from '@/lib/stellar/contracts/invoke';
import { readContract } from '@/lib/stellar/contracts/read';
import { trq } from '@/lib/stellar/contracts/trq';
import { rpcServer } from '@/lib/stellar/rpc';
import { tokenUnits } from '@/lib/stellar/token-units';

// The loyalty-fee-rebates job: pays each queued tier rebate (public.open_loyalty_fee_rebates) in
// the escrow's payment token, from the platform's account (the server signer, which the fee
// treasury keeps funded) to the account that paid the booking. The token is the one the escrow
// is configured with (get_config), a SEP-41 token (USDC's Stellar Asset Contract), so the
// transfer is encoded by the same SEP-41 `transfer(from, to, amount)` spec TRQ exports. Like the
// settlement outbox: marked submitted with the hash before waiting, re-checked rather than
// resent, failed after 5 attempts (loyalty.fee_rebate_failed; an admin may retry it).
//
// Never paid twice: a rebate keeps the hash of the last transfer it sent, and before sending
// another one (the next attempt, or after an admin's retry) the job asks RPC about that one. It
// landed: the rebate is confirmed and nothing is sent. Failed on chain, or still unseen after its
// time bound (TX_TIMEOUT_SECONDS after it was sent, plus a margin): it can never land, so a new
// transfer is safe. Unseen within its time bound: left for a later run. An error after the
// transfer was accepted leaves the rebate submitted, so it is judged by its hash, not resent.

export const MAX_REBATE_ATTEMPTS = 5;

interface OpenRebate { chain_booking_id: string; amount_minor: number; address: string; status: 'pending' | 'submitted'; tx_hash: string | null; submitted_at: string | null }

export interface RebateDeps {
  database: Database;
  /** RPC, passphrase and the escrow contract (whose configured token pays the rebate). */
  target: InvokeTarget;
  /** The platform account that pays rebates (the server signer). */
  payer: Keypair;
  waitMs?: number;
}

export type RebateCounts = { confirmed: number; pending: number; failed: number; submitted: number };

const mark = async (d: RebateDeps, id: string, status: string, extra: { tx_hash?: string | null; error?: string | null } = {}) =>
  (await d.database.call('mark_loyalty_fee_rebate', { chain_booking_id: id, status, tx_hash: extra.tx_hash ?? null, error: extra.error ?? null, max_attempts: MAX_REBATE_ATTEMPTS })) as { status: string };

/** The payment token the escrow holds and pays out (its configuration). */
export async function escrowToken(target: InvokeTarget): Promise<string> {
  const config = await readContract(escrow, target, 'get_config', escrowArgs.get_config());
  return String(config.token);
}

/** Past this after it was sent, an unseen transaction can no longer land (its time bound, plus clock skew). */
export const DEAD_AFTER_MS = (TX_TIMEOUT_SECONDS + 60) * 1000;

type LastSend = { state: 'none' } | { state: 'landed'; hash: string } | { state: 'open' } | { state: 'dead'; why: string };

/** What became of the last transfer a rebate sent. */
async function lastSend(d: RebateDeps, r: OpenRebate, now: number): Promise<LastSend> {
  if (!r.tx_hash) return { state: 'none' };
  const res = await rpcServer(d.target).getTransaction(r.tx_hash);
  if (res.status === rpc.Api.GetTransactionStatus.SUCCESS) return { state: 'landed', hash: r.tx_hash };
  if (res.status === rpc.Api.GetTransactionStatus.FAILED) return { state: 'dead', why: 'The rebate transaction failed; sending again.' };
  const sentAt = r.submitted_at ? Date.parse(r.submitted_at) : NaN;
  // no send time recorded: judged from now on (the migration sets one for older rows)
  if (Number.isFinite(sentAt) && now - sentAt > DEAD_AFTER_MS) return { state: 'dead', why: 'The rebate transaction was not seen before its time bound; sending again.' };
  return { state: 'open' };
}

export async function payFeeRebates(d: RebateDeps, limit = 10): Promise<RebateCounts> {
  const counts: RebateCounts = { confirmed: 0, pending: 0, failed: 0, submitted: 0 };
  const open = await d.database.call<OpenRebate[]>('open_loyalty_fee_rebates', { limit });
  if (open.length === 0) return counts;
  const token = await escrowToken(d.target);
  const tally = (row: { status: string }) => { counts[row.status === 'failed' ? 'failed' : 'pending']++; };
  for (const r of open) {
    let accepted = false;
    try {
      const last = await lastSend(d, r, Date.now());
      if (last.state === 'landed') { await mark(d, r.chain_booking_id, 'confirmed', { tx_hash: last.hash }); counts.confirmed++; continue; }
      if (last.state === 'open') { counts.submitted++; continue; }
      if (last.state === 'dead' && r.status === 'submitted') {
        const row = await mark(d, r.chain_booking_id, 'pending', { error: last.why });
        if (row.status === 'failed') { counts.failed++; continue; }
      }
      const sent = await invokeContract(trq, { ...d.target, contractId: token }, d.payer, 'transfer',
        trq.args.transfer(d.payer.publicKey(), r.address, tokenUnits(r.amount_minor)),
        { onSubmitted: async (hash) => { await mark(d, r.chain_booking_id, 'submitted', { tx_hash: hash }); accepted = true; }, waitMs: d.waitMs });
      if (sent.outcome === 'success') { await mark(d, r.chain_booking_id, 'confirmed', { tx_hash: sent.hash }); counts.confirmed++; }
      else if (sent.outcome === 'pending') counts.submitted++;
      else {
        const error = sent.outcome === 'refused' ? `The token refused the transfer: ${sent.simulationError.split('\n')[0]}` : 'The rebate transaction failed.';
        tally(await mark(d, r.chain_booking_id, 'pending', { error }));
      }
    } catch (err) {
      // accepted by the network: it may still land, so it stays submitted and is judged by its hash
      if (accepted) { counts.submitted++; continue; }
      tally(await mark(d, r.chain_booking_id, 'pending', { error: `Could not reach Soroban RPC: ${(err as Error).message}` }));
    }
  }
  return counts;
}
