import { describe, expect, it } from 'vitest';
import type { ChainJuryCase } from '@/lib/disputes/chain/cases';
import { rewardCandidates } from '@/lib/disputes/chain/reward-candidates';
import type { ChainDisputeEvent } from '@/lib/disputes/types';
import { mergeCasePages } from '@/components/disputes/case-pages';

// Where a juror's reward can exist (lib/disputes/chain/reward-candidates.ts): only these rows
// cost the cases list a contract read. And the /disputes list's pages merged (a case executed
// while the viewer paged comes twice; it is shown once, with its newer state).

const A = 'GAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAJUROR';
const B = 'GBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBJUROR';
let n = 0;
const ev = (action: ChainDisputeEvent['action'], over: Partial<ChainDisputeEvent> = {}): ChainDisputeEvent => ({
  id: `e${++n}`, action, round: 1, account: null, vote: null, weight: null, tx_hash: null, ledger: n, closed_at: '2026-12-06T00:00:00Z', amount: null, ...over,
});
const revealed = (account: string, vote: 'refund' | 'release', round = 1, weight = '100') => ev('revealed', { account, vote, round, weight });
const decided = (vote: 'refund' | 'release', round = 1) => ev('decided', { vote, round });

describe('rewardCandidates', () => {
  it('keeps a reveal on the side its round decided, by one of the viewer’s accounts', () => {
    const events = [ev('filed'), revealed(A, 'refund', 1, '700'), revealed(B, 'refund'), decided('refund')];
    expect(rewardCandidates({ events }, [A])).toEqual([{ round: 1, juror: A, weight: '700', claimed: null }]);
    expect(rewardCandidates({ events }, [A, B]).map((c) => c.juror)).toEqual([A, B]);
  });

  it('has none for no reveal, the losing side, an untallied round, or nobody’s accounts', () => {
    expect(rewardCandidates({ events: [ev('committed', { account: A }), decided('refund')] }, [A])).toEqual([]);
    expect(rewardCandidates({ events: [revealed(A, 'release'), decided('refund')] }, [A])).toEqual([]);
    expect(rewardCandidates({ events: [revealed(A, 'refund')] }, [A])).toEqual([]);
    // round 1 decided, round 2 (the appeal) not yet: only round 1 counts
    expect(rewardCandidates({ events: [revealed(A, 'refund', 1), decided('refund', 1), ev('appealed', { round: 2 }), revealed(A, 'release', 2)] }, [A]))
      .toEqual([{ round: 1, juror: A, weight: '100', claimed: null }]);
    expect(rewardCandidates({ events: [revealed(A, 'refund'), decided('refund')] }, [])).toEqual([]);
    expect(rewardCandidates({ events: [revealed(A, 'refund'), decided('refund')] }, [B])).toEqual([]);
  });

  it('carries an indexed claim’s amount and transaction, so no read is needed', () => {
    const events = [revealed(A, 'release'), decided('release'), ev('reward_claimed', { account: A, amount: '42', tx_hash: 'ab'.repeat(32) })];
    expect(rewardCandidates({ events }, [A])).toEqual([{ round: 1, juror: A, weight: '100', claimed: { amount: '42', tx_hash: 'ab'.repeat(32) } }]);
    // another round's claim, or another juror's, is not this one
    expect(rewardCandidates({ events: [revealed(A, 'release'), decided('release'), ev('reward_claimed', { account: B, amount: '1' })] }, [A])[0].claimed).toBeNull();
  });
});

describe('mergeCasePages', () => {
  const kase = (id: string, status: 'voting' | 'executed') => ({ dispute_id: id, chain: { status } }) as unknown as ChainJuryCase;
  it('lists each case once, where it was first shown, with the newest copy', () => {
    const merged = mergeCasePages([{ data: [kase('a', 'voting'), kase('b', 'voting')] }, { data: [kase('c', 'voting'), kase('a', 'executed'), kase('d', 'executed')] }]);
    expect(merged.map((c) => [c.dispute_id, c.chain.status])).toEqual([['a', 'executed'], ['b', 'voting'], ['c', 'voting'], ['d', 'executed']]);
    expect(mergeCasePages([])).toEqual([]);
  });
});
