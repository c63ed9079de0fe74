import { Keypair, Networks, StrKey, TransactionBuilder } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeChainVote } from '@/lib/governance/soroban/judge-vote';
import { voteOnChain, type GovernorTarget } from '@/lib/governance/soroban/vote-with-wallet';
import { governor } from '@/lib/stellar/contracts/governor';
import { readContract } from '@/lib/stellar/contracts/read';
import { rpcServer } from '@/lib/stellar/rpc';
import type { WalletAdapter } from '@/lib/wallet/adapter';
import { startSorobanRpcStandIn, type SorobanRpcStandIn } from '@/tests/support/soroban-rpc-stand-in';

// An on-chain vote end to end below the browser: the browser's voteOnChain builds cast_vote with
// contract.Client from the governor spec, a wallet (a real keypair) signs, the RPC stand-in
// (extended with the governor) simulates and applies it, and the server's judge reads it back
// from RPC and accepts the weight the governor returned — or the governor refuses a second vote.

const passphrase = Networks.TESTNET;
const GOVERNOR = StrKey.encodeContract(Buffer.alloc(32, 0x61));
const ESCROW = StrKey.encodeContract(Buffer.alloc(32, 0x62));
const CHAIN_ID = '5e'.repeat(32);
const voter = Keypair.random();
let standIn: SorobanRpcStandIn;

function keypairWallet(kp: Keypair, network = passphrase): WalletAdapter {
  return {
    id: 'freighter', name: 'Test wallet', installUrl: 'https://example.test',
    isAvailable: async () => true,
    getAddress: async () => kp.publicKey(),
    getNetwork: async () => ({ network: network === passphrase ? 'TESTNET' : 'PUBLIC', networkPassphrase: network }),
    signTransaction: async (xdr, opts) => {
      const tx = TransactionBuilder.fromXDR(xdr, opts.networkPassphrase);
      tx.sign(kp);
      return { signedTxXdr: tx.toXDR(), signerAddress: kp.publicKey() };
    },
  };
}

beforeAll(async () => {
  const platform = Keypair.random().publicKey();
  standIn = await startSorobanRpcStandIn({
    networkPassphrase: passphrase, escrowContractId: ESCROW, quoteSigner: platform, settler: platform,
    governor: { contractId: GOVERNOR, proposals: [{ id: CHAIN_ID, votingPower: { [voter.publicKey()]: 4_200n * 10_000_000n } }] },
  });
});
afterAll(async () => { await standIn?.close(); });

const target = (): GovernorTarget => ({ proposal: 7, chainProposalId: CHAIN_ID, contractId: GOVERNOR, networkPassphrase: passphrase, rpcUrl: standIn.url });
// The server's side of the confirm step, against the same RPC.
const serverConfirm = async (hash: string, address: string) =>
  judgeChainVote(await rpcServer({ rpcUrl: standIn.url }).getTransaction(hash), { governorContractId: GOVERNOR, networkPassphrase: passphrase, chainProposalId: CHAIN_ID, voter: address });

describe('voteOnChain against the RPC stand-in', () => {
  it('builds, signs and sends cast_vote; the server reads it from RPC with the governor\'s weight', async () => {
    const steps: string[] = [];
    const { txHash, receipt } = await voteOnChain(keypairWallet(voter), target(), { support: 'against', reason: 'Too high' },
      { onProgress: (s) => steps.push(s), confirm: serverConfirm });
    expect(txHash).toMatch(/^[0-9a-f]{64}$/);
    expect(receipt).toMatchObject({ status: 'confirmed', support: 'against', reason: 'Too high', voter: voter.publicKey(), weight: 42_000_000_000n });
    expect(steps).toEqual(['connecting', 'building', 'signing', 'submitted', 'confirming', 'confirmed']);
    expect(standIn.governor?.votes(CHAIN_ID)).toEqual({ [voter.publicKey()]: 0 });
    const ledgerTarget = { rpcUrl: standIn.url, networkPassphrase: passphrase, contractId: GOVERNOR };
    expect(await readContract(governor, ledgerTarget, 'has_voted', governor.args.has_voted(CHAIN_ID, voter.publicKey()))).toBe(true);
  }, 60_000);

  it('stops at simulation when the governor would refuse: a second vote, an unknown proposal; and on another network', async () => {
    await expect(voteOnChain(keypairWallet(voter), target(), { support: 'for', reason: null }, { confirm: serverConfirm }))
      .rejects.toMatchObject({ step: 'building', message: 'This account has already voted on this proposal.' });
    await expect(voteOnChain(keypairWallet(voter), { ...target(), chainProposalId: '00'.repeat(32) }, { support: 'for', reason: null }, { confirm: serverConfirm }))
      .rejects.toMatchObject({ step: 'building', message: 'The governor does not know this proposal.' });
    await expect(voteOnChain(keypairWallet(voter, Networks.PUBLIC), target(), { support: 'for', reason: null }, { confirm: serverConfirm }))
      .rejects.toMatchObject({ step: 'connecting', message: /switch it to the network/ });
    expect(standIn.control.transactions().filter((t) => t.status === 'SUCCESS')).toHaveLength(1);
  }, 60_000);
});
