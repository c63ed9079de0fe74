import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/test';

// /search's layout does not move once painted (#14: Lighthouse measured a layout shift of 0.887 on a
// desktop). The server sends the page shell first and each Suspense boundary that was not ready
// after it; the browser may paint the shell before React reveals the rest. Whether it does is a
// matter of timing, so this does not wait for a bad run: it paints the shell alone (the HTML up to
// the first streamed segment, no JavaScript) and checks that everything the shell shows on screen
// stands at the same place on the finished, hydrated page with its data loaded.

const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const PATH = `/search?from=JFK&to=LHR&date=${day(14)}&adults=1&children=0&infants=0&cabin=economy`;
// What the shell can show, in page order; an element missing from either state is skipped.
const LANDMARKS = ['main h1', 'form[aria-label="Search flights"]', 'section[aria-labelledby="price-history-heading"]', 'nav[aria-label="Flexible dates"]', 'body > footer'];

type Box = { selector: string; top: number; left: number } | null;

function boxes(page: Page): Promise<Box[]> {
  return page.evaluate((selectors) => selectors.map((selector) => {
    const el = document.querySelector(selector);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    if (r.height === 0 || r.top >= window.innerHeight) return null; // not on the first screen
    return { selector, top: Math.round(r.top), left: Math.round(r.left) };
  }), LANDMARKS);
}

/** The page as the browser may first paint it: the shell only, fallbacks in place of streamed boundaries. */
async function shellBoxes(browser: Browser, baseURL: string, viewport: { width: number; height: number }): Promise<Box[]> {
  const context = await browser.newContext({ viewport, javaScriptEnabled: false, baseURL });
  try {
    const page = await context.newPage();
    await page.route(`**${PATH}`, async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      const cut = html.indexOf('<div hidden id="S:');
      expect(cut, 'the page streams at least one boundary after its shell (else this test checks nothing)').toBeGreaterThan(0);
      await route.fulfill({ response, body: html.slice(0, cut) });
    });
    await page.goto(PATH);
    await page.waitForLoadState('load');
    return await boxes(page);
  } finally {
    await context.close();
  }
}

for (const [name, viewport] of [['desktop (Lighthouse’s 1350×940)', { width: 1350, height: 940 }], ['tablet', { width: 800, height: 1000 }], ['phone', { width: 412, height: 823 }]] as const) {
  test(`/search on a ${name}: what the shell paints stays put when the results arrive`, async ({ browser, page, baseURL }) => {
    const before = await shellBoxes(browser, baseURL!, viewport);
    expect(before.filter(Boolean).length, 'the shell paints the heading at least').toBeGreaterThan(0);

    await page.setViewportSize(viewport);
    await page.addInitScript(() => {
      const w = window as unknown as { __shift: number };
      w.__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.__shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(PATH);
    await expect(page.getByRole('article').first()).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Flexible dates' }).getByRole('link').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Price history' })).toBeVisible();
    await page.waitForLoadState('networkidle');

    const after = await page.evaluate((selectors) => selectors.map((selector) => {
      const r = document.querySelector(selector)?.getBoundingClientRect();
      return r ? { selector, top: Math.round(r.top), left: Math.round(r.left) } : null;
    }), LANDMARKS);
    const moved = before.flatMap((b, i) => {
      const a = after[i];
      return b && a && (Math.abs(a.top - b.top) > 1 || Math.abs(a.left - b.left) > 1) ? [`${b.selector}: ${b.left},${b.top} in the shell → ${a.left},${a.top}`] : [];
    });
    expect(moved, 'on-screen elements of the first paint that move afterwards').toEqual([]);
    // And what the browser itself counted on this load (CLS is a sum of these; 0.1 is "good").
    expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBeLessThan(0.1);
  });
}
