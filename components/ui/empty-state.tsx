import type * as React from 'react';
import type { LucideIcon } from 'lucide-react';
import { cn } from './cn';

/** Where a list would be: why it is empty and the way on ("No upcoming trips." · Search flights). */
export function EmptyState({
  icon: Icon,
  title,
  children,
  action,
  headingLevel = 3,
  className,
}: {
  icon: LucideIcon;
  title?: string;
  children?: React.ReactNode;
  action?: React.ReactNode;
  headingLevel?: 2 | 3;
  className?: string;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className={cn('flex flex-col items-center gap-3 rounded-xl border border-dashed bg-card px-6 py-12 text-center', className)}>
      <Icon className="size-8 text-muted-foreground" aria-hidden="true" />
      {title && <Heading className="text-base font-semibold">{title}</Heading>}
      {children && <div className="max-w-md text-sm text-muted-foreground">{children}</div>}
      {action}
    </div>
  );
}
