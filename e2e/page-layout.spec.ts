import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Browser, BrowserContext, Page } from '@playwright/test';
import { mintClerkToken, signInWithClerk } from './support/clerk';
import { expect, test } from './support/test';

// A page's layout does not move once painted (#14: Lighthouse measured a layout shift of 0.887 on
// a desktop /search; #15: 0.34 on a phone's home and trip pages). The server sends the page shell
// first and each Suspense boundary that was not ready after it; the browser may paint the shell
// before React reveals the rest, and before the JavaScript has run at all. Whether it does is a
// matter of timing, so this does not wait for a bad run: it paints the shell alone (the HTML up to
// the first streamed segment, no JavaScript) and checks that everything the shell shows on screen
// stands at the same place on the finished, hydrated page with its data loaded.

// The first page after the server starts can wait behind the schedule being seeded (a loaded CI machine).
test.describe.configure({ timeout: 180_000 });

const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);

type Box = { selector: string; top: number; left: number } | null;

interface Subject {
  /** The page under test, with what the shell must show and how to know it is finished. */
  path: string;
  /** What the shell can show, in page order; an element missing from either state is skipped. */
  landmarks: string[];
  /** Must the page stream a boundary after its shell? (/search does; elsewhere the shell may be all of it.) */
  streams: boolean;
  finished: (page: Page) => Promise<void>;
  signIn?: (context: BrowserContext) => Promise<void>;
}

const PHONE = ['phone (Lighthouse’s 412×823)', { width: 412, height: 823 }] as const;
const TABLET = ['tablet', { width: 800, height: 1000 }] as const;
const DESKTOP = ['desktop (Lighthouse’s 1350×940)', { width: 1350, height: 940 }] as const;

function boxes(page: Page, landmarks: string[], firstScreenOnly: boolean): Promise<Box[]> {
  return page.evaluate(([selectors, onlyVisible]) => selectors.map((selector) => {
    const el = document.querySelector(selector);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    if (onlyVisible && (r.height === 0 || r.top >= window.innerHeight)) return null; // not on the first screen
    return { selector, top: Math.round(r.top), left: Math.round(r.left) };
  }), [landmarks, firstScreenOnly] as const);
}

/** The page as the browser may first paint it: the shell only, fallbacks in place of streamed boundaries, no JavaScript. */
async function shellBoxes(browser: Browser, baseURL: string, subject: Subject, viewport: { width: number; height: number }): Promise<Box[]> {
  const context = await browser.newContext({ viewport, javaScriptEnabled: false, baseURL });
  try {
    await subject.signIn?.(context);
    const page = await context.newPage();
    await page.route((url) => url.pathname + url.search === subject.path, async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      const cut = html.indexOf('<div hidden id="S:');
      if (subject.streams) expect(cut, 'the page streams at least one boundary after its shell (else this test checks nothing)').toBeGreaterThan(0);
      await route.fulfill({ response, body: cut > 0 ? html.slice(0, cut) : html });
    });
    await page.goto(subject.path);
    await page.waitForLoadState('load');
    return await boxes(page, subject.landmarks, true);
  } finally {
    await context.close();
  }
}

async function expectStill(browser: Browser, page: Page, baseURL: string, subject: Subject, viewport: { width: number; height: number }) {
  const before = await shellBoxes(browser, baseURL, subject, viewport);
  expect(before.filter(Boolean).length, 'the shell paints the heading at least').toBeGreaterThan(0);

  await subject.signIn?.(page.context());
  await page.setViewportSize(viewport);
  await page.addInitScript(() => {
    const w = window as unknown as { __shift: number };
    w.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(subject.path);
  await subject.finished(page);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `test-results/layout${subject.path.split('?')[0].replace(/\//g, '-')}-${viewport.width}.png` });

  const after = await boxes(page, subject.landmarks, false);
  const moved = before.flatMap((b, i) => {
    const a = after[i];
    return b && a && (Math.abs(a.top - b.top) > 1 || Math.abs(a.left - b.left) > 1) ? [`${b.selector}: ${b.left},${b.top} in the shell → ${a.left},${a.top}`] : [];
  });
  expect(moved, 'on-screen elements of the first paint that move afterwards').toEqual([]);
  // And what the browser itself counted on this load (CLS is a sum of these; 0.1 is "good").
  expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBeLessThan(0.1);
}

const SEARCH: Subject = {
  path: `/search?from=JFK&to=LHR&date=${day(14)}&adults=1&children=0&infants=0&cabin=economy`,
  landmarks: ['main h1', 'form[aria-label="Search flights"]', 'section[aria-labelledby="price-history-heading"]', 'nav[aria-label="Flexible dates"]', 'body > footer'],
  streams: true,
  finished: async (page) => {
    await expect(page.getByRole('article').first()).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Flexible dates' }).getByRole('link').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Price history' })).toBeVisible();
  },
};

const HOME: Subject = {
  path: '/',
  landmarks: ['main h1', 'main h1 + p', 'form[aria-label="Search flights"]', 'section[aria-labelledby="how-it-works"]', 'body > footer'],
  streams: false,
  finished: async (page) => {
    await expect(page.getByRole('form', { name: 'Search flights' }).getByRole('combobox', { name: 'From' })).toBeVisible();
  },
};

for (const [name, viewport] of [DESKTOP, TABLET, PHONE]) {
  test(`/search on a ${name}: what the shell paints stays put when the results arrive`, async ({ browser, page, baseURL }) => {
    await expectStill(browser, page, baseURL!, SEARCH, viewport);
  });
}

for (const [name, viewport] of [DESKTOP, PHONE]) {
  test(`home on a ${name}: what the shell paints stays put when the search form arrives`, async ({ browser, page, baseURL }) => {
    await expectStill(browser, page, baseURL!, HOME, viewport);
  });
}

/** A held booking of a fresh Clerk user (the trip page's owner). */
async function heldBooking(request: APIRequestContext, who: string): Promise<string> {
  const headers = { authorization: `Bearer ${mintClerkToken(who)}` };
  let search: { data?: { fare_options: { id: string; fare_family: string }[] }[] } = {};
  await expect.poll(async () => {
    search = await (await request.get(`/api/v1/flights/search?from=JFK&to=LHR&date=${day(12)}&max_stops=0`)).json();
    return search.data?.length ?? 0;
  }, { timeout: 120_000 }).toBeGreaterThan(0);
  const standard = search.data![0].fare_options.find((f) => f.fare_family === 'standard')!;
  const created = await request.post('/api/v1/bookings', {
    headers: { ...headers, 'idempotency-key': randomUUID() },
    data: {
      offer_id: standard.id,
      passengers: [{ type: 'adult', given_name: 'Lena', family_name: 'Layout', date_of_birth: '1985-03-04',
        document: { type: 'passport', number: `L${Math.floor(Math.random() * 1e8)}`, issuing_country: 'GB', expires_on: '2035-01-01' } }],
      contact: { email: 'lena@example.com', phone: '+447700900125' },
    },
  });
  expect(created.status()).toBe(201);
  return (await created.json()).data.pnr;
}

for (const [name, viewport] of [DESKTOP, PHONE]) {
  test(`a trip on a ${name}: what the server's HTML paints stays put once the page has hydrated`, async ({ browser, page, baseURL }) => {
    const who = `user_e2e_layout_${viewport.width}`;
    const pnr = await heldBooking(page.request, who);
    await expectStill(browser, page, baseURL!, {
      path: `/trips/${pnr}`,
      landmarks: ['main h1', 'section[aria-labelledby="flights-title"]', 'section[aria-labelledby="passengers-title"]', 'section[aria-labelledby="timeline-title"]', 'body > footer'],
      streams: false,
      signIn: (context) => signInWithClerk(context, who, { name: 'Lena Layout' }),
      finished: async (p) => {
        await expect(p.getByText('Seats held · awaiting payment').first()).toBeVisible();
        await expect(p.getByRole('heading', { name: 'Timeline' })).toBeVisible();
      },
    }, viewport);
  });
}
