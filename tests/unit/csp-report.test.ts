import { describe, expect, it } from 'vitest';
import { HttpProblem } from '@/lib/http/problem';
import { parseCspReport } from '@/lib/security/csp-report';

describe('CSP violation reports', () => {
  it('reads the report-uri shape, keeping only the blocked origin and the page path', () => {
    const [v] = parseCspReport(JSON.stringify({ 'csp-report': {
      'document-uri': 'https://traqora.example/trips/ABC123?email=a@b.c', 'effective-directive': 'script-src-elem',
      'violated-directive': 'script-src-elem', 'blocked-uri': 'https://evil.example/x.js?token=secret', disposition: 'enforce',
    } }));
    expect(v).toEqual({ directive: 'script-src-elem', blocked: 'https://evil.example', page: '/trips/ABC123', disposition: 'enforce' });
  });

  it('reads the Reporting API shape and skips reports of other types', () => {
    const vs = parseCspReport(JSON.stringify([
      { type: 'csp-violation', body: { documentURL: 'https://t.example/', effectiveDirective: 'script-src-elem', blockedURL: 'inline', disposition: 'report' } },
      { type: 'deprecation', body: { id: 'x' } },
    ]));
    expect(vs).toEqual([{ directive: 'script-src-elem', blocked: 'inline', page: '/', disposition: 'report' }]);
  });

  it('bounds the directive label so a report cannot mint metric series', () => {
    const [v] = parseCspReport(JSON.stringify({ 'csp-report': { 'effective-directive': 'x'.repeat(500), 'blocked-uri': '<script>' } }));
    expect(v.directive).toBe('other');
    expect(v.blocked).toBe('other');
  });

  it('refuses what is not a report with a 400 naming the body', () => {
    for (const text of ['not json', '{"a":1}', '[1,2]', 'null']) {
      const err = (() => { try { parseCspReport(text); } catch (e) { return e; } })();
      expect(err, text).toBeInstanceOf(HttpProblem);
      expect((err as HttpProblem).status).toBe(400);
      expect((err as HttpProblem).errors?.[0].field).toBe('body');
    }
  });
});
