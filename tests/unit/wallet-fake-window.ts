import { Account, BASE_FEE, Operation, TransactionBuilder, type Keypair, type Transaction } from '@stellar/stellar-sdk';
import { expect } from 'vitest';

// A hand-rolled browser window for the wallet adapter tests (the unit project runs in Node):
// message events, postMessage to itself, sessionStorage and an origin — what the adapters and
// wallet packages touch. Messages arrive on a later task, as in a browser.

export const APP_ORIGIN = 'https://traqora.test';

export class FakeWindow extends EventTarget {
  origin = APP_ORIGIN;
  location = { origin: APP_ORIGIN, host: 'traqora.test' };
  sessionStorage = new MemoryStorage();

  /** A message event on this window, sent from `source` at `origin`. */
  deliver(data: unknown, from: { origin?: string; source?: unknown } = {}) {
    setTimeout(() => {
      const event = new Event('message');
      Object.assign(event, { data: structuredClone(data), origin: from.origin ?? APP_ORIGIN, source: from.source ?? this });
      this.dispatchEvent(event);
    }, 0);
  }

  postMessage(data: unknown) {
    this.deliver(data);
  }
}

class MemoryStorage {
  private items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

/** A SEP-10-like transaction from `source`, unsigned, as base64 XDR. */
export function unsignedTx(source: Keypair, networkPassphrase: string): string {
  return new TransactionBuilder(new Account(source.publicKey(), '41'), { fee: BASE_FEE, networkPassphrase })
    .addOperation(Operation.manageData({ name: 'traqora auth', value: 'nonce-1234' }))
    .setTimeout(300)
    .build()
    .toXDR();
}

/** What a wallet does: sign the envelope with its key for the given network. */
export function signTx(xdr: string, networkPassphrase: string, kp: Keypair): string {
  const tx = TransactionBuilder.fromXDR(xdr, networkPassphrase) as Transaction;
  tx.sign(kp);
  return tx.toXDR();
}

/** The signed envelope is the original transaction carrying exactly one valid signature by `kp` for that network. */
export function expectSignedBy(signedXdr: string, original: string, networkPassphrase: string, kp: Keypair) {
  const tx = TransactionBuilder.fromXDR(signedXdr, networkPassphrase) as Transaction;
  const before = TransactionBuilder.fromXDR(original, networkPassphrase) as Transaction;
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
  expect(hex(tx.hash())).toBe(hex(before.hash()));
  expect(tx.signatures).toHaveLength(1);
  const [{ hint, signature }] = tx.signatures;
  expect(hex(hint.toBytes())).toBe(hex(kp.signatureHint()));
  expect(kp.verify(Buffer.from(tx.hash()), Buffer.from(signature.toBytes()))).toBe(true);
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected the call to fail');
}
