import type { xdr } from '@stellar/stellar-sdk';
import { soleContractCall } from '@/lib/stellar/contracts/sole-call';

// What every judge of a wallet-signed `disputes` call checks before the server sends it (filing,
// appeal, reward claim): one operation, this contract's `fn` with its arity, arguments that
// decode, the call's own rule (this booking, this dispute), an acting account that is one of the
// caller's linked accounts, the transaction's source, and has signed it for this network. The
// contract checks who may act (a party, a majority juror); this refuses a transaction that would
// make the app act for someone else, or one the caller did not mean to send.

export interface CallExpectations {
  contractId: string;
  networkPassphrase: string;
  /** The caller's linked wallets. */
  accounts: readonly string[];
}

export type CallJudgement<T> = { ok: true; account: string; args: T } | { ok: false; field: 'signed_xdr'; message: string };

export interface CallRule<T> {
  fn: string;
  arity: number;
  /** Who acts, for the sentences: 'filer', 'appellant', 'juror'. */
  actor: string;
  /** What the actor does, for the sentences: 'files', 'appeals', 'claims'. */
  verb: string;
  /** The acting account (the first argument) and the rest; throws on arguments of another shape. */
  decode(args: xdr.ScVal[]): { account: string } & T;
  /** The call's own refusal, or null. */
  check?(args: T): string | null;
}

const refuse = <T>(message: string): CallJudgement<T> => ({ ok: false, field: 'signed_xdr', message });

export function judgeCall<T>(envelope: Parameters<typeof soleContractCall>[0], expect: CallExpectations, rule: CallRule<T>): CallJudgement<T> {
  let call;
  try {
    call = soleContractCall(envelope, expect.networkPassphrase, expect.contractId, rule.fn);
  } catch {
    return refuse('is not a transaction envelope for this network.');
  }
  if (!call || call.args.length !== rule.arity) return refuse(`is not ${/^[aeiou]/.test(rule.fn) ? 'an' : 'a'} ${rule.fn} call on the Traqora disputes contract.`);
  let decoded;
  try {
    decoded = rule.decode(call.args);
  } catch {
    return refuse(`carries arguments ${rule.fn} does not take.`);
  }
  const { account, ...args } = decoded;
  const own = rule.check?.(args as T);
  if (own) return refuse(own);
  if (!expect.accounts.includes(account)) return refuse(`${rule.verb} from an account that is not linked to you.`);
  if (call.source !== account) return refuse(`must be sent from the ${rule.actor}'s own account.`);
  if (!call.signedBy(account)) return refuse(`is not signed by the ${rule.actor}'s account for this network.`);
  return { ok: true, account, args: args as T };
}
