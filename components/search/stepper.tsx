'use client';

import { MinusIcon, PlusIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';

interface StepperProps {
  id: string;
  label: string;
  hint: string;
  /** Singular noun for the button names: "Add an adult". */
  noun: string;
  value: number;
  min: number;
  max: number;
  onChange: (next: number) => void;
}

/** A labelled count with − and + buttons; the buttons disable at the limits instead of erroring. */
export function Stepper({ id, label, hint, noun, value, min, max, onChange }: StepperProps) {
  const article = /^[aeiou]/i.test(noun) ? 'an' : 'a';
  return (
    <div role="group" aria-labelledby={`${id}-label`} aria-describedby={`${id}-hint`} className="flex items-center justify-between gap-4">
      <div>
        <p id={`${id}-label`} className="text-sm font-medium">
          {label}
        </p>
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      </div>
      <div className="flex items-center gap-2">
        <Button variant="outline" size="icon-sm" aria-label={`Remove ${article} ${noun}`} disabled={value <= min} onClick={() => onChange(value - 1)}>
          <MinusIcon aria-hidden="true" />
        </Button>
        <output aria-live="polite" className="w-6 text-center text-sm font-semibold tabular-nums">
          {value}
        </output>
        <Button variant="outline" size="icon-sm" aria-label={`Add ${article} ${noun}`} disabled={value >= max} onClick={() => onChange(value + 1)}>
          <PlusIcon aria-hidden="true" />
        </Button>
      </div>
    </div>
  );
}
