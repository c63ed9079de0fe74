import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The monitoring bundle in ops/ stays true to the code: every metric the Grafana dashboard and
// the alert rules query is one /api/metrics exports, and every alert has its runbook section in
// docs/operations.md. (promtool itself checks and unit-tests the rules: scripts/check-alerts.mjs.)

const root = process.cwd();
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) return sources(rel);
    return /\.tsx?$/.test(name) ? [rel] : [];
  });
}

/** Metric names the code registers (prom-client `name: 'traqora_…'`), plus prom-client's defaults. */
const exported = new Set(sources('lib').flatMap((f) => [...read(f).matchAll(/name: '(traqora_[a-z_]+)'/g)].map((m) => m[1])));
const isExported = (name: string) => exported.has(name.replace(/_(bucket|sum|count)$/, ''))
  || /^traqora_(process|nodejs)_/.test(name);   // collectDefaultMetrics({ prefix: 'traqora_' })

const used = (text: string) => [...new Set([...text.matchAll(/\b(traqora_[a-z_]+)\b/g)].map((m) => m[1]))];

describe('ops monitoring', () => {
  const alerts = read('ops/prometheus/alerts.yml');
  const dashboard = read('ops/grafana/traqora.json');

  it('registers the metrics the dashboard and alerts are built on', () => {
    for (const name of ['traqora_http_requests_total', 'traqora_escrow_held_minor', 'traqora_search_cache_total', 'traqora_rate_limit_decisions_total',
      'traqora_job_runs_total', 'traqora_event_consumer_lag_events', 'traqora_indexer_lag_ledgers']) expect(exported).toContain(name);
  });

  it('queries only metrics /api/metrics exports', () => {
    const queried = [...used(alerts), ...used(dashboard)];
    expect(queried.length).toBeGreaterThan(10);
    expect(queried.filter((n) => !isExported(n))).toEqual([]);
  });

  it('is a Grafana dashboard with a query on every panel', () => {
    const d = JSON.parse(dashboard) as { panels: { type: string; title: string; targets?: { expr: string }[] }[] };
    const graphs = d.panels.filter((p) => p.type !== 'row');
    expect(graphs.length).toBeGreaterThan(10);
    for (const p of graphs) expect(p.targets?.length, p.title).toBeGreaterThan(0);
    const exprs = graphs.flatMap((p) => p.targets!.map((t) => t.expr)).join('\n');
    // The list: requests by route, funnel, escrow, indexer lag, jobs and consumers, 429s, cache.
    for (const want of ['traqora_http_request_duration_seconds_bucket', 'booking.paid', 'traqora_escrow_held_minor', 'traqora_indexer_lag_ledgers',
      'traqora_job_runs_total', 'traqora_event_deliveries_total', 'decision=~"limited', 'traqora_search_cache_total']) expect(exprs).toContain(want);
  });

  it('has a runbook section for every alert', () => {
    const runbook = read('docs/operations.md');
    const names = [...alerts.matchAll(/- alert: (\w+)/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(8);
    for (const name of names) {
      expect(runbook, name).toContain(`### ${name}`);
      expect(alerts).toContain(`docs/operations.md#${name.toLowerCase()}`);
    }
  });
});
