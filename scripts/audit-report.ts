// The dependency audit's decisions on `npm audit --json` output (v2 report format), apart from
// running it, so they are tested on their own (tests/unit/audit.test.ts). Run by scripts/audit.mts.

const BLOCKING = new Set(['high', 'critical']);

export interface AllowlistEntry { advisory: string; package: string; reason: string; reviewed_by: string; reviewed_on: string; expires_on: string }
export interface Advisory { advisory: string; package: string; severity: string; title: string; range?: string }
interface Via { source?: number; name: string; title: string; url?: string; severity: string; range?: string }
export interface AuditReport {
  vulnerabilities?: Record<string, { via?: (string | Via)[] }>;
  metadata?: { vulnerabilities?: Record<string, number> };
  error?: unknown; statusCode?: number; message?: string;
}

/** The allowlist's accepted advisories still in force on `today` (YYYY-MM-DD), by advisory URL or id. */
export function acceptedAdvisories(allowlist: { accepted?: Partial<AllowlistEntry>[] }, today: string): Map<string, AllowlistEntry> {
  const accepted = new Map<string, AllowlistEntry>();
  for (const entry of allowlist.accepted ?? []) {
    for (const key of ['advisory', 'package', 'reason', 'reviewed_by', 'reviewed_on', 'expires_on']) {
      if (!entry[key as keyof AllowlistEntry]) throw new Error(`audit-allowlist.json: an entry lacks "${key}": ${JSON.stringify(entry)}`);
    }
    const full = entry as AllowlistEntry;
    if (full.expires_on >= today) accepted.set(full.advisory, full);
  }
  return accepted;
}

/** The high/critical advisories of an `npm audit --json` report: { advisory, package, severity, title }. */
export function blockingAdvisories(report: AuditReport): Advisory[] {
  const found = new Map<string, Advisory>();
  for (const vuln of Object.values(report.vulnerabilities ?? {})) {
    for (const via of vuln.via ?? []) {
      // A string names another vulnerable package; its own entry carries the advisory.
      if (typeof via !== 'object' || !BLOCKING.has(via.severity)) continue;
      const advisory = via.url ?? String(via.source);
      found.set(`${advisory} ${via.name}`, { advisory, package: via.name, severity: via.severity, title: via.title, range: via.range });
    }
  }
  return [...found.values()];
}

/** Why a finished `npm audit` run did not produce a report, or undefined when it did. */
export function unreachable(status: number | null, stdout: string, stderr: string): string | undefined {
  let report: AuditReport;
  try {
    report = JSON.parse(stdout);
  } catch {
    return `npm audit printed no report (exit ${status}): ${stderr.trim().split('\n').slice(-3).join(' / ')}`;
  }
  if (report.error || report.statusCode || report.message) {
    return `the advisory endpoint answered ${report.message ?? JSON.stringify(report.error)}`;
  }
  if (!report.vulnerabilities && !report.metadata) return 'npm audit printed something that is not an audit report';
  return undefined;
}

