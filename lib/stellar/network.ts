import 'server-only';
import { createHash } from 'node:crypto';
import { Keypair } from '@stellar/stellar-sdk';
import { sessionSecret } from '@/lib/auth/session-secret';
import { config } from '@/lib/config';
import { chainConfig } from './chain-config';

export function networkPassphrase(): string {
  return chainConfig().networkPassphrase;
}

/**
 * The key that signs SEP-10 challenges (published as SIGNING_KEY in stellar.toml): the
 * configured secret, else one derived from SESSION_SECRET, so every instance agrees without
 * more configuration.
 */
export function webAuthKeypair(): Keypair {
  const configured = config().env.SEP10_SIGNING_SECRET;
  if (configured) return Keypair.fromSecret(configured);
  return Keypair.fromRawEd25519Seed(createHash('sha256').update(`traqora-sep10:${sessionSecret()}`).digest());
}
