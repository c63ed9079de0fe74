import { Counter } from 'prom-client';
import { metrics } from '@/lib/metrics/registry';

// Rate-limit decisions in /api/metrics: how often each policy lets a request through, refuses it
// over the limit, or answers from the allow and deny lists. An API key's policy is named after
// its plan (api-key:standard, api-key:partner…), so 429s per plan come at no extra cost; the
// label stays bounded because plans are configuration, not something callers choose.

export type Decision = 'allowed' | 'limited' | 'blocked' | 'denied' | 'allow-listed';

const g = globalThis as unknown as { __traqoraRateLimitMetric?: Counter<'policy' | 'decision'> };

export function countDecision(policy: string, decision: Decision): void {
  g.__traqoraRateLimitMetric ??= new Counter({
    name: 'traqora_rate_limit_decisions_total',
    help: 'Rate-limit decisions by policy (an API key\'s is api-key:<plan>): allowed, limited (over the limit), blocked (repeat offender), denied or allow-listed (CIDR lists)',
    labelNames: ['policy', 'decision'],
    registers: [metrics().registry],
  });
  g.__traqoraRateLimitMetric.inc({ policy, decision });
}
