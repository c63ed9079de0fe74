// Browsers post Content-Security-Policy violations here (the policy's report-uri and report-to,
// lib/security/headers.ts): each is logged and counted in traqora_csp_violations_total.
import { handler } from '@/lib/http/handler';
import { otherMethods } from '@/lib/http/methods';
import { HttpProblem } from '@/lib/http/problem';
import { metrics } from '@/lib/metrics/registry';
import { MAX_REPORT_BYTES, parseCspReport, REPORT_TYPES } from '@/lib/security/csp-report';

export const dynamic = 'force-dynamic';

export const POST = handler({ name: 'csp.report' }, async ({ req, log }) => {
  const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!REPORT_TYPES.includes(type)) throw new HttpProblem(415, `Send the report as ${REPORT_TYPES.join(' or ')}.`);
  const text = await req.text();
  if (text.length > MAX_REPORT_BYTES) throw new HttpProblem(413, 'The report is too large.');
  for (const v of parseCspReport(text)) {
    metrics().cspViolations.inc({ directive: v.directive, disposition: v.disposition });
    log.warn({ csp: v }, 'content security policy violation');
  }
  return new Response(null, { status: 204 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
