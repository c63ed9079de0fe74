'use client';

import * as React from 'react';
import { PassengersButton, type PassengersPickerProps } from './passengers-button';

export type { Passengers } from './passengers-button';

// The popover (Radix's, with its positioning library) loads once the page is up: the home page's
// first load has no room for it. Until then the same button is shown, inert.
const PassengersPopover = React.lazy(() => import('./passengers-popover').then((m) => ({ default: m.PassengersPopover })));

const noSubscription = () => () => {};

/**
 * Adults, children and lap infants. Limits follow the airlines' rules: at most 9 seated
 * passengers, at least one adult, and no more lap infants than adults.
 */
export function PassengersPicker(props: PassengersPickerProps) {
  // False on the server and while hydrating, true after: the popover is never part of the HTML.
  const hydrated = React.useSyncExternalStore(noSubscription, () => true, () => false);
  const inert = <PassengersButton passengers={props.value} error={props.error} disabled />;
  if (!hydrated) return inert;
  return (
    <React.Suspense fallback={inert}>
      <PassengersPopover {...props} />
    </React.Suspense>
  );
}
