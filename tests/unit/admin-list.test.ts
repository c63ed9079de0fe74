import { createElement as h, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HttpProblem } from '@/lib/http/problem';
import { readListPage } from '@/lib/admin/list-page';
import { listHref } from '@/components/admin/list/href';
import { ListPager } from '@/components/admin/list/pager';
import { ListTable } from '@/components/admin/list/table';
import { StatusTabs } from '@/components/admin/list/tabs';
import { SettlementMovedCell } from '@/components/money/settlement-moved';

// The console's shared list pieces (components/admin/list): the URL carries only the filters
// set, the table marks its rows for tests and scripts, the pager offers the first page once
// paged, a stale cursor is a notice rather than an error page, and the money page shows what
// the escrow moved next to what the app asked for.

const html = (el: ReactElement) => renderToStaticMarkup(el);

describe('listHref', () => {
  it('keeps the filters that are set, encoded, and nothing else', () => {
    expect(listHref('/admin/users', { role: 'finance', status: undefined, q: 'a&b c', cursor: null })).toBe('/admin/users?role=finance&q=a%26b+c');
    expect(listHref('/admin/users', { role: '', q: undefined })).toBe('/admin/users');
  });
});

describe('ListTable', () => {
  const columns = [
    { header: 'Booking', cell: (r: { pnr: string; amount: number }) => r.pnr },
    { header: 'Amount', align: 'right' as const, className: 'tabular-nums', cell: (r: { pnr: string; amount: number }) => r.amount },
  ];
  it('renders a caption, header cells with scope, and each row with its data attributes', () => {
    const out = html(h(ListTable<{ pnr: string; amount: number }>, {
      caption: 'Bookings, newest first', columns, rows: [{ pnr: 'ABC234', amount: 5 }, { pnr: 'XYZ789', amount: 7 }],
      rowKey: (r) => r.pnr, rowData: (r) => ({ 'data-pnr': r.pnr }), empty: h('p', null, 'none'), className: 'min-w-[36rem]',
    }));
    expect(out).toContain('<caption class="sr-only">Bookings, newest first</caption>');
    expect(out.match(/<th scope="col"/g)).toHaveLength(2);
    expect(out).toContain('<th scope="col" class="p-3 font-medium text-right">Amount</th>');
    expect(out).toMatch(/<tr class="align-top" data-pnr="ABC234"><td class="p-3">ABC234<\/td><td class="p-3 text-right tabular-nums">5<\/td><\/tr>/);
    expect(out).toContain('data-pnr="XYZ789"');
    expect(out).not.toContain('none');
  });
  it('shows the empty state instead of a table without rows', () => {
    const out = html(h(ListTable<{ pnr: string; amount: number }>, { caption: 'x', columns, rows: [], rowKey: (r) => r.pnr, empty: h('p', null, 'No bookings match') }));
    expect(out).toBe('<p>No bookings match</p>');
  });
});

describe('ListPager and StatusTabs', () => {
  it('offers the first page once paged and the next while there is one, nothing on a single page', () => {
    expect(html(h(ListPager, { first: null, next: null }))).toBe('');
    const both = html(h(ListPager, { first: '/admin/users', next: '/admin/users?cursor=abc', nextLabel: 'Older users' }));
    expect(both).toContain('aria-label="Pages"');
    expect(both).toMatch(/href="\/admin\/users"[^>]*>First page<\/a>.*href="\/admin\/users\?cursor=abc"[^>]*>Older users<\/a>/);
  });
  it('marks the current tab for assistive technology', () => {
    const out = html(h(StatusTabs, { label: 'Status', current: 'b', tabs: [{ value: 'a', label: 'A', href: '/x?status=a' }, { value: 'b', label: 'B', href: '/x?status=b' }] }));
    expect(out).toContain('aria-label="Status"');
    expect(out.match(/aria-current="page"/g)).toHaveLength(1);
    expect(out).toMatch(/<a aria-current="page"[^>]*href="\/x\?status=b">B<\/a>/);
  });
});

describe('readListPage', () => {
  it('turns a refused cursor (400) into an empty, stale page and rethrows anything else', async () => {
    const empty: { data: number[]; nextCursor: string | null } = { data: [], nextCursor: null };
    expect(await readListPage(async () => ({ data: [1], nextCursor: 'n' }), empty)).toEqual({ page: { data: [1], nextCursor: 'n' }, stale: false });
    expect(await readListPage(async () => { throw new HttpProblem(400, 'bad cursor', [{ field: 'cursor', message: 'is not a cursor' }]); }, empty)).toEqual({ page: empty, stale: true });
    await expect(readListPage(async () => { throw new HttpProblem(404, 'gone'); }, empty)).rejects.toMatchObject({ status: 404 });
    await expect(readListPage(async () => { throw new Error('db down'); }, empty)).rejects.toThrow('db down');
  });
});

describe('SettlementMovedCell', () => {
  const base = { kind: 'cancellation' as const, refund_minor: 2500, currency: 'USD' };
  it('shows what the escrow moved, in token units, and flags a refund that differs from the app’s', () => {
    const moved = { event: 'CancellationSettled' as const, refund: '250000000', to_airline: '412345678', fee: '4165432' };
    const out = html(h(SettlementMovedCell, { row: { ...base, status: 'confirmed', moved } }));
    expect(out).toContain('<dd data-moved="refund">25.00</dd>');
    expect(out).toContain('<dd data-moved="to_airline">41.2345678</dd>');
    expect(out).toContain('<dd data-moved="fee">0.4165432 USD</dd>');
    expect(out).not.toContain('differs');
    expect(html(h(SettlementMovedCell, { row: { ...base, status: 'confirmed', moved: { ...moved, refund: '249000000' } } }))).toContain('refund differs from the app’s');
  });
  it('says when nothing was read yet', () => {
    expect(html(h(SettlementMovedCell, { row: { ...base, status: 'pending', moved: null } }))).toContain('—');
    expect(html(h(SettlementMovedCell, { row: { ...base, status: 'confirmed', moved: null } }))).toContain('not read from the transaction');
  });
});

describe('describeAction', () => {
  it('reads the AdminAction union as the indexer stores it (the spec’s { tag, values }) and as a bare [tag, value]', async () => {
    const { describeAction } = await import('@/lib/settlements/multisig');
    expect(describeAction({ tag: 'SetThreshold', values: [2] })).toBe('set the threshold to 2');
    expect(describeAction({ tag: 'Invoke', values: [{ contract: 'CABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGHIJKLMNOPQRSTUV', function: 'grant_role', args: [] }] }))
      .toMatch(/^call grant_role on C/);
    expect(describeAction({ tag: 'UpgradeSelf', values: ['00'] })).toBe('upgrade the multisig contract itself');
    expect(describeAction(['SetThreshold', 3])).toBe('set the threshold to 3');
    expect(describeAction({ nope: 1 })).toBe('an action this console cannot read');
  });
});
