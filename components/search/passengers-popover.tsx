'use client';

import { Popover, PopoverClose, PopoverContent, PopoverTrigger } from '@/components/ui/popover';
import { Button } from '@/components/ui/button';
import { PassengersButton, type PassengersPickerProps } from './passengers-button';
import { MAX_SEATED_PASSENGERS } from './search-schema';
import { Stepper } from './stepper';

/**
 * Adults, children and lap infants. Limits follow the airlines' rules: at most 9 seated
 * passengers, at least one adult, and no more lap infants than adults.
 */
export function PassengersPopover({ value, onChange, error, defaultOpen = false }: PassengersPickerProps & { defaultOpen?: boolean }) {
  const seated = value.adults + value.children;
  const setAdults = (adults: number) => onChange({ ...value, adults, infants: Math.min(value.infants, adults) });
  return (
    <Popover defaultOpen={defaultOpen}>
      <PopoverTrigger asChild>
        <PassengersButton passengers={value} error={error} />
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
