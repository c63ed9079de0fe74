// The Prometheus alert rules in ops/prometheus: `promtool check rules` (syntax, templates) and
// `promtool test rules` (each alert fires on the series that should raise it). promtool comes
// with Debian's `prometheus` package (.ci/run installs it). Exit 3 when it is missing outside CI,
// so npm test reports the step NOT RUN instead of passing it; in CI a missing promtool fails.
import { spawnSync } from 'node:child_process';

const which = spawnSync('promtool', ['--version'], { stdio: 'ignore' });
if (which.error || which.status !== 0) {
  console.error('promtool is not installed (apt-get install prometheus): the alert rules were NOT checked.');
  process.exit(process.env.CI ? 1 : 3);
}
for (const args of [['check', 'rules', 'ops/prometheus/alerts.yml'], ['test', 'rules', 'ops/prometheus/alerts.test.yml']]) {
  const r = spawnSync('promtool', args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}
