import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './support/test';

// On a phone the header's menus, the passengers popover, the results' filter sheet and the folded
// search form load when they are first used (components/ui/first-use-component.tsx), not right
// after the page (#15: mounting them was a long task of every load). Their buttons are the page's
// own until then: enabled once the page has hydrated, and usable by keyboard from the first press.

const PHONE = { width: 390, height: 844 };
const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const SEARCH = `/search?from=JFK&to=LHR&date=${day(9)}&adults=1&children=0&infants=0&cabin=economy`;

test('home on a phone: the menu, the theme and the passengers open on first use, by keyboard', async ({ page, visit }) => {
  await page.setViewportSize(PHONE);
  await visit('/');
  const banner = page.getByRole('banner');
  const openMenu = banner.getByRole('button', { name: 'Open menu' });
  await expect(openMenu).toBeEnabled();
  // Still the page's button, not Radix's trigger (which marks its state): the sheet's code has not run.
  await expect(openMenu).not.toHaveAttribute('data-state');
  await expect(banner.getByRole('button', { name: 'Colour theme' })).not.toHaveAttribute('data-state');

  await openMenu.focus();
  await page.keyboard.press('Enter');
  const sheet = page.getByRole('dialog', { name: 'Menu' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('link', { name: 'Search flights' })).toBeVisible();
  await expectAccessible(page, 'home on a phone, menu open');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(openMenu).toBeFocused();

  const theme = banner.getByRole('button', { name: 'Colour theme' });
  await theme.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitemradio', { name: 'Dark' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(theme).toBeFocused();

  const passengers = page.getByRole('form', { name: 'Search flights' }).getByRole('button', { name: /Passengers/ });
  await expect(passengers).not.toHaveAttribute('data-state');
  await passengers.focus();
  await page.keyboard.press('Space');
  const picker = page.getByRole('dialog', { name: 'Passengers' });
  await expect(picker).toBeVisible();
  await picker.getByRole('button', { name: /add an adult/i }).click();
  await picker.getByRole('button', { name: 'Done' }).click();
  await expect(picker).toBeHidden();
  await expect(passengers).toContainText('2 adults');
});

test('results on a phone: the folded search form and the filter sheet load when opened', async ({ page, visit }) => {
  await page.setViewportSize(PHONE);
  await visit(SEARCH);
  const filters = page.getByRole('button', { name: /^Filters/ });
  await expect(filters).toBeEnabled();
  await expect(filters).not.toHaveAttribute('data-state');
  // Folded away, the form is not in the page at all (nor its placeholder, once hydrated).
  await expect(page.locator('form[aria-label="Search flights"]')).toHaveCount(0);

  await page.getByRole('button', { name: 'Edit search' }).click();
  const form = page.getByRole('form', { name: 'Search flights' });
  await expect(form.getByRole('combobox', { name: 'From' })).toHaveValue(/JFK/);
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(form).toBeHidden();

  await filters.focus();
  await page.keyboard.press('Enter');
  const sheet = page.getByRole('dialog', { name: 'Filters' });
  await expect(sheet).toBeVisible();
  await sheet.getByRole('radio', { name: /Nonstop only/ }).check();
  await expect(page).toHaveURL(/max_stops=0/);
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(page.getByRole('button', { name: 'Filters (1)' })).toBeVisible();
});

/** Refuses the page's script chunk fetches, as a phone offline for a moment would, until `online()`. */
async function offlineForScripts(page: Page) {
  const state = { refused: 0, offline: true, online: () => { state.offline = false; } };
  await page.route('**/_next/static/chunks/**', (route) => {
    if (!state.offline) return route.continue();
    state.refused++;
    return route.abort('internetdisconnected');
  });
  return state;
}

// A phone offline for a moment when a control is first used: the code's fetch fails (after the
// bundler's own retry). React.lazy would keep that failure for good, so the control must not
// render it; the button stays as it was, the page stays whole, and the next press opens it.
test('a first use whose code cannot be fetched leaves the page whole, and the next press opens it', async ({ page, visit }) => {
  await page.setViewportSize(PHONE);
  await visit('/');
  const openMenu = page.getByRole('banner').getByRole('button', { name: 'Open menu' });
  await expect(openMenu).toBeEnabled();
  const network = await offlineForScripts(page);
  await openMenu.click();
  await expect.poll(() => network.refused).toBeGreaterThan(0);
  await expect(openMenu).not.toHaveAttribute('aria-busy', { timeout: 10_000 });
  await expect(page.getByRole('dialog', { name: 'Menu' })).toBeHidden();
  await expect(page.getByRole('form', { name: 'Search flights' })).toBeVisible();

  network.online();
  await openMenu.click();
  await expect(page.getByRole('dialog', { name: 'Menu' })).toBeVisible();
});

test('an offer whose panel code cannot be fetched stays closed, and opens at the next press', async ({ page, visit }) => {
  await visit(SEARCH);
  const offer = page.getByRole('region', { name: 'Flights' }).getByRole('article').first();
  const details = offer.getByRole('button', { name: 'Details & fares' });
  await expect(details).toBeEnabled();
  const network = await offlineForScripts(page);
  await details.click();
  await expect.poll(() => network.refused).toBeGreaterThan(0);
  await expect(details).not.toHaveAttribute('aria-busy', { timeout: 10_000 });
  await expect(details).toHaveAttribute('aria-expanded', 'false');

  network.online();
  await details.click();
  await expect(offer.getByRole('button', { name: 'Hide' })).toHaveAttribute('aria-expanded', 'true');
  await expect(offer.getByRole('link', { name: /^Select / }).first()).toBeVisible();
});
