'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';

const ITEMS = [
  { href: '/airline', label: 'Flights' },
  { href: '/airline/bookings', label: 'Bookings' },
  { href: '/airline/payouts', label: 'Payouts' },
  { href: '/airline/payout-account', label: 'Payout account' },
] as const;

/** The portal's sections; scrolls sideways on a phone rather than wrapping. */
export function PortalNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Airline portal" className="-mx-1 flex gap-1 overflow-x-auto border-b px-1">
      {ITEMS.map((item) => {
        const active = item.href === '/airline' ? pathname === '/airline' : pathname.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium',
              active ? 'border-primary text-foreground' : 'border-transparent text-muted-foreground hover:text-foreground',
            )}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
