import type * as React from 'react';
import { DrawnIcon } from '@/components/ui/drawn-icon';
import {
  arrowLeftRight,
  arrowUpDown,
  calendar,
  chevronDown,
  circleExclamationPoint,
  loaderCircle,
  mapPin,
  planeLanding,
  planeTakeoff,
  search,
  users,
  x,
} from '@/components/ui/drawings';

// The search form's icons, drawn by the page (a server component) and handed to the form as
// ready markup: the form is the home page's main JavaScript, and icons drawn in the browser would
// bring the icon library's code and every path with it (#14's 150 KB budget). Call it only from
// server components; the form's pieces read the icons through ./search-icons-context.tsx. Drawn
// as plain SVG (DrawnIcon), not with lucide-react's components: their client Icon base would
// join the page's first load.

export interface SearchIcons {
  from: React.ReactNode;
  to: React.ReactNode;
  date: React.ReactNode;
  passengers: React.ReactNode;
  open: React.ReactNode;
  swapVertical: React.ReactNode;
  swapHorizontal: React.ReactNode;
  airport: React.ReactNode;
  failed: React.ReactNode;
  clear: React.ReactNode;
  search: React.ReactNode;
  searching: React.ReactNode;
}

export function searchIcons(): SearchIcons {
  return {
    from: <DrawnIcon drawing={planeTakeoff} />,
    to: <DrawnIcon drawing={planeLanding} />,
    date: <DrawnIcon drawing={calendar} className="pointer-events-none absolute top-1/2 left-3 hidden size-5 -translate-y-1/2 text-muted-foreground sm:block" aria-hidden="true" />,
    passengers: <DrawnIcon drawing={users} aria-hidden="true" />,
    open: <DrawnIcon drawing={chevronDown} className="opacity-60" aria-hidden="true" />,
    swapVertical: <DrawnIcon drawing={arrowUpDown} className="sm:hidden" aria-hidden="true" />,
    swapHorizontal: <DrawnIcon drawing={arrowLeftRight} className="hidden sm:block" aria-hidden="true" />,
    airport: <DrawnIcon drawing={mapPin} className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />,
    failed: <DrawnIcon drawing={circleExclamationPoint} className="size-4" aria-hidden="true" />,
    clear: <DrawnIcon drawing={x} className="size-4" aria-hidden="true" />,
    search: <DrawnIcon drawing={search} aria-hidden="true" />,
    searching: <DrawnIcon drawing={loaderCircle} className="animate-spin" aria-hidden="true" />,
  };
}
