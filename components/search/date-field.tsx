'use client';

import * as React from 'react';
import { cn } from '@/components/ui/cn';
import { Input } from '@/components/ui/input';
import { useSearchIcons } from './search-icons-context';

interface DateFieldProps extends Omit<React.ComponentProps<'input'>, 'type'> {
  id: string;
  label: string;
  error?: string;
}

/**
 * A native date input: keyboard- and screen-reader-friendly everywhere, and the platform
 * date picker on phones. `min`/`max` grey out days outside the schedule.
 */
export function DateField({ id, label, error, className, ...props }: DateFieldProps) {
  const errorId = `${id}-error`;
  const icons = useSearchIcons();
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <div className="relative">
        {/* Phones are too narrow for a second calendar icon beside the date. */}
        {icons.date}
        <Input
          id={id}
          type="date"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={cn(
            // On a phone the date and Chromium's calendar button share ~140 px (two side by side on a 360 px screen; DejaVu Sans needs 126).
            'h-12 rounded-lg pr-1 pl-2.5 text-base sm:pr-3 sm:pl-10 md:text-base',
            // Chromium adds its own calendar button on the right; it opens the picker, so keep it, quietly.
            '[&::-webkit-calendar-picker-indicator]:cursor-pointer [&::-webkit-calendar-picker-indicator]:opacity-60',
          )}
          {...props}
        />
      </div>
      {error && (
        <p id={errorId} className="text-sm text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}
