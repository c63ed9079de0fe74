import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Analytics } from '@/lib/admin/analytics';
import type { Viewer } from '@/lib/auth/types';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// The overview's loyalty and governance figures (routines/36_admin_analytics.sql through
// 95_loyalty.sql's loyalty_liability_at and 97_governance.sql's governance_participation) on
// ledger rows and proposals whose every figure can be worked out by hand. The period is
// 1–10 May 2026; the previous one 21–30 April.

const state = vi.hoisted(() => ({ db: undefined as unknown, viewer: null as unknown }));
vi.mock('@/lib/db/connect', () => ({ db: async () => state.db }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => state.viewer, isAccountSuspended: async () => false }));

let t: TestDatabase;

async function points(member: string, amount: number, state: 'pending' | 'active', source: string, at: string) {
  await t.sql(`insert into traqora.loyalty_ledger (member_id, currency, amount, state, reason, source, occurred_at)
               values ($1, 'points', $2, $3, 'analytics test', $4, $5)`, [member, amount, state, source, at]);
}

async function proposal(p: { proposer: string; start: string; end: string; votes: [number, number, number]; cancelled?: string }) {
  await t.sql(`insert into traqora.proposals (proposer, kind, title, body, threshold, quorum_bps, created_at, vote_start, vote_end,
                 for_votes, against_votes, abstain_votes, voters, cancelled_at)
               values ($1, 'signal', 'Analytics test', 'A proposal the overview counts.', 0, 400, $2, $2, $3, $4, $5, $6, 1, $7)`,
    [p.proposer, p.start, p.end, ...p.votes, p.cancelled ?? null]);
}

beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 1 });
  state.db = t.db;
  const ann = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'traveller', name: 'Loyal Lou' })).id;
  const ben = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'traveller', name: 'Voting Vic' })).id;
  state.viewer = { ...(await t.db.call<Omit<Viewer, 'source'>>('upsert_dev_persona', { role: 'finance', name: 'Fay Numbers' })), source: 'dev' };
  // The redemption rate's history (parameter_changes, append-only): 100 → 150 points a dollar on
  // 1 April, 200 on 5 May, 300 on 1 June (today's value). Each period's end is valued at the
  // rate then in force, and the money value rounds down visibly.
  const change = (before: number, after: number, at: string) => t.sql(`insert into traqora.parameter_changes (key, before_value, after_value, source, changed_at)
    values ('loyalty.redemption_points_per_usd', $1, $2, 'admin', $3)`, [before, after, at]);
  await change(100, 150, '2026-04-01T00:00:00Z');
  await change(150, 200, '2026-05-05T00:00:00Z');
  await change(200, 300, '2026-06-01T00:00:00Z');
  await t.sql(`update traqora.governed_parameters set value = 300 where key = 'loyalty.redemption_points_per_usd'`);
  for (const id of [ann, ben]) await t.sql('insert into traqora.loyalty_members (user_id) values ($1) on conflict do nothing', [id]);
  await points(ann, 1000, 'active', 'booking', '2026-04-25T10:00:00Z');     // before the period: 1000 outstanding on 1 May
  await points(ben, 250, 'pending', 'booking', '2026-05-03T10:00:00Z');
  await points(ann, -300, 'active', 'redemption', '2026-05-05T10:00:00Z');
  await points(ben, 205, 'active', 'campaign', '2026-05-09T10:00:00Z');     // 1155 outstanding at the period's end
  await points(ann, 2000, 'active', 'booking', '2026-05-20T10:00:00Z');     // after the period

  // TRQ supply at each snapshot
  await t.sql(`insert into traqora.trq_supply_checkpoints (at, circulating) values ('2026-04-01T00:00:00Z', 1000000), ('2026-04-20T00:00:00Z', 2000000)`);
  await proposal({ proposer: ben, start: '2026-04-10T00:00:00Z', end: '2026-04-25T00:00:00Z', votes: [400000, 100000, 0] });          // previous: 500k of 1M
  await proposal({ proposer: ben, start: '2026-04-02T00:00:00Z', end: '2026-05-04T00:00:00Z', votes: [200000, 50000, 10000] });      // 260k of 1M
  await proposal({ proposer: ben, start: '2026-04-21T00:00:00Z', end: '2026-05-09T00:00:00Z', votes: [140000, 0, 0] });              // 140k of 2M
  await proposal({ proposer: ben, start: '2026-04-02T00:00:00Z', end: '2026-05-08T00:00:00Z', votes: [900000, 0, 0], cancelled: '2026-05-06T00:00:00Z' }); // never closed
  await proposal({ proposer: ben, start: '2026-04-02T00:00:00Z', end: '2026-05-12T00:00:00Z', votes: [900000, 0, 0] });              // closes after the period
}, 60_000);
afterAll(async () => { await t?.close(); });

async function overview(query: string): Promise<Analytics> {
  const { GET } = await import('@/app/api/v1/admin/analytics/route');
  const res = await GET(new NextRequest(new URL(`/api/v1/admin/analytics?${query}`, 'http://t.test')));
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: Analytics }).data;
}

describe('the overview’s loyalty liability and governance participation', () => {
  it('values the points outstanding at each period’s end and the share of voting power that voted on the proposals closed in it', async () => {
    const data = await overview('from=2026-05-01&to=2026-05-10&interval=day');
    expect(data.previous_from).toMatch(/^2026-04-21T00:00:00/);
    expect(data.totals).toMatchObject({
      loyalty_points_outstanding: 1155, loyalty_liability_minor: 577,            // floor(1155 × 100 / 200): the rate since 5 May, not today's 300
      governance_proposals_closed: 2, governance_participation_rate: 0.1333,     // (260k + 140k) / (1M + 2M)
    });
    expect(data.previous).toMatchObject({
      loyalty_points_outstanding: 1000, loyalty_liability_minor: 666,            // floor(1000 × 100 / 150): the rate on 1 May
      governance_proposals_closed: 1, governance_participation_rate: 0.5,
    });
  });

  it('answers zero points and no rate (not zero) for a period with no proposals closed', async () => {
    const data = await overview('from=2026-01-01&to=2026-01-10&interval=day');
    expect(data.totals).toMatchObject({ loyalty_points_outstanding: 0, loyalty_liability_minor: 0,
      governance_proposals_closed: 0, governance_participation_rate: null });
  });
});
