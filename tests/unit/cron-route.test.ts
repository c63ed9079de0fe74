import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The cron endpoint: without CRON_SECRET it does not exist (404 for every name, known or not);
// with it, the secret is checked before the job name.
const ran = vi.hoisted(() => [] as string[]);
vi.mock('@/lib/jobs/registry', () => ({ findJob: (name: string) => (name === 'extend-schedule' ? { name } : undefined) }));
vi.mock('@/lib/jobs/scheduler', () => ({ runJob: async (job: { name: string }) => { ran.push(job.name); return { ok: true, result: {} }; } }));

const SECRET = 'cron-secret-0123456789';

async function cron(job: string, opts: { secret?: string; auth?: string } = {}) {
  vi.resetModules();
  vi.stubEnv('CRON_SECRET', opts.secret);
  const { POST } = await import('@/app/api/cron/[job]/route');
  const req = new NextRequest(`http://t.test/api/cron/${job}`, { method: 'POST', headers: opts.auth ? { authorization: opts.auth } : {} });
  return POST(req, { params: Promise.resolve({ job }) });
}

afterEach(() => {
  vi.unstubAllEnvs();
  ran.length = 0;
});

describe('/api/cron/[job]', () => {
  it('does not exist without CRON_SECRET: 404 for a known job and an unknown one', async () => {
    for (const job of ['extend-schedule', 'nope']) {
      const res = await cron(job, { auth: `Bearer ${SECRET}` });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(ran).toEqual([]);
  });

  it('refuses a wrong or missing secret with 401, without telling whether the job exists', async () => {
    expect((await cron('extend-schedule', { secret: SECRET })).status).toBe(401);
    expect((await cron('nope', { secret: SECRET, auth: 'Bearer wrong' })).status).toBe(401);
  });

  it('answers an unknown job with a valid secret with 404, and runs a known one', async () => {
    expect((await cron('nope', { secret: SECRET, auth: `Bearer ${SECRET}` })).status).toBe(404);
    const res = await cron('extend-schedule', { secret: SECRET, auth: `Bearer ${SECRET}` });
    expect(res.status).toBe(200);
    expect(ran).toEqual(['extend-schedule']);
  });
});
