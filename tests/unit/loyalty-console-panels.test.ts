import { createElement as h, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { GovernanceParameter } from '@/lib/governance/parameters';
import type { AdminFeeRebate } from '@/lib/loyalty/fee-rebates-admin';
import type { ChainSyncRow } from '@/lib/loyalty/chain-sync-admin';
import { loyaltyParameterGroups } from '@/lib/loyalty/parameters-view';
import { ChainSyncPanel } from '@/components/admin/loyalty/chain-sync-panel';
import { FeeRebatesPanel } from '@/components/admin/loyalty/fee-rebates-panel';
import { ParametersPanel } from '@/components/admin/loyalty/parameters-panel';

// The Rewards console's panels rendered on the server: the two chain outboxes on their one shared
// panel (status tabs with counts, rows, the status column, the next page), and the read-only
// programme rules with what set each (a link to the proposal that did).

const html = (el: ReactElement) => renderToStaticMarkup(el);
const noRetry = async () => ({ ok: false as const, message: 'unused' });

const rebate: AdminFeeRebate = {
  chain_booking_id: '1234567', pnr: 'ABC234', fee_minor: 1500, tier: 'gold', bps: 2000, amount_minor: 300, currency: 'USD',
  address: 'GABC', status: 'confirmed', tx_hash: 'f'.repeat(64), release_tx: 'e'.repeat(64), member_id: 'm1', attempts: 1, error: null,
  submitted_at: null, created_at: '2026-12-01T10:00:00Z', updated_at: '2026-12-01T10:00:00Z',
};
const sync: ChainSyncRow = {
  member_id: '0123456789abcdef', version: 4, synced_version: 3, status: 'submitted', sent_version: 4, address: 'GXYZ', points: 1200, tier: 'silver',
  tx_hash: 'a'.repeat(64), attempts: 2, error: 'RPC timed out', updated_at: '2026-12-01T10:00:00Z',
};

describe('the chain outbox panels', () => {
  it('fee rebates: tabs with counts (the current one marked), the row, its last transfer, the next page', () => {
    const out = html(h(FeeRebatesPanel, { status: 'confirmed', chain: null, retry: noRetry as never,
      page: { counts: { confirmed: 1, failed: 2 }, data: [rebate], nextCursor: 'CUR' } }));
    expect(out).toContain('data-testid="fee-rebates"');
    expect(out).toContain('<nav aria-label="Rebate status"');
    expect(out).toMatch(/<a aria-current="page"[^>]*href="\/admin\/loyalty\?rebates=confirmed#fee-rebates-title"[^>]*>confirmed <span class="tabular-nums">\(1\)<\/span>/);
    expect(out).toContain('failed <span class="tabular-nums">(2)</span>');
    expect(out).toContain('pending <span class="tabular-nums">(0)</span>');
    expect(out).toContain('<caption class="sr-only">Fee rebates that are confirmed, newest first</caption>');
    expect(out.match(/<th scope="col"[^>]*>([^<]+)<\/th>/g)!.map((th) => th.replace(/<[^>]+>/g, ''))).toEqual(['Booking', 'Rebate', 'Status', 'Last error', 'Action']);
    expect(out).toContain('$3.00');
    expect(out).toContain(`last transfer ${'f'.repeat(64)}`);
    expect(out).toContain('1 attempt ·');
    expect(out).toContain('href="/admin/loyalty?rebates=confirmed&amp;rebates_cursor=CUR#fee-rebates-title"');
    expect(out).toContain('Paid every minute.');
  });

  it('the loyalty mirror: its own labels and words on the same panel; an empty status shows its empty state', () => {
    const out = html(h(ChainSyncPanel, { status: 'submitted', chain: 'no chain configured', retry: noRetry as never,
      page: { counts: { submitted: 1 }, data: [sync], nextCursor: null } }));
    expect(out).toContain('data-testid="chain-sync"');
    expect(out).toContain('The sync is off here (no chain configured)');
    expect(out).toContain('no wallet <span class="tabular-nums">(0)</span>');
    expect(out).toContain('1,200 points · silver');
    expect(out).toContain('sync_seq 4 · on chain 3 · latest 4');
    expect(out).toContain('RPC timed out');
    expect(out).toContain('2 attempts ·');
    expect(out).not.toContain('More members');
    const empty = html(h(ChainSyncPanel, { status: 'failed', chain: null, retry: noRetry as never, page: { counts: {}, data: [], nextCursor: null } }));
    expect(empty).toContain('No failed syncs');
    expect(empty).not.toContain('<table');
  });
});

describe('the programme rules', () => {
  const param = (key: string, value: number, unit: GovernanceParameter['unit'], set: Partial<GovernanceParameter> = {}): GovernanceParameter => ({
    key, value, unit, min: 0, max: 100, integral: true, description: `About ${key}`, updated_at: '2026-12-01T00:00:00Z', updated_by: null,
    last_change: { source: 'seed', source_ref: null, before: null, after: value, changed_at: '2026-11-26T00:00:00Z' }, set_by_proposal: null, ...set,
  });

  it('shows each rule in force with its bounds, and links the proposal that set it', () => {
    const params = [
      param('loyalty.earn_points_per_usd', 6, 'points_per_usd', {
        last_change: { source: 'governance', source_ref: 'proposal:7', before: 5, after: 6, changed_at: '2026-12-03T12:00:00Z' },
        set_by_proposal: { id: 7, title: 'Six points a dollar', executed_at: '2026-12-03T12:00:00Z' } }),
      param('loyalty.fee_discount.gold', 2000, 'bps', { max: 10000 }),
      param('loyalty.tier_multiplier.gold', 1.5, 'multiplier'),
      param('platform.fee_bps', 250, 'bps'),
    ];
    const out = html(h(ParametersPanel, { groups: loyaltyParameterGroups(params) }));
    expect(out).toContain('data-testid="loyalty-parameters"');
    expect(out).toContain('<a class="text-primary underline-offset-2 hover:underline" href="/governance/proposals/7">Proposal #7: Six points a dollar</a>');
    expect(out).toContain('6 points per usd');
    expect(out).toContain('2000 bps (20.00%)');
    expect(out).toContain('>×1.5</td>');
    expect(out).toContain('Launch value');
    expect(out).toContain('>Earning</th>');
    expect(out).toContain('>Tier benefits</th>');
    expect(out).not.toContain('platform.fee_bps');   // not a loyalty rule
    expect(out).toContain('href="/governance/new"');
  });
});
