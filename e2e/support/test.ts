import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { ApiAnswerChecker, checkRequestAnswers, watchBrowserAnswers } from './api-answers';
import { CLERK_FRONTEND_API } from './server-env.mjs';

/** Fails on axe violations of serious or critical impact on the page as it is now, at rest. */
export async function expectAccessible(page: Page, label = page.url()) {
  await settle(page);
  let bad = await seriousViolations(page);
  // Live notifications arrive as toasts at any moment (the SSE stream): one that slid in while axe
  // was measuring is caught half-faded, and its button "fails" contrast. A page at rest shows the
  // same violations twice, so only what is still there after the page settled again counts.
  if (bad.length > 0) {
    await page.waitForTimeout(500);
    await settle(page);
    bad = await seriousViolations(page);
  }
  expect(bad, `axe on ${label}`).toEqual([]);
}

async function settle(page: Page) {
  // Let finite animations and transitions end first (a toast fading in, a dialog popping): axe
  // measures colour contrast through the element's opacity, so a half-faded toast "failed" it.
  // Endless ones (spinners, skeleton pulses) are not waited for.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
    undefined, { timeout: 3_000 }).catch(() => undefined);
  // A soft navigation or refresh (a filter in the URL, a server action's refresh) takes the
  // document's <title> away until the new page's streamed metadata arrives: check the page at
  // rest, titled, not mid-navigation.
  await page.waitForFunction(() => document.title.trim() !== '', undefined, { timeout: 10_000 }).catch(() => undefined);
}

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/**
 * Collects what the browser reports the page's CSP refused: the securitypolicyviolation event
 * (through a binding, so it survives navigations) and the console's "Refused to …" lines.
 */
export async function watchCspViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  await page.exposeBinding('__tqCspViolation', (_source, v: string) => { found.push(v); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      void (window as unknown as { __tqCspViolation: (v: string) => void }).__tqCspViolation(
        `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} on ${e.documentURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) found.push(`console: ${m.text()}`);
  });
  return found;
}

// Every test's page is checked with axe after each navigation to an app page, so "axe on
// every page visited" holds without each test remembering to ask.
export const test = base.extend<{ visit: (path: string) => Promise<void>; apiAnswerProblems: string[] }, { apiAnswers: () => Promise<ApiAnswerChecker> }>({
  // The OpenAPI document of the server under test, fetched once per worker when first needed.
  apiAnswers: [async ({ playwright }, provide, workerInfo) => {
    let loaded: Promise<ApiAnswerChecker> | undefined;
    await provide(() => loaded ??= (async () => {
      const request = await playwright.request.newContext({ baseURL: workerInfo.project.use.baseURL });
      try { return await ApiAnswerChecker.load(request); } finally { await request.dispose(); }
    })());
  }, { scope: 'worker' }],
  // Every /api/v1 answer a test sees (its pages' fetches, `request`, `page.request` and contexts it
  // opens itself) must be one the OpenAPI document describes (e2e/support/api-answers.ts).
  apiAnswerProblems: [async ({ browser, context, request, apiAnswers }, provide) => {
    const found: string[] = [];
    const settled = [watchBrowserAnswers(context, apiAnswers, found)];
    checkRequestAnswers(context.request, apiAnswers, found);
    checkRequestAnswers(request, apiAnswers, found);
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (options) => {
      const opened = await newContext(options);
      settled.push(watchBrowserAnswers(opened, apiAnswers, found));
      checkRequestAnswers(opened.request, apiAnswers, found);
      return opened;
    };
    await provide(found);
    browser.newContext = newContext;
    for (const wait of settled) await wait();
    expect([...new Set(found)], 'answers from /api/v1 that the OpenAPI document does not describe').toEqual([]);
  }, { auto: true }],

  page: async ({ page, context }, provide) => {
    // clerk-js would load from Clerk's frontend API, unreachable offline: fail it fast.
    await context.route(`https://${CLERK_FRONTEND_API}/**`, (r) => r.abort());
    // Every page runs under the production Content-Security-Policy: anything it refuses fails the test.
    const violations = await watchCspViolations(page);
    await provide(page);
    expect(violations, 'Content-Security-Policy violations reported by the browser').toEqual([]);
  },
  visit: async ({ page }, provide) => {
    await provide(async (path: string) => {
      const res = await page.goto(path);
      expect(res?.status(), `status of ${path}`).toBeLessThan(400);
      // not 'networkidle': the page keeps trying Clerk's (unreachable) script, and /ping polls
      await page.waitForLoadState('load');
      await expectAccessible(page, path);
    });
  },
});

export { expect };
