import { createServer, type Server } from 'node:http';
import { Agent } from 'node:https';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifications } from '@/lib/notifications/create';
import { deliverNotifications } from '@/lib/notifications/deliver';
import { pushSender } from '@/lib/notifications/push/sender';
import { logTransport, smsSender, twilioTransport } from '@/lib/notifications/sms/sender';
import { traveller } from '@/tests/support/booking-fixtures';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { browserSubscription, decryptPush, startPushService, type PushService } from '@/tests/support/push-service';

// Push and SMS deliveries: web push encrypted for a real subscription and sent to a local HTTPS
// push service (decrypted here as the browser would), a gone subscription removed; SMS through
// the Twilio-compatible HTTP transport against a stand-in that checks what Twilio checks.

let t: TestDatabase;
let push: PushService;
const vapid = { subject: 'mailto:ops@traqora.test', ...webpush.generateVAPIDKeys() };
const agent = new Agent({ rejectUnauthorized: false });   // the stand-in's self-signed certificate
beforeAll(async () => {
  t = await openTestDatabase({ seed: false });
  push = await startPushService();
});
afterAll(async () => { await push?.close(); await t?.close(); });

const item = (user: string, key: string, channels: Record<string, boolean>, urgent = false) => ({
  user_id: user, type: 'flight_disrupted', source_key: key, event_id: null, title: 'Flight BA117 JFK–LHR is cancelled',
  body: 'Your flight on booking AAAAAA is cancelled.', link: '/trips/AAAAAA', urgent, channels,
});
const statusOf = async (user: string) => (await t.sql<{ channel: string; status: string; last_error: string | null }>(
  `select d.channel, d.status, d.last_error from traqora.notification_deliveries d join traqora.notifications n on n.id = d.notification_id
   where n.user_id = $1 order by d.id`, [user]));

describe('web push', () => {
  it('encrypts the notification for each browser, signs it with VAPID, and removes a subscription the service says is gone', async () => {
    const user = await traveller(t, 'Push Pia');
    const laptop = browserSubscription(`${push.origin}/push/laptop`);
    const phone = browserSubscription(`${push.origin}/push/phone`);
    for (const s of [laptop, phone]) await t.db.call('save_push_subscription', { user_id: user, endpoint: s.endpoint, p256dh: s.keys.p256dh, auth: s.keys.auth, user_agent: 'test' });
    push.answer.set('/push/phone', 410);

    const [id] = await createNotifications(t.db, [item(user, 'push:1', { push: true }, true)]);
    const run = await deliverNotifications(t.db, { push: pushSender({ database: async () => t.db, vapid, agent }) });
    expect(run).toMatchObject({ claimed: 1, sent: 1 });

    const got = push.received.find((r) => r.path === '/push/laptop')!;
    expect(got.headers).toMatchObject({ 'content-encoding': 'aes128gcm', urgency: 'high', ttl: '86400', topic: `n${id}` });
    expect(String(got.headers.authorization)).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${vapid.publicKey}$`));
    expect(got.body.includes(Buffer.from('cancelled'))).toBe(false);   // encrypted on the wire
    expect(JSON.parse(await decryptPush(laptop, got.body))).toEqual({ id, title: 'Flight BA117 JFK–LHR is cancelled', body: 'Your flight on booking AAAAAA is cancelled.', link: '/trips/AAAAAA' });

    // the phone's endpoint answered 410: forgotten, not retried
    expect(await t.db.call('push_subscriptions_for', { user_id: user })).toEqual([{ endpoint: laptop.endpoint, keys: laptop.keys }]);
    expect(await statusOf(user)).toEqual([{ channel: 'push', status: 'sent', last_error: null }]);
  });

  it('queues no push for a traveller without a subscribed browser', async () => {
    const user = await traveller(t, 'No Push Noa');
    await createNotifications(t.db, [item(user, 'push:none', { push: true, sms: true })]);
    expect(await statusOf(user)).toEqual([]);
  });
});

describe('SMS', () => {
  let server: Server;
  let origin: string;
  const received: { path: string; auth: string | undefined; form: URLSearchParams }[] = [];
  beforeAll(async () => {
    // Answers as Twilio's Messages API does: 201 with the message, 400 with code 21211 for a bad number.
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        const form = new URLSearchParams(body);
        received.push({ path: req.url ?? '', auth: req.headers.authorization, form });
        const bad = form.get('To') === '+15005550001';
        res.writeHead(bad ? 400 : 201, { 'content-type': 'application/json' })
          .end(JSON.stringify(bad ? { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 } : { sid: 'SM123', status: 'queued' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => { await new Promise<void>((r) => server.close(() => r())); });

  it('posts to the Messages API with Basic auth; a refused number retries with the service\u2019s reason', async () => {
    const ok = await traveller(t, 'Sms Sam');
    const bad = await traveller(t, 'Sms Bad');
    await t.db.call('set_notification_settings', { user_id: ok, settings: { time_zone: 'UTC', phone: '+447700900123' }, preferences: [] });
    await t.db.call('set_notification_settings', { user_id: bad, settings: { time_zone: 'UTC', phone: '+15005550001' }, preferences: [] });
    await createNotifications(t.db, [item(ok, 'sms:ok', { sms: true }), item(bad, 'sms:bad', { sms: true })]);
    const sender = smsSender({ transport: twilioTransport(`http://AC0123456789:s3cret@${origin}`), from: '+15005550006', appUrl: 'https://traqora.test' });
    const run = await deliverNotifications(t.db, { sms: sender });
    expect(run).toMatchObject({ claimed: 2, sent: 1, retried: 1 });
    const [first] = received;
    expect(first.path).toBe('/2010-04-01/Accounts/AC0123456789/Messages.json');
    expect(first.auth).toBe(`Basic ${Buffer.from('AC0123456789:s3cret').toString('base64')}`);
    expect(Object.fromEntries(first.form)).toEqual({ To: '+447700900123', From: '+15005550006', Body: 'Traqora: Flight BA117 JFK–LHR is cancelled https://traqora.test/trips/AAAAAA' });
    expect(await statusOf(bad)).toEqual([{ channel: 'sms', status: 'pending', last_error: "SMS refused (400 code 21211): The 'To' number is not a valid phone number." }]);
  });

  it('the log transport records what would have been sent', async () => {
    const logged: unknown[] = [];
    await smsSender({ transport: logTransport((m) => logged.push(m)), from: 'Traqora', appUrl: 'http://localhost:3000' })
      .send({ id: 1, channel: 'sms', attempts: 1, user_id: 'u', address: '+447700900123', time_zone: 'UTC',
        notification: { id: 9, type: 'booking_paid', title: 'Booking X is confirmed', body: 'b', link: null, urgent: false, created_at: '' } });
    expect(logged).toEqual([{ to: '+447700900123', from: 'Traqora', body: 'Traqora: Booking X is confirmed' }]);
  });
});
