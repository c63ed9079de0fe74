// Intl formatters, made once per locale and options and kept. Building an Intl.DateTimeFormat
// with a time zone costs about 50× formatting with it (measured ~280 µs against ~5 µs here), and
// the results page formats every offer's times, dates and prices: on a throttled phone the
// constructions alone were a visible share of the page's main-thread work. Safe in the browser
// and on the server alike (formatters are immutable); the set of keys is small and bounded by
// the time zones and currencies in the data.

const dateTimes = new Map<string, Intl.DateTimeFormat>();
const numbers = new Map<string, Intl.NumberFormat>();

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateTimes.get(key);
  if (!format) dateTimes.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numbers.get(key);
  if (!format) numbers.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}
