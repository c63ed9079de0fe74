import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '@/lib/log/logger';

// What the app's logger writes, exactly as configured (lib/log/logger.ts), captured in memory.
function capture() {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  return { log: pino(loggerOptions('debug'), sink), text: () => lines.join('') };
}

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEiLCJzcmMiOiJkZXYifQ.c2lnbmF0dXJlLXZhbHVl';
const SEED = 'SAWA7YVDR4RG5SZAMEZHE5OYDI4LNUJR2FRFVVASYEIL47DC2G6BK2DF';

describe('log redaction', () => {
  it('redacts cookies and Authorization headers of a logged request', () => {
    const { log, text } = capture();
    log.info({ req: { method: 'POST', headers: { cookie: `tq_session=${JWT}`, authorization: 'Bearer tq_live_abcdef123456', accept: 'application/json' } } }, 'in');
    expect(text()).not.toContain(JWT);
    expect(text()).not.toContain('tq_live_abcdef123456');
    expect(JSON.parse(text()).req.headers).toEqual({ cookie: '[redacted]', authorization: '[redacted]', accept: 'application/json' });
  });

  it('redacts passport documents and emails in a booking body, keeping what operations need', () => {
    const { log, text } = capture();
    log.warn({ body: {
      offer_id: 'off_1', contact: { email: 'ada@example.com', phone: '+447700900123' },
      passengers: [{ given_name: 'Ada', document: { type: 'passport', number: 'XQ7734219', issuing_country: 'GB' } }],
    } }, 'refused');
    const out = text();
    for (const secret of ['XQ7734219', 'ada@example.com', '+447700900123']) expect(out).not.toContain(secret);
    expect(JSON.parse(out).body.offer_id).toBe('off_1');
  });

  it('scrubs tokens, secret seeds, session cookies and emails wherever they turn up: messages, errors, nested values', () => {
    const { log, text } = capture();
    const err = new Error(`could not verify ${JWT} for ada@example.com`);
    log.error({ err, detail: { note: `seed ${SEED}`, header: `tq_session=${JWT}; theme=dark` } }, `signing with ${SEED} for bob@example.org`);
    const out = text();
    for (const secret of [JWT, SEED, 'ada@example.com', 'bob@example.org']) expect(out).not.toContain(secret);
    const line = JSON.parse(out);
    expect(line.err.message).toBe('could not verify [token] for [email]');
    expect(line.err.stack).toContain('Error: could not verify [token]');
    expect(line.detail.header).toBe('tq_session=[redacted]; theme=dark');
    expect(line.msg).toBe('signing with [stellar-secret] for [email]');
  });

  it('leaves ordinary fields alone', () => {
    const { log, text } = capture();
    log.info({ route: 'bookings.create', status: 201, pnr: 'ABC123', account: 'GD4D6BIT6F44S6PQUPOPXPBUCXWZB7OQZWIQXYEF2SLEUVIKAU76T5PG' }, 'request');
    expect(JSON.parse(text())).toMatchObject({ route: 'bookings.create', status: 201, pnr: 'ABC123', account: 'GD4D6BIT6F44S6PQUPOPXPBUCXWZB7OQZWIQXYEF2SLEUVIKAU76T5PG', msg: 'request' });
  });
});
