import { cn } from './cn';

/**
 * The box a wide table scrolls sideways in on a narrow screen. It is a labelled region in the
 * tab order, so a keyboard user can scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable),
 * and it is `relative`, so the table's visually hidden caption and checkbox labels — absolutely
 * positioned — stay inside it instead of widening the whole page on a phone.
 */
export function TableScroll({ label, className, children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={cn('relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring', className)}>
      {children}
    </div>
  );
}
