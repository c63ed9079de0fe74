// `npm test`'s dependency audit: `npm audit --omit=dev` (what ships, not the tools), failing on
// high or critical advisories unless scripts/audit-allowlist.json accepts them (reviewed, dated,
// with an expiry). When the advisory endpoint cannot be reached the step says so and exits 3:
// scripts/test-all.mjs reports it as NOT AUDITED, never as passed. Run: npx tsx scripts/audit.mts
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { acceptedAdvisories, blockingAdvisories, unreachable, type AuditReport } from './audit-report';

const NOT_AUDITED = 3;

function main() {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000 });
  const why = run.error ? String(run.error) : unreachable(run.status, run.stdout ?? '', run.stderr ?? '');
  if (why) {
    console.error(`\n!! NOT AUDITED: npm audit could not get advisories from the registry — ${why}.`);
    console.error('!! The dependencies were not checked. Run `npm audit --omit=dev` where the registry is reachable.\n');
    process.exit(NOT_AUDITED);
  }
  const report = JSON.parse(run.stdout) as AuditReport;
  const allowlist = JSON.parse(readFileSync(new URL('./audit-allowlist.json', import.meta.url), 'utf8'));
  const accepted = acceptedAdvisories(allowlist, new Date().toISOString().slice(0, 10));
  const blocking = blockingAdvisories(report);
  const refused = blocking.filter((a) => !accepted.has(a.advisory));
  for (const a of blocking.filter((b) => accepted.has(b.advisory))) {
    const entry = accepted.get(a.advisory)!;
    console.log(`· accepted until ${entry.expires_on}: ${a.severity} ${a.package} — ${a.title} (${a.advisory}): ${entry.reason}`);
  }
  const counts = report.metadata?.vulnerabilities ?? {};
  console.log(`npm audit --omit=dev: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
  if (refused.length) {
    console.error(`\n✗ ${refused.length} high/critical advisories not on scripts/audit-allowlist.json:`);
    for (const a of refused) console.error(`  ${a.severity} ${a.package} ${a.range ?? ''} — ${a.title} (${a.advisory})`);
    process.exit(1);
  }
  console.log('✓ no high or critical advisory outside the allowlist');
}

main();
