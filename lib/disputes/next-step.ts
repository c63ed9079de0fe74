import type { Dispute, JuryRound } from './types';

// What happens next to a dispute before the jury, and when, for the people waiting on it: the
// jury clock (public.jury_clock, every minute) draws, opens the reveal, tallies and pays, so
// each step names the moment the clock will take it. Pure: the pages pass the jury's clock.

export interface NextStep {
  /** One sentence: who does what next. */
  text: string;
  /** When that happens (ISO), for a countdown; null when it is due now. */
  at: string | null;
}

export function juryNextStep(d: Pick<Dispute, 'status' | 'rounds'>, now: number): NextStep | null {
  if (d.status !== 'escalated') return null;
  const r: JuryRound | undefined = d.rounds.at(-1);
  if (!r) return null;
  const jury = r.round === 2 ? 'The appeal jury' : 'The jury';
  if (!r.drawn_at || !r.commit_ends_at || !r.reveal_ends_at) {
    return { text: `${jury} is drawn from the committed seed within a minute.`, at: null };
  }
  if (!r.tallied_at) {
    if (now < Date.parse(r.commit_ends_at)) return { text: `${jury} commits hidden votes; the reveal window opens when this closes.`, at: r.commit_ends_at };
    if (now < Date.parse(r.reveal_ends_at)) return { text: `Jurors reveal their votes; the votes are tallied when this closes.`, at: r.reveal_ends_at };
    return { text: 'The reveal window has closed: the votes are tallied within a minute.', at: null };
  }
  if (r.round === 1 && r.appeal_ends_at && now < Date.parse(r.appeal_ends_at)) {
    return { text: 'The traveller may appeal to a larger jury until this closes; then the verdict is paid.', at: r.appeal_ends_at };
  }
  return { text: 'The verdict is final: it is paid within a minute.', at: null };
}
