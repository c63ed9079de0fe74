import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsConsumer } from '@/lib/events/consumers/notifications';
import { runConsumers } from '@/lib/events/runner';
import { createNotifications, itemsForEvent } from '@/lib/notifications/create';
import { deliverNotifications, type ChannelSender, type ClaimedDelivery } from '@/lib/notifications/deliver';
import { book, nonstop, traveller } from '@/tests/support/booking-fixtures';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';

// Nothing is sent twice when the same events are delivered again and again at once and several
// workers drain the queue together — staged on a PostgreSQL server (a pool of 16 connections,
// real row locks and skip locked). CI always runs this (TEST_DATABASE_URL).
const onServer = process.env.DB_TARGET === 'postgres';

describe.skipIf(!onServer)('notification delivery on a PostgreSQL server', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await openTestDatabase({ seed: true, scheduleDays: 14, poolSize: 16 }); });
  afterAll(async () => { await t?.close(); });

  it('re-delivered events create each notification once, and racing workers send each email once', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, (_, i) => traveller(t, `Race ${'ABCDEF'[i]}`)));
    for (const [i, u] of users.entries()) {
      await t.db.call('set_notification_settings', { user_id: u, settings: { email: `race${i}@example.com`, time_zone: 'UTC' }, preferences: [] });
    }
    const it0 = await nonstop(t, 'JFK', 'LHR');
    for (const u of users) {
      const { booking } = await book(t, u, it0);
      await t.db.call('pay_booking', { user_id: u, pnr: booking.pnr, demo_funding_minor: 5_000_000 });
    }
    const events = await t.sql<{ id: number; type: string; payload: Record<string, unknown> }>(
      "select id::int, type, payload from traqora.domain_events where type in ('booking.held', 'booking.paid') order by id");
    expect(events).toHaveLength(12);

    // the consumer and 8 stray re-deliveries of every event, all at once
    await Promise.all([
      runConsumers(t.db, [notificationsConsumer(async () => t.db)]),
      ...Array.from({ length: 8 }, () => Promise.all(events.map((e) => createNotifications(t.db, itemsForEvent(e))))),
    ]);
    const [{ n, d }] = await t.sql<{ n: number; d: number }>(
      'select (select count(*)::int from traqora.notifications) as n, (select count(*)::int from traqora.notification_deliveries) as d');
    expect({ n, d }).toEqual({ n: 12, d: 12 });

    // six workers drain the queue together; a slow SMTP makes their claims overlap in time
    const sent: number[] = [];
    const slow: ChannelSender = { send: async (x: ClaimedDelivery) => { await new Promise((r) => setTimeout(r, 20)); sent.push(x.id); } };
    const runs = await Promise.all(Array.from({ length: 6 }, (_, i) => deliverNotifications(t.db, { email: slow }, { owner: `worker-${i}`, limit: 3 })));
    const again = await Promise.all(Array.from({ length: 6 }, (_, i) => deliverNotifications(t.db, { email: slow }, { owner: `late-${i}` })));
    expect(runs.reduce((s, r) => s + r.sent, 0) + again.reduce((s, r) => s + r.sent, 0)).toBe(12);
    expect(sent).toHaveLength(12);
    expect(new Set(sent).size).toBe(12);
    const [{ unsent }] = await t.sql<{ unsent: number }>("select count(*)::int as unsent from traqora.notification_deliveries where status <> 'sent'");
    expect(unsent).toBe(0);
  });

  it('a worker whose lease ran out cannot overwrite the verdict of the one that took over', async () => {
    const u = await traveller(t, 'Lease Lee');
    await t.db.call('set_notification_settings', { user_id: u, settings: { email: 'lee@example.com', time_zone: 'UTC' }, preferences: [] });
    await createNotifications(t.db, [{ user_id: u, type: 'booking_paid', source_key: 'lease', event_id: null, title: 'T', body: 'B', link: null, urgent: false, channels: { email: true } }]);
    const [first] = await t.db.call<ClaimedDelivery[]>('claim_notification_deliveries', { owner: 'first', limit: 1, lease_seconds: 5 });
    await t.sql("update traqora.notification_deliveries set lease_until = now() - interval '1 second' where id = $1", [first.id]);
    const [second] = await t.db.call<ClaimedDelivery[]>('claim_notification_deliveries', { owner: 'second', limit: 1 });
    expect(second).toMatchObject({ id: first.id, attempts: 2 });
    expect(await t.db.call('complete_notification_delivery', { id: first.id, owner: 'first', error: 'timeout' })).toMatchObject({ status: 'lost' });
    expect(await t.db.call('complete_notification_delivery', { id: first.id, owner: 'second', error: null })).toMatchObject({ status: 'sent' });
  });
});
