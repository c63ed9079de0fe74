import { createHash } from 'node:crypto';

// The jury draw, as anyone can recompute it from a round's published seed and candidates
// (docs/governance.md "Recomputing a jury draw"). The database draws with the same steps
// (traqora.jury_draw_seats in supabase/routines/68_jury.sql); a test holds the two together.

export interface DrawCandidate {
  user_id: string;
  /** The juror's stake in TRQ base units, as a decimal string. */
  weight: string;
}

/** The user ids drawn for seats 0…size-1, from a 32-byte seed (hex) and the candidates in published order. */
export function drawJury(seedHex: string, candidates: readonly DrawCandidate[], size: number): string[] {
  const seed = Buffer.from(seedHex, 'hex');
  const left = candidates.map((c) => ({ id: c.user_id, w: BigInt(c.weight) }));
  const seats: string[] = [];
  for (let i = 0; i < Math.min(size, candidates.length); i++) {
    const index = Buffer.alloc(4);
    index.writeUInt32BE(i);
    const h = createHash('sha256').update(seed).update(index).digest();
    const total = left.reduce((sum, c) => sum + c.w, 0n);
    const r = BigInt(`0x${h.subarray(0, 7).toString('hex')}`) % total;
    let cum = 0n;
    const pick = left.findIndex((c) => (cum += c.w) > r);
    seats.push(left[pick].id);
    left.splice(pick, 1);
  }
  return seats;
}

/** sha256(seed): what the round published before the draw. */
export function seedCommitment(seedHex: string): string {
  return createHash('sha256').update(Buffer.from(seedHex, 'hex')).digest('hex');
}
