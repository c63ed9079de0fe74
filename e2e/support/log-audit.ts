import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { forbiddenInLogs, LOG_DIR } from './log-witness';

// Playwright's global teardown: the servers' logs of this run hold no secret, session cookie,
// passport number or email a spec witnessed (log-witness.ts). A finding fails the run.
export default function auditLogs() {
  const files = existsSync(LOG_DIR) ? readdirSync(LOG_DIR).filter((f) => f.endsWith('.log')) : [];
  if (!files.length) throw new Error(`log audit: no server logs in ${LOG_DIR} (playwright.config.ts writes them there)`);
  const logs = files.map((f) => ({ f, text: readFileSync(path.join(LOG_DIR, f), 'utf8') }));
  if (!logs.some(({ text }) => text.includes('"level":'))) throw new Error('log audit: the server logs hold no pino lines; nothing was audited');
  const found = forbiddenInLogs().flatMap((secret) =>
    logs.filter(({ text }) => text.includes(secret)).map(({ f }) => `${f} contains ${secret.slice(0, 6)}… (${secret.length} chars)`));
  if (found.length) throw new Error(`log audit: secrets or personal data in the server logs:\n${found.join('\n')}`);
  console.log(`log audit: ${forbiddenInLogs().length} secrets checked in ${files.join(', ')} (${logs.reduce((n, l) => n + l.text.split('\n').length, 0)} lines): none found`);
}
