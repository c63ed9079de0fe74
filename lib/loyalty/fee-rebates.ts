import { rpc, type Keypair } from '@stellar/stellar-sdk';
import type { Database } from '@/lib/db/port';
import { escrow, escrowArgs } from '@/lib/stellar/contracts/escrow';
import { invokeContract, type InvokeTarget } from '@/lib/stellar/contracts/invoke';
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
// resent, failed after 5 attempts (loyalty.fee_rebate_failed).

export const MAX_REBATE_ATTEMPTS = 5;

interface OpenRebate { chain_booking_id: string; amount_minor: number; address: string; status: 'pending' | 'submitted'; tx_hash: string | null }

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

export async function payFeeRebates(d: RebateDeps, limit = 10): Promise<RebateCounts> {
  const counts: RebateCounts = { confirmed: 0, pending: 0, failed: 0, submitted: 0 };
  const open = await d.database.call<OpenRebate[]>('open_loyalty_fee_rebates', { limit });
  if (open.length === 0) return counts;
  const token = await escrowToken(d.target);
  for (const r of open) {
    try {
      if (r.status === 'submitted' && r.tx_hash) {
        const res = await rpcServer(d.target).getTransaction(r.tx_hash);
        if (res.status === rpc.Api.GetTransactionStatus.SUCCESS) { await mark(d, r.chain_booking_id, 'confirmed', { tx_hash: r.tx_hash }); counts.confirmed++; }
        else if (res.status === rpc.Api.GetTransactionStatus.FAILED) { counts[(await mark(d, r.chain_booking_id, 'pending', { error: 'The rebate transaction failed; sending again.' })).status === 'failed' ? 'failed' : 'pending']++; }
        else counts.submitted++;
        continue;
      }
      const sent = await invokeContract(trq, { ...d.target, contractId: token }, d.payer, 'transfer',
        trq.args.transfer(d.payer.publicKey(), r.address, tokenUnits(r.amount_minor)),
        { onSubmitted: async (hash) => { await mark(d, r.chain_booking_id, 'submitted', { tx_hash: hash }); }, waitMs: d.waitMs });
      if (sent.outcome === 'success') { await mark(d, r.chain_booking_id, 'confirmed', { tx_hash: sent.hash }); counts.confirmed++; }
      else if (sent.outcome === 'pending') counts.submitted++;
      else {
        const error = sent.outcome === 'refused' ? `The token refused the transfer: ${sent.simulationError.split('\n')[0]}` : 'The rebate transaction failed.';
        counts[(await mark(d, r.chain_booking_id, 'pending', { error })).status === 'failed' ? 'failed' : 'pending']++;
      }
    } catch (err) {
      counts[(await mark(d, r.chain_booking_id, 'pending', { error: `Could not reach Soroban RPC: ${(err as Error).message}` })).status === 'failed' ? 'failed' : 'pending']++;
    }
  }
  return counts;
}
