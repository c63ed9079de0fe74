import type * as React from 'react';

/** One icon's shapes (components/ui/drawings.ts, generated from lucide-react by scripts/draw-icons.mts). */
export interface Drawing {
  name: string;
  shapes: [string, Record<string, string>][];
}

type DrawnIconProps = Omit<React.SVGProps<SVGSVGElement>, 'ref'> & { drawing: Drawing };

/**
 * A lucide icon as plain SVG, the same markup lucide-react's components render, with no client
 * code: lucide-react's `Icon` base is a client module, so a server component importing any of its
 * icons adds it to the page's first load (#14's budget). No hooks, so client components may use it too.
 * Hidden from assistive technology unless the caller says otherwise, as lucide's are.
 */
export function DrawnIcon({ drawing, className, ...rest }: DrawnIconProps) {
  // lucide's rule: any aria-* attribute, a role or a title means the caller has decided.
  const labelled = Object.keys(rest).some((k) => k.startsWith('aria-') || k === 'role' || k === 'title');
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={24}
      height={24}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={['lucide', `lucide-${drawing.name}`, className].filter(Boolean).join(' ')}
      {...(labelled ? {} : { 'aria-hidden': true })}
      {...rest}
    >
      {drawing.shapes.map(([Tag, attrs], i) => {
        const Shape = Tag as 'path';
        return <Shape key={i} {...attrs} />;
      })}
    </svg>
  );
}
