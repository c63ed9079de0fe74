'use client';

import * as React from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import type { Airport } from './airport';
import { addDays } from './days';
import { AirportCombobox } from './airport-combobox';
import { CabinSelect } from './cabin-select';
import { DateField } from './date-field';
import { PassengersPicker } from './passengers-picker';
import type { SearchIcons } from './search-icons';
import { SearchIconsProvider } from './search-icons-context';
import { checkSearch, DEFAULT_WINDOW_DAYS, defaultSearch, searchHref, searchWindow, type FlightSearchInput, type SearchField } from './search-schema';
import { SwapButton } from './swap-button';
import { TripTypeToggle } from './trip-type-toggle';

/** The fields a failed search can focus, in the order the traveller meets them. */
const FOCUS_ORDER: [SearchField, string][] = [['from', 'search-from'], ['to', 'search-to'], ['date', 'search-date'], ['returnDate', 'search-return']];

/**
 * The passenger journey's first step. Validates on submit (then live as fields are fixed),
 * shows each error beside its field, and navigates to /search with the query in the URL.
 *
 * `today` comes from the server: the seeded schedule is counted from the server's date, and so do
 * the `icons` (`searchIcons()` in the page: ./search-icons.tsx says why).
 */
export function FlightSearchForm({
  today,
  windowDays = DEFAULT_WINDOW_DAYS,
  initial,
  icons,
}: {
  today: string;
  icons: SearchIcons;
  /** How many days of schedule exist from today (the server's SCHEDULE_DAYS). */
  windowDays?: number;
  /** Pre-fill, e.g. from the URL on the results page; the airports are needed to display the codes. */
  initial?: { search?: Partial<FlightSearchInput>; from?: Airport | null; to?: Airport | null };
}) {
  const router = useRouter();
  const [navigating, startNavigation] = React.useTransition();
  const range = searchWindow(today, windowDays);
  const [values, setValues] = React.useState<FlightSearchInput>(() => ({
    ...defaultSearch(today, windowDays),
    ...initial?.search,
    // A code without its airport could not be shown, so it is not kept.
    from: initial?.from?.iata ?? '',
    to: initial?.to?.iata ?? '',
  }));
  // Checked on submit, then live as fields are fixed: the rules run on every change after the first submit.
  const [submitted, setSubmitted] = React.useState(false);
  const errors: Partial<Record<SearchField, string>> = React.useMemo(() => {
    if (!submitted) return {};
    const checked = checkSearch(values, today, windowDays);
    return checked.success ? {} : checked.errors;
  }, [submitted, values, today, windowDays]);
  const { tripType, date, adults, children, infants } = values;
  const set = (changes: Partial<FlightSearchInput>) => setValues((prev) => ({ ...prev, ...changes }));

  // The form value is the IATA code; these hold what the comboboxes display for it.
  const [airports, setAirports] = React.useState<{ from: Airport | null; to: Airport | null }>({
    from: initial?.from ?? null,
    to: initial?.to ?? null,
  });
  // Bumped on swap: remounting the comboboxes makes them show the swapped airports.
  const [swapCount, setSwapCount] = React.useState(0);

  const pickAirport = (field: 'from' | 'to', airport: Airport | null) => {
    setAirports((prev) => ({ ...prev, [field]: airport }));
    set({ [field]: airport?.iata ?? '' });
  };

  const swap = () => {
    setAirports((prev) => ({ from: prev.to, to: prev.from }));
    setValues((prev) => ({ ...prev, from: prev.to, to: prev.from }));
    setSwapCount((n) => n + 1);
  };

  const onDepartChange = (next: string) => {
    // Keep the trip valid when departure moves past the return: a week after it, within the schedule.
    setValues((prev) => {
      const ret = prev.returnDate;
      if (!next || !ret || ret >= next) return { ...prev, date: next };
      const bumped = addDays(next, 7);
      return { ...prev, date: next, returnDate: bumped > range.max ? range.max : bumped };
    });
  };

  const passengerError = errors.adults ?? errors.children ?? errors.infants;

  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSubmitted(true);
    const checked = checkSearch(values, today, windowDays);
    if (checked.success) {
      startNavigation(() => router.push(searchHref(checked.data)));
      return;
    }
    // Like a native form: focus goes to the first field to fix.
    const first = FOCUS_ORDER.find(([field]) => checked.errors[field]);
    if (first) document.getElementById(first[1])?.focus();
  };

  return (
    <SearchIconsProvider value={icons}>
    <form onSubmit={onSubmit} noValidate aria-label="Search flights" className="rounded-2xl border bg-card p-4 text-card-foreground shadow-lg sm:p-6">
      {/* The passengers button and the cabin each take what they need, side by side where they fit;
          where the UI font is wide and the phone narrow (DejaVu Sans on a 360 px screen:
          "Premium economy"), the cabin goes to the next line instead of being clipped. */}
      <div className="flex flex-wrap items-center gap-2">
        <TripTypeToggle value={tripType} onChange={(next) => set({ tripType: next })} />
        <PassengersPicker
          value={{ adults, children, infants }}
          error={passengerError}
          onChange={(p) => set({ adults: p.adults, children: p.children, infants: p.infants })}
        />
        <CabinSelect value={values.cabin} onChange={(cabin) => set({ cabin })} />
      </div>
      {passengerError && (
        <p id="passengers-error" className="mt-1 text-sm text-destructive">
          {passengerError}
        </p>
      )}

      <div className="mt-4 grid gap-4 lg:grid-cols-[minmax(0,1.3fr)_minmax(0,1fr)]">
        <div className="grid items-start gap-2 sm:grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)] sm:gap-3">
          <AirportCombobox
            key={`from-${swapCount}`}
            id="search-from"
            label="From"
            placeholder="City, airport or code"
            icon={icons.from}
            value={airports.from}
            onChange={(a) => pickAirport('from', a)}
            error={errors.from}
          />
          <div className="relative z-10 -mt-2 -mb-4 flex justify-end sm:m-0 sm:mt-7 sm:justify-center">
            <SwapButton onSwap={swap} />
          </div>
          <AirportCombobox
            key={`to-${swapCount}`}
            id="search-to"
            label="To"
            placeholder="City, airport or code"
            icon={icons.to}
            value={airports.to}
            onChange={(a) => pickAirport('to', a)}
            error={errors.to}
          />
        </div>

        <div className={tripType === 'return' ? 'grid grid-cols-2 items-start gap-2 sm:gap-3' : 'grid items-start gap-3'}>
          <DateField
            id="search-date"
            label="Depart"
            required
            min={range.min}
            max={range.max}
            name="date"
            value={date}
            onChange={(e) => onDepartChange(e.target.value)}
            error={errors.date}
          />
          {tripType === 'return' && (
            <DateField
              id="search-return"
              label="Return"
              required
              min={date && date >= range.min ? date : range.min}
              max={range.max}
              name="returnDate"
              value={values.returnDate}
              onChange={(e) => set({ returnDate: e.target.value })}
              error={errors.returnDate}
            />
          )}
        </div>
      </div>

      <div className="mt-6 flex flex-col-reverse items-stretch gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-xs text-muted-foreground">Flights are scheduled up to {windowDays} days ahead.</p>
        <Button type="submit" size="lg" disabled={navigating} className="rounded-full sm:min-w-44">
          {navigating ? icons.searching : icons.search}
          {navigating ? 'Searching…' : 'Search flights'}
        </Button>
      </div>
    </form>
    </SearchIconsProvider>
  );
}
