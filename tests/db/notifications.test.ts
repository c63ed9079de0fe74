import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsConsumer } from '@/lib/events/consumers/notifications';
import { runConsumers } from '@/lib/events/runner';
import { createNotifications, itemsForEvent } from '@/lib/notifications/create';
import { deliverNotifications, type ChannelSender } from '@/lib/notifications/deliver';
import { emailSender } from '@/lib/notifications/email/sender';
import { sendDepartureReminders } from '@/lib/notifications/trips';
import { verifyUnsubscribe } from '@/lib/notifications/unsubscribe-token';
import { book, nonstop, traveller } from '@/tests/support/booking-fixtures';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { startSmtpInbox, type SmtpInbox } from '@/tests/support/smtp-inbox';

// Notifications from domain events (supabase/routines/98_notifications.sql, lib/notifications):
// the consumer over the real outbox, email through nodemailer to a real SMTP server, the
// delivery queue's retries and dead letters, preferences, quiet hours, reminders.

const SECRET = 'test-secret-test-secret-test-secret!';
let t: TestDatabase;
let inbox: SmtpInbox;
let email: ChannelSender;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  inbox = await startSmtpInbox();
  email = emailSender({ transport: nodemailer.createTransport(inbox.url), from: 'Traqora <no-reply@traqora.test>', appUrl: 'https://traqora.test', secret: SECRET });
});
afterAll(async () => { await inbox?.close(); await t?.close(); });

const runNotifications = async () => (await runConsumers(t.db, [notificationsConsumer(async () => t.db)]))[0];
const deliver = (senders = { email }, opts = {}) => deliverNotifications(t.db, senders, { backoffSeconds: 1, ...opts });
const settle = (user: string, settings: Record<string, unknown>, preferences: unknown[] = []) =>
  t.db.call('set_notification_settings', { user_id: user, settings: { time_zone: 'UTC', ...settings }, preferences: preferences as never });
const notifications = (user: string) => t.db.call<{ data: { id: number; type: string; title: string; body: string; link: string; read_at: string | null }[]; next_cursor: number | null; unread: number }>(
  'list_notifications', { user_id: user, limit: 50 });
const deliveries = (user: string) => t.sql<{ id: number; type: string; channel: string; status: string; attempts: number; next_attempt_at: Date; last_error: string | null }>(
  `select d.id::int, n.type, d.channel, d.status, d.attempts, d.next_attempt_at, d.last_error from traqora.notification_deliveries d
   join traqora.notifications n on n.id = d.notification_id where n.user_id = $1 order by d.id`, [user]);
const mailTo = (address: string) => inbox.messages.filter((m) => m.to.includes(address));

describe('notifications from booking events', () => {
  it('a held booking tells the traveller the hold deadline, in the app and by email that looks like the app', async () => {
    const user = await traveller(t, 'Held Holly');
    await settle(user, { email: 'holly@example.com' });
    const { booking } = await book(t, user, await nonstop(t, 'JFK', 'LHR'));
    await runNotifications();

    const list = await notifications(user);
    expect(list.unread).toBe(1);
    expect(list.data[0]).toMatchObject({ type: 'booking_held', link: `/trips/${booking.pnr}`, read_at: null });
    expect(list.data[0].title).toContain(booking.pnr);
    const deadline = new Date(booking.hold_expires_at);
    expect(list.data[0].body).toContain(`${deadline.getUTCHours().toString().padStart(2, '0')}:${deadline.getUTCMinutes().toString().padStart(2, '0')} UTC`);

    expect(await deliver()).toMatchObject({ claimed: 1, sent: 1 });
    const [mail] = mailTo('holly@example.com');
    expect(mail.from).toBe('no-reply@traqora.test');
    expect(mail.subject).toBe(list.data[0].title);
    expect(mail.html).toContain('<!DOCTYPE html>');
    expect(mail.html).toContain(list.data[0].body.replace(/&/g, '&amp;'));
    expect(mail.html).toContain(`href="https://traqora.test/trips/${booking.pnr}"`);
    expect(mail.text).toContain(list.data[0].body);
    expect(mail.text).toContain(`Open in Traqora: https://traqora.test/trips/${booking.pnr}`);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    // the unsubscribe link's token names this user, this kind, this channel
    const token = decodeURIComponent(/unsubscribe\?token=([^\s"&]+)/.exec(mail.text)![1]);
    expect(await verifyUnsubscribe(token, SECRET)).toEqual({ userId: user, type: 'booking_held', channel: 'email' });
    expect(await verifyUnsubscribe(token, 'another-secret-another-secret-12345')).toBeNull();
  });

  it('a re-delivered event creates and sends nothing twice', async () => {
    const user = await traveller(t, 'Twice Tom');
    await settle(user, { email: 'tom@example.com' });
    await book(t, user, await nonstop(t, 'JFK', 'LHR'));
    await runNotifications();
    const [event] = await t.sql<{ id: number; type: string; payload: Record<string, unknown> }>(
      "select id::int, type, payload from traqora.domain_events where type = 'booking.held' and payload ->> 'user_id' = $1", [user]);
    // the runner's at-least-once: the same event handled again (a crash before its ack)
    expect(await createNotifications(t.db, itemsForEvent(event))).toEqual([]);
    await deliver();
    await createNotifications(t.db, itemsForEvent(event));
    expect(await deliver()).toMatchObject({ claimed: 0 });
    expect(mailTo('tom@example.com')).toHaveLength(1);
    expect((await notifications(user)).data).toHaveLength(1);
  });

  it('a type turned off by email still shows in the app; no address means skipped, not failed', async () => {
    const quiet = await traveller(t, 'Off Olive');
    await settle(quiet, { email: 'olive@example.com' }, [{ type: 'booking_held', channel: 'email', enabled: false }]);
    const bare = await traveller(t, 'Bare Bob');
    await book(t, quiet, await nonstop(t, 'JFK', 'LHR'));
    await book(t, bare, await nonstop(t, 'JFK', 'LHR'));
    await runNotifications();
    expect((await notifications(quiet)).unread).toBe(1);
    expect(await deliveries(quiet)).toEqual([]);
    expect(await deliveries(bare)).toMatchObject([{ channel: 'email', status: 'skipped', last_error: 'no email address' }]);
  });

  it('turning a type off after it was queued skips the email when it falls due', async () => {
    const user = await traveller(t, 'Late Lou');
    await settle(user, { email: 'lou@example.com', quiet_start: '00:00', quiet_end: '23:59' });
    await book(t, user, await nonstop(t, 'JFK', 'LHR'));
    await runNotifications();
    await t.db.call('unsubscribe_notifications', { user_id: user, type: 'booking_held', channel: 'email' });
    await t.sql('update traqora.notification_deliveries set next_attempt_at = now() where notification_id in (select id from traqora.notifications where user_id = $1)', [user]);
    await deliver();
    expect(await deliveries(user)).toMatchObject([{ status: 'skipped', last_error: 'turned off' }]);
    expect(mailTo('lou@example.com')).toEqual([]);
  });
});

describe('delivery', () => {
  it('retries a refused email with exponential backoff, then sends it', async () => {
    const user = await traveller(t, 'Retry Rita');
    await settle(user, { email: 'rita@example.com' });
    await book(t, user, await nonstop(t, 'JFK', 'LHR'));
    await runNotifications();
    inbox.refuseNext(2);
    expect(await deliver(undefined, { backoffSeconds: 60 })).toMatchObject({ claimed: 1, retried: 1 });
    let [d] = await deliveries(user);
    expect(d).toMatchObject({ status: 'pending', attempts: 1 });
    expect(d.last_error).toMatch(/451/);
    const first = d.next_attempt_at.getTime() - Date.now();
    expect(first).toBeGreaterThan(50_000);
    expect(first).toBeLessThanOrEqual(60_000);

    expect(await deliver()).toMatchObject({ claimed: 0 });   // not due yet
    await t.sql("update traqora.notification_deliveries set next_attempt_at = now() where id = $1", [d.id]);
    await deliver(undefined, { backoffSeconds: 60 });
    [d] = await deliveries(user);
    const second = d.next_attempt_at.getTime() - Date.now();
    expect(second).toBeGreaterThan(110_000);   // doubled
    await t.sql("update traqora.notification_deliveries set next_attempt_at = now() where id = $1", [d.id]);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(await deliveries(user)).toMatchObject([{ status: 'sent', attempts: 3 }]);
    expect(mailTo('rita@example.com')).toHaveLength(1);
  });

  it('dead-letters after the last attempt; the admin list shows it and a retry sends it', async () => {
    const user = await traveller(t, 'Dead Dan');
    await settle(user, { email: 'dan@example.com' });
    await book(t, user, await nonstop(t, 'JFK', 'LHR'));
    await runNotifications();
    const broken: ChannelSender = { send: async () => { throw new Error('connect ECONNREFUSED 127.0.0.1:25'); } };
    for (let i = 0; i < 3; i++) {
      await deliver({ email: broken }, { maxAttempts: 3 });
      await t.sql("update traqora.notification_deliveries set next_attempt_at = now() where status = 'pending'");
    }
    const [d] = await deliveries(user);
    expect(d).toMatchObject({ status: 'dead', attempts: 3, last_error: 'connect ECONNREFUSED 127.0.0.1:25' });
    const dead = await t.db.call<{ data: { id: number; user_id: string; type: string }[] }>('notification_deliveries_list', { status: 'dead' });
    expect(dead.data).toContainEqual(expect.objectContaining({ id: d.id, user_id: user, type: 'booking_held' }));
    expect(await deliver()).toMatchObject({ claimed: 0 });

    const admin = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'admin', name: 'Ops Admin' })).id;
    await t.db.call('admin_retry_notification_delivery', { ctx: { actor: admin, role: 'admin', reason: 'SMTP fixed' }, id: d.id });
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(mailTo('dan@example.com')).toHaveLength(1);
    await expect(t.db.call('admin_retry_notification_delivery', { ctx: { actor: admin, role: 'admin' }, id: d.id })).rejects.toMatchObject({ status: 409 });
  });
});

describe('quiet hours', () => {
  const end = async (at: string, tz: string, start: string, stop: string) =>
    (await t.sql<{ v: Date }>('select traqora.after_quiet_hours($1::timestamptz, $2, $3::time, $4::time) as v', [at, tz, start, stop]))[0].v.toISOString();

  it('hold email until quiet hours end in the traveller\u2019s zone, wrapping midnight and following DST', async () => {
    // 23:30 in New York (EST, UTC-5) inside 22:00–07:00: waits until 07:00 local = 12:00Z next day
    expect(await end('2026-01-15T04:30:00Z', 'America/New_York', '22:00', '07:00')).toBe('2026-01-15T12:00:00.000Z');
    // 06:00 local, still quiet: 07:00 the same day
    expect(await end('2026-01-15T11:00:00Z', 'America/New_York', '22:00', '07:00')).toBe('2026-01-15T12:00:00.000Z');
    // 08:00 local: not quiet
    expect(await end('2026-01-15T13:00:00Z', 'America/New_York', '22:00', '07:00')).toBe('2026-01-15T13:00:00.000Z');
    // the night the clocks go forward in London: 07:00 BST is 06:00Z
    expect(await end('2026-03-29T00:30:00Z', 'Europe/London', '22:00', '07:00')).toBe('2026-03-29T06:00:00.000Z');
    // a daytime window 13:00–14:00 Tokyo (UTC+9)
    expect(await end('2026-06-01T04:15:00Z', 'Asia/Tokyo', '13:00', '14:00')).toBe('2026-06-01T05:00:00.000Z');
  });

  it('queues an email for the end of quiet hours, but an urgent one goes now', async () => {
    const user = await traveller(t, 'Night Nina');
    const now = new Date();
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    await settle(user, { email: 'nina@example.com', quiet_start: hhmm(new Date(now.getTime() - 3_600_000)), quiet_end: hhmm(new Date(now.getTime() + 3_600_000)) });
    await createNotifications(t.db, [
      { user_id: user, type: 'booking_paid', source_key: 'test:quiet', event_id: null, title: 'Quiet', body: 'Waits', link: null, urgent: false, channels: { email: true } },
      { user_id: user, type: 'flight_disrupted', source_key: 'test:urgent', event_id: null, title: 'Urgent', body: 'Now', link: null, urgent: true, channels: { email: true } },
    ]);
    const [quiet, urgent] = await deliveries(user);
    expect(quiet.next_attempt_at.getTime() - now.getTime()).toBeGreaterThan(3_000_000);
    expect(urgent.next_attempt_at.getTime()).toBeLessThanOrEqual(Date.now());
    await deliver();
    expect(mailTo('nina@example.com').map((m) => m.subject)).toEqual(['Urgent']);
  });

  it('refuses an unknown time zone or half-set quiet hours, naming the field', async () => {
    const user = await traveller(t, 'Zone Zed');
    await expect(settle(user, { time_zone: 'Mars/Olympus' })).rejects.toMatchObject({ status: 400, field: 'time_zone' });
    await expect(settle(user, { quiet_start: '22:00' })).rejects.toMatchObject({ status: 400, field: 'quiet_end' });
  });
});

describe('flights and reminders', () => {
  it('a cancelled flight tells every traveller booked on it, urgently; a reminder goes once 24 h before departure', async () => {
    const user = await traveller(t, 'Flyer Fay');
    const it0 = await nonstop(t, 'JFK', 'LHR');
    const { booking } = await book(t, user, it0);
    await t.db.call('pay_booking', { user_id: user, pnr: booking.pnr, demo_funding_minor: 5_000_000 });
    await runNotifications();
    // the flight moves to 20 hours from now: the reminder is due
    await t.sql("update traqora.flights set departs_at = now() + interval '20 hours', arrives_at = now() + interval '27 hours', status = 'delayed' where id = $1", [it0.flight_ids[0]]);
    await runNotifications();
    expect((await sendDepartureReminders(t.db, 24)).reminded).toBe(1);
    expect((await sendDepartureReminders(t.db, 24)).reminded).toBe(0);
    await t.sql("update traqora.flights set status = 'cancelled' where id = $1", [it0.flight_ids[0]]);
    await runNotifications();
    const types = (await notifications(user)).data.map((n) => n.type);
    expect(types).toEqual(['flight_disrupted', 'departure_reminder', 'flight_disrupted', 'booking_paid', 'booking_held']);
    const [cancelled] = (await t.sql<{ urgent: boolean; title: string }>("select urgent, title from traqora.notifications where user_id = $1 order by id desc limit 1", [user]));
    expect(cancelled).toMatchObject({ urgent: true });
    expect(cancelled.title).toMatch(/is cancelled/);
    // a cancelled flight gets no reminder
    expect((await t.sql<{ active: boolean }>('select active from traqora.notification_trip_segments where booking_id = $1', [booking.id]))[0].active).toBe(false);
  });
});

describe('notification centre', () => {
  it('pages newest first with a cursor, marks one or all read, and ignores other users\u2019 ids', async () => {
    const user = await traveller(t, 'Reader Rae');
    const other = await traveller(t, 'Other Oz');
    await createNotifications(t.db, Array.from({ length: 5 }, (_, i) => ({
      user_id: user, type: 'booking_paid', source_key: `test:page:${i}`, event_id: null, title: `N${i}`, body: 'b', link: null, urgent: false, channels: {},
    })));
    const [theirs] = await createNotifications(t.db, [{ user_id: other, type: 'booking_paid', source_key: 'test:other', event_id: null, title: 'X', body: 'b', link: null, urgent: false, channels: {} }]);
    const page1 = await t.db.call<{ data: { id: number; title: string }[]; next_cursor: number; unread: number }>('list_notifications', { user_id: user, limit: 2 });
    expect(page1.data.map((n) => n.title)).toEqual(['N4', 'N3']);
    expect(page1.unread).toBe(5);
    const page2 = await t.db.call<{ data: { id: number; title: string }[]; next_cursor: number | null }>('list_notifications', { user_id: user, limit: 2, cursor: page1.next_cursor });
    expect(page2.data.map((n) => n.title)).toEqual(['N2', 'N1']);
    const page3 = await t.db.call<{ data: { title: string }[]; next_cursor: number | null }>('list_notifications', { user_id: user, limit: 2, cursor: page2.next_cursor });
    expect(page3).toMatchObject({ data: [{ title: 'N0' }], next_cursor: null });

    expect(await t.db.call('mark_notifications_read', { user_id: user, ids: [page1.data[0].id, theirs] })).toEqual({ updated: 1, unread: 4 });
    expect((await t.db.call<{ unread: number }>('notification_unread_count', { user_id: other })).unread).toBe(1);
    expect(await t.db.call('mark_notifications_read', { user_id: user, ids: null })).toEqual({ updated: 4, unread: 0 });
    const [read] = await t.sql<{ payload: Record<string, unknown> }>("select payload from traqora.domain_events where type = 'notification.read' and aggregate_id = $1 order by id desc limit 1", [user]);
    expect(read.payload).toMatchObject({ unread: 0, updated: 4 });
  });
});

describe('live events', () => {
  it('answers a user only the events that concern them, flights without other travellers\u2019 bookings', async () => {
    const a = await traveller(t, 'Live Ann');
    const b = await traveller(t, 'Live Ben');
    const [{ head }] = await t.sql<{ head: number }>('select coalesce(max(id), 0)::int as head from traqora.domain_events');
    const it0 = await nonstop(t, 'JFK', 'LHR');
    const { booking } = await book(t, a, it0);
    await book(t, b, it0);
    await t.sql("update traqora.flights set status = 'delayed' where id = $1", [it0.flight_ids[0]]);
    const mine = await t.db.call<{ events: { id: number; type: string; users: string[]; data: Record<string, unknown> }[] }>('live_events_after', { after: head, user_id: a });
    expect(mine.events.map((e) => e.type)).toEqual(['booking.held', 'flight.status_changed']);
    expect(mine.events[0].data).toMatchObject({ pnr: booking.pnr });
    expect(mine.events[1].data).not.toHaveProperty('bookings');
    expect(mine.events[1].users.sort()).toEqual([a, b].sort());
    const all = await t.db.call<{ events: unknown[]; head: number }>('live_events_after', { after: head });
    expect(all.events).toHaveLength(3);
  });
});
