import Link from 'next/link';
import { DrawnIcon } from '@/components/ui/drawn-icon';
import { planeTakeoff } from '@/components/ui/drawings';

export function Brand() {
  return (
    <Link
      href="/"
      className="flex items-center gap-2 rounded-md font-semibold tracking-tight outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background"
    >
      <span className="flex size-8 items-center justify-center rounded-lg bg-primary text-primary-foreground shadow-sm">
        <DrawnIcon drawing={planeTakeoff} className="size-4.5" aria-hidden="true" />
      </span>
      <span className="text-lg">Traqora</span>
    </Link>
  );
}
