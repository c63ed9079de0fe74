import { createHash, randomBytes } from 'node:crypto';

// The shape of an API key: `trq_<prefix>_<secret>`. The prefix (8 lowercase letters and digits)
// is stored in clear so owners can tell their keys apart and the server can find the row; the
// database keeps only the SHA-256 of the whole key, so a leaked table leaks no usable key.

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const KEY = /^trq_([a-z0-9]{8})_([A-Za-z0-9_-]{32})$/;

export interface NewKey { key: string; prefix: string; hash: string }

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function prefixChars(): string {
  // 256 is not a multiple of 36: draw again above 251 so every character is equally likely.
  let out = '';
  while (out.length < 8) {
    for (const b of randomBytes(16)) if (b < 252 && out.length < 8) out += ALPHABET[b % 36];
  }
  return out;
}

/** A fresh key: 24 random bytes of secret (192 bits) plus the prefix. Shown once, never stored. */
export function generateKey(): NewKey {
  const prefix = prefixChars();
  const key = `trq_${prefix}_${randomBytes(24).toString('base64url')}`;
  return { key, prefix, hash: hashKey(key) };
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith('trq_');
}

/** Prefix and hash of a well-formed key, or null. */
export function parseKey(token: string): { prefix: string; hash: string } | null {
  const m = KEY.exec(token);
  return m ? { prefix: m[1], hash: hashKey(token) } : null;
}
