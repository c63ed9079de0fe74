import { createHash } from 'node:crypto';

/**
 * The escrow contract keys bookings by a u64 and holds one flight each; an app booking (a
 * UUID, one or more segments) maps to one on-chain booking per segment:
 * the first 8 bytes of sha256("<booking uuid>:<segment seq>"), top bit cleared (so it also fits
 * a signed 64-bit column). Deterministic, so the rail, the indexer and reconciliation agree.
 */
export function onChainBookingId(bookingId: string, segmentSeq: number): bigint {
  const digest = createHash('sha256').update(`${bookingId.toLowerCase()}:${segmentSeq}`).digest();
  return digest.readBigUInt64BE(0) & 0x7fff_ffff_ffff_ffffn;
}
