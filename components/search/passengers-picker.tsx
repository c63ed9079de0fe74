'use client';

import { firstUseComponent } from '@/components/ui/first-use-component';
import { PassengersButton, type PassengersPickerProps } from './passengers-button';

export type { Passengers } from './passengers-button';

// The popover (Radix's, with its positioning library) loads when the traveller first opens it
// (components/ui/first-use-component.tsx): neither the home page's first load nor its phone's
// main thread right after hydration has room for it (#14, #15). Until then the same button is shown.
const PassengersPopover = firstUseComponent(() => import('./passengers-popover').then((m) => m.PassengersPopover));

/**
 * Adults, children and lap infants. Limits follow the airlines' rules: at most 9 seated
 * passengers, at least one adult, and no more lap infants than adults.
 */
export function PassengersPicker(props: PassengersPickerProps) {
  return (
    <PassengersPopover
      {...props}
      fallback={<PassengersButton passengers={props.value} error={props.error} aria-haspopup="dialog" aria-expanded={false} disabled />}
    />
  );
}
