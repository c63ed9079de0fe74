import type { Database } from '@/lib/db/port';
import { kindOf, pointsExpiringDraft, proposalDraft } from './catalogue';
import { createNotifications, itemFor } from './create';

// Notices that time raises rather than an event: points about to expire, a proposal's voting
// opening, and its close coming up for those who have not voted. Each producer answers who is
// concerned through its own read function (the notifications domain never reads their tables);
// each notice's source key makes it once per (user, thing): the `notices` job can run as often
// as it likes, on any instance, and a notice is created — and sent — once.

interface Expiring { user_id: string; points: number; expires_at: string }
interface OpenVote { proposal_id: number; title: string; vote_end: string; ending_soon: boolean; voters: string[] }

export interface NoticeRun { points_expiring: number; proposal_started: number; proposal_ending: number }

async function parameter(db: Database, key: string): Promise<number> {
  const all = await db.call<{ key: string; value: number | string }[]>('governed_parameters');
  const found = all.find((p) => p.key === key);
  if (!found) throw new Error(`governed parameter ${key} does not exist`);
  return Number(found.value);
}

export async function sendTimedNotices(db: Database): Promise<NoticeRun> {
  const [expiryNotice, endingNotice] = await Promise.all([
    parameter(db, 'notifications.points_expiry_notice_seconds'), parameter(db, 'notifications.proposal_ending_notice_seconds')]);

  const expiring = await db.call<Expiring[]>('loyalty_points_expiring', { within_seconds: expiryNotice, limit: 1000 });
  const pointsKind = kindOf('points_expiring')!;
  // keyed by the expiry day: activity that moves the date gives a fresh notice when it nears again
  const points = await createNotifications(db, expiring.map((m) =>
    itemFor(pointsKind, pointsExpiringDraft(m), `points_expiring:${m.expires_at.slice(0, 10)}`)));

  const open = await db.call<OpenVote[]>('governance_open_votes', { ending_within_seconds: endingNotice, limit: 50 });
  const startedKind = kindOf('proposal_started')!;
  const endingKind = kindOf('proposal_ending')!;
  // a proposal first seen inside its closing window gets the closing notice only: one says both
  const started = await createNotifications(db, open.filter((p) => !p.ending_soon).flatMap((p) =>
    p.voters.map((user) => itemFor(startedKind, proposalDraft('started', user, p), `proposal_started:${p.proposal_id}`))));
  const ending = await createNotifications(db, open.filter((p) => p.ending_soon).flatMap((p) =>
    p.voters.map((user) => itemFor(endingKind, proposalDraft('ending', user, p), `proposal_ending:${p.proposal_id}`))));

  return { points_expiring: points.length, proposal_started: started.length, proposal_ending: ending.length };
}
