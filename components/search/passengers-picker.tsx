'use client';

import { ChevronDownIcon, UsersIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Popover, PopoverClose, PopoverContent, PopoverTrigger } from '@/components/ui/popover';
import { cn } from '@/components/ui/cn';
import { MAX_SEATED_PASSENGERS, passengerSummary } from './search-schema';
import { Stepper } from './stepper';

export interface Passengers {
  adults: number;
  children: number;
  infants: number;
}

/**
 * Adults, children and lap infants. Limits follow the airlines' rules: at most 9 seated
 * passengers, at least one adult, and no more lap infants than adults.
 */
export function PassengersPicker({ value, onChange, error }: { value: Passengers; onChange: (next: Passengers) => void; error?: string }) {
  const seated = value.adults + value.children;
  const setAdults = (adults: number) => onChange({ ...value, adults, infants: Math.min(value.infants, adults) });
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'passengers-error' : undefined}
          className={cn('justify-self-start gap-1.5 px-2.5 text-sm font-normal sm:px-3', error && 'text-destructive')}
        >
          <UsersIcon aria-hidden="true" />
          <span className="sr-only">Passengers: </span>
          {passengerSummary(value)}
          <ChevronDownIcon className="opacity-60" aria-hidden="true" />
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-80" aria-label="Passengers">
        <div className="flex flex-col gap-4">
          <Stepper
            id="adults"
            label="Adults"
            hint="Age 12 and over"
            noun="adult"
            value={value.adults}
            min={1}
            max={value.adults + (MAX_SEATED_PASSENGERS - seated)}
            onChange={setAdults}
          />
          <Stepper
            id="children"
            label="Children"
            hint="Age 2 to 11"
            noun="child"
            value={value.children}
            min={0}
            max={value.children + (MAX_SEATED_PASSENGERS - seated)}
            onChange={(children) => onChange({ ...value, children })}
          />
          <Stepper
            id="infants"
            label="Infants"
            hint="Under 2, on an adult’s lap"
            noun="infant"
            value={value.infants}
            min={0}
            max={value.adults}
            onChange={(infants) => onChange({ ...value, infants })}
          />
          <p className="text-xs text-muted-foreground">
            Up to {MAX_SEATED_PASSENGERS} seated passengers per booking, and one lap infant per adult.
          </p>
          <div className="flex justify-end">
            <PopoverClose asChild>
              <Button size="sm">Done</Button>
            </PopoverClose>
          </div>
        </div>
      </PopoverContent>
    </Popover>
  );
}
