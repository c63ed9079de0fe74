import { HttpProblem } from '@/lib/http/problem';

// Content-Security-Policy violation reports, in the two shapes browsers send: the older
// `report-uri` ({"csp-report": {...}}, application/csp-report) and the Reporting API's
// (`report-to`: an array of {type: "csp-violation", body: {...}}, application/reports+json).

export interface Violation {
  /** The directive that refused something, e.g. script-src-elem; "other" when unrecognisable. */
  directive: string;
  /** What was refused: an origin, or a keyword like inline / eval. */
  blocked: string;
  /** The page's path (no query: it is logged, and queries may carry what a user typed). */
  page: string;
  disposition: 'enforce' | 'report';
}

export const REPORT_TYPES = ['application/csp-report', 'application/reports+json', 'application/json'];
export const MAX_REPORT_BYTES = 64 * 1024;

type Fields = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** A directive name as a bounded metric label. */
function directiveLabel(v: unknown): string {
  const s = str(v).split(' ')[0];
  return /^[a-z-]{1,40}$/.test(s) ? s : 'other';
}

/** Only the origin of a URL (or a CSP keyword such as inline, eval, data). */
function blockedLabel(v: unknown): string {
  const s = str(v);
  try {
    const url = new URL(s);
    return url.origin === 'null' ? `${url.protocol}` : url.origin;
  } catch {
    return /^[a-z-]{1,20}$/.test(s) ? s : 'other';
  }
}

function pathOf(v: unknown): string {
  try {
    return new URL(str(v)).pathname;
  } catch {
    return '';
  }
}

function fromLegacy(r: Fields): Violation {
  return {
    directive: directiveLabel(r['effective-directive'] ?? r['violated-directive']),
    blocked: blockedLabel(r['blocked-uri']),
    page: pathOf(r['document-uri']),
    disposition: r.disposition === 'report' ? 'report' : 'enforce',
  };
}

function fromReportingApi(b: Fields): Violation {
  return {
    directive: directiveLabel(b.effectiveDirective),
    blocked: blockedLabel(b.blockedURL),
    page: pathOf(b.documentURL),
    disposition: b.disposition === 'report' ? 'report' : 'enforce',
  };
}

const isObject = (v: unknown): v is Fields => !!v && typeof v === 'object' && !Array.isArray(v);

/** The violations in a report body; a 400 problem naming `body` when it is neither shape. */
export function parseCspReport(text: string): Violation[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'The report is not valid JSON.', [{ field: 'body', message: 'not valid JSON' }]);
  }
  if (isObject(json) && isObject(json['csp-report'])) return [fromLegacy(json['csp-report'])];
  if (Array.isArray(json) && json.length <= 100 && json.every(isObject)) {
    return json.filter((r) => r.type === 'csp-violation' && isObject(r.body)).map((r) => fromReportingApi(r.body as Fields));
  }
  throw new HttpProblem(400, 'The body is not a CSP violation report.',
    [{ field: 'body', message: 'must be {"csp-report": {...}} or a Reporting API array of csp-violation reports' }]);
}
