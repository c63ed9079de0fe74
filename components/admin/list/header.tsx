import type * as React from 'react';

/** A console list's title, the sentence that says what the list is, and an optional action beside them (an export). */
export function ListHeader({ title, children, action }: { title: React.ReactNode; children?: React.ReactNode; action?: React.ReactNode }) {
  const text = (
    <div className="flex flex-col gap-1">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      {children && <p className="text-sm text-muted-foreground">{children}</p>}
    </div>
  );
  if (!action) return text;
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      {text}
      {action}
    </div>
  );
}
