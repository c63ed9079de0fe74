import { createElement as h, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/components/api/fetch-json';
import { loadFailure } from '@/components/api/load-failure';
import { PriceBreakdown } from '@/components/booking/price-breakdown';
import { fareLines, lineAmount, linesTotal, type PriceLine } from '@/components/booking/price-lines';
import { Banner } from '@/components/ui/banner';
import { QueryError, QueryState } from '@/components/ui/query-state';

// The shared pieces the passenger, console, loyalty and governance pages build on: what they
// announce to screen readers, when they offer Try again, and how money lines add up.

const html = (el: ReactElement) => renderToStaticMarkup(el);
/** The text a reader sees, tags dropped. */
const text = (el: ReactElement) => html(el).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const roleOf = (el: ReactElement) => /role="(\w+)"/.exec(html(el))?.[1];

describe('Banner', () => {
  it('interrupts for errors and warnings, waits its turn for news', () => {
    expect(roleOf(h(Banner, { variant: 'error', title: 'Payment didn’t go through' }))).toBe('alert');
    expect(roleOf(h(Banner, { variant: 'warning', title: 'The price has changed' }))).toBe('alert');
    expect(roleOf(h(Banner, { variant: 'success', title: 'Booking cancelled' }))).toBe('status');
    expect(roleOf(h(Banner, { variant: 'info', title: 'Demo money' }))).toBe('status');
    expect(roleOf(h(Banner, { variant: 'warning', role: 'status', title: 'Waiting for payment' }))).toBe('status');
  });

  it('shows its title, body and action, and a dismiss button only when it can be dismissed', () => {
    const el = h(Banner, { variant: 'error', title: 'This offer has expired', action: h('a', { href: '/search' }, 'Search again') }, 'Prices move.');
    expect(text(el)).toBe('This offer has expired Prices move. Search again');
    expect(html(el)).not.toContain('aria-label="Dismiss"');
    expect(html(h(Banner, { variant: 'warning', title: 'Switched', onDismiss: vi.fn() }))).toContain('aria-label="Dismiss"');
  });
});

describe('loadFailure', () => {
  it('shows the problem’s detail and offers a retry when the failure may pass', () => {
    expect(loadFailure(new ApiError(503, 'The ledger is not answering.', { title: 'Service Unavailable', detail: 'The ledger is not answering.' })))
      .toMatchObject({ title: 'Service Unavailable', detail: 'The ledger is not answering.', retryable: true, status: 503 });
    expect(loadFailure(new ApiError(0, 'Could not reach the server.')).retryable).toBe(true);
    expect(loadFailure(new ApiError(429, 'Slow down.')).retryable).toBe(true);
    expect(loadFailure(new Error('boom'))).toMatchObject({ detail: 'boom', retryable: true, status: null });
  });

  it('does not offer a retry that would get the same answer', () => {
    expect(loadFailure(new ApiError(404, 'No booking has this reference.')).retryable).toBe(false);
    expect(loadFailure(new ApiError(401, 'Sign in.')).retryable).toBe(false);
    const bad = loadFailure(new ApiError(400, 'Invalid query', { errors: [{ field: 'query.date', message: 'must be a date as YYYY-MM-DD' }] }));
    expect(bad).toMatchObject({ retryable: false, fields: [{ field: 'query.date', message: 'must be a date as YYYY-MM-DD' }] });
  });
});

describe('QueryError and QueryState', () => {
  it('says what failed and why, with Try again only when it can help', () => {
    const down = h(QueryError, { error: new ApiError(503, 'The ledger is not answering.'), title: 'We couldn’t load your wallet', onRetry: vi.fn() });
    expect(roleOf(down)).toBe('alert');
    expect(text(down)).toBe('We couldn’t load your wallet The ledger is not answering. Try again');
    const missing = h(QueryError, { error: new ApiError(404, 'No booking has this reference.'), title: 'We couldn’t load this booking', onRetry: vi.fn() });
    expect(text(missing)).toBe('We couldn’t load this booking No booking has this reference.');
    const retrying = h(QueryError, { error: new ApiError(0, 'Offline.'), onRetry: vi.fn(), retrying: true });
    expect(html(retrying)).toMatch(/<button[^>]*disabled=""[^>]*>.*Trying again…/);
  });

  it('falls back to the problem’s title, and lists the fields a 400 names in the page’s words', () => {
    expect(text(h(QueryError, { error: new ApiError(409, 'Already cancelled.', { title: 'Conflict' }) }))).toBe('Conflict Already cancelled.');
    const bad = h(QueryError, {
      error: new ApiError(400, 'Invalid query', { errors: [{ field: 'query.date', message: 'is not a real date' }] }),
      title: 'Check the search',
      fieldLabel: (f: string) => (f === 'query.date' ? 'Departure date' : f),
      layout: 'panel',
      headingLevel: 3,
    });
    expect(html(bad)).toContain('<h3');
    expect(text(bad)).toBe('Check the search Departure date is not a real date');
  });

  it('announces loading, shows the error of a failed query, and nothing once there is data', () => {
    const base = { isFetching: false, refetch: vi.fn() };
    const loading = html(h(QueryState, { query: { ...base, status: 'pending', error: null }, label: 'Loading your trips…', skeleton: h('div', { className: 'h-24' }) }));
    expect(loading).toContain('aria-busy="true"');
    expect(loading).toMatch(/role="status"[^>]*>Loading your trips…/);
    const failed = h(QueryState, { query: { ...base, status: 'error', error: new ApiError(500, 'Internal error.') }, label: 'Loading…', failed: 'We couldn’t load your trips' });
    expect(text(failed)).toBe('We couldn’t load your trips Internal error. Try again');
    expect(html(h(QueryState, { query: { ...base, status: 'success', error: null }, label: 'Loading…' }))).toBe('');
  });
});

describe('PriceBreakdown', () => {
  const price = { currency: 'USD', base_minor: 78_700, taxes_minor: 6_800, total_minor: 85_500 };

  it('makes the fare and taxes lines that add up to the total', () => {
    expect(fareLines(price).map((l) => [l.label, l.amount_minor])).toEqual([['Fare', 78_700], ['Taxes and fees', 6_800]]);
    expect(linesTotal(fareLines(price))).toBe(price.total_minor);
  });

  it('shows each line and the charged total with cents', () => {
    const el = h(PriceBreakdown, { currency: 'USD', lines: fareLines(price), total: price.total_minor });
    expect(text(el)).toBe('Fare $787.00 Taxes and fees $68.00 Total $855.00');
  });

  it('takes a discount or a fee as one more line of data, and lines below the total after it', () => {
    const lines: PriceLine[] = [
      ...fareLines(price),
      { id: 'platform_fee', label: 'Platform fee', amount_minor: 1_000 },
      { id: 'points', label: 'Points redeemed', note: '1,200 points', amount_minor: -1_200 },
    ];
    const el = h(PriceBreakdown, {
      currency: 'USD',
      lines,
      total: linesTotal(lines),
      after: [{ id: 'refunded', label: 'Refunded', amount_minor: 5_000, tone: 'success' }],
    });
    expect(text(el)).toBe('Fare $787.00 Taxes and fees $68.00 Platform fee $10.00 Points redeemed 1,200 points −$12.00 Total $853.00 Refunded $50.00');
    // Money coming back reads in the success colour: the saving and the refund, not the fee.
    expect(html(el).match(/text-success[^>]*>[^<]*/g)).toEqual([expect.stringContaining('−$12.00'), expect.stringContaining('$50.00')]);
  });

  it('writes a negative amount with a true minus sign', () => {
    expect(lineAmount(-1_250, 'USD')).toBe('−$12.50');
    expect(lineAmount(0, 'EUR')).toBe('€0.00');
  });
});
