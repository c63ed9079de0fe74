import { Keypair, Networks, StrKey } from '@stellar/stellar-sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkConfigOrExit } from '@/lib/platform/check-config';

// Start-up's configuration check: the soroban rail's checks run (and stop the server with a
// sentence naming the variable) only when that rail is configured; the ledger rail never
// loads them (lib/platform/check-config.ts says why).

const CHAIN = ['PAYMENT_RAIL', 'STELLAR_RPC_URL', 'STELLAR_NETWORK_PASSPHRASE', 'TRAQORA_CONTRACT_IDS', 'STELLAR_SERVER_SECRET', 'STELLAR_QUOTE_SECRET'];

function withEnv(env: Record<string, string>) {
  for (const k of CHAIN) vi.stubEnv(k, undefined);
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  const exit = vi.spyOn(process, 'exit').mockImplementation((() => { throw new Error('exited'); }) as never);
  const said = vi.spyOn(console, 'error').mockImplementation(() => {});
  return { exit, said };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('checkConfigOrExit', () => {
  it('passes the default configuration (the ledger rail) without exiting', async () => {
    const { exit } = withEnv({});
    await checkConfigOrExit();
    expect(exit).not.toHaveBeenCalled();
  });

  it('stops on PAYMENT_RAIL=soroban without a network, naming STELLAR_RPC_URL', async () => {
    const { exit, said } = withEnv({ PAYMENT_RAIL: 'soroban' });
    await expect(checkConfigOrExit()).rejects.toThrow('exited');
    expect(exit).toHaveBeenCalledWith(1);
    expect(said.mock.calls[0][0]).toContain('STELLAR_RPC_URL');
  });

  it('stops on a configured chain whose server secret has a bad checksum, naming it', async () => {
    const secret = Keypair.random().secret();
    const { exit, said } = withEnv({
      STELLAR_RPC_URL: 'https://soroban-testnet.stellar.org',
      STELLAR_NETWORK_PASSPHRASE: Networks.TESTNET,
      TRAQORA_CONTRACT_IDS: `escrow=${StrKey.encodeContract(Buffer.alloc(32, 1))}`,
      STELLAR_SERVER_SECRET: `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`,
    });
    await expect(checkConfigOrExit()).rejects.toThrow('exited');
    expect(exit).toHaveBeenCalledWith(1);
    expect(said.mock.calls[0][0]).toContain('STELLAR_SERVER_SECRET');
  });
});
