import { rpc, type Keypair } from '@stellar/stellar-sdk';
import type { Database } from '@/lib/db/port';
import { disputes } from '@/lib/stellar/contracts/disputes';
import { invokeContract, TX_TIMEOUT_SECONDS, type InvokeTarget } from '@/lib/stellar/contracts/invoke';
import { rpcServer } from '@/lib/stellar/rpc';
import { readChainDispute, type ChainDisputeState } from './state';

// The on-chain jury's keeper (the `chain-disputes` job): for each on-chain dispute whose reveal
// window has passed, or that is decided, it reads the contract's get_dispute, stores it
// (sync_chain_dispute), and sends what is due with the server signer: `tally_votes` once the
// reveal window is over, `execute_verdict` once the appeal window is over (or after the appeal
// round). When the contract says executed, the app dispute is resolved in the same call.
//
// Never sends twice: every send is recorded with its hash before the keeper waits for it
// (audited), and before sending another the keeper asks RPC what happened to that one. Landed:
// confirmed, nothing sent. Failed on chain, or unseen past its time bound: a new send is safe.
// Unseen within it: left for a later run. An RPC error after the network accepted a send leaves
// the hash in place, so the next run judges it instead of sending again. And the contract itself
// refuses a second tally or execute (NotVoting / NotDecided), so a race costs a refused
// simulation, never a second effect.

export interface KeeperDeps {
  database: Database;
  /** RPC, passphrase and the disputes contract. */
  target: InvokeTarget;
  /** The server signer (pays the fees; the contract lets anyone tally and execute). */
  signer: Keypair;
  waitMs?: number;
  /** Unix seconds now, for the windows (the chain's ledgers close on wall-clock time). */
  now?: () => number;
}

export type KeeperCounts = { tallied: number; executed: number; waiting: number; synced: number; failed: number };

type Step = 'tally' | 'execute';
interface DueRow {
  dispute_id: string; chain_dispute_id: string; status: string; round: number;
  keeper_step: Step | null; keeper_round: number | null; keeper_tx: string | null; keeper_sent_at: string | null;
}

/** Past this after it was sent, an unseen transaction can no longer land (its time bound, plus clock skew). */
const DEAD_AFTER_MS = (TX_TIMEOUT_SECONDS + 60) * 1000;

const FN: Record<Step, 'tally_votes' | 'execute_verdict'> = { tally: 'tally_votes', execute: 'execute_verdict' };

/** What is due on chain for a dispute in this state, now. */
export function dueStep(s: ChainDisputeState, nowSeconds: number): Step | null {
  if (s.status === 0 && nowSeconds >= Number(s.reveal_end)) return 'tally';
  if (s.status === 1 && (s.round >= 2 || nowSeconds >= Number(s.appeal_deadline))) return 'execute';
  return null;
}

export async function runChainDisputeKeeper(d: KeeperDeps, limit = 20): Promise<KeeperCounts> {
  const counts: KeeperCounts = { tallied: 0, executed: 0, waiting: 0, synced: 0, failed: 0 };
  const due = await d.database.call<DueRow[]>('chain_disputes_due', { limit });
  const mark = (row: DueRow, step: Step, round: number, status: string, extra: { tx_hash?: string | null; error?: string | null } = {}) =>
    d.database.call('mark_chain_dispute_keeper', { dispute_id: row.dispute_id, step, round, status, tx_hash: extra.tx_hash ?? null, error: extra.error ?? null });
  const sync = async (row: DueRow, executeTx: string | null = null) => {
    const state = await readChainDispute(d.target, BigInt(row.chain_dispute_id));
    await d.database.call('sync_chain_dispute', { dispute_id: row.dispute_id, state, execute_tx: executeTx });
    return state;
  };
  const count = (step: Step) => { counts[step === 'tally' ? 'tallied' : 'executed']++; };

  for (const row of due) {
    let accepted = false;
    try {
      // 1. the last send first: never a second one while the first may still land
      if (row.keeper_tx && row.keeper_step && row.keeper_round !== null) {
        const res = await rpcServer(d.target).getTransaction(row.keeper_tx);
        if (res.status === rpc.Api.GetTransactionStatus.SUCCESS) {
          await mark(row, row.keeper_step, row.keeper_round, 'confirmed', { tx_hash: row.keeper_tx });
          await sync(row, row.keeper_step === 'execute' ? row.keeper_tx : null);
          count(row.keeper_step);
          continue;
        }
        const sentAt = row.keeper_sent_at ? Date.parse(row.keeper_sent_at) : NaN;
        if (res.status === rpc.Api.GetTransactionStatus.NOT_FOUND && !(Number.isFinite(sentAt) && Date.now() - sentAt > DEAD_AFTER_MS)) {
          counts.waiting++;
          continue;
        }
        await mark(row, row.keeper_step, row.keeper_round, 'pending', {
          tx_hash: row.keeper_tx,
          error: res.status === rpc.Api.GetTransactionStatus.FAILED ? 'The keeper transaction failed on chain.' : 'The keeper transaction was not seen before its time bound.',
        });
      }
      // 2. what the contract says now; 3. what is due by it
      const state = await sync(row);
      counts.synced++;
      const step = dueStep(state, d.now?.() ?? Math.floor(Date.now() / 1000));
      if (!step) continue;
      const sent = await invokeContract(disputes, d.target, d.signer, FN[step], disputes.args[FN[step]](BigInt(row.chain_dispute_id)), {
        waitMs: d.waitMs,
        onSubmitted: async (hash) => { await mark(row, step, state.round, 'submitted', { tx_hash: hash }); accepted = true; },
      });
      if (sent.outcome === 'success') {
        await mark(row, step, state.round, 'confirmed', { tx_hash: sent.hash });
        await sync(row, step === 'execute' ? sent.hash : null);
        count(step);
      } else if (sent.outcome === 'pending') {
        counts.waiting++;
      } else if (sent.outcome === 'refused') {
        await mark(row, step, state.round, 'pending', { error: `The disputes contract refused ${FN[step]}: ${sent.simulationError.split('\n')[0]}` });
        counts.failed++;
      } else {
        await mark(row, step, state.round, 'pending', { tx_hash: accepted ? sent.hash : null, error: `The ${FN[step]} transaction failed.` });
        counts.failed++;
      }
    } catch (err) {
      // accepted by the network: it may still land, so its hash stays and is judged next run
      if (accepted) { counts.waiting++; continue; }
      counts.failed++;
      await d.database.call('mark_chain_dispute_keeper', {
        dispute_id: row.dispute_id, step: row.status === 'decided' ? 'execute' : 'tally', round: row.round, status: 'pending', tx_hash: null,
        error: `Could not reach Soroban RPC: ${(err as Error).message}`,
      }).catch(() => undefined);
    }
  }
  return counts;
}
