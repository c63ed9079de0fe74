import { isActive as isActiveAmong } from './active-link';
import { CONSOLE_ROLES } from '@/lib/admin/permissions';
import { hasRole, type Role, type Viewer } from '@/lib/auth/types';

export type NavSectionId = 'passenger' | 'loyalty' | 'governance' | 'admin';

export interface NavItem {
  href: string;
  label: string;
  section: NavSectionId;
  /**
   * Who sees the item: everyone (signed out too), any signed-in user, or holders of one of the roles.
   * UI gating only — each page checks the same thing on the server.
   */
  audience: 'everyone' | 'signed-in' | readonly Role[];
}

export const NAV_SECTIONS: readonly { id: NavSectionId; label: string }[] = [
  { id: 'passenger', label: 'Passenger' },
  { id: 'loyalty', label: 'Loyalty' },
  { id: 'governance', label: 'Governance' },
  { id: 'admin', label: 'Admin' },
];

// Only pages that exist are listed; a section shows up once it has an item here.
export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/', label: 'Search flights', section: 'passenger', audience: 'everyone' },
  { href: '/trips', label: 'My trips', section: 'passenger', audience: 'signed-in' },
  { href: '/wallet', label: 'Wallet', section: 'passenger', audience: 'signed-in' },
  { href: '/loyalty', label: 'Rewards', section: 'loyalty', audience: 'signed-in' },
  { href: '/loyalty/leaderboard', label: 'Leaderboard', section: 'loyalty', audience: 'everyone' },
  { href: '/governance', label: 'Proposals', section: 'governance', audience: 'everyone' },
  { href: '/governance/delegates', label: 'Delegates', section: 'governance', audience: 'everyone' },
  { href: '/disputes', label: 'Jury duty', section: 'governance', audience: 'signed-in' },
  { href: '/watches', label: 'Price watches', section: 'passenger', audience: 'signed-in' },
  { href: '/admin', label: 'Console', section: 'admin', audience: CONSOLE_ROLES },
  { href: '/airline', label: 'Airline portal', section: 'admin', audience: ['operator'] },
];

/** The signed-in viewer's own pages: in the account menu (and the phone menu's account part), not the site nav. */
export const ACCOUNT_ITEMS: readonly { href: string; label: string }[] = [
  { href: '/notifications', label: 'Notifications' },
  { href: '/settings/notifications', label: 'Notification settings' },
  { href: '/settings/api-keys', label: 'API keys' },
];

export function canSee(item: NavItem, viewer: Viewer | null): boolean {
  if (item.audience === 'everyone') return true;
  if (item.audience === 'signed-in') return viewer !== null;
  return item.audience.some((role) => hasRole(viewer, role));
}

export interface NavGroup {
  id: NavSectionId;
  label: string;
  items: NavItem[];
}

/** The sections this viewer can reach, in menu order, each with its visible items; empty sections are dropped. */
export function navFor(viewer: Viewer | null): NavGroup[] {
  return NAV_SECTIONS.map((section) => ({
    ...section,
    items: NAV_ITEMS.filter((item) => item.section === section.id && canSee(item, viewer)),
  })).filter((group) => group.items.length > 0);
}

const LINKED = [...NAV_ITEMS.map((i) => i.href), ...ACCOUNT_ITEMS.map((i) => i.href)];

/** Whether a link of the site's nav or account menu is current: the most specific link that covers the page (active-link.ts). */
export function isActive(href: string, pathname: string): boolean {
  return isActiveAmong(href, pathname, LINKED);
}
