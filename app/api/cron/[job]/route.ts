import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { config } from '@/lib/config';
import { otherMethods } from '@/lib/http/methods';
import { HttpProblem } from '@/lib/http/problem';
import { handler } from '@/lib/http/handler';
import { findJob } from '@/lib/jobs/registry';
import { runJob } from '@/lib/jobs/scheduler';

export const dynamic = 'force-dynamic';

// For platforms whose cron calls an HTTP endpoint (Vercel Cron sends `Authorization: Bearer
// $CRON_SECRET`). Without CRON_SECRET the endpoints do not exist: 404 for every name.
function authorised(secret: string, header: string | null): boolean {
  const given = Buffer.from(header ?? '');
  const expected = Buffer.from(`Bearer ${secret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const run = handler({ name: 'cron.run', params: z.object({ job: z.string() }) }, async ({ req, params }) => {
  const secret = config().env.CRON_SECRET;
  if (!secret) throw new HttpProblem(404, 'There is no such endpoint.');
  // The secret before the name: job names are not told to callers without it.
  if (!authorised(secret, req.headers.get('authorization'))) throw new HttpProblem(401, 'A valid cron secret is required.');
  const job = findJob(params.job);
  if (!job) throw new HttpProblem(404, `There is no job named ${params.job}.`);
  const outcome = await runJob(job);
  return Response.json({ job: job.name, ...outcome }, { status: outcome.ok ? 200 : 500 });
});

export { run as GET, run as POST };

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
