// A juror's hidden vote, as supabase/routines/68_jury.sql checks it: sha256(round (4 bytes,
// big-endian) ‖ option (4 bytes, big-endian) ‖ salt (32 bytes) ‖ the juror's user id (16 bytes)).
// Isomorphic (Web Crypto): the /disputes page computes it in the browser so the option stays
// there until the reveal.

export function uuidBytes(id: string): Uint8Array {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error('not a uuid');
  return Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function fromHex(h: string): Uint8Array {
  return Uint8Array.from(h.match(/../g)?.map((b) => parseInt(b, 16)) ?? []);
}

export async function voteCommitment(round: number, option: number, saltHex: string, juror: string): Promise<string> {
  return commitmentOf(round, option, saltHex, uuidBytes(juror));
}

/** sha256(round ‖ option ‖ salt ‖ juror): the app's jury binds the user id, the disputes contract the address's XDR (chain/commitment.ts). */
export async function commitmentOf(round: number, option: number, saltHex: string, juror: Uint8Array): Promise<string> {
  const salt = fromHex(saltHex);
  if (salt.length !== 32) throw new Error('salt must be 32 bytes');
  const buf = new Uint8Array(4 + 4 + 32 + juror.length);
  const view = new DataView(buf.buffer);
  view.setUint32(0, round);
  view.setUint32(4, option);
  buf.set(salt, 8);
  buf.set(juror, 40);
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', buf)));
}

/** 32 random bytes as hex: a fresh salt. */
export function newSalt(): string {
  return hex(crypto.getRandomValues(new Uint8Array(32)));
}
