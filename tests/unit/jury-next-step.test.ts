import { describe, expect, it } from 'vitest';
import { juryNextStep } from '@/lib/disputes/next-step';
import type { JuryRound } from '@/lib/disputes/types';
import { tokenAmount } from '@/components/disputes/chain-settlements';

// What a dispute before the jury waits for next (the pages' "What happens next"), on the jury's
// clock; and the escrow's token amounts as the dispute shows them.

const T0 = Date.parse('2026-12-10T12:00:00Z');
const at = (h: number) => new Date(T0 + h * 3_600_000).toISOString();
const round = (over: Partial<JuryRound>): JuryRound => ({
  round: 1, jury_size: 3, seed_hash: 'a'.repeat(64), seed: null, candidates: [], options: [], stake_at_risk: '0', opened_at: at(0),
  drawn_at: at(0), commit_ends_at: at(48), reveal_ends_at: at(72), tallied_at: null, winning_option: null, appeal_ends_at: null,
  reveal_opened_at: null, seats: [], ...over,
});
const next = (r: Partial<JuryRound>, hour: number, status: 'escalated' | 'resolved' = 'escalated') =>
  juryNextStep({ status, rounds: [round(r)] }, T0 + hour * 3_600_000);

describe('what happens next to a dispute before the jury', () => {
  it('walks the windows: draw, commit, reveal, tally, appeal, payment', () => {
    expect(next({ drawn_at: null, commit_ends_at: null, reveal_ends_at: null }, 0)).toEqual({ text: expect.stringContaining('drawn'), at: null });
    expect(next({}, 1)).toEqual({ text: expect.stringContaining('commits hidden votes'), at: at(48) });
    expect(next({}, 50)).toEqual({ text: expect.stringContaining('reveal'), at: at(72) });
    expect(next({}, 73)).toEqual({ text: expect.stringContaining('tallied within a minute'), at: null });
    expect(next({ tallied_at: at(73), winning_option: 0, appeal_ends_at: at(121) }, 80)).toEqual({ text: expect.stringContaining('appeal'), at: at(121) });
    expect(next({ tallied_at: at(73), winning_option: 0, appeal_ends_at: at(121) }, 122)).toEqual({ text: expect.stringContaining('paid within a minute'), at: null });
    // the appeal round's verdict is final at once
    expect(next({ round: 2, tallied_at: at(73), winning_option: 1 }, 74)?.text).toContain('final');
  });

  it('says nothing once the dispute has left the jury', () => {
    expect(next({ tallied_at: at(73), winning_option: 0 }, 200, 'resolved')).toBeNull();
  });
});

describe('token amounts', () => {
  it('shows base units with 2 to 7 decimals, exactly', () => {
    expect(tokenAmount('1234500000')).toBe('123.45');
    expect(tokenAmount('30862500')).toBe('3.08625');
    expect(tokenAmount('0')).toBe('0.00');
    expect(tokenAmount('123456789012345678')).toBe('12,345,678,901.2345678');
  });
});
