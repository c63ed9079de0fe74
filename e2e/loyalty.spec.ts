import { createHmac, randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { mintClerkToken, signInWithClerk } from './support/clerk';
import { E2E_ADMIN_CLERK_ID, E2E_CRON_SECRET, E2E_FLIGHT_STATUS_SECRET } from './support/server-env.mjs';
import { expect, test } from './support/test';

// Traqora Rewards in the browser: a paid booking's points show as pending on /loyalty once the
// domain-events job ran; the flight-data provider's webhook reports the flight landed (with its
// actual times, hours ago), the release job completes the trip and the points become active;
// the pay page's slider spends some of them with the new total; /loyalty shows them redeemed;
// cancelling the booking gives them back. Axe runs on every page visited; the screenshots are
// for looking at.

const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const passenger = () => ({ type: 'adult', given_name: 'Ada', family_name: 'Lovelace', date_of_birth: '1985-03-04',
  document: { type: 'passport', number: `P${Math.floor(Math.random() * 1e8)}`, issuing_country: 'GB', expires_on: '2035-01-01' } });
const contact = { email: 'ada@example.com', phone: '+447700900123' };
const cron = { authorization: `Bearer ${E2E_CRON_SECRET}` };
const shots = 'test-results/loyalty';

async function hold(request: APIRequestContext, who: Record<string, string>, from: string, to: string, family: string, days = 12) {
  const search = await (await request.get(`/api/v1/flights/search?from=${from}&to=${to}&date=${day(days)}&adults=1&max_stops=0`)).json();
  const offer = search.data[0].fare_options.find((f: { fare_family: string }) => f.fare_family === family);
  const created = await request.post('/api/v1/bookings', { headers: { ...who, 'idempotency-key': randomUUID() }, data: { offer_id: offer.id, passengers: [passenger()], contact } });
  expect(created.status()).toBe(201);
  return (await created.json()).data as { pnr: string; id: string; price: { base_minor: number; total_minor: number };
    segments: { airline: string; flight_number: number; departs_at: string; arrives_at: string }[] };
}

/** The flight-data provider's signed webhook: the segment's flight landed `hoursAgo`, after its scheduled block time. */
async function reportLanded(request: APIRequestContext, seg: { airline: string; flight_number: number; departs_at: string; arrives_at: string }, hoursAgo: number) {
  const at = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
  const block = (Date.parse(seg.arrives_at) - Date.parse(seg.departs_at)) / 3600_000;
  const body = JSON.stringify({ id: `e2e-landed-${randomUUID()}`, type: 'flight.status', created_at: new Date().toISOString(), flight: {
    fa_flight_id: `e2e-${randomUUID()}`, ident_iata: `${seg.airline}${seg.flight_number}`, status: 'Arrived / Gate Arrival', cancelled: false, diverted: false,
    scheduled_out: seg.departs_at, actual_out: at(hoursAgo + block), actual_in: at(hoursAgo) } });
  const t = Math.floor(Date.now() / 1000);
  const signature = `t=${t},v1=${createHmac('sha256', E2E_FLIGHT_STATUS_SECRET).update(`${t}.${body}`).digest('hex')}`;
  const res = await request.post('/api/v1/webhooks/flight-status/flightdata', { headers: { 'content-type': 'application/json', 'x-flightdata-signature': signature }, data: body });
  expect(res.status()).toBe(200);
  expect((await res.json()).data).toMatchObject({ outcome: 'applied' });
}

// The server extends its schedule from 21 to 30 days in the background after starting, holding
// the embedded database meanwhile; on a loaded machine that takes minutes. Wait for it (the last
// day has flights) so the test's own requests are not timed against it.
test.beforeAll(async ({ request }) => {
  test.setTimeout(600_000);
  for (const deadline = Date.now() + 570_000; Date.now() < deadline;) {
    const res = await request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${day(28)}&adults=1&max_stops=0`, { timeout: 570_000 });
    if (res.ok() && (await res.json()).data.length > 0) return;
    await new Promise((r) => setTimeout(r, 2000));
  }
});

test('earn pending points, fly (the feed reports the landing), spend the active points at checkout, and get them back on cancelling', async ({ page, context, request, visit }) => {
  test.setTimeout(300_000);
  const suffix = randomUUID().slice(0, 8);
  const clerkId = `user_e2e_rewards_${suffix}`;
  const name = `Rewards Tester ${suffix}`;
  const who = { authorization: `Bearer ${mintClerkToken(clerkId, { claims: { name } })}` };
  await signInWithClerk(context, clerkId, { name });

  // Earn: a paid flex booking's points are pending once the domain-events job ran. (Day 19: no
  // other spec books it, so landing its flight takes no seats from anyone.)
  const first = await hold(request, who, 'JFK', 'LHR', 'flex', 19);
  expect((await request.post(`/api/v1/bookings/${first.pnr}/payments`, { headers: { ...who, 'idempotency-key': randomUUID() } })).status()).toBe(201);
  expect((await request.post('/api/cron/domain-events', { headers: cron })).status()).toBe(200);
  const pending = Math.floor(first.price.base_minor * 5 * 1.5 / 100);
  expect(pending).toBeGreaterThan(1200);   // enough to redeem below

  await visit('/loyalty');
  await expect(page.getByTestId('points-pending')).toContainText(pending.toLocaleString('en-US'));
  await expect(page.getByTestId('points-active')).toContainText(/^\D*0(?!\d)/);
  await expect(page.getByTestId('tier-card')).toContainText('Blue');
  await expect(page.getByRole('progressbar', { name: /towards Silver/ })).toHaveAttribute('aria-valuenow', '0');
  await expect(page.getByTestId('loyalty-history').getByText('Pending').first()).toBeVisible();
  await page.screenshot({ path: `${shots}/1-pending.png`, fullPage: true });

  // Fly: the provider reports the flight landed 3 hours ago; the release job completes the trip
  // (escrow to the airline, booking.completed) and the domain-events job makes the points active.
  await reportLanded(request, first.segments[0], 3);
  expect((await request.post('/api/cron/release-flown', { headers: cron })).status()).toBe(200);
  expect((await request.post('/api/cron/domain-events', { headers: cron })).status()).toBe(200);
  await visit('/loyalty');
  await expect(page.getByTestId('points-active')).toContainText(pending.toLocaleString('en-US'));
  await expect(page.getByTestId('points-pending')).toContainText(/^\D*0(?!\d)/);
  await page.screenshot({ path: `${shots}/1b-active.png`, fullPage: true });

  // Redeem: the pay page's slider takes 1,200 points off the fare; the total follows.
  const second = await hold(request, who, 'LHR', 'JFK', 'flex');
  await visit(`/trips/${second.pnr}/pay`);
  const slider = page.getByRole('slider', { name: 'Pay with points' });
  await expect(slider).toBeVisible();
  // checkout says what the trip earns: on the fare, and on less of it once points pay part
  const earns = (base: number) => `This trip earns ${Math.floor(base * 5 * 1.5 / 100).toLocaleString('en-US')} points`;
  await expect(page.getByTestId('earn-preview')).toContainText(earns(second.price.base_minor));
  await slider.fill('1200');
  await expect(page.getByTestId('earn-preview')).toContainText(earns(second.price.base_minor - 1200));
  const payButton = page.getByRole('button', { name: /^Pay \$[\d,.]+ and 1,200 points$/ });
  await expect(payButton).toBeEnabled();
  await expect(page.getByText('Paid with points')).toBeVisible();
  const cash = second.price.total_minor - 1200;
  await expect(payButton).toHaveText(`Pay $${(cash / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} and 1,200 points`);
  await page.screenshot({ path: `${shots}/2-slider.png`, fullPage: true });
  await payButton.click();
  await expect(page.getByRole('heading', { name: 'Booking confirmed' })).toBeVisible();

  await visit('/loyalty');
  await expect(page.getByTestId('points-active')).toContainText((pending - 1200).toLocaleString('en-US'));
  await page.getByLabel('Show').selectOption('redeemed');
  await expect(page.getByTestId('loyalty-history')).toContainText('1,200 points');
  await page.screenshot({ path: `${shots}/3-redeemed.png`, fullPage: true });

  // Cancel (flex: fully refundable): the points come back, the wallet gets the money part.
  const quote = (await (await request.post(`/api/v1/bookings/${second.pnr}/cancellation-quote`, { headers: who })).json()).data;
  expect((await request.post(`/api/v1/bookings/${second.pnr}/cancellation`, { headers: who, data: { quote_id: quote.id } })).status()).toBeLessThan(300);
  await visit('/loyalty');
  await expect(page.getByTestId('points-active')).toContainText(pending.toLocaleString('en-US'));
  await page.getByLabel('Show').selectOption('returned');
  await expect(page.getByTestId('loyalty-history')).toContainText('+1,200 points');
  await page.screenshot({ path: `${shots}/4-returned.png`, fullPage: true });

  // The history downloads as CSV with the filter applied.
  const csv = await request.get('/api/v1/loyalty/history?format=csv&kind=redeemed', { headers: who });
  expect(csv.headers()['content-type']).toContain('text/csv');
  const lines = (await csv.text()).trim().split('\r\n');
  expect(lines[0]).toBe('id,occurred_at,kind,currency,amount,state,source,source_ref,reason');
  expect(lines.slice(1).map((l) => l.split(',')[4])).toEqual(['-1200']);
});

test('a referral link: the friend signs in from it and joins; the member sees them on /loyalty', async ({ page, context, request, visit }) => {
  test.setTimeout(180_000);
  const suffix = randomUUID().slice(0, 8);
  const host = { id: `user_e2e_host_${suffix}`, name: `Hostina Referrer ${suffix}` };
  const friend = { id: `user_e2e_friend_${suffix}`, name: `Frida Newcomer${suffix}` };

  // The member's invite card: code and link to copy.
  await signInWithClerk(context, host.id, { name: host.name });
  await visit('/loyalty');
  const card = page.getByTestId('referrals');
  await expect(card).toContainText('Invite friends');
  const code = (await card.getByTestId('referral-code').textContent())!.trim();
  expect(code).toMatch(/^[0-9A-F]{8}$/);
  const link = page.getByLabel(/Your link/);
  await expect(link).toHaveValue(new RegExp(`/loyalty/join/${code}$`));
  await expect(card).toContainText('Nobody has joined with your link yet.');
  await page.screenshot({ path: `${shots}/5-invite.png`, fullPage: true });

  // The friend opens the link signed out: asked to sign in first.
  await context.clearCookies();
  const path = new URL(await link.inputValue()).pathname;
  await visit(path);
  await expect(page.getByRole('heading', { name: 'Sign in to continue' })).toBeVisible();
  await page.screenshot({ path: `${shots}/6-join-signed-out.png`, fullPage: true });

  // Signed in (a new account), they join with the code; joining again changes nothing.
  await signInWithClerk(context, friend.id, { name: friend.name });
  await visit(path);
  await page.getByRole('button', { name: `Join with code ${code}` }).click();
  await expect(page.getByText('You joined with your friend’s code')).toBeVisible();
  await page.screenshot({ path: `${shots}/7-joined.png`, fullPage: true });
  const again = await request.post('/api/v1/loyalty/referrals', {
    headers: { authorization: `Bearer ${mintClerkToken(friend.id, { claims: { name: friend.name } })}` }, data: { code } });
  expect(again.status()).toBe(200);
  expect((await again.json()).data).toMatchObject({ code, status: 'claimed', replayed: true });
  // their own code is refused, naming the field
  const own = await request.post('/api/v1/loyalty/referrals', {
    headers: { authorization: `Bearer ${mintClerkToken(host.id, { claims: { name: host.name } })}` }, data: { code } });
  expect(own.status()).toBe(422);
  expect((await own.json()).errors).toEqual([expect.objectContaining({ field: 'code' })]);

  // Back as the member: the friend is listed, waiting for their first trip.
  await context.clearCookies();
  await signInWithClerk(context, host.id, { name: host.name });
  await visit('/loyalty');
  await expect(page.getByTestId('referrals').getByRole('row', { name: /Frida N\./ })).toContainText('Joined — first trip to come');
  await expect(page.getByTestId('badges')).toContainText('First flight');
  await page.getByTestId('referrals').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/8-referees.png`, fullPage: true });
});

test('an airdrop batch: each recipient gets a result, progress shows, the same batch id credits nobody twice, 51 is refused', async ({ page, context, request, visit }) => {
  test.setTimeout(180_000);
  const suffix = randomUUID().slice(0, 8);
  const admin = { authorization: `Bearer ${mintClerkToken(E2E_ADMIN_CLERK_ID)}` };
  // two members (their accounts exist once they have made a request)
  const ids: string[] = [];
  for (const n of [1, 2]) {
    const who = { authorization: `Bearer ${mintClerkToken(`user_e2e_drop_${n}_${suffix}`, { claims: { name: `Drop Member${n} ${suffix}` } })}` };
    expect((await request.get('/api/v1/loyalty', { headers: who })).status()).toBe(200);
    const found = (await (await request.get(`/api/v1/admin/users?q=${encodeURIComponent(`Drop Member${n} ${suffix}`)}`, { headers: admin })).json()).data as { id: string }[];
    ids.push(found[0].id);
  }

  await signInWithClerk(context, E2E_ADMIN_CLERK_ID);
  await visit('/admin/loyalty');
  const form = page.getByRole('form', { name: 'New airdrop' });
  await form.getByLabel('Points each').fill('250');
  await form.getByLabel('Reason').fill(`Beta testers ${suffix}`);
  await form.getByLabel('Recipients').fill(['recipient', ids[0], ids[1], `nobody-${suffix}@example.test`, ids[0]].join('\n'));
  await expect(form).toContainText('4 of at most 50');
  await form.getByRole('button', { name: 'Send airdrop' }).click();
  const batch = page.getByTestId('airdrop-batch');
  await expect(batch.getByTestId('airdrop-summary')).toHaveText('4 of 4 handled: 2 credited, 1 unknown, 1 duplicate, 0 refused.');
  await expect(batch.getByRole('progressbar', { name: 'Airdrop progress' })).toHaveAttribute('aria-valuenow', '4');
  await expect(batch.getByRole('row', { name: new RegExp(`nobody-${suffix}`) })).toContainText('Unknown member');
  await expect(page.getByRole('list', { name: 'Recent airdrops' })).toContainText(`Beta testers ${suffix}`);
  await page.screenshot({ path: `${shots}/9-airdrop.png`, fullPage: true });

  // the members hold the points once
  for (const n of [1, 2]) {
    const who = { authorization: `Bearer ${mintClerkToken(`user_e2e_drop_${n}_${suffix}`, { claims: { name: `Drop Member${n} ${suffix}` } })}` };
    expect((await (await request.get('/api/v1/loyalty', { headers: who })).json()).data.points.active).toBe(250);
  }

  // The API: the same batch id sent again answers the batch (200) and credits nobody twice; 51 is a 422.
  const batchId = randomUUID();
  const body = { batch_id: batchId, kind: 'points', points: 100, reason: 'API batch', recipients: [ids[0]] };
  expect((await request.post('/api/v1/admin/loyalty/airdrops', { headers: admin, data: body })).status()).toBe(201);
  expect((await request.post(`/api/v1/admin/loyalty/airdrops/${batchId}/run`, { headers: admin })).status()).toBe(200);
  const resent = await request.post('/api/v1/admin/loyalty/airdrops', { headers: admin, data: body });
  expect(resent.status()).toBe(200);
  expect((await resent.json()).data).toMatchObject({ status: 'done', progress: { credited: 1 } });
  const tooMany = await request.post('/api/v1/admin/loyalty/airdrops', { headers: admin,
    data: { ...body, batch_id: randomUUID(), recipients: Array.from({ length: 51 }, (_, i) => `p${i}@example.test`) } });
  expect(tooMany.status()).toBe(422);
  expect(tooMany.headers()['content-type']).toContain('application/problem+json');
  expect((await tooMany.json()).errors).toEqual([expect.objectContaining({ field: 'recipients' })]);
  const who1 = { authorization: `Bearer ${mintClerkToken(`user_e2e_drop_1_${suffix}`, { claims: { name: `Drop Member1 ${suffix}` } })}` };
  expect((await (await request.get('/api/v1/loyalty', { headers: who1 })).json()).data.points.active).toBe(350);
});

test('the Rewards console: a campaign created (a field error first) and ended; a member looked up and their points adjusted', async ({ page, context, request, visit }) => {
  test.setTimeout(180_000);
  const suffix = randomUUID().slice(0, 8);
  const admin = { authorization: `Bearer ${mintClerkToken(E2E_ADMIN_CLERK_ID)}` };
  const memberName = `Adjusted Member ${suffix}`;
  const member = { authorization: `Bearer ${mintClerkToken(`user_e2e_adjust_${suffix}`, { claims: { name: memberName } })}` };
  expect((await request.get('/api/v1/loyalty', { headers: member })).status()).toBe(200);
  const [{ id }] = (await (await request.get(`/api/v1/admin/users?q=${encodeURIComponent(memberName)}`, { headers: admin })).json()).data as { id: string }[];

  await signInWithClerk(context, E2E_ADMIN_CLERK_ID);
  await visit('/admin/loyalty');

  // A campaign on a route no other test books (Sydney–Auckland), so it changes no one else's points.
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'New campaign' }) });
  await form.getByLabel('Name').fill('Hi');
  await form.getByLabel('Kind').selectOption('fixed');
  await form.getByLabel('Points a booking').fill('500');
  await form.getByLabel('From (airport)').fill('SYD');
  await form.getByLabel('To (airport)').fill('AKL');
  await form.getByRole('button', { name: 'Create campaign' }).click();
  await expect(form.getByText('must be 3 to 120 characters')).toBeVisible();
  const name = `Trans-Tasman ${suffix}`;
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: 'Create campaign' }).click();
  await expect(form.getByRole('status')).toHaveText(`Created “${name}”.`);
  const campaigns = page.getByRole('list', { name: 'Campaigns' });
  const row = campaigns.getByRole('listitem').filter({ hasText: name });
  await expect(row).toContainText('running');
  await expect(row).toContainText('+500 points a booking on SYD→AKL');
  await page.screenshot({ path: `${shots}/10-campaign.png`, fullPage: true });
  await row.getByRole('button', { name: `End now ${name}` }).click();
  await expect(row).toContainText('ended');
  await expect(row.getByRole('button', { name: /End now/ })).toHaveCount(0);

  // The member lookup: 1,500 points given with a reason, shown in the console and to the member.
  await page.getByLabel('User id').fill(id);
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByTestId('admin-points-active')).toHaveText('0');
  const adjust = page.locator('form', { has: page.getByRole('heading', { name: 'Adjust points' }) });
  await adjust.getByLabel('Points', { exact: true }).fill('1500');
  await adjust.getByLabel('Reason', { exact: true }).fill(`Goodwill for a missed connection ${suffix}`);
  await adjust.getByRole('button', { name: 'Adjust', exact: true }).click();
  await expect(adjust.getByRole('status')).toHaveText('Done: the member now has 1,500 active points.');
  await expect(page.getByTestId('admin-points-active')).toHaveText('1,500');
  await expect(page.getByRole('region', { name: 'Latest entries' })).toContainText(`Goodwill for a missed connection ${suffix}`);
  await page.screenshot({ path: `${shots}/11-adjusted.png`, fullPage: true });
  expect((await (await request.get('/api/v1/loyalty', { headers: member })).json()).data.points.active).toBe(1500);
});

test('three badges upgrade a Basic fare to Standard at checkout, once, at the quoted price', async ({ page, context, request, visit }) => {
  test.setTimeout(180_000);
  const suffix = randomUUID().slice(0, 8);
  const admin = { authorization: `Bearer ${mintClerkToken(E2E_ADMIN_CLERK_ID)}` };
  const clerkId = `user_e2e_upgrade_${suffix}`;
  const name = `Badge Holder ${suffix}`;
  const who = { authorization: `Bearer ${mintClerkToken(clerkId, { claims: { name } })}` };
  expect((await request.get('/api/v1/loyalty', { headers: who })).status()).toBe(200);
  const [{ id }] = (await (await request.get(`/api/v1/admin/users?q=${encodeURIComponent(name)}`, { headers: admin })).json()).data as { id: string }[];
  // three badges, given the way a rewards manager gives them: an airdrop each
  for (const badge of ['trailblazer', 'first_flight', 'referral']) {
    const batch = randomUUID();
    const sent = await request.post('/api/v1/admin/loyalty/airdrops', { headers: { ...admin, 'content-type': 'application/json' },
      data: { batch_id: batch, kind: 'badge', badge, reason: `Upgrade test ${suffix}`, recipients: [id] } });
    expect(sent.status()).toBeLessThan(300);
    expect((await request.post(`/api/v1/admin/loyalty/airdrops/${batch}/run`, { headers: admin })).status()).toBe(200);
  }
  expect(await (await request.get('/api/v1/loyalty/badges', { headers: who })).json()).toMatchObject({ unspent: 3, upgrade_cost: 3 });

  const basic = await hold(request, who, 'JFK', 'LHR', 'basic', 13);
  await signInWithClerk(context, clerkId, { name });
  await visit(`/trips/${basic.pnr}/pay`);
  await expect(page.getByText(/1 passenger · Basic/)).toBeVisible();
  const offer = page.getByTestId('badge-upgrade');
  await expect(offer).toContainText('You hold 3 unspent badges');
  await page.screenshot({ path: `${shots}/12-badge-upgrade.png`, fullPage: true });
  await offer.getByRole('button', { name: 'Upgrade to Standard with 3 badges' }).click();
  await expect(page.getByText(/1 passenger · Standard/)).toBeVisible();
  await expect(page.getByTestId('badge-upgrade')).toHaveCount(0);
  await page.screenshot({ path: `${shots}/13-upgraded.png`, fullPage: true });

  const after = (await (await request.get(`/api/v1/bookings/${basic.pnr}`, { headers: who })).json()).data;
  expect(after).toMatchObject({ fare_family: 'standard', price: { total_minor: basic.price.total_minor } });
  // once per booking: asking again (a retry) answers the booking as it is and spends nothing more
  const again = await request.post(`/api/v1/bookings/${basic.pnr}/fare-upgrade`, { headers: who });
  expect(again.status()).toBe(200);
  expect((await again.json()).data).toMatchObject({ fare_family: 'standard', price: { total_minor: basic.price.total_minor } });
  const badges = await (await request.get('/api/v1/loyalty/badges', { headers: who })).json();
  expect(badges).toMatchObject({ unspent: 0 });
  expect((badges.data as { spent: boolean; earned_at: string | null }[]).filter((b) => b.spent)).toHaveLength(3);
});
