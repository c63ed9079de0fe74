import { describe, expect, it } from 'vitest';
import { acceptedAdvisories, blockingAdvisories, unreachable } from '@/scripts/audit-report';

// The dependency audit's decisions (scripts/audit.mts) on npm audit's JSON report (v2 format).

const report = {
  auditReportVersion: 2,
  vulnerabilities: {
    'left-pad': { name: 'left-pad', severity: 'high', via: [{ source: 1, name: 'left-pad', title: 'Prototype pollution', url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc', severity: 'high', range: '<1.3.1' }] },
    wrapper: { name: 'wrapper', severity: 'high', via: ['left-pad'] },
    chatty: { name: 'chatty', severity: 'moderate', via: [{ source: 2, name: 'chatty', title: 'ReDoS', url: 'https://github.com/advisories/GHSA-dddd-eeee-ffff', severity: 'moderate', range: '*' }] },
    boom: { name: 'boom', severity: 'critical', via: [{ source: 3, name: 'boom', title: 'RCE', url: 'https://github.com/advisories/GHSA-gggg-hhhh-iiii', severity: 'critical', range: '<2' }] },
  },
  metadata: { vulnerabilities: { info: 0, low: 0, moderate: 1, high: 2, critical: 1, total: 4 } },
};
const entry = { advisory: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc', package: 'left-pad', reason: 'only used at build time', reviewed_by: 'security', reviewed_on: '2026-12-06', expires_on: '2027-03-01' };

describe('dependency audit', () => {
  it('blocks on high and critical advisories (once each, not per dependent), not on moderate', () => {
    expect(blockingAdvisories(report).map((a) => [a.package, a.severity])).toEqual([['left-pad', 'high'], ['boom', 'critical']]);
  });

  it('accepts an allowlisted advisory until it expires, and refuses an entry missing its review', () => {
    expect([...acceptedAdvisories({ accepted: [entry] }, '2027-03-01').keys()]).toEqual([entry.advisory]);
    expect(acceptedAdvisories({ accepted: [entry] }, '2027-03-02').size).toBe(0);
    expect(() => acceptedAdvisories({ accepted: [{ ...entry, reviewed_by: '' }] }, '2026-12-06')).toThrow(/reviewed_by/);
  });

  it('says why when the registry gave no report, never treating it as clean', () => {
    const refused = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405, error: { summary: '' } });
    expect(unreachable(1, refused, '')).toMatch(/405 Method Not Allowed/);
    expect(unreachable(1, '', 'npm error code ENOTFOUND\nnpm error network request failed')).toMatch(/ENOTFOUND|network/);
    expect(unreachable(1, JSON.stringify(report), '')).toBeUndefined();
    expect(unreachable(0, JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities: { total: 0 } } }), '')).toBeUndefined();
  });
});
