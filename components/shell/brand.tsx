import Link from 'next/link';
import { DrawnIcon } from '@/components/ui/drawn-icon';
import { planeTakeoff } from '@/components/ui/drawings';

export function Brand() {
  return (
    // Not prefetched: every page has this link in view, and prefetching home while a phone is still
    // loading the page it asked for costs the slow network and the main thread (decoding the answer)
    // during load (#15); home answers quickly when it is clicked.
    <Link
      href="/"
      prefetch={false}
      className="flex items-center gap-2 rounded-md font-semibold tracking-tight outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background"
    >
      <span className="flex size-8 items-center justify-center rounded-lg bg-primary text-primary-foreground shadow-sm">
        <DrawnIcon drawing={planeTakeoff} className="size-4.5" aria-hidden="true" />
      </span>
      <span className="text-lg">Traqora</span>
    </Link>
  );
}
