// Apart from nav-items.ts so that the desktop nav, which is in every page's first JavaScript,
// does not bring the permission table (lib/admin/permissions) that the item list is built from.

/** Whether a nav link points at the current page or a page beneath it ('/' only at '/'). */
export function isActive(href: string, pathname: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}
