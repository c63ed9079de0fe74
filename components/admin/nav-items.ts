import {
  AwardIcon,
  CoinsIcon,
  GaugeIcon,
  GavelIcon,
  LandmarkIcon,
  LayoutDashboardIcon,
  PlaneIcon,
  ReceiptIcon,
  ScrollTextIcon,
  TicketIcon,
  UsersIcon,
  type LucideIcon,
} from 'lucide-react';
import type { Permission } from '@/lib/admin/permissions';

export interface AdminNavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** The sidebar shows the item only to holders of this permission; the page checks it again on the server. */
  permission: Permission;
}

// The console's one navigation list, in sidebar order. A new console page adds its line here.
export const ADMIN_NAV_ITEMS: readonly AdminNavItem[] = [
  { href: '/admin', label: 'Overview', icon: LayoutDashboardIcon, permission: 'analytics.read' },
  { href: '/admin/bookings', label: 'Bookings', icon: TicketIcon, permission: 'bookings.read' },
  { href: '/admin/users', label: 'Users', icon: UsersIcon, permission: 'users.read' },
  { href: '/admin/audit', label: 'Audit log', icon: ScrollTextIcon, permission: 'audit.read' },
  { href: '/admin/refunds', label: 'Refund review', icon: ReceiptIcon, permission: 'refunds.propose' },
  { href: '/admin/disputes', label: 'Disputes', icon: GavelIcon, permission: 'disputes.manage' },
  { href: '/admin/money', label: 'Money on chain', icon: LandmarkIcon, permission: 'settlements.manage' },
  { href: '/admin/flights', label: 'Flights', icon: PlaneIcon, permission: 'flights.manage' },
  { href: '/admin/loyalty', label: 'Rewards', icon: AwardIcon, permission: 'rewards.manage' },
  { href: '/admin/treasury', label: 'TRQ treasury', icon: CoinsIcon, permission: 'treasury.distribute' },
  { href: '/admin/rate-limits', label: 'Rate limits', icon: GaugeIcon, permission: 'rate_limits.manage' },
];

/** The items a viewer holding `permissions` may open, in order. */
export function adminNavFor(permissions: readonly Permission[]): AdminNavItem[] {
  return ADMIN_NAV_ITEMS.filter((item) => permissions.includes(item.permission));
}

/** `/admin` matches only itself; other items also match their sub-pages. */
export function isAdminActive(href: string, pathname: string): boolean {
  return href === '/admin' ? pathname === '/admin' : pathname === href || pathname.startsWith(`${href}/`);
}
