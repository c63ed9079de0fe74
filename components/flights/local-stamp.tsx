'use client';

import * as React from 'react';
import { stamp } from './format';

const subscribeNothing = () => () => {};

/**
 * stamp() of an instant for a page the server renders with its data (the trip page): the server
 * does not know the viewer's zone, so it writes the time in UTC, hydration reads the same, and
 * the browser then shows it in the viewer's own zone. Where that is UTC (as on the server) the
 * text does not change at all; formatting in the browser's zone during hydration would be a
 * mismatch React repairs by rendering the whole page again.
 */
export function LocalStamp({ iso, className }: { iso: string; className?: string }) {
  const inBrowser = React.useSyncExternalStore(subscribeNothing, () => true, () => false);
  return (
    <time dateTime={iso} className={className}>
      {stamp(iso, inBrowser ? undefined : 'UTC')}
    </time>
  );
}
