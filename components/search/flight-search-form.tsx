'use client';

import * as React from 'react';
import { useRouter } from 'next/navigation';
import { Controller, useForm, useWatch, type FieldErrors, type Resolver } from 'react-hook-form';
import { Loader2Icon, PlaneLandingIcon, PlaneTakeoffIcon, SearchIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import type { Airport } from './airport';
import { addDays } from './days';
import { AirportCombobox } from './airport-combobox';
import { CabinSelect } from './cabin-select';
import { DateField } from './date-field';
import { PassengersPicker } from './passengers-picker';
import { checkSearch, DEFAULT_WINDOW_DAYS, defaultSearch, searchHref, searchWindow, type FlightSearch, type FlightSearchInput } from './search-schema';
import { SwapButton } from './swap-button';
import { TripTypeToggle } from './trip-type-toggle';

/**
 * The passenger journey's first step. Validates on submit (then live as fields are fixed),
 * shows each error beside its field, and navigates to /search with the query in the URL.
 *
 * `today` comes from the server: the seeded schedule is counted from the server's date.
 */
export function FlightSearchForm({
  today,
  windowDays = DEFAULT_WINDOW_DAYS,
  initial,
}: {
  today: string;
  /** How many days of schedule exist from today (the server's SCHEDULE_DAYS). */
  windowDays?: number;
  /** Pre-fill, e.g. from the URL on the results page; the airports are needed to display the codes. */
  initial?: { search?: Partial<FlightSearchInput>; from?: Airport | null; to?: Airport | null };
}) {
  const router = useRouter();
  const [navigating, startNavigation] = React.useTransition();
  const range = searchWindow(today, windowDays);
  // The search's rules (search-schema.ts) as react-hook-form's resolver: errors by field.
  const resolver = React.useCallback<Resolver<FlightSearchInput, unknown, FlightSearch>>(
    (values) => {
      const checked = checkSearch(values, today, windowDays);
      if (checked.success) return { values: checked.data, errors: {} };
      const errors: FieldErrors<FlightSearchInput> = {};
      for (const [field, message] of Object.entries(checked.errors)) errors[field as keyof FlightSearchInput] = { type: 'validate', message };
      return { values: {}, errors };
    },
    [today, windowDays],
  );

  const form = useForm<FlightSearchInput, unknown, FlightSearch>({
    resolver,
    defaultValues: {
      ...defaultSearch(today, windowDays),
      ...initial?.search,
      // A code without its airport could not be shown, so it is not kept.
      from: initial?.from?.iata ?? '',
      to: initial?.to?.iata ?? '',
    },
  });
  const { control, handleSubmit, setValue, getValues, formState } = form;
  const { errors, isSubmitted } = formState;
  const [tripType, date, adults, children, infants] = useWatch({ control, name: ['tripType', 'date', 'adults', 'children', 'infants'] });

  // The form value is the IATA code; these hold what the comboboxes display for it.
  const [airports, setAirports] = React.useState<{ from: Airport | null; to: Airport | null }>({
    from: initial?.from ?? null,
    to: initial?.to ?? null,
  });
  // Bumped on swap: remounting the comboboxes makes them show the swapped airports.
  const [swapCount, setSwapCount] = React.useState(0);

  const pickAirport = (field: 'from' | 'to', airport: Airport | null) => {
    setAirports((prev) => ({ ...prev, [field]: airport }));
    setValue(field, airport?.iata ?? '', { shouldValidate: isSubmitted, shouldDirty: true });
    // from ≠ to is reported on `to`; re-check it when either side changes.
    if (isSubmitted && field === 'from') void form.trigger('to');
  };

  const swap = () => {
    const { from, to } = getValues();
    setAirports((prev) => ({ from: prev.to, to: prev.from }));
    setValue('from', to, { shouldValidate: isSubmitted });
    setValue('to', from, { shouldValidate: isSubmitted });
    setSwapCount((n) => n + 1);
  };

  const onDepartChange = (next: string) => {
    setValue('date', next, { shouldValidate: isSubmitted, shouldDirty: true });
    // Keep the trip valid when departure moves past the return: same length as before, else a week.
    const ret = getValues('returnDate');
    if (next && ret && ret < next) {
      const bumped = addDays(next, 7);
      setValue('returnDate', bumped > range.max ? range.max : bumped, { shouldValidate: isSubmitted });
    }
  };

  const passengerError = errors.adults?.message ?? errors.children?.message ?? errors.infants?.message;

  const onSubmit = handleSubmit((search) => startNavigation(() => router.push(searchHref(search))));

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Search flights" className="rounded-2xl border bg-card p-4 text-card-foreground shadow-lg sm:p-6">
      <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-center">
        <Controller control={control} name="tripType" render={({ field }) => <TripTypeToggle value={field.value} onChange={field.onChange} />} />
        <PassengersPicker
          value={{ adults, children, infants }}
          error={passengerError}
          onChange={(p) => {
            const opts = { shouldValidate: isSubmitted, shouldDirty: true };
            setValue('adults', p.adults, opts);
            setValue('children', p.children, opts);
            setValue('infants', p.infants, opts);
          }}
        />
        <Controller control={control} name="cabin" render={({ field }) => <CabinSelect value={field.value} onChange={field.onChange} />} />
      </div>
      {passengerError && (
        <p id="passengers-error" className="mt-1 text-sm text-destructive">
          {passengerError}
        </p>
      )}

      <div className="mt-4 grid gap-4 lg:grid-cols-[minmax(0,1.3fr)_minmax(0,1fr)]">
        <div className="grid items-start gap-2 sm:grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)] sm:gap-3">
          <Controller
            control={control}
            name="from"
            render={({ field, fieldState }) => (
              <AirportCombobox
                key={`from-${swapCount}`}
                id="search-from"
                label="From"
                placeholder="City, airport or code"
                icon={<PlaneTakeoffIcon />}
                value={airports.from}
                onChange={(a) => pickAirport('from', a)}
                onBlur={field.onBlur}
                inputRef={field.ref}
                error={fieldState.error?.message}
              />
            )}
          />
          <div className="relative z-10 -mt-2 -mb-4 flex justify-end sm:m-0 sm:mt-7 sm:justify-center">
            <SwapButton onSwap={swap} />
          </div>
          <Controller
            control={control}
            name="to"
            render={({ field, fieldState }) => (
              <AirportCombobox
                key={`to-${swapCount}`}
                id="search-to"
                label="To"
                placeholder="City, airport or code"
                icon={<PlaneLandingIcon />}
                value={airports.to}
                onChange={(a) => pickAirport('to', a)}
                onBlur={field.onBlur}
                inputRef={field.ref}
                error={fieldState.error?.message}
              />
            )}
          />
        </div>

        <div className={tripType === 'return' ? 'grid grid-cols-2 items-start gap-3' : 'grid items-start gap-3'}>
          <Controller
            control={control}
            name="date"
            render={({ field, fieldState }) => (
              <DateField
                id="search-date"
                label="Depart"
                required
                min={range.min}
                max={range.max}
                name={field.name}
                ref={field.ref}
                value={field.value}
                onChange={(e) => onDepartChange(e.target.value)}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
              />
            )}
          />
          {tripType === 'return' && (
            <Controller
              control={control}
              name="returnDate"
              render={({ field, fieldState }) => (
                <DateField
                  id="search-return"
                  label="Return"
                  required
                  min={date && date >= range.min ? date : range.min}
                  max={range.max}
                  name={field.name}
                  ref={field.ref}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  error={fieldState.error?.message}
                />
              )}
            />
          )}
        </div>
      </div>

      <div className="mt-6 flex flex-col-reverse items-stretch gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-xs text-muted-foreground">Flights are scheduled up to {windowDays} days ahead.</p>
        <Button type="submit" size="lg" disabled={navigating} className="rounded-full sm:min-w-44">
          {navigating ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <SearchIcon aria-hidden="true" />}
          {navigating ? 'Searching…' : 'Search flights'}
        </Button>
      </div>
    </form>
  );
}
