import type * as React from 'react';
import { CircleCheckIcon, InfoIcon, TriangleAlertIcon, XIcon, type LucideIcon } from 'lucide-react';
import { Button } from './button';
import { cn } from './cn';

// A notice inside the page's flow: what happened or what to know, in a sentence, and at most
// one next step. Errors and warnings interrupt a screen reader (role=alert); news and
// confirmations wait their turn (role=status). A warning that is only context, present on
// arrival, passes role="status" so it doesn't cut in.

export type BannerVariant = 'info' | 'success' | 'warning' | 'error';

const LOOK: Record<BannerVariant, { border: string; icon: string; Icon: LucideIcon; role: 'alert' | 'status' }> = {
  info: { border: 'border-primary/40', icon: 'text-primary', Icon: InfoIcon, role: 'status' },
  success: { border: 'border-success/60', icon: 'text-success', Icon: CircleCheckIcon, role: 'status' },
  warning: { border: 'border-warning/60', icon: 'text-warning', Icon: TriangleAlertIcon, role: 'alert' },
  error: { border: 'border-destructive/50', icon: 'text-destructive', Icon: TriangleAlertIcon, role: 'alert' },
};

export function bannerRole(variant: BannerVariant): 'alert' | 'status' {
  return LOOK[variant].role;
}

export function Banner({
  variant,
  title,
  children,
  action,
  onDismiss,
  role,
  compact = false,
  className,
}: {
  variant: BannerVariant;
  /** The news in a few words; the children say why and what now. */
  title?: React.ReactNode;
  children?: React.ReactNode;
  /** The next step: a button or a link styled as one. */
  action?: React.ReactNode;
  /** Shows a close button when given. */
  onDismiss?: () => void;
  role?: 'alert' | 'status';
  /** Tighter padding and a thin border, for dialogs and side panels. */
  compact?: boolean;
  className?: string;
}) {
  const look = LOOK[variant];
  return (
    <div
      role={role ?? look.role}
      data-slot="banner"
      data-variant={variant}
      className={cn('flex bg-card text-sm', compact ? 'gap-2.5 rounded-lg border p-3' : 'gap-3 rounded-xl border-2 p-4', look.border, className)}
    >
      <look.Icon className={cn('mt-0.5 shrink-0', compact ? 'size-4' : 'size-5', look.icon)} aria-hidden="true" />
      <div className="flex min-w-0 flex-1 flex-col">
        {title && <p className={compact ? 'font-medium' : 'font-semibold'}>{title}</p>}
        {children && <div className="flex flex-col text-muted-foreground">{children}</div>}
        {action && <div className="mt-3 flex flex-wrap gap-2">{action}</div>}
      </div>
      {onDismiss && (
        <Button variant="ghost" size="icon-sm" className="-mt-1 -mr-1" onClick={onDismiss} aria-label="Dismiss">
          <XIcon aria-hidden="true" />
        </Button>
      )}
    </div>
  );
}
