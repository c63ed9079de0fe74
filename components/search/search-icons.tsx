import type * as React from 'react';
import {
  AlertCircleIcon,
  ArrowLeftRightIcon,
  ArrowUpDownIcon,
  CalendarIcon,
  ChevronDownIcon,
  Loader2Icon,
  MapPinIcon,
  PlaneLandingIcon,
  PlaneTakeoffIcon,
  SearchIcon,
  UsersIcon,
  XIcon,
} from 'lucide-react';

// The search form's icons, drawn by the page (a server component) and handed to the form as
// ready markup: the form is the home page's main JavaScript, and icons drawn in the browser would
// bring the icon library's code and every path with it (#14's 150 KB budget). Call it only from
// server components; the form's pieces read the icons through ./search-icons-context.tsx.

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
    from: <PlaneTakeoffIcon />,
    to: <PlaneLandingIcon />,
    date: <CalendarIcon className="pointer-events-none absolute top-1/2 left-3 hidden size-5 -translate-y-1/2 text-muted-foreground sm:block" aria-hidden="true" />,
    passengers: <UsersIcon aria-hidden="true" />,
    open: <ChevronDownIcon className="opacity-60" aria-hidden="true" />,
    swapVertical: <ArrowUpDownIcon className="sm:hidden" aria-hidden="true" />,
    swapHorizontal: <ArrowLeftRightIcon className="hidden sm:block" aria-hidden="true" />,
    airport: <MapPinIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />,
    failed: <AlertCircleIcon className="size-4" aria-hidden="true" />,
    clear: <XIcon className="size-4" aria-hidden="true" />,
    search: <SearchIcon aria-hidden="true" />,
    searching: <Loader2Icon className="animate-spin" aria-hidden="true" />,
  };
}
