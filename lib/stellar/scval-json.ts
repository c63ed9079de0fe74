// Contract values as JSON: what the chain index stores and the API shows. scValToNative gives
// bigints and byte arrays, which JSON cannot carry; these become decimal strings and hex.

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Native values from scValToNative made JSON-safe: bigints as decimal strings, bytes as hex. */
export function toJson(v: unknown): Json {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  if (Array.isArray(v)) return v.map(toJson);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), toJson(x)]));
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJson(x)]));
  return String(v);
}
