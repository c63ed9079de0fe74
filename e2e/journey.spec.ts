import type { Page } from '@playwright/test';
import { signOffer } from '@/lib/flights/offer-token';
import { offerHref } from '@/components/booking/offer-types';
import { signInWithClerk } from './support/clerk';
import { serverEnv } from './support/server-env.mjs';
import { expect, expectAccessible, test } from './support/test';

// The passenger journey end to end: search → filter → fare → passengers → hold → pay →
// My trips → cancel with a quote → refund in the wallet. The seeded schedule starts today,
// so a date ten days out always has flights on a busy route.
const inDays = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const DATE = inDays(10);
const SEARCH = `/search?from=JFK&to=LHR&date=${DATE}&adults=2&children=0&infants=0&cabin=economy`;

async function fillPassenger(page: Page, card: string, p: { given: string; family: string; born: string; passport: string }) {
  const group = page.getByRole('group', { name: card, exact: true });
  await group.getByLabel('Given names').fill(p.given);
  await group.getByLabel('Family name').fill(p.family);
  await group.getByLabel('Date of birth').fill(p.born);
  await group.getByLabel('Passport number').fill(p.passport);
  await group.getByLabel('Issuing country').fill('GB');
  await group.getByLabel('Expiry date').fill(inDays(5 * 365));
}

test.describe('passenger journey', () => {
  test('search, filter, book two passengers on a refundable fare, pay, cancel and see the refund', async ({ page, context, visit }) => {
    test.setTimeout(180_000);
    await signInWithClerk(context, 'user_e2e_journey', { name: 'Journey Tester' });

    await visit(SEARCH);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/New York.*London/);
    const results = page.getByRole('region', { name: 'Flights' });
    await expect(results.getByRole('article').first()).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Flexible dates' }).getByRole('link').first()).toBeVisible();

    // A filter goes to the URL and narrows the results.
    await page.getByRole('complementary', { name: 'Filters' }).getByRole('radio', { name: /Nonstop only/ }).check();
    await expect(page).toHaveURL(/max_stops=0/);
    await expect(results.getByText(/1 stop/)).toHaveCount(0);
    await expect(results.getByRole('article').first()).toBeVisible();
    await expectAccessible(page, 'results with a filter');

    // Fare families side by side; Standard is refundable.
    const first = results.getByRole('article').first();
    await first.getByRole('button', { name: 'Details & fares' }).click();
    await expect(first.getByText('Refundable, $75 fee per passenger').or(first.getByText('Fully refundable')).first()).toBeVisible();
    await expectAccessible(page, 'expanded offer');
    await first.getByRole('link', { name: /Select Standard/ }).click();

    await expect(page).toHaveURL(/\/offers\/off_/);
    await expect(page.getByRole('heading', { name: 'Review your flight' })).toBeVisible();
    await expect(page.getByText(/Offer held for \d+:\d\d/)).toBeVisible();
    await expect(page.getByRole('complementary', { name: 'Price summary' }).getByText(/Refundable/)).toBeVisible();

    // Validation errors sit beside their fields.
    await page.getByRole('button', { name: /Hold seats/ }).click();
    const adult1 = page.getByRole('group', { name: 'Adult 1', exact: true });
    await expect(adult1.getByLabel('Given names')).toHaveAttribute('aria-invalid', 'true');
    await expect(adult1.getByLabel('Given names')).toHaveAccessibleDescription('Enter the given name as on the passport');
    await expect(adult1.getByLabel('Passport number')).toHaveAccessibleDescription(/Passport numbers are 5–20 letters and digits/);
    await expect(page.getByLabel('Phone')).toHaveAccessibleDescription(/Enter the phone number in international format/);
    await adult1.getByLabel('Given names').fill('Ada 2');
    await expect(adult1.getByLabel('Given names')).toHaveAccessibleDescription('Use Latin letters, spaces, hyphens and apostrophes only');
    await expectAccessible(page, 'passenger form with errors');

    await fillPassenger(page, 'Adult 1', { given: 'Ada', family: 'Lovelace', born: '1985-12-10', passport: 'P1234567' });
    await fillPassenger(page, 'Adult 2', { given: 'Grace', family: "O'Hopper", born: '1990-06-09', passport: 'P7654321' });
    await page.getByLabel('Email').fill('journey@example.com');
    await page.getByLabel('Phone').fill('+447700900123');
    await expect(adult1.getByLabel('Given names')).not.toHaveAttribute('aria-invalid', 'true');
    await page.getByRole('button', { name: /Hold seats/ }).click();

    // Held → pay into escrow → confirmed with the PNR.
    await expect(page).toHaveURL(/\/trips\/[A-Z0-9]{6}\/pay$/, { timeout: 20_000 });
    const pnr = /\/trips\/([A-Z0-9]{6})\/pay/.exec(page.url())![1];
    await expect(page.getByText(/Seats held for \d+:\d\d/)).toBeVisible();
    await expectAccessible(page, 'payment');
    await page.getByRole('button', { name: /^Pay \$/ }).click();
    await expect(page.getByRole('heading', { name: 'Booking confirmed' })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText(pnr, { exact: true })).toBeVisible();
    await expectAccessible(page, 'confirmation');

    // My trips lists it under Upcoming.
    await visit('/trips');
    await expect(page.getByRole('tab', { name: /Upcoming/ })).toHaveAttribute('aria-selected', 'true');
    const trip = page.getByRole('tabpanel').getByRole('link', { name: new RegExp(pnr) });
    await expect(trip).toBeVisible();
    await expect(trip).toContainText('Confirmed');
    await trip.click();

    // Cancel: quote first (refund, fee, where it goes, expiry), then confirm.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/New York.*London/);
    await expect(page.getByText('Ada Lovelace')).toBeVisible();
    await page.getByRole('button', { name: 'Cancel booking' }).click();
    const dialog = page.getByRole('dialog', { name: `Cancel booking ${pnr}?` });
    await expect(dialog.getByText('Refund', { exact: true })).toBeVisible();
    await expect(dialog.getByText(/back to your Traqora wallet/)).toBeVisible();
    await expect(dialog.getByText(/Quote valid for \d+:\d\d/)).toBeVisible();
    await expectAccessible(page, 'cancellation quote');
    await dialog.getByRole('button', { name: /Cancel and refund/ }).click();
    await expect(page.getByText('Booking cancelled')).toBeVisible();
    await expect(page.getByText('Cancelled · refunded').first()).toBeVisible();

    // The refund is in the wallet history, linked to the booking.
    await visit('/wallet');
    const refund = page.getByRole('row').filter({ hasText: 'Refund from escrow' });
    await expect(refund).toHaveCount(1);
    await expect(refund.getByRole('link', { name: pnr })).toBeVisible();
    await expect(refund).toContainText('+$');
  });

  test('server field errors show beside their fields, and a changed price asks for consent', async ({ page, context, visit, request }) => {
    await signInWithClerk(context, 'user_e2e_server_errors', { name: 'Careful Tester' });
    const found = await (await request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${DATE}&adults=1&limit=1`)).json();
    const offer = found.data[0].fare_options[1];
    await visit(offerHref(offer.id));
    await fillPassenger(page, 'Adult 1', { given: 'Ada', family: 'Lovelace', born: '1985-12-10', passport: 'P1234567' });
    await page.getByLabel('Email').fill('careful@example.com');
    await page.getByLabel('Phone').fill('+447700900123');

    // The API's field paths (body.passengers.0.…, body.contact.…) land on the matching inputs.
    let calls = 0;
    await page.route('**/api/v1/bookings', async (route) => {
      calls++;
      if (calls === 1) {
        await route.fulfill({
          status: 400,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'https://traqora.dev/problems/bad-request', title: 'Bad Request', status: 400, detail: 'Some passenger details need attention.',
            errors: [
              { field: 'body.passengers.0.family_name', message: 'Family name rejected by the airline' },
              { field: 'body.contact.phone', message: 'This phone number cannot receive messages' },
            ],
          }),
        });
      } else if (calls === 2) {
        await route.fulfill({
          status: 409,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'https://traqora.dev/problems/conflict', title: 'Conflict', status: 409, detail: 'The price of this offer has changed.', code: 'price_changed',
            previous_total_minor: offer.price.total_minor - 5000,
            price: offer.price,
            repriced_offer_id: offer.id,
          }),
        });
      } else await route.continue();
    });
    await page.getByRole('button', { name: /Hold seats/ }).click();
    const adult1 = page.getByRole('group', { name: 'Adult 1', exact: true });
    await expect(adult1.getByLabel('Family name')).toHaveAccessibleDescription('Family name rejected by the airline');
    await expect(page.getByLabel('Phone')).toHaveAccessibleDescription(/This phone number cannot receive messages/);
    await expect(adult1.getByLabel('Given names')).not.toHaveAttribute('aria-invalid', 'true');

    // A changed price is shown and booked only after the traveller accepts it.
    await page.getByRole('button', { name: /Hold seats/ }).click();
    const dialog = page.getByRole('dialog', { name: 'The price changed while you were booking' });
    await expect(dialog).toContainText('+$50');
    await expectAccessible(page, 'price change consent');
    await dialog.getByRole('button', { name: 'Accept and hold seats' }).click();
    await expect(page).toHaveURL(/\/trips\/[A-Z0-9]{6}\/pay$/, { timeout: 20_000 });
    expect(calls).toBe(3);
  });

  test('an expired offer cannot be booked or paid', async ({ page, context, visit, request }) => {
    await signInWithClerk(context, 'user_e2e_expired', { name: 'Late Tester' });
    const found = await (await request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${DATE}&adults=1&limit=1`)).json();
    const offer = found.data[0];
    const expired = signOffer(
      {
        slices: offer.slices.map((s: { segments: { flight_id: number }[] }) => s.segments.map((x) => x.flight_id)),
        cabin: 'economy',
        family: 'standard',
        passengers: { adults: 1, children: 0, infants: 0 },
        total_minor: offer.fare_options[1].price.total_minor,
        currency: 'USD',
        expires: Math.floor(Date.now() / 1000) - 60,
      },
      serverEnv().SESSION_SECRET,
    );

    await visit(offerHref(expired));
    await expect(page.getByRole('heading', { name: 'This offer has expired' })).toBeVisible();
    await expect(page.getByRole('link', { name: /Search again/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /Hold seats/ })).toHaveCount(0);

    // The API refuses it too, whatever the page shows.
    const res = await page.request.post('/api/v1/bookings', {
      headers: { 'idempotency-key': crypto.randomUUID() },
      data: {
        offer_id: expired,
        passengers: [{ type: 'adult', given_name: 'Late', family_name: 'Tester', date_of_birth: '1980-01-01', document: { type: 'passport', number: 'P1234567', issuing_country: 'GB', expires_on: inDays(2000) } }],
        contact: { email: 'late@example.com', phone: '+447700900123' },
      },
    });
    expect(res.status()).toBe(410);
  });

  test('signed-out visitors are asked to sign in before booking', async ({ page, visit, request }) => {
    const found = await (await request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${DATE}&adults=1&limit=1`)).json();
    await visit(offerHref(found.data[0].fare_options[0].id));
    await expect(page.getByRole('heading', { name: 'Sign in to continue' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: 'Sign in', exact: true })).toHaveAttribute('href', /\/sign-in\?redirect_url=%2Foffers%2F/);
    await expect(page.getByRole('main').getByRole('link', { name: 'Sign in with a wallet' })).toHaveAttribute('href', /\/sign-in\/wallet\?redirect_url=%2Foffers%2F/);
    await expect(page.getByRole('form', { name: 'Passenger details' })).toHaveCount(0);
  });

  test('results work on a phone', async ({ page, visit }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await visit(SEARCH);
    await expect(page.getByRole('region', { name: 'Flights' }).getByRole('article').first()).toBeVisible();
    await page.getByRole('button', { name: /^Filters/ }).click();
    await expect(page.getByRole('dialog', { name: 'Filters' })).toBeVisible();
    await expectAccessible(page, 'filters sheet on a phone');
    await page.keyboard.press('Escape');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
