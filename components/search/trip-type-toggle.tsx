'use client';

import { cn } from '@/components/ui/cn';

export type TripType = 'one_way' | 'return';

const OPTIONS: { value: TripType; label: string }[] = [
  { value: 'return', label: 'Return' },
  { value: 'one_way', label: 'One-way' },
];

/** Native radio buttons drawn as a segmented control: arrow keys and screen readers work as usual. */
export function TripTypeToggle({ value, onChange }: { value: TripType; onChange: (next: TripType) => void }) {
  return (
    <fieldset className="grid basis-full grid-cols-2 rounded-lg bg-muted p-1 sm:inline-flex sm:basis-auto">
      <legend className="sr-only">Trip type</legend>
      {OPTIONS.map((option) => (
        <label
          key={option.value}
          className={cn(
            'relative cursor-pointer rounded-md px-3 py-1.5 text-center text-sm font-medium text-muted-foreground transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring',
            value === option.value && 'bg-card text-foreground shadow-sm',
          )}
        >
          <input
            type="radio"
            name="tripType"
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
            className="sr-only"
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
