import { describe, expect, it, vi } from 'vitest';

// TRQ balances on the soroban rail come from the trq contract by simulation (balance, voting
// power and delegate per linked wallet): read from the real trq wasm in
// tests/devnet/governance-chain.test.ts, before and after a delegation. Here, the answer when no
// chain is configured, which needs no network.

vi.mock('server-only', () => ({}));
vi.mock('@/lib/stellar/chain-config', () => ({
  chainConfig: () => ({ configured: false, reason: 'STELLAR_RPC_URL is not set', networkPassphrase: 'Test SDF Network ; September 2015' }),
}));

describe('chainTrqAccounts', () => {
  it('says why when the chain is not configured', async () => {
    const { chainTrqAccounts } = await import('@/lib/governance/soroban/trq-chain');
    expect(await chainTrqAccounts(['GAAZI4TCR3TY5OJHCTJC2A4QSY6CJWJH5IAJTGKIN2ER7LBNVKOCCWN7'])).toEqual({ configured: false, reason: 'STELLAR_RPC_URL is not set' });
  });
});
