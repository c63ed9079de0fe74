import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { parseEnv } from '@/lib/config/env';
import { handler } from '@/lib/http/handler';
import { metrics } from '@/lib/metrics/registry';

// The rate limiter's decisions reach /api/metrics (issue #14: "limits in /api/metrics"; the
// dashboard's "429s and blocks by policy" panel and the TraqoraManyRateLimited alert read them):
// requests let through, refused over the limit, and refused by the deny list, each counted under
// its policy as the answers go out. Limits in memory (the PGlite mode), configured tight.

const state = vi.hoisted(() => ({ rules: [] as { cidr: string; action: 'allow' | 'deny' }[] }));
const env = parseEnv({ RATE_LIMIT_ANONYMOUS: '2', RATE_LIMIT_BLOCK_SECONDS: '30', SESSION_SECRET: 's'.repeat(40) });
vi.mock('@/lib/config', () => ({ config: () => ({ env, mode: { database: 'pglite', clerk: false, devPersonas: true } }) }));
vi.mock('@/lib/db/connect', () => ({ db: async () => ({ driver: 'pglite', call: async (fn: string) => (fn === 'rate_limit_rules' ? state.rules : null) }) }));
vi.mock('@/lib/auth/viewer', () => ({ getViewer: async () => null }));

const call = (route: ReturnType<typeof handler>, ip: string) =>
  route(new NextRequest(new URL('/api/v1/things', 'http://t.test'), { headers: { 'x-forwarded-for': ip } }));

/** The counter's value for one policy and decision, as /api/metrics exposes it (0 when absent). */
async function decisions(policy: string, decision: string): Promise<number> {
  const metric = metrics().registry.getSingleMetric('traqora_rate_limit_decisions_total');
  if (!metric) return 0;
  const { values } = await metric.get();
  return values.find((v) => v.labels.policy === policy && v.labels.decision === decision)?.value ?? 0;
}

describe('rate-limit decisions in /api/metrics', () => {
  const search = handler({ name: 'flights.search' }, async () => ({ data: [] }));

  it('counts requests let through and refused per policy, and deny-list refusals', async () => {
    const before = { allowed: await decisions('anonymous', 'allowed'), limited: await decisions('anonymous', 'limited'), denied: await decisions('deny-list', 'denied') };
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await call(search, '192.0.2.10')).status);
    expect(answers).toEqual([200, 200, 429]);
    expect(await decisions('anonymous', 'allowed')).toBe(before.allowed + 2);
    expect(await decisions('anonymous', 'limited')).toBe(before.limited + 1);

    state.rules = [{ cidr: '198.51.100.0/24', action: 'deny' }];
    const { forgetAddressRules } = await import('@/lib/rate-limit/rules');
    forgetAddressRules();
    expect((await call(search, '198.51.100.7')).status).toBe(403);
    expect(await decisions('deny-list', 'denied')).toBe(before.denied + 1);

    const text = await metrics().registry.metrics();
    expect(text).toContain('traqora_rate_limit_decisions_total{policy="anonymous",decision="limited"}');
  });
});
