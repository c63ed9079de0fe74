'use client';

import * as React from 'react';
import { cn } from '@/components/ui/cn';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { airportLabel, type Airport } from './airport';
import { HighlightMatch } from './highlight-match';
import { useSearchIcons } from './search-icons-context';
import { useAirportSearch } from './use-airport-search';

interface AirportComboboxProps {
  id: string;
  label: string;
  /** The chosen airport; the form keeps only its IATA code, the combobox needs the rest to show it. */
  value: Airport | null;
  onChange: (airport: Airport | null) => void;
  onBlur?: () => void;
  inputRef?: React.Ref<HTMLInputElement>;
  placeholder?: string;
  icon?: React.ReactNode;
  error?: string;
  className?: string;
}

/**
 * Airport autocomplete following the ARIA 1.2 combobox pattern (list autocomplete, first
 * suggestion highlighted): type a city, airport or code; arrows move, Enter or Tab chooses,
 * Escape closes (or clears when already closed).
 *
 * The typed text is local state seeded from `value`; the parent remounts it (a new `key`)
 * when it changes the value itself, e.g. on swap.
 */
export function AirportCombobox({ id, label, value, onChange, onBlur, inputRef, placeholder, icon, error, className }: AirportComboboxProps) {
  const icons = useSearchIcons();
  const listboxId = `${id}-listbox`;
  const errorId = `${id}-error`;
  const [text, setText] = React.useState(() => (value ? airportLabel(value) : ''));
  const [open, setOpen] = React.useState(false);
  const [activeIata, setActiveIata] = React.useState<string | null>(null);

  const typing = text.trim().length > 0 && !(value && text === airportLabel(value));
  const { data, isError, isPending, settling, refetch } = useAirportSearch(text, typing);
  const options = typing ? (data ?? []) : [];
  const expanded = open && typing;
  const found = options.findIndex((a) => a.iata === activeIata);
  const activeIndex = options.length ? Math.max(found, 0) : -1;
  const optionId = (i: number) => `${id}-option-${i}`;
  // Results for what is on screen now, not for an earlier prefix.
  const ready = !settling && !isError;

  const choose = (airport: Airport) => {
    setText(airportLabel(airport));
    setOpen(false);
    setActiveIata(null);
    onChange(airport);
  };

  const move = (delta: number) => {
    if (!options.length) return;
    const next = (activeIndex + delta + options.length) % options.length;
    setActiveIata(options[next].iata);
    requestAnimationFrame(() => document.getElementById(optionId(next))?.scrollIntoView({ block: 'nearest' }));
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        e.preventDefault();
        if (!expanded) setOpen(true);
        else move(e.key === 'ArrowDown' ? 1 : -1);
        break;
      case 'Enter':
        if (!expanded) break; // closed: let Enter submit the form
        e.preventDefault(); // open: Enter picks an airport, it never submits half-typed text
        if (ready && activeIndex >= 0) choose(options[activeIndex]);
        break;
      case 'Tab':
        if (expanded && ready && activeIndex >= 0) choose(options[activeIndex]);
        break;
      case 'Escape':
        if (expanded) {
          e.preventDefault();
          setOpen(false);
        } else if (text) {
          e.preventDefault();
          setText('');
          if (value) onChange(null);
        }
        break;
    }
  };

  const onInput = (e: React.ChangeEvent<HTMLInputElement>) => {
    setText(e.target.value);
    setOpen(true);
    setActiveIata(null);
    // The text no longer names the chosen airport, so nothing is chosen until a suggestion is picked.
    if (value) onChange(null);
  };

  // The form only knows nothing was chosen; if something was typed, say what is missing.
  const shownError = error && !value && text.trim() ? 'Choose an airport from the suggestions' : error;

  const status = !expanded
    ? ''
    : isError
      ? 'Could not load airports.'
      : settling
        ? ''
        : options.length === 0
          ? `No matching airports for ${text.trim()}.` // worded apart from the visible message, which is not live
          : `${options.length} airport${options.length === 1 ? '' : 's'} found. Use the up and down arrows to review, Enter to choose.`;

  return (
    <div className={cn('relative flex flex-col gap-1.5', className)}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <div className="relative">
        {icon && (
          <span className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-muted-foreground [&_svg]:size-5" aria-hidden="true">
            {icon}
          </span>
        )}
        <Input
          ref={inputRef}
          id={id}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={expanded && ready && activeIndex >= 0 ? optionId(activeIndex) : undefined}
          aria-invalid={shownError ? true : undefined}
          aria-describedby={shownError ? errorId : undefined}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          placeholder={placeholder}
          value={text}
          onChange={onInput}
          onKeyDown={onKeyDown}
          onFocus={(e) => e.currentTarget.select()}
          onClick={() => typing && setOpen(true)}
          onBlur={() => {
            setOpen(false);
            // Typed an exact code ("lhr") and clicked away: that is a choice, not half-typed text.
            const exact = ready && options.find((a) => a.iata === text.trim().toUpperCase());
            if (exact && !value) choose(exact);
            onBlur?.();
          }}
          className={cn('h-12 rounded-lg pr-10 text-base md:text-base', icon ? 'pl-10' : 'pl-3')}
        />
        {text && (
          <button
            type="button"
            tabIndex={-1} // Escape clears from the keyboard; this is the pointer shortcut.
            aria-label={`Clear ${label}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              setText('');
              if (value) onChange(null);
              document.getElementById(id)?.focus();
            }}
            className="absolute top-1/2 right-2 flex size-7 -translate-y-1/2 items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-accent-foreground"
          >
            {icons.clear}
          </button>
        )}

        <div
          hidden={!expanded}
          // Keep focus in the input while the pointer picks an option.
          onMouseDown={(e) => e.preventDefault()}
          className="absolute top-full right-0 left-0 z-30 mt-1 overflow-hidden rounded-lg border bg-popover text-popover-foreground shadow-lg lg:min-w-[22rem]"
        >
          <ul id={listboxId} role="listbox" aria-label={`${label} suggestions`} className="max-h-80 overflow-y-auto p-1" hidden={!options.length} aria-busy={settling || undefined}>
            {options.map((airport, i) => (
              <li
                key={airport.iata}
                id={optionId(i)}
                role="option"
                aria-selected={i === activeIndex}
                onMouseMove={() => activeIata !== airport.iata && setActiveIata(airport.iata)}
                onClick={() => choose(airport)}
                className={cn(
                  'flex cursor-pointer items-start gap-3 rounded-md px-3 py-2',
                  // Suggestions of the previous text, shown while the new ones load: muted, not
                  // faded (opacity took the text under WCAG contrast, which axe flagged while a
                  // 429 was being waited out), and none highlighted, as none can be chosen yet.
                  settling ? 'text-muted-foreground' : i === activeIndex && 'bg-accent text-accent-foreground',
                )}
              >
                {icons.airport}
                <span className="min-w-0">
                  <span className="block truncate">
                    <HighlightMatch text={airport.city ?? airport.name} query={text} />{' '}
                    <span className="font-normal text-muted-foreground">({airport.iata})</span>
                  </span>
                  <span className="block truncate text-xs text-muted-foreground">
                    <HighlightMatch text={airport.name} query={text} />, {airport.country}
                  </span>
                </span>
              </li>
            ))}
          </ul>

          {isError ? (
            <div className="flex items-center justify-between gap-3 p-3 text-sm">
              <span className="flex items-center gap-2 text-destructive">
                {icons.failed} Couldn’t load airports.
              </span>
              <button type="button" onClick={() => refetch()} className="font-medium text-primary underline-offset-4 hover:underline">
                Retry
              </button>
            </div>
          ) : options.length === 0 && (settling || isPending) ? (
            <div className="space-y-2 p-3" aria-hidden="true">
              <Skeleton className="h-4 w-2/3" />
              <Skeleton className="h-3 w-5/6" />
              <Skeleton className="h-4 w-1/2" />
            </div>
          ) : options.length === 0 ? (
            <p className="p-3 text-sm text-muted-foreground">
              No airports match “{text.trim()}”. Try a city, an airport name or a 3-letter code.
            </p>
          ) : null}
        </div>
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {status}
      </p>
      {shownError && (
        <p id={errorId} className="text-sm text-destructive">
          {shownError}
        </p>
      )}
    </div>
  );
}
