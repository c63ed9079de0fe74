import { createHash } from 'node:crypto';
import { HttpProblem } from './problem';

const KEY = /^[A-Za-z0-9_.:-]{8,255}$/;

/** The request's Idempotency-Key header (IETF draft): required on create and charge POSTs. */
export function idempotencyKey(headers: Headers): string {
  const key = headers.get('idempotency-key');
  if (!key) throw new HttpProblem(400, 'Send an Idempotency-Key header (one per user action, reused on retries).', [{ field: 'Idempotency-Key', message: 'is required' }]);
  if (!KEY.test(key)) throw new HttpProblem(400, 'The Idempotency-Key header is malformed.', [{ field: 'Idempotency-Key', message: 'must be 8–255 letters, digits or _ . : -' }]);
  return key;
}

/** A stable fingerprint of a request body: the same key with another body is refused. */
export function requestHash(body: unknown): string {
  const canonical = (v: unknown): unknown => Array.isArray(v) ? v.map(canonical)
    : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canonical(x)]))
    : v;
  return createHash('sha256').update(JSON.stringify(canonical(body))).digest('hex');
}
