// What logs must never hold (README "Security"): credentials (cookies, Authorization headers,
// tokens, secret keys) and personal data operations do not need (emails, passport numbers).
// Two layers: pino's `redact` for the paths we know, and a scrub of every logged value for
// what turns up elsewhere (an error message quoting input, a nested body).

const CENSOR = '[redacted]';

/** pino `redact` paths: request-shaped objects and the passenger/contact fields of a booking body. */
export const REDACT_PATHS = [
  'headers.cookie', 'headers.authorization', 'headers["set-cookie"]', 'headers["x-api-key"]',
  '*.headers.cookie', '*.headers.authorization', '*.headers["set-cookie"]', '*.headers["x-api-key"]',
  'cookie', 'cookies', 'authorization', '*.cookie', '*.cookies', '*.authorization',
  'body.contact.email', 'body.email', '*.email',
  'body.passengers[*].document', 'passengers[*].document', '*.passengers[*].document',
];

// Keys whose value is a credential or personal data wherever they appear.
const SECRET_KEY = /^(cookies?|set-cookie|authorization|x-api-key|password|passphrase|secret|.*_secret|secret_.*|token|access_token|refresh_token|email|phone|passport.*|document)$/i;

const PATTERNS: [RegExp, string][] = [
  [/\beyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]*/g, '[token]'], // JWTs: sessions, SEP-10, Clerk
  [/\bS[A-Z2-7]{55}\b/g, '[stellar-secret]'],            // Stellar secret seeds
  [/\b(tq_session|__session\w*)=[^;\s"]+/g, '$1=[redacted]'],
  [/\bBearer\s+[\w.~+/-]+=*/gi, 'Bearer [redacted]'],
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]'],
];

/** A string with credentials and emails replaced. */
export function scrubText(text: string): string {
  return PATTERNS.reduce((s, [re, to]) => s.replace(re, to), text);
}

/** A copy of a log record's values with secrets removed (errors become plain objects). */
export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (!value || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value instanceof Error) {
    const plain: Record<string, unknown> = { type: value.name, message: value.message, stack: value.stack };
    for (const [k, v] of Object.entries(value)) plain[k] = v;
    if (value.cause !== undefined) plain.cause = value.cause;
    return scrub(plain, depth);
  }
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) && v != null ? CENSOR : scrub(v, depth + 1);
  return out;
}
