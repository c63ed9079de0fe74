import { expect, test } from './support/test';

test.describe('home: the start of the passenger journey', () => {
  test('shows the flight search form', async ({ page, visit }) => {
    await visit('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const form = page.getByRole('form', { name: 'Search flights' });
    await expect(form.getByRole('combobox', { name: 'From' })).toBeVisible();
    await expect(form.getByRole('combobox', { name: 'To' })).toBeVisible();
    await expect(form.getByLabel('Depart')).toBeVisible();
  });

  test('autocompletes airports from the seeded data, by keyboard', async ({ page, visit }) => {
    await visit('/');
    const from = page.getByRole('combobox', { name: 'From' });
    await from.fill('lond');
    const heathrow = page.getByRole('option', { name: /LHR/ });
    await expect(heathrow).toBeVisible();
    await expect(page.getByRole('option', { name: /LGW/ })).toBeVisible();
    await expect(from).toHaveAttribute('aria-expanded', 'true');
    // arrow down through the list until Heathrow is active, then Enter picks it
    for (let i = 0; i < 8 && (await heathrow.getAttribute('aria-selected')) !== 'true'; i++) await from.press('ArrowDown');
    await from.press('Enter');
    await expect(from).toHaveValue(/London.*LHR|LHR/);
    await expect(from).toHaveAttribute('aria-expanded', 'false');
  });

  test('says so when no airport matches', async ({ page, visit }) => {
    await visit('/');
    await page.getByRole('combobox', { name: 'To' }).fill('qqzzxx');
    await expect(page.getByText(/no airports match/i).first()).toBeVisible();
  });

  test('validates before searching and navigates with the query in the URL', async ({ page, visit }) => {
    await visit('/');
    await page.getByRole('button', { name: /search/i }).last().click();
    await expect(page.getByText('Choose where you are flying from')).toBeVisible();

    const from = page.getByRole('combobox', { name: 'From' });
    await from.fill('JFK');
    await page.getByRole('option', { name: /JFK/ }).click();
    const to = page.getByRole('combobox', { name: 'To' });
    await to.fill('LHR');
    await page.getByRole('option', { name: /LHR/ }).click();
    const inTwoWeeks = new Date(Date.now() + 14 * 864e5).toISOString().slice(0, 10);
    await page.getByLabel('Depart').fill(inTwoWeeks);
    await page.getByRole('button', { name: /search/i }).last().click();
    await expect(page).toHaveURL(/\/search\?.*from=JFK.*to=LHR/);
  });

  test('keeps the chosen theme, applied before the page paints', async ({ page, visit }) => {
    await visit('/');
    await page.getByRole('button', { name: 'Colour theme' }).and(page.locator(':enabled')).click();
    await page.getByRole('menuitemradio', { name: 'Dark' }).click();
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    // On the next load only the inline script (components/shell/theme-script.tsx) applies it:
    // the theme menu's code does not run until after the page, and does not set the class.
    await page.reload();
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    expect(await page.evaluate(() => document.documentElement.style.colorScheme)).toBe('dark');
    await page.getByRole('button', { name: 'Colour theme' }).and(page.locator(':enabled')).click();
    await page.getByRole('menuitemradio', { name: 'Light' }).click();
    await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
  });

  test('is usable on a phone', async ({ page, visit }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await visit('/');
    await expect(page.getByRole('combobox', { name: 'From' })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test('shows the whole cabin and both dates on a narrow phone', async ({ page, visit }) => {
    // 360 px is the commonest Android width; the UI font is system-ui, which on CI's Debian is
    // DejaVu Sans, wider than a phone's Roboto or SF: if it fits here it fits there.
    await page.setViewportSize({ width: 360, height: 780 });
    await visit('/');
    await page.getByLabel('Cabin').selectOption({ label: 'Premium economy' });
    const fit = await page.evaluate(() => {
      // A native select is as wide as its longest option and its arrow: one squeezed narrower clips the text.
      const select = document.querySelector<HTMLSelectElement>('#search-cabin')!;
      const unsqueezed = select.cloneNode(true) as HTMLSelectElement;
      unsqueezed.style.cssText = 'position: absolute; visibility: hidden; width: auto; max-width: none';
      document.body.append(unsqueezed);
      const natural = unsqueezed.getBoundingClientRect().width;
      unsqueezed.remove();
      const dates = ['#search-date', '#search-return'].map((id) => document.querySelector<HTMLInputElement>(id)!);
      return {
        cabinSqueezed: natural - select.getBoundingClientRect().width,
        datesClipped: dates.map((d) => d.scrollWidth - d.clientWidth),
        pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      };
    });
    expect(fit.cabinSqueezed).toBeLessThanOrEqual(0);
    expect(fit.datesClipped).toEqual([0, 0]);
    expect(fit.pageOverflow).toBeLessThanOrEqual(0);
  });
});
