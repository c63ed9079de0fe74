import { Keypair, Networks, StrKey } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSorobanRpcStandIn, type SorobanRpcStandIn } from '@/tests/support/soroban-rpc-stand-in';

// TRQ balances on the soroban rail come from the trq contract by simulation: each linked wallet's
// balance, voting power and delegate, read through the spec-built client from the RPC stand-in.

const TRQ_ID = StrKey.encodeContract(Buffer.alloc(32, 0x81));
const state = vi.hoisted(() => ({ rpcUrl: '', configured: true }));
vi.mock('server-only', () => ({}));
vi.mock('@/lib/stellar/chain-config', () => ({
  chainConfig: () => (state.configured
    ? { configured: true, rpcUrl: state.rpcUrl, allowHttp: true, networkPassphrase: 'Test SDF Network ; September 2015',
        contracts: new Map([[TRQ_ID, 'trq']]), contractId: (n: string) => (n === 'trq' ? TRQ_ID : undefined) }
    : { configured: false, reason: 'STELLAR_RPC_URL is not set', networkPassphrase: 'Test SDF Network ; September 2015' }),
}));

let standIn: SorobanRpcStandIn;
const [a, b] = [Keypair.random().publicKey(), Keypair.random().publicKey()];
beforeAll(async () => {
  const platform = Keypair.random().publicKey();
  standIn = await startSorobanRpcStandIn({ networkPassphrase: Networks.TESTNET, escrowContractId: StrKey.encodeContract(Buffer.alloc(32, 0x82)),
    quoteSigner: platform, settler: platform, trq: { contractId: TRQ_ID } });
  state.rpcUrl = standIn.url;
  standIn.trq!.set(a, { balance: 1_500n * 10_000_000n, votes: 2_000n * 10_000_000n, delegate: a });
});
afterAll(async () => { await standIn?.close(); });

describe('chainTrqAccounts', () => {
  it('reads balance, votes and delegate per wallet from the trq contract', async () => {
    const { chainTrqAccounts } = await import('@/lib/governance/soroban/trq-chain');
    expect(await chainTrqAccounts([a, b])).toEqual({ configured: true, contract_id: TRQ_ID, data: [
      { address: a, balance: '15000000000', votes: '20000000000', delegate: a, delegate_votes: null },
      { address: b, balance: '0', votes: '0', delegate: null, delegate_votes: null },
    ] });
  });

  it('says why when the chain is not configured', async () => {
    const { chainTrqAccounts } = await import('@/lib/governance/soroban/trq-chain');
    state.configured = false;
    expect(await chainTrqAccounts([a])).toEqual({ configured: false, reason: 'STELLAR_RPC_URL is not set' });
    state.configured = true;
  });
});
