import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// One registry per process (kept on globalThis so `next dev` reloads don't register twice).
interface Metrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'method' | 'status'>;
  httpDuration: Histogram<'route' | 'method'>;
  jobRuns: Counter<'job' | 'outcome'>;
  indexerLag: Gauge<'stream'>;
  indexerEvents: Counter<'stream'>;
  cspViolations: Counter<'directive' | 'disposition'>;
  feedBreaker: Gauge<'provider'>;
  feedReports: Counter<'provider' | 'outcome'>;
}

const g = globalThis as unknown as { __traqoraMetrics?: Metrics };

export function metrics(): Metrics {
  if (!g.__traqoraMetrics) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'traqora_' });
    g.__traqoraMetrics = {
      registry,
      httpRequests: new Counter({
        name: 'traqora_http_requests_total', help: 'API requests by route, method and status',
        labelNames: ['route', 'method', 'status'], registers: [registry],
      }),
      httpDuration: new Histogram({
        name: 'traqora_http_request_duration_seconds', help: 'API request duration by route',
        labelNames: ['route', 'method'], registers: [registry],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      }),
      jobRuns: new Counter({
        name: 'traqora_job_runs_total', help: 'Background job runs by outcome: ok, error, or skipped (the job was running on this or another instance)',
        labelNames: ['job', 'outcome'], registers: [registry],
      }),
      // How far the chain event index trails the network, as of its last poll.
      indexerLag: new Gauge({
        name: 'traqora_indexer_lag_ledgers', help: 'Latest network ledger minus the last ledger indexed, per stream',
        labelNames: ['stream'], registers: [registry],
      }),
      indexerEvents: new Counter({
        name: 'traqora_indexer_events_total', help: 'Chain events stored by the indexer (first time only), per stream',
        labelNames: ['stream'], registers: [registry],
      }),
      // Reports posted to /api/csp-report: something on a page was refused (or would be).
      cspViolations: new Counter({
        name: 'traqora_csp_violations_total', help: 'Content-Security-Policy violations browsers reported, by directive',
        labelNames: ['directive', 'disposition'], registers: [registry],
      }),
      // The flight-status feed (lib/flight-status): each polled provider's circuit, and what
      // became of the reports every provider sent (applied, unchanged, stale, refused, replayed…).
      feedBreaker: new Gauge({
        name: 'traqora_flight_status_breaker_state', help: 'Circuit breaker per polled flight-status provider: 0 closed, 1 half-open, 2 open',
        labelNames: ['provider'], registers: [registry],
      }),
      feedReports: new Counter({
        name: 'traqora_flight_status_reports_total', help: 'Flight-status reports received, by provider and outcome',
        labelNames: ['provider', 'outcome'], registers: [registry],
      }),
    };
  }
  return g.__traqoraMetrics;
}
