import Link from 'next/link';
import { Button } from '@/components/ui/button';

/**
 * The cursor pager under a console list: back to the first page once paged, and on to the next
 * while there is one. Keyset cursors only go forward, so there is no "previous".
 */
export function ListPager({ first, next, nextLabel = 'Next page' }: { first?: string | null; next?: string | null; nextLabel?: string }) {
  if (!first && !next) return null;
  return (
    <nav aria-label="Pages" className="flex gap-2 self-end">
      {first && <Button asChild variant="outline" size="sm"><Link href={first}>First page</Link></Button>}
      {next && <Button asChild variant="outline" size="sm"><Link href={next}>{nextLabel}</Link></Button>}
    </nav>
  );
}
