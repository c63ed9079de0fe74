import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { mintClerkToken, signInWithClerk } from './support/clerk';
import { expect, expectAccessible, test } from './support/test';

// Live travel in Chromium: a payment made in one tab updates the trip page open in another
// without a reload (the SSE stream, GET /api/v1/events), the bell's unread count follows the
// notifications the payment caused, the centre marks them read, and the preferences page saves.

const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const passenger = { type: 'adult', given_name: 'Lia', family_name: 'Live', date_of_birth: '1988-05-06',
  document: { type: 'passport', number: `P${Math.floor(Math.random() * 1e8)}`, issuing_country: 'GB', expires_on: '2035-01-01' } };

async function holdBooking(request: APIRequestContext, who: string): Promise<string> {
  const headers = { authorization: `Bearer ${mintClerkToken(who)}` };
  const search = await (await request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${day(13)}&max_stops=0`)).json();
  const standard = search.data[0].fare_options.find((f: { fare_family: string }) => f.fare_family === 'standard');
  const created = await request.post('/api/v1/bookings', {
    headers: { ...headers, 'idempotency-key': randomUUID() },
    data: { offer_id: standard.id, passengers: [passenger], contact: { email: 'lia@example.com', phone: '+447700900124' } },
  });
  expect(created.status()).toBe(201);
  return (await created.json()).data.pnr;
}

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/live-${name}.png`, fullPage: true });

test.describe('live travel', () => {
  test('paying in one tab updates the trip page in another, live; the bell counts and the centre marks read', async ({ page, context, visit }) => {
    test.setTimeout(120_000);
    const who = 'user_e2e_live_traveller';
    await signInWithClerk(context, who, { name: 'Lia Live' });
    const pnr = await holdBooking(page.request, who);

    await visit(`/trips/${pnr}`);
    await expect(page.getByText('Seats held · awaiting payment').first()).toBeVisible();
    // the booking.held notification reaches the bell once the consumer ran (every 10 s)
    const bell = page.getByTestId('notification-bell');
    await expect(bell).toHaveAccessibleName(/Notifications, 1 unread/, { timeout: 30_000 });
    await expect(page.getByTestId('live-status')).toHaveCount(0);   // live: nothing to say
    await shot(page, 'trip-held');

    const other = await context.newPage();
    await other.goto(`/trips/${pnr}/pay`);
    await other.getByRole('button', { name: /^Pay \$/ }).click();
    await expect(other.getByText('Confirmed · paid into escrow').first()).toBeVisible();

    // the first tab, never reloaded, shows the payment from the stream
    await expect(page.getByText('Confirmed · paid into escrow').first()).toBeVisible({ timeout: 10_000 });
    await expect(bell).toHaveAccessibleName(/Notifications, 2 unread/, { timeout: 30_000 });
    await expect(page.getByText(`Booking ${pnr} is confirmed`).first()).toBeVisible();   // the toast
    await shot(page, 'trip-paid-live');

    await bell.click();
    const panel = page.getByRole('dialog');
    await expect(panel.getByText(`Booking ${pnr} is confirmed`)).toBeVisible();
    await expectAccessible(page, 'bell open');
    await shot(page, 'bell-open');
    await panel.getByRole('link', { name: 'See all' }).click();
    await expect(page).toHaveURL(/\/notifications$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
    await expect(page.getByTestId('notification')).toHaveCount(2);
    await expectAccessible(page, '/notifications');
    await shot(page, 'centre');
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await expect(bell).toHaveAccessibleName('Notifications');
    await expect(page.getByTestId('unread-count')).toHaveCount(0);
    // the other tab hears about the read over its own stream
    await expect(other.getByTestId('notification-bell')).toHaveAccessibleName('Notifications', { timeout: 10_000 });
  });

  test('the preferences page saves email, time zone, quiet hours and choices', async ({ page, context, visit }) => {
    await signInWithClerk(context, 'user_e2e_live_prefs', { name: 'Pref Person' });
    await visit('/settings/notifications');
    await expect(page.getByRole('heading', { level: 1, name: 'Notification settings' })).toBeVisible();
    await page.getByLabel('Email for notifications').fill('not-an-email');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByLabel('Email for notifications')).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'settings with an error');

    await page.getByLabel('Email for notifications').fill('pref@example.com');
    await page.getByLabel('Your time zone').selectOption('Europe/Lisbon');
    await page.getByLabel('Quiet hours').check();
    await page.getByLabel('From').fill('22:30');
    await page.getByLabel('Until').fill('06:45');
    await page.getByLabel('Seats held by email').uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Notification settings saved')).toBeVisible();
    await shot(page, 'settings');

    await page.reload();
    await expect(page.getByLabel('Email for notifications')).toHaveValue('pref@example.com');
    await expect(page.getByLabel('Your time zone')).toHaveValue('Europe/Lisbon');
    await expect(page.getByLabel('From')).toHaveValue('22:30');
    await expect(page.getByLabel('Seats held by email')).not.toBeChecked();
    await expect(page.getByLabel('Booking paid by email')).toBeChecked();
  });

  test('the event stream answers SSE with ids and refuses a bad Last-Event-ID; unsubscribe refuses a bad link', async ({ request, page, visit }) => {
    const headers = { authorization: `Bearer ${mintClerkToken('user_e2e_live_api')}` };
    const bad = await request.get('/api/v1/events', { headers: { ...headers, 'last-event-id': 'nope' } });
    expect(bad.status()).toBe(400);
    expect(bad.headers()['content-type']).toBe('application/problem+json');
    expect((await request.get('/api/v1/events')).status()).toBe(401);

    // a real stream, read in the page with fetch: the ready event carries the head id
    await visit('/unsubscribe?token=garbage');
    await expect(page.getByText('This link does not work')).toBeVisible();
    const ready = await page.evaluate(async (auth) => {
      const ctrl = new AbortController();
      const res = await fetch('/api/v1/events', { headers: { authorization: auth }, signal: ctrl.signal });
      const reader = res.body!.getReader();
      let text = '';
      while (!text.includes('event: ready')) text += new TextDecoder().decode((await reader.read()).value);
      ctrl.abort();
      return { type: res.headers.get('content-type'), cache: res.headers.get('cache-control'), text };
    }, headers.authorization);
    expect(ready.type).toBe('text/event-stream; charset=utf-8');
    expect(ready.cache).toContain('no-transform');
    expect(ready.text).toMatch(/retry: 3000\n\nid: \d+\nevent: ready\n/);
  });
});
