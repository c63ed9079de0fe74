import { cn } from '@/components/ui/cn';

/** A stable hue per airline code, so the same airline always has the same tile colour. */
function hue(code: string): number {
  let h = 0;
  for (const c of code) h = (h * 31 + c.charCodeAt(0)) % 360;
  return h;
}

/**
 * The airline's code on a coloured tile: recognisable at a glance like a tail logo, with no
 * images to fetch. Decorative — the airline's name is always written beside it.
 */
export function AirlineMark({ code, className }: { code: string; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn('inline-flex size-8 shrink-0 items-center justify-center rounded-md text-[11px] font-bold tracking-wide text-white', className)}
      style={{ backgroundColor: `oklch(0.45 0.13 ${hue(code)})` }}
    >
      {code}
    </span>
  );
}
