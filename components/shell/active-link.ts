// Apart from nav-items.ts so that the desktop nav, which is in every page's first JavaScript,
// does not bring the permission table (lib/admin/permissions) that the item list is built from.

const covers = (href: string, pathname: string) => (href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`));

/**
 * Whether a nav link points at the current page or a page beneath it ('/' only at '/'), unless a
 * more specific link among `linked` has the page (on /loyalty/leaderboard, Leaderboard is current
 * and Rewards is not).
 */
export function isActive(href: string, pathname: string, linked: readonly string[] = []): boolean {
  return covers(href, pathname) && !linked.some((other) => other.length > href.length && covers(other, pathname));
}
