import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsConsumer } from '@/lib/events/consumers/notifications';
import { runConsumers } from '@/lib/events/runner';
import { deliverNotifications, type ChannelSender } from '@/lib/notifications/deliver';
import { emailSender } from '@/lib/notifications/email/sender';
import { sendTimedNotices } from '@/lib/notifications/notices';
import { verifyUnsubscribe } from '@/lib/notifications/unsubscribe-token';
import { book, nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { admin, advance, DAY, distribute, holder, vote } from '@/tests/support/governance-fixtures';
import { flyAndRelease, paidBooking, runLoyalty } from '@/tests/support/loyalty-fixtures';
import { startSmtpInbox, type SmtpInbox } from '@/tests/support/smtp-inbox';

// The notification kinds other domains raise (lib/notifications/catalogue.ts): loyalty's points
// earned, points expiring (a notice ahead, from the `notices` job, and the expiry itself) and tier
// changes; governance's voting opened and closing soon (the `notices` job, on governance time);
// and a re-delayed flight (flight.retimed) telling each traveller once per retime.

const SECRET = 'test-secret-test-secret-test-secret!';
let t: TestDatabase;
let inbox: SmtpInbox;
let email: ChannelSender;
let ops: string;
beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  inbox = await startSmtpInbox();
  email = emailSender({ transport: nodemailer.createTransport(inbox.url), from: 'Traqora <no-reply@traqora.test>', appUrl: 'https://traqora.test', secret: SECRET });
  ops = (await t.db.call<{ id: string }>('upsert_dev_persona', { role: 'ops', name: 'Disruption Desk' })).id;
});
afterAll(async () => { await inbox?.close(); await t?.close(); });

const runNotifications = async () => (await runConsumers(t.db, [notificationsConsumer(async () => t.db)]))[0];
const settle = (user: string, settings: Record<string, unknown>) =>
  t.db.call('set_notification_settings', { user_id: user, settings: { time_zone: 'UTC', ...settings }, preferences: [] });
type Row = { id: number; type: string; title: string; body: string; link: string; source_key: string; event_id: number | null };
const notes = (user: string, type?: string) => t.sql<Row>(
  `select id::int, type, title, body, link, source_key, event_id::int from traqora.notifications
   where user_id = $1 and ($2::text is null or type = $2) order by id`, [user, type ?? null]);
const channels = (user: string, type: string) => t.sql<{ channel: string; status: string }>(
  `select d.channel, d.status from traqora.notification_deliveries d join traqora.notifications n on n.id = d.notification_id
   where n.user_id = $1 and n.type = $2 order by d.id`, [user, type]);
const setParameter = (key: string, value: number, by: string) => t.db.call('set_governed_parameter', { key, value, actor: by, source: 'admin' });

/** A member with the active points of one flown booking (the loyalty consumer run over the outbox). */
async function flownMember(name: string, from: string, to: string) {
  const user = await traveller(t, name);
  const it0 = await nonstop(t, from, to);
  const booking = await paidBooking(t, user, it0, 'flex');
  await runLoyalty(t);
  await flyAndRelease(t, it0);
  await runLoyalty(t);
  return { user, booking };
}

describe('loyalty notifications', () => {
  it('points earned: one in-app notice linking to the loyalty page, pushed but not emailed by default, once per event', async () => {
    const user = await traveller(t, 'Earner Eve');
    await settle(user, { email: 'eve@example.com' });
    const booking = await paidBooking(t, user, await nonstop(t, 'SFO', 'JFK'), 'standard');
    await runLoyalty(t);
    await runNotifications();
    const [earned] = await notes(user, 'points_earned');
    const [event] = await t.sql<{ id: number; payload: { points: number } }>(
      "select id::int, payload from traqora.domain_events where type = 'loyalty.points_earned' and aggregate_id = $1", [user]);
    expect(earned).toMatchObject({ link: '/loyalty', event_id: event.id, source_key: `event:${event.id}:points_earned` });
    expect(earned.title).toBe(`You earned ${event.payload.points.toLocaleString('en-GB')} points on ${booking.pnr}`);
    expect(earned.body).toMatch(/pending and become yours to spend once you have flown/);
    // email is off by default for this kind; push is on but this traveller has no browser subscribed
    expect(await channels(user, 'points_earned')).toEqual([]);
    // the event again (at least once): nothing new
    await t.sql('update traqora.event_consumers set last_event_id = 0 where name = $1', ['notifications']);
    await runNotifications();
    expect(await notes(user, 'points_earned')).toHaveLength(1);
  });

  it('a tier upgrade is told in the app and by an email in the app\u2019s look, with its own button and a working unsubscribe', async () => {
    const boss = await admin(t, 'Rewards boss');
    const probe = await nonstop(t, 'JFK', 'LHR');
    const price = await t.db.call<{ base_minor: number }>('price_offer', { slices: [probe.flight_ids], cabin: 'economy', family: 'flex', adults: 1, children: 0, infants: 0 });
    const credits = Math.floor(price.base_minor / 100);
    // thresholds down to one flown trip (platinum first so each step keeps the order), restored after
    for (const [tier, value] of [['silver', credits], ['gold', credits + 1], ['platinum', credits + 2]] as const) await setParameter(`loyalty.tier_threshold.${tier}`, value, boss);
    try {
      const user = await traveller(t, 'Climber Cleo');
      await settle(user, { email: 'cleo@example.com' });
      await paidBooking(t, user, probe, 'flex');
      await runLoyalty(t);
      await flyAndRelease(t, probe);
      await runLoyalty(t);
      await runNotifications();
      const [tier] = await notes(user, 'tier_changed');
      expect(tier).toMatchObject({ title: 'Welcome to Silver', link: '/loyalty' });
      expect(tier.body).toMatch(/^Your tier credits this year took you from Blue to Silver\. .* hold until 1 April \d{4}\.$/);

      await deliverNotifications(t.db, { email }, { backoffSeconds: 1 });
      const mail = inbox.messages.find((m) => m.to.includes('cleo@example.com') && m.subject === 'Welcome to Silver')!;
      expect(mail).toBeDefined();
      expect(mail.html).toContain('<!DOCTYPE html>');
      expect(mail.html).toMatch(/<a href="https:\/\/traqora\.test\/loyalty"[^>]*>See your benefits<\/a>/);
      expect(mail.html).toContain('“Tier status” emails are on');
      expect(mail.text).toContain(tier.body);
      expect(mail.text).toContain('See your benefits: https://traqora.test/loyalty');
      const token = decodeURIComponent(/unsubscribe\?token=([^\s"&]+)/.exec(mail.text)![1]);
      expect(await verifyUnsubscribe(token, SECRET)).toEqual({ userId: user, type: 'tier_changed', channel: 'email' });
    } finally {
      for (const [tier, value] of [['platinum', 15000], ['gold', 10000], ['silver', 5000]] as const) await setParameter(`loyalty.tier_threshold.${tier}`, value, boss);
    }
  });

  it('points expiring: one notice within 30 days of the expiry (per expiry date), then one when they expire', async () => {
    const { user } = await flownMember('Dormant Dan', 'LHR', 'JFK');
    await settle(user, { email: 'dan@example.com' });
    const [{ points_active: points }] = await t.sql<{ points_active: number }>('select points_active::int from traqora.loyalty_members where user_id = $1', [user]);
    expect(points).toBeGreaterThan(0);
    // 24 months (the governed expiry) after an activity 40 days short of it: 40 days left, no notice yet
    await t.sql("update traqora.loyalty_members set last_activity_at = now() - interval '24 months' + interval '40 days' where user_id = $1", [user]);
    expect((await sendTimedNotices(t.db)).points_expiring).toBe(0);
    // 10 days left: the notice, once however often the job runs
    await t.sql("update traqora.loyalty_members set last_activity_at = now() - interval '24 months' + interval '10 days' where user_id = $1", [user]);
    const [expiresAt] = await t.sql<{ at: Date }>('select last_activity_at + interval \'24 months\' as at from traqora.loyalty_members where user_id = $1', [user]);
    const [first, second] = [await sendTimedNotices(t.db), await sendTimedNotices(t.db)];
    expect([first.points_expiring, second.points_expiring]).toEqual([1, 0]);
    const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(expiresAt.at);
    const [notice] = await notes(user, 'points_expiring');
    expect(notice).toMatchObject({ title: `${points.toLocaleString('en-GB')} points expire on ${day}`, link: '/loyalty',
      source_key: `points_expiring:${expiresAt.at.toISOString().slice(0, 10)}`, event_id: null });
    expect(await channels(user, 'points_expiring')).toEqual([{ channel: 'email', status: 'pending' }]);

    // they expire (the loyalty-expiry job): told again, as an expiry
    await t.sql("update traqora.loyalty_members set last_activity_at = now() - interval '25 months' where user_id = $1", [user]);
    expect(await t.db.call('loyalty_expire_points', {})).toMatchObject({ expired: 1 });
    await runNotifications();
    const all = await notes(user, 'points_expiring');
    expect(all.map((n) => n.title)).toEqual([notice.title, `${points.toLocaleString('en-GB')} points expired`]);
    expect((await sendTimedNotices(t.db)).points_expiring).toBe(0);   // nothing left to expire
  });
});

describe('governance notifications', () => {
  it('voting opened reaches every account with power at the snapshot; closing soon only those who have not voted; each once', async () => {
    const boss = await admin(t, 'Gov boss');
    const [p, v, w, d] = [await holder(t, 'Prop Pia'), await holder(t, 'Voter Vik'), await holder(t, 'Whale Wes'), await holder(t, 'Delegate Dee')];
    await distribute(t, boss, [[p, 2000n], [v, 100n], [w, 1000n]]);
    await t.db.call('trq_delegate', { holder: w, delegate: d });   // Wes's power is Dee's
    await settle(p, { email: 'pia@example.com' });
    const { id } = await t.db.call<{ id: number }>('governance_create_proposal', { proposer: p, kind: 'signal', title: 'Serve better coffee', body: 'Because.', changes: null });

    expect(await sendTimedNotices(t.db)).toMatchObject({ proposal_started: 0, proposal_ending: 0 });   // pending: not open yet
    await advance(t, DAY + 60);
    expect(await sendTimedNotices(t.db)).toMatchObject({ proposal_started: 3, proposal_ending: 0 });
    expect(await sendTimedNotices(t.db)).toMatchObject({ proposal_started: 0, proposal_ending: 0 });
    for (const user of [p, v, d]) {
      expect(await notes(user, 'proposal_started')).toEqual([expect.objectContaining({
        title: 'Voting is open: Serve better coffee', link: `/governance/proposals/${id}`, source_key: `proposal_started:${id}` })]);
    }
    expect(await notes(w, 'proposal_started')).toEqual([]);   // delegated away at the snapshot
    expect(await channels(p, 'proposal_started')).toEqual([]);   // email off by default, no browser

    await vote(t, v, id, 'for');
    await advance(t, 4 * DAY + 60);   // 5-day period: under a day left
    expect(await sendTimedNotices(t.db)).toMatchObject({ proposal_started: 0, proposal_ending: 2 });
    expect(await sendTimedNotices(t.db)).toMatchObject({ proposal_ending: 0 });
    expect(await notes(v, 'proposal_ending')).toEqual([]);
    const [ending] = await notes(p, 'proposal_ending');
    expect(ending.title).toBe('Voting closes soon: Serve better coffee');
    expect(ending.body).toMatch(new RegExp(`^Proposal #${id} closes at .* UTC and you have not voted yet\\.$`));
    expect(await channels(p, 'proposal_ending')).toEqual([{ channel: 'email', status: 'pending' }]);
    await advance(t, 2 * DAY);   // voting over: nothing more
    expect(await sendTimedNotices(t.db)).toMatchObject({ proposal_started: 0, proposal_ending: 0 });
  });
});

describe('a re-delayed flight', () => {
  const ctx = { actor: '', role: 'ops', reason: 'Late inbound aircraft', ip: '203.0.113.7', request_id: 'retime-test-0001' };
  const later = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000).toISOString();

  it('tells every traveller on it once per retime, and the cumulative delay over 3 h grants free cancellation', async () => {
    const it0 = await nonstop(t, 'LAX', 'JFK');
    const flight = it0.flight_ids[0];
    const [ann, ben] = [await traveller(t, 'Retimed Ann'), await traveller(t, 'Retimed Ben')];
    const paid = await paidBooking(t, ann, it0, 'basic');
    const held = await book(t, ben, it0);
    await runNotifications();
    const [f] = await t.sql<{ departs_at: Date }>('select departs_at from traqora.flights where id = $1', [flight]);
    const set = (minutes: number) => t.db.call<{ waived: string[] }>('admin_set_flight_status',
      { ctx: { ...ctx, actor: ops }, flight_id: flight, status: 'delayed', departs_at: later(f.departs_at, minutes), arrives_at: null });

    expect((await set(120)).waived).toEqual([]);          // first delay: flight.status_changed
    expect((await set(150)).waived).toEqual([]);          // again, 2 h 30 min in total: flight.retimed
    expect((await set(200)).waived).toEqual([paid.id]);   // again, 3 h 20 min in total: over the threshold
    await runNotifications();
    await runNotifications();   // nothing twice

    const retimes = await t.sql<{ id: number; payload: { bookings: { pnr: string; user_id: string }[]; delay_minutes: number } }>(
      "select id::int, payload from traqora.domain_events where type = 'flight.retimed' and aggregate_id = $1 order by id", [String(flight)]);
    expect(retimes.map((e) => e.payload.delay_minutes)).toEqual([150, 200]);
    expect(retimes[0].payload.bookings.map((b) => b.user_id).sort()).toEqual([ann, ben].sort());

    for (const [user, pnr] of [[ann, paid.pnr], [ben, held.booking.pnr]]) {
      const told = await notes(user, 'flight_disrupted');
      expect(told).toHaveLength(3);   // the first delay, then one per retime
      expect(told[0].title).toMatch(/^Flight \w+ LAX–JFK is delayed$/);
      expect(told.slice(1).map((n) => n.title)).toEqual([`${told[0].title} again`, `${told[0].title} again`]);
      expect(told[1]).toMatchObject({ link: `/trips/${pnr}`, event_id: retimes[0].id });
      expect(told[1].body).toContain('2 h 30 min after its original time');
      expect(told[2]).toMatchObject({ event_id: retimes[1].id });
      expect(told[2].body).toContain('3 h 20 min after its original time');
    }
    // the reminder follows the latest time
    const [segment] = await t.sql<{ departs_at: Date }>('select departs_at from traqora.notification_trip_segments where booking_id = $1', [paid.id]);
    expect(segment.departs_at.toISOString()).toBe(later(f.departs_at, 200));
    // the live stream reaches each traveller without the other's booking
    const live = await t.db.call<{ events: { type: string; data: Record<string, unknown> }[] }>('live_events_after', { after: retimes[0].id - 1, limit: 50, user_id: ben });
    const sent = live.events.find((e) => e.type === 'flight.retimed')!;
    expect(sent.data).not.toHaveProperty('bookings');
    expect(Object.values(await trialBalance(t)).every((x) => x === 0)).toBe(true);
  });
});

describe.skipIf(process.env.DB_TARGET !== 'postgres')('notices under concurrency (PostgreSQL server)', () => {
  it('eight notices jobs at once (instances racing) create each notice, and its email, once', async () => {
    const { user } = await flownMember('Racing Rosa', 'JFK', 'SFO');
    await settle(user, { email: 'rosa@example.com' });
    await t.sql("update traqora.loyalty_members set last_activity_at = now() - interval '24 months' + interval '5 days' where user_id = $1", [user]);
    const runs = await Promise.all(Array.from({ length: 8 }, () => sendTimedNotices(t.db)));
    expect(runs.reduce((n, r) => n + r.points_expiring, 0)).toBe(1);
    expect(await notes(user, 'points_expiring')).toHaveLength(1);
    expect(await channels(user, 'points_expiring')).toEqual([{ channel: 'email', status: 'pending' }]);
  });
});
