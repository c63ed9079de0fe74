'use client';

import type * as React from 'react';
import { RefreshCwIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/components/ui/cn';
import { formatClock, formatUptime, secondsAgo } from './format';
import { StatusBadge } from './status-badge';
import { HEALTH_REFRESH_MS, useHealth } from './use-health';
import { useNow } from '@/components/ui/use-now';

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <dt className="text-xs font-medium text-muted-foreground">{term}</dt>
      <dd className="text-sm font-medium">{children}</dd>
    </div>
  );
}

/** Live view of GET /api/health: a summary, then the raw document, refreshed every 5 s. */
export function HealthPanel() {
  const { data, error, isPending, isFetching, dataUpdatedAt, errorUpdatedAt, refetch } = useHealth();
  const now = useNow();
  const checkedAt = Math.max(dataUpdatedAt, errorUpdatedAt);
  const health = data?.body;
  const onOff = (on: boolean) => (on ? 'on' : 'off');

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader className="flex-row flex-wrap items-start justify-between gap-4">
          <div className="flex flex-col gap-1.5">
            <div className="flex items-center gap-3">
              <CardTitle>Service</CardTitle>
              {isPending ? <Skeleton className="h-5 w-24 rounded-full" /> : <StatusBadge status={error ? 'unreachable' : health!.status} />}
            </div>
            <CardDescription>
              {/* Announce only the outcome of each check, not the ticking seconds. */}
              <span role="status">
                {isPending ? 'Checking…' : error ? `Last check failed: ${error.message}` : `Version ${health!.version}, HTTP ${data!.httpStatus}`}
              </span>
            </CardDescription>
          </div>
          <div className="flex items-center gap-3 text-sm text-muted-foreground">
            <p>
              Last checked{' '}
              {checkedAt ? (
                <>
                  <time dateTime={new Date(checkedAt).toISOString()} className="font-medium text-foreground tabular-nums">
                    {formatClock(checkedAt)}
                  </time>{' '}
                  <span className="tabular-nums">({secondsAgo(checkedAt, now)})</span>
                </>
              ) : (
                '—'
              )}
              <span className="block text-xs">Refreshes every {HEALTH_REFRESH_MS / 1000} s</span>
            </p>
            <Button variant="outline" size="icon-sm" aria-label="Check now" onClick={() => refetch()} disabled={isFetching}>
              <RefreshCwIcon className={cn(isFetching && 'animate-spin')} aria-hidden="true" />
            </Button>
          </div>
        </CardHeader>
        <CardContent>
          {health ? (
            <dl className="grid grid-cols-2 gap-x-6 gap-y-4 sm:grid-cols-4">
              <Fact term="Database">
                <span className="flex items-center gap-2">
                  <StatusBadge status={health.database.status} />
                  <span className="text-muted-foreground">{health.database.driver}</span>
                </span>
              </Fact>
              <Fact term="Database latency">{health.database.latencyMs !== undefined ? `${health.database.latencyMs} ms` : '—'}</Fact>
              <Fact term="Uptime">{formatUptime(health.uptimeSeconds)}</Fact>
              <Fact term="Payment rail">{health.mode.paymentRail}</Fact>
              <Fact term="Clerk sign-in">{onOff(health.mode.clerk)}</Fact>
              <Fact term="Dev personas">{onOff(health.mode.devPersonas)}</Fact>
              <Fact term="Local mode">{onOff(health.mode.local)}</Fact>
              <Fact term="Flight-status feed">
                {Object.keys(health.flightStatusFeed ?? {}).length
                  ? Object.entries(health.flightStatusFeed).map(([p, s]) => `${p}: circuit ${s.replace('_', '-')}`).join(', ')
                  : 'not polled'}
              </Fact>
              <Fact term="Server time">
                <time dateTime={health.time}>{new Date(health.time).toLocaleString()}</time>
              </Fact>
              {health.database.error && (
                <div className="col-span-full">
                  <Fact term="Database error">
                    <span className="text-destructive">{health.database.error}</span>
                  </Fact>
                </div>
              )}
            </dl>
          ) : isPending ? (
            <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
              {Array.from({ length: 8 }, (_, i) => (
                <Skeleton key={i} className="h-10" />
              ))}
            </div>
          ) : null}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Response</CardTitle>
          <CardDescription>
            <code className="font-mono">GET /api/health</code>
          </CardDescription>
        </CardHeader>
        <CardContent>
          {health ? (
            <pre tabIndex={0} aria-label="Health response JSON" className="overflow-x-auto rounded-lg bg-muted p-4 font-mono text-xs leading-relaxed focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
              {JSON.stringify(health, null, 2)}
            </pre>
          ) : (
            <Skeleton className="h-48" />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
