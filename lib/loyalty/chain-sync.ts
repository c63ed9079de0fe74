import type { Keypair } from '@stellar/stellar-sdk';
import { rpc } from '@stellar/stellar-sdk';
import type { Database } from '@/lib/db/port';
import { invokeContract, type InvokeTarget } from '@/lib/stellar/contracts/invoke';
import { readContract } from '@/lib/stellar/contracts/read';
import { loyalty, MAX_SYNC_BATCH, type MemberSync, type TierName } from '@/lib/stellar/contracts/loyalty';
import { rpcServer } from '@/lib/stellar/rpc';
import type { LoyaltyTier } from './types';

// The loyalty-chain-sync job: sends the members the loyalty-chain consumer queued
// (public.open_loyalty_chain_syncs) to the `loyalty` contract's batch_sync_members, at most 20
// a transaction, signed by an account holding the contract's `syncer` role. Each carries the
// member's absolute active points and tier and their row's version as `sync_seq`, which the
// contract requires to rise: a transaction replayed or overtaken by a newer one changes nothing.
// Like the settlement outbox: rows are marked submitted with the hash before waiting, a
// submitted row is re-checked rather than resent, and a row is failed after 5 attempts (an admin
// retries it from /admin/loyalty; the member's next change queues it again anyway).

export const MAX_SYNC_ATTEMPTS = 5;
/** The contract's error for a sync_seq not above the stored one. */
const STALE_SYNC = 3;

const CHAIN_TIER: Record<LoyaltyTier, TierName> = { blue: 'member', silver: 'silver', gold: 'gold', platinum: 'platinum' };

type Send = { address: string; points: number; tier: LoyaltyTier; version: number };
interface OpenSync { member_id: string; status: 'pending' | 'submitted'; tx_hash: string | null; sent_version: number | null; address: string | null; send: Send }

export interface ChainSyncDeps {
  database: Database;
  target: InvokeTarget;
  /** The account holding the contract's syncer role (the server signer). */
  syncer: Keypair;
  /** How long to wait for a transaction before leaving it submitted (default 30 s). */
  waitMs?: number;
}

export type ChainSyncCounts = { confirmed: number; pending: number; failed: number; submitted: number };

const mark = (d: ChainSyncDeps, member: string, status: string, extra: { version?: number | null; tx_hash?: string | null; error?: string | null; sent?: Send } = {}) =>
  d.database.call('mark_loyalty_chain_sync', {
    member_id: member, status, version: extra.version ?? null, tx_hash: extra.tx_hash ?? null, error: extra.error ?? null,
    sent: extra.sent ?? null, max_attempts: MAX_SYNC_ATTEMPTS,
  });

/**
 * A submitted transaction seen again. Landed: each member is confirmed when the contract's record
 * holds the version sent (read back, so no batch position has to be remembered); failed on
 * chain: sent anew; unseen: left for the next run.
 */
async function recheck(d: ChainSyncDeps, rows: OpenSync[], counts: ChainSyncCounts) {
  for (const r of rows) {
    const res = await rpcServer(d.target).getTransaction(r.tx_hash!);
    if (res.status === rpc.Api.GetTransactionStatus.NOT_FOUND) { counts.submitted++; continue; }
    const onChain = res.status === rpc.Api.GetTransactionStatus.SUCCESS && r.address
      ? await readContract(loyalty, d.target, 'get_member', loyalty.args.get_member(r.address))
      : null;
    if (onChain && r.sent_version !== null && onChain.sync_seq >= BigInt(r.sent_version)) {
      await mark(d, r.member_id, 'confirmed', { version: r.sent_version });
      counts.confirmed++;
    } else {
      await mark(d, r.member_id, 'pending', { error: 'The sync transaction did not apply on chain; sending again.' });
      counts.pending++;
    }
  }
}

async function settleItem(d: ChainSyncDeps, member: string, version: number, error: number, counts: ChainSyncCounts) {
  if (error === 0) {
    await mark(d, member, 'confirmed', { version });
    counts.confirmed++;
  } else {
    // StaleSync: the chain holds a newer sync_seq than this database ever sent (a database
    // restored from an older copy); retrying cannot help, an operator must look.
    const why = error === STALE_SYNC ? 'The chain holds a newer sync_seq for this member than this database has.' : `The loyalty contract refused this member (error ${error}).`;
    const row = await mark(d, member, error === STALE_SYNC ? 'failed' : 'pending', { error: why }) as { status: string };
    counts[row.status === 'failed' ? 'failed' : 'pending']++;
  }
}

export async function syncLoyaltyToChain(d: ChainSyncDeps, limit = MAX_SYNC_BATCH): Promise<ChainSyncCounts> {
  const counts: ChainSyncCounts = { confirmed: 0, pending: 0, failed: 0, submitted: 0 };
  const open = await d.database.call<OpenSync[]>('open_loyalty_chain_syncs', { limit: Math.min(limit, MAX_SYNC_BATCH) });
  const inFlight = open.filter((r) => r.status === 'submitted' && r.tx_hash);
  const toSend = open.filter((r) => r.status === 'pending').sort((a, b) => a.member_id.localeCompare(b.member_id));
  try {
    await recheck(d, inFlight, counts);
  } catch {
    counts.submitted += inFlight.length; // RPC down: checked again next run
  }
  if (toSend.length === 0) return counts;

  const updates: MemberSync[] = toSend.map((r) => ({ member: r.send.address, points: BigInt(r.send.points), tier: CHAIN_TIER[r.send.tier], syncSeq: BigInt(r.send.version) }));
  const onSubmitted = async (hash: string) => {
    for (const r of toSend) await mark(d, r.member_id, 'submitted', { tx_hash: hash, sent: r.send });
  };
  let sent;
  try {
    sent = await invokeContract(loyalty, d.target, d.syncer, 'batch_sync_members', loyalty.args.batch_sync_members(d.syncer.publicKey(), updates), { onSubmitted, waitMs: d.waitMs });
  } catch (err) {
    // RPC unreachable before anything was sent (or after: a submitted row is re-checked by hash)
    for (const r of toSend) await mark(d, r.member_id, 'pending', { error: `Could not reach Soroban RPC: ${(err as Error).message}` });
    counts.pending += toSend.length;
    return counts;
  }
  switch (sent.outcome) {
    case 'success':
      for (const [i, r] of toSend.entries()) await settleItem(d, r.member_id, r.send.version, Number(sent.result?.[i]?.error ?? 0), counts);
      break;
    case 'pending':
      counts.submitted += toSend.length; // marked submitted with its hash: re-checked next run, never resent
      break;
    case 'refused':
    case 'failed': {
      const error = sent.outcome === 'refused' ? `The loyalty contract refused the batch: ${sent.simulationError.split('\n')[0]}` : 'The sync transaction failed.';
      for (const r of toSend) {
        const row = await mark(d, r.member_id, 'pending', { error }) as { status: string };
        counts[row.status === 'failed' ? 'failed' : 'pending']++;
      }
    }
  }
  return counts;
}
