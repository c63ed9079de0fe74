import { randomBytes, randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { voteCommitment } from '@/lib/disputes/commitment';
import { E2E_ADMIN_CLERK_ID, E2E_CRON_SECRET } from './support/server-env.mjs';
import { mintClerkToken, signInWithClerk } from './support/clerk';
import { expect, test } from './support/test';

// Disputes end to end in Chromium: a traveller opens a dispute on a paid booking from the trip
// page with a PNG; support escalates it from the console; five TRQ holders who staked are drawn,
// one commits and reveals on /disputes (the others through the API); with the test clock
// (in-memory database only) passing the windows, the jury clock tallies and pays the verdict,
// and the trip page shows the refund. Screenshots at desktop and phone width go to test-results.

const DAY = 86_400;
const run = randomUUID().slice(0, 8);
const bearer = (sub: string) => ({ authorization: `Bearer ${mintClerkToken(sub)}` });
const see = expect.configure({ timeout: 45_000 });
const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const passenger = { type: 'adult', given_name: 'Ada', family_name: 'Lovelace', date_of_birth: '1985-03-04',
  document: { type: 'passport', number: `P${Math.floor(Math.random() * 1e8)}`, issuing_country: 'GB', expires_on: '2035-01-01' } };
// a real PNG: 1×1, one red pixel
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/disputes-${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/disputes-${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function signIn(page: Page, sub: string) {
  await page.context().clearCookies();
  await signInWithClerk(page.context(), sub);
}

async function me(request: APIRequestContext, sub: string): Promise<string> {
  return (await (await request.get('/api/v1/me', { headers: bearer(sub) })).json()).data.id;
}

async function advance(request: APIRequestContext, seconds: number) {
  const res = await request.post('/api/v1/governance/test-clock', { data: { seconds } });
  expect(res.status(), await res.text()).toBe(200);
}

/** Runs the jury clock until the dispute reaches the state `done` names (a scheduler run may hold its lease). */
async function juryClock(request: APIRequestContext, disputeId: string, sub: string, done: (d: { status: string; rounds: { tallied_at: string | null }[] }) => boolean) {
  await expect.poll(async () => {
    const run = await request.post('/api/cron/jury-clock', { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } });
    expect(run.status(), await run.text()).toBe(200);
    return done((await (await request.get(`/api/v1/disputes/${disputeId}`, { headers: bearer(sub) })).json()).data);
  }, { timeout: 45_000, intervals: [500, 1_000, 2_000] }).toBe(true);
}

test.beforeAll(async ({ request }) => {
  test.setTimeout(600_000);
  expect((await request.get('/api/health', { timeout: 590_000 })).status()).toBe(200);
});
test.use({ navigationTimeout: 180_000, actionTimeout: 60_000 });

test('traveller opens with a PNG → support escalates → jurors commit and reveal → the verdict refunds', async ({ page, visit, request }) => {
  test.setTimeout(600_000);

  // five holders get TRQ from the treasury and stake the minimum (100 TRQ) to join the pool
  const jurorSubs = [0, 1, 2, 3, 4].map((i) => `user_e2e_juror_${i}_${run}`);
  const jurorIds = await Promise.all(jurorSubs.map((s) => me(request, s)));
  const airdrop = await request.post('/api/v1/governance/treasury', { headers: bearer(E2E_ADMIN_CLERK_ID),
    data: { reason: 'e2e jurors', recipients: jurorIds.map((user_id) => ({ user_id, amount: '500' })) } });
  expect(airdrop.status(), await airdrop.text()).toBe(201);
  for (const s of jurorSubs) {
    const staked = await request.post('/api/v1/jury/stake', { headers: bearer(s), data: { amount: '1000000000' } });
    expect(staked.status(), await staked.text()).toBe(200);
  }

  // the traveller pays a booking, then opens a dispute on the trip page with a PNG
  const traveller = `user_e2e_disputer_${run}`;
  await signIn(page, traveller);
  const search = await (await page.request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${day(10)}&max_stops=0&limit=5`)).json();
  const fare = search.data[0].fare_options.find((f: { fare_family: string }) => f.fare_family === 'standard') ?? search.data[0].fare_options[0];
  const created = await page.request.post('/api/v1/bookings', { headers: { 'idempotency-key': randomUUID() },
    data: { offer_id: fare.id, passengers: [passenger], contact: { email: 'ada@example.com', phone: '+447700900123' } } });
  expect(created.status(), await created.text()).toBe(201);
  const { pnr, price } = (await created.json()).data as { pnr: string; price: { total_minor: number } };
  const paid = await page.request.post(`/api/v1/bookings/${pnr}/payments`, { headers: { 'idempotency-key': randomUUID() } });
  expect([200, 201]).toContain(paid.status());

  await visit(`/trips/${pnr}`);
  await page.getByRole('button', { name: 'Open a dispute' }).click();
  await page.getByLabel('What happened?').fill('The flight was cancelled at the gate and the airline refused to rebook or refund me.');
  await page.getByLabel('Evidence (optional)').setInputFiles({ name: 'gate-screen.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Open dispute' }).click();
  await see(page.getByRole('heading', { name: 'Your dispute' })).toBeVisible();
  await see(page.getByText('With support')).toBeVisible();
  await see(page.getByRole('link', { name: 'gate-screen.png' })).toBeVisible();
  // the escrow is frozen: no cancellation while the dispute is in progress
  await expect(page.getByRole('button', { name: 'Cancel booking' })).toHaveCount(0);
  await shot(page, 'trip-opened');
  const list = await (await page.request.get(`/api/v1/disputes?pnr=${pnr}`)).json();
  const disputeId = list.data[0].id as string;

  // support finds it in the queue, sees the evidence and escalates it to the jury
  const support = `user_e2e_support_${run}`;
  const supportId = await me(request, support);
  const granted = await request.post(`/api/v1/admin/users/${supportId}/roles`, { headers: bearer(E2E_ADMIN_CLERK_ID), data: { role: 'support', reason: 'e2e dispute desk' } });
  expect([201, 409]).toContain(granted.status());
  await signIn(page, support);
  await visit('/admin/disputes');
  await page.locator(`tr[data-pnr="${pnr}"]`).getByRole('link', { name: pnr }).click();
  await see(page.getByRole('heading', { name: `Dispute on ${pnr}` })).toBeVisible();
  await see(page.getByRole('img', { name: 'Evidence: gate-screen.png' })).toBeVisible();
  await shot(page, 'desk-detail');
  // a split that does not add up is refused, naming the field
  await page.getByLabel(/Refund to traveller/).fill('1.00');
  await page.getByLabel(/Reason \(the traveller sees it\)/).fill('testing the sum');
  await page.getByRole('button', { name: 'Resolve and pay' }).click();
  await see(page.getByText(/refund_minor/)).toBeVisible();
  await page.getByRole('button', { name: 'Escalate to the jury' }).click();
  // the action revalidates the page: the escalation form gives way to the drawn jury
  await see(page.getByRole('heading', { name: /Jury · 5 jurors/ })).toBeVisible();

  const dispute = (await (await request.get(`/api/v1/disputes/${disputeId}`, { headers: bearer(support) })).json()).data;
  const seats: string[] = dispute.rounds[0].seats.map((s: { juror: string }) => s.juror);
  expect(seats).toHaveLength(5);
  const drawn = jurorSubs.filter((_, i) => seats.includes(jurorIds[i]));

  // the first juror commits in the browser (option 0: full refund); the others by API
  const [browserJuror, ...apiJurors] = drawn;
  await signIn(page, browserJuror);
  await visit('/disputes');
  const card = page.locator(`[data-dispute="${disputeId}"]`);
  await card.getByRole('radio', { name: /Full refund to the traveller/ }).check();
  await card.getByRole('button', { name: 'Commit vote' }).click();
  await see(card.getByText('Your vote is committed.')).toBeVisible();
  await shot(page, 'juror-committed');
  const salts = new Map<string, string>();
  for (const s of apiJurors) {
    const salt = randomBytes(32).toString('hex');
    salts.set(s, salt);
    const id = jurorIds[jurorSubs.indexOf(s)];
    const c = await request.post(`/api/v1/disputes/${disputeId}/commit`, { headers: bearer(s), data: { commitment: await voteCommitment(1, 0, salt, id) } });
    expect(c.status(), await c.text()).toBe(200);
  }

  await advance(request, 2 * DAY + 60);
  await page.reload();
  await card.getByRole('button', { name: 'Reveal vote' }).click();
  await see(card.getByText('You revealed: Full refund to the traveller.')).toBeVisible();
  await see(card.getByText(/^Tally in/)).toBeVisible();
  await shot(page, 'juror-revealed');
  // a wrong salt is refused, naming it
  const [first, ...rest] = apiJurors;
  const wrong = await request.post(`/api/v1/disputes/${disputeId}/reveal`, { headers: bearer(first), data: { option: 0, salt: randomBytes(32).toString('hex') } });
  expect(wrong.status()).toBe(422);
  expect((await wrong.json()).errors[0].field).toBe('salt');
  for (const s of [first, ...rest]) {
    const r = await request.post(`/api/v1/disputes/${disputeId}/reveal`, { headers: bearer(s), data: { option: 0, salt: salts.get(s) } });
    expect(r.status(), await r.text()).toBe(200);
  }

  // nobody presses a button: the jury clock tallies once the reveal window has closed, and pays
  // the verdict once the appeal window has (the cron endpoint runs it now rather than waiting
  // for the scheduler's next minute; either may be the one that acts)
  await advance(request, DAY + 60);
  await juryClock(request, disputeId, support, (d) => d.rounds[0].tallied_at !== null);
  await signIn(page, support);
  await visit(`/admin/disputes/${disputeId}`);
  await see(page.getByText('With the majority').first()).toBeVisible();
  await see(page.getByTestId('jury-next')).toContainText('may appeal');
  await shot(page, 'desk-tallied');
  await advance(request, 2 * DAY + 60);
  await juryClock(request, disputeId, support, (d) => d.status === 'resolved');
  await page.reload();
  await see(page.getByText('Jury verdict paid')).toBeVisible();
  await shot(page, 'desk-paid');

  // the traveller sees the refund; the juror sees the verdict
  await signIn(page, traveller);
  await visit(`/trips/${pnr}`);
  await see(page.getByText('The jury’s verdict was paid')).toBeVisible();
  const booking = (await (await page.request.get(`/api/v1/bookings/${pnr}`)).json()).data;
  expect(booking).toMatchObject({ status: 'refunded', refund_minor: price.total_minor });
  await shot(page, 'trip-refunded');
  await signIn(page, browserJuror);
  await visit('/disputes');
  await see(page.getByText('You voted with the majority')).toBeVisible();
  await see(page.getByText('The verdict has been paid. This case is finished.')).toBeVisible();
  await see(page.getByText('The traveller says')).toBeVisible();
  await shot(page, 'juror-verdict');
});
