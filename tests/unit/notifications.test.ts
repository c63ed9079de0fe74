import { describe, expect, it } from 'vitest';
import { reconnectDelay } from '@/components/live/backoff';
import { KINDS, NOTIFIED_EVENT_TYPES, formatWhen } from '@/lib/notifications/catalogue';
import { itemsForEvent } from '@/lib/notifications/create';
import { renderEmail } from '@/lib/notifications/email/render';
import { signUnsubscribe, verifyUnsubscribe } from '@/lib/notifications/unsubscribe-token';

// The pure parts of notifications: the catalogue's drafts, the email's parts, the unsubscribe
// token, and the live client's reconnect backoff.

const booking = {
  booking_id: '7d0c6f0e-1111-4a4a-9b9b-000000000001', pnr: 'TQ7XK2', user_id: 'u-1', status: 'held', total_minor: 123_456, currency: 'USD',
  hold_expires_at: '2026-12-06T14:05:00Z', refund_minor: 0,
  segments: [
    { seq: 1, slice: 0, origin: 'JFK', destination: 'LHR' },
    { seq: 2, slice: 0, origin: 'LHR', destination: 'CDG' },
    { seq: 3, slice: 1, origin: 'CDG', destination: 'JFK' },
  ],
};

describe('the catalogue', () => {
  it('has one entry per type, and every event it names is a catalogued type', () => {
    expect(new Set(KINDS.map((k) => k.type)).size).toBe(KINDS.length);
    expect(NOTIFIED_EVENT_TYPES).toEqual(expect.arrayContaining(['booking.held', 'booking.paid', 'booking.cancelled', 'booking.refunded', 'payment.failed', 'flight.status_changed']));
  });

  it('a hold names the route, the PNR, the deadline and the amount; keys are per event and kind', () => {
    const [item] = itemsForEvent({ id: 42, type: 'booking.held', payload: booking });
    expect(item).toMatchObject({ user_id: 'u-1', type: 'booking_held', source_key: 'event:42:booking_held', event_id: 42, link: '/trips/TQ7XK2', urgent: false, channels: { email: true } });
    expect(item.title).toBe('Seats held on JFK–CDG (TQ7XK2)');
    expect(item.body).toContain('6 Dec 2026, 14:05 UTC');
    expect(item.body).toContain('US$1,234.56');
  });

  it('a flight tells only delayed or cancelled, each booked traveller once, urgent when cancelled', () => {
    const flight = { flight_id: 9, airline: 'BA', flight_number: 117, origin: 'JFK', destination: 'LHR', departs_at: '2026-12-07T18:00:00Z',
      bookings: [{ booking_id: 'b1', pnr: 'AAAAAA', user_id: 'u-1', status: 'paid' }, { booking_id: 'b2', pnr: 'BBBBBB', user_id: 'u-2', status: 'held' }] };
    expect(itemsForEvent({ id: 1, type: 'flight.status_changed', payload: { ...flight, to_status: 'boarding' } })).toEqual([]);
    const cancelled = itemsForEvent({ id: 2, type: 'flight.status_changed', payload: { ...flight, to_status: 'cancelled' } });
    expect(cancelled.map((i) => [i.user_id, i.link, i.urgent])).toEqual([['u-1', '/trips/AAAAAA', true], ['u-2', '/trips/BBBBBB', true]]);
    expect(cancelled[0].body).toMatch(/refunded in full/);
    expect(cancelled[1].body).toMatch(/will not be charged/);
    const delayed = itemsForEvent({ id: 3, type: 'flight.status_changed', payload: { ...flight, to_status: 'delayed' } });
    expect(delayed[0]).toMatchObject({ urgent: false, title: 'Flight BA117 JFK–LHR is delayed' });
    expect(delayed[0].body).toContain('7 Dec 2026, 18:00 UTC');
  });

  it('formats a time in a named zone', () => {
    expect(formatWhen('2026-07-01T12:00:00Z', 'Europe/London')).toBe('1 Jul 2026, 13:00 Europe/London');
    expect(formatWhen('not a date')).toBe('not a date');
  });
});

describe('the email', () => {
  it('escapes text into the HTML and keeps the text part plain', async () => {
    const { html, text } = await renderEmail({ title: 'A <b>bold</b> & brave title', body: 'Body "quoted"', actionUrl: 'https://t.test/trips/X', unsubscribeUrl: 'https://t.test/unsubscribe?token=a.b.c', kindLabel: 'Seats held' });
    expect(html).toContain('A &lt;b&gt;bold&lt;/b&gt; &amp; brave title');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('href="https://t.test/unsubscribe?token=a.b.c"');
    expect(text).toBe('A <b>bold</b> & brave title\n\nBody "quoted"\n\nOpen in Traqora: https://t.test/trips/X\n\n--\nYou get this email because "Seats held" emails are on for your Traqora account.\nUnsubscribe: https://t.test/unsubscribe?token=a.b.c\n');
  });
});

describe('the unsubscribe token', () => {
  const secret = 'unit-secret-unit-secret-unit-secret-0';
  it('round-trips and refuses another key, a changed claim or garbage', async () => {
    const token = await signUnsubscribe({ userId: 'u-1', type: 'booking_paid', channel: 'email' }, secret);
    expect(await verifyUnsubscribe(token, secret)).toEqual({ userId: 'u-1', type: 'booking_paid', channel: 'email' });
    expect(await verifyUnsubscribe(token, `${secret}x`)).toBeNull();
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: 'u-2' })).toString('base64url');
    expect(await verifyUnsubscribe(`${h}.${forged}.${s}`, secret)).toBeNull();
    expect(await verifyUnsubscribe('garbage', secret)).toBeNull();
  });
});

describe('reconnect backoff', () => {
  it('grows exponentially from 1 s to a 30 s cap, jittered within the upper half', () => {
    expect(reconnectDelay(0, () => 0)).toBe(500);
    expect(reconnectDelay(0, () => 1)).toBe(1000);
    expect(reconnectDelay(3, () => 0.5)).toBe(6000);
    expect(reconnectDelay(20, () => 1)).toBe(30_000);
    expect(reconnectDelay(20, () => 0)).toBe(15_000);
  });
});
