'use client';

import type * as React from 'react';
import { LoaderCircleIcon, RotateCwIcon, TriangleAlertIcon } from 'lucide-react';
import { loadFailure } from '@/components/api/load-failure';
import { Banner } from './banner';
import { Button } from './button';
import { cn } from './cn';
import { Skeleton } from './skeleton';

// The states of a page part that loads: waiting (skeletons in the shape of what comes, with a
// label for screen readers), and failed (what went wrong from the problem document, and Try
// again while trying can help). `QueryState` covers both for a TanStack Query result:
//
//   if (trips.data === undefined) return <QueryState query={trips} label="Loading your trips…" failed="We couldn’t load your trips" />;
//
// Asking for data rather than success keeps what is shown on screen when a background refetch fails.

/** Waiting: the children are the skeleton shapes; without them, a spinner beside the label. */
export function QueryLoading({ label, children, className }: { label: string; children?: React.ReactNode; className?: string }) {
  if (!children) {
    return (
      <div aria-busy="true" className={cn('flex items-center gap-2 text-sm text-muted-foreground', className)}>
        <LoaderCircleIcon className="size-4 animate-spin" aria-hidden="true" />
        <p role="status">{label}</p>
      </div>
    );
  }
  return (
    <div aria-busy="true" className={cn('flex flex-col gap-4', className)}>
      <p role="status" className="sr-only">
        {label}
      </p>
      {children}
    </div>
  );
}

/** `count` skeleton blocks of one height class, e.g. three trip cards. */
export function SkeletonBlocks({ count = 1, className }: { count?: number; className: string }) {
  return Array.from({ length: count }, (_, i) => <Skeleton key={i} className={cn('w-full', className)} />);
}

export interface QueryErrorProps {
  error: unknown;
  /** What could not be done, in the page's words ("We couldn’t load your trips"). Defaults to the problem's title. */
  title?: string;
  /** Replaces the problem's detail, for answers the page explains better itself (an expired offer). */
  detail?: React.ReactNode;
  /** Shown as "Try again" when the failure may pass (see loadFailure). */
  onRetry?: () => void;
  retrying?: boolean;
  /** Another way on: a link back, "Search again". */
  action?: React.ReactNode;
  /** The page's name for a field the problem names (query.date → "Departure date"). */
  fieldLabel?: (field: string) => string;
  /** 'banner' sits in the flow ('compact' in a card or dialog); 'panel' stands in for the whole part that failed, with a heading. */
  layout?: 'banner' | 'compact' | 'panel';
  headingLevel?: 2 | 3;
}

export function QueryError({ error, title, detail, onRetry, retrying = false, action, fieldLabel = (f) => f, layout = 'banner', headingLevel = 2 }: QueryErrorProps) {
  const failure = loadFailure(error);
  const heading = title ?? failure.title ?? 'Something went wrong';
  const body = detail ?? (failure.fields.length ? (
    <ul>
      {failure.fields.map((f) => (
        <li key={f.field}>
          {fieldLabel(f.field)} {f.message}
        </li>
      ))}
    </ul>
  ) : (
    failure.detail
  ));
  const retry = onRetry && failure.retryable && (
    <Button variant="outline" size={layout === 'panel' ? 'default' : 'sm'} disabled={retrying} onClick={onRetry}>
      {retrying ? <LoaderCircleIcon className="animate-spin" aria-hidden="true" /> : <RotateCwIcon aria-hidden="true" />}
      {retrying ? 'Trying again…' : 'Try again'}
    </Button>
  );
  const actions = (retry || action) && (
    <>
      {action}
      {retry}
    </>
  );

  if (layout !== 'panel') {
    return (
      <Banner variant="error" compact={layout === 'compact'} title={heading} action={actions || undefined}>
        {body}
      </Banner>
    );
  }
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div role="alert" className="flex flex-col items-center gap-3 rounded-xl border border-destructive/40 bg-card px-6 py-12 text-center">
      <TriangleAlertIcon className="size-8 text-destructive" aria-hidden="true" />
      <Heading className={cn('font-semibold', headingLevel === 2 ? 'text-lg' : 'text-base')}>{heading}</Heading>
      <div className="max-w-md text-sm text-muted-foreground">{body}</div>
      {actions && <div className="flex flex-wrap justify-center gap-2">{actions}</div>}
    </div>
  );
}

/** The pending and error states of a TanStack Query result; renders nothing once it has data. */
export function QueryState({
  query,
  label,
  skeleton,
  failed,
  className,
  ...errorProps
}: {
  query: { status: 'pending' | 'error' | 'success'; error: unknown; isFetching: boolean; refetch: () => unknown };
  /** Announced while loading ("Loading your trips…"). */
  label: string;
  /** The shape of what is loading; a spinner when left out. */
  skeleton?: React.ReactNode;
  /** The error's heading ("We couldn’t load your trips"). */
  failed?: string;
  /** For the loading state's box. */
  className?: string;
} & Omit<QueryErrorProps, 'error' | 'title' | 'onRetry' | 'retrying'>) {
  if (query.status === 'pending') return <QueryLoading label={label} className={className}>{skeleton}</QueryLoading>;
  if (query.status === 'error') {
    return <QueryError error={query.error} title={failed} onRetry={() => void query.refetch()} retrying={query.isFetching} {...errorProps} />;
  }
  return null;
}
