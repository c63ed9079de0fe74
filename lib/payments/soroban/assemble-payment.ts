import { contract, Operation, xdr } from '@stellar/stellar-sdk';
import escrowSpec from '@/contracts/spec/escrow.json';
import { isLoopbackUrl } from '@/lib/stellar/loopback';
import { payerAuthEntry } from './payer-auth';
import { quoteFromJson, type PaymentQuote, type PaymentQuoteResponse } from './quote-json';

// The escrow payment a wallet signs, built and simulated from the server's quote: `pay_quoted`
// with the quote and its signature. Shared by the browser (pay-with-wallet.ts) and the devnet
// tests, so the tests pay exactly as a traveller's browser does.

export type SignTransaction = (envelope: string, opts?: { networkPassphrase?: string }) => Promise<{ signedTxXdr: string; signerAddress?: string }>;

const hexBytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
const sum = (quote: PaymentQuote, part: 'amount' | 'sponsored') => quote.items.reduce((s, i) => s + i[part], 0n);

export async function assemblePayment(q: PaymentQuoteResponse, payer: string, signTransaction: SignTransaction): Promise<contract.AssembledTransaction<unknown>> {
  const options = {
    contractId: q.contract_id, networkPassphrase: q.network_passphrase, rpcUrl: q.rpc_url, allowHttp: isLoopbackUrl(q.rpc_url), publicKey: payer,
    signTransaction,
  };
  const spec = new contract.Spec(escrowSpec);
  const quote = quoteFromJson(q.quote);
  const args = { quote, signature: hexBytes(q.signature) };
  if (!q.sponsor_auth) {
    const client = new contract.Client(spec, options) as unknown as { pay_quoted(a: typeof args): Promise<contract.AssembledTransaction<unknown>> };
    return client.pay_quoted(args);
  }
  // Points pay part: the loyalty-liability account's authorisation (signed by Traqora) rides
  // beside the payer's own, and the simulation enforces both, so the wallet signs the one
  // transaction that will run. The payer authorises only their part's transfer.
  const sponsorEntry = xdr.SorobanAuthorizationEntry.fromXdr(q.sponsor_auth, 'base64');
  const payerEntry = payerAuthEntry(sponsorEntry, payer, q.contract_id, sum(quote, 'amount') - sum(quote, 'sponsored'));
  const op = Operation.invokeContractFunction({
    contract: q.contract_id, function: 'pay_quoted', args: spec.funcArgsToScVals('pay_quoted', args), auth: [payerEntry, sponsorEntry],
  });
  return contract.AssembledTransaction.buildWithOp(op, { ...options, method: 'pay_quoted', parseResultXdr: (r: xdr.ScVal) => r });
}
