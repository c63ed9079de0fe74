import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Address, Keypair, SorobanDataBuilder, StrKey, Transaction, TransactionBuilder, xdr } from '@stellar/stellar-sdk';
import type { RpcEvent } from '@/lib/stellar/events';
import { contractSpec } from '@/lib/stellar/specs';
import { eventId, pageEvents, type GetEventsParams } from './events-page';

// A Soroban RPC stand-in at the network edge, for end-to-end tests: JSON-RPC 2.0 over HTTP that
// answers like stellar-rpc (protocol 23) in front of a network holding one contract, our escrow,
// emulated in memory. Everything that crosses the wire is real: transactions are decoded with
// stellar-sdk, their envelope signatures and the platform's quote signatures are checked with
// ed25519, return values and events are encoded from the committed escrow spec
// (contracts/spec/escrow.json) exactly as the contract emits them. So the app's own code — the
// browser's contract.Client, the server's verify/settle, the indexer's parser — runs unchanged.
//
// The escrow rules follow contracts/escrow/src/lib.rs (pay_quoted, release_payment_to_airline,
// settle_cancellation, get_booking), checked in the contract's order so the same error wins.
// What it leaves out: tokens and balances, receipts, roles other than the one settler, pausing,
// and authorisation other than by the transaction's source account.
//
// Tests steer it through `control` (or the HTTP routes under /__control/): inject a failure at
// simulation, at submission or on chain, look at the bookings and transactions, reset.

export interface SorobanRpcStandInOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  networkPassphrase: string;
  escrowContractId: string;
  /** G… public key of the platform's quote key (the escrow's `set_quote_signer`). */
  quoteSigner: string;
  /** G… account holding the escrow's settler role (may release and settle). */
  settler: string;
  /** Platform fee captured on each booking at payment (default 250 = 2.5%). */
  feeBps?: number;
  /** Seconds after arrival until a booking's deadline (default 259200, three days). */
  settlementWindow?: number;
  /** Sequence of the network's latest ledger at start (default 100; ledger 1 is the oldest). */
  firstLedger?: number;
}

export type FailStage = 'simulate' | 'send' | 'chain';

export const BOOKING_STATES = ['Paid', 'RefundRequested', 'Disputed', 'Released', 'Refunded', 'Expired'] as const;
export type BookingStateName = (typeof BOOKING_STATES)[number];

/** An escrow booking, JSON-safe (u64/i128 as decimal strings, the state by name). */
export interface BookingJson {
  id: string;
  passenger: string;
  airline: string;
  flight_id: string;
  amount: string;
  fee_bps: number;
  state: BookingStateName;
  paid_at: string;
  deadline: string;
  refund_unlock_at: string;
  receipt_id: number | null;
}

export interface TransactionSummary {
  hash: string;
  /** The outcome `getTransaction` reports once the transaction is found. */
  status: 'SUCCESS' | 'FAILED';
  function: string | null;
  source: string;
  ledger: number;
  /** The host error (or injected reason) of a failed transaction. */
  error: string | null;
}

export interface StandInControl {
  /** The next call at `stage` fails. Calls queue up per stage.
   * - simulate: the next simulateTransaction (reads like get_booking too) answers a simulation
   *   error whose text is `reason` (e.g. "HostError: Error(Contract, #5)");
   * - send: the next sendTransaction answers ERROR (`reason` may name the result code, e.g.
   *   "txBadSeq"; default txInternalError);
   * - chain: the next accepted transaction (PENDING) ends FAILED, changing nothing. */
  failNext(stage: FailStage, reason?: string): void;
  bookings(): BookingJson[];
  transactions(): TransactionSummary[];
  latestLedger(): number;
  /** Forgets bookings, transactions, events, account sequences and queued failures. The ledger
   * sequence keeps counting up, so an indexer's cursor never points past the new chain. */
  reset(): void;
}

export interface SorobanRpcStandIn {
  url: string;
  control: StandInControl;
  close(): Promise<void>;
}

// ---- the escrow, emulated -----------------------------------------------------------------

/** common::Booking in the spec's native types (u64/i128 as bigint, BookingState as its u32). */
interface Booking {
  id: bigint;
  passenger: string;
  airline: string;
  flight_id: bigint;
  amount: bigint;
  fee_bps: number;
  state: number;
  paid_at: bigint;
  deadline: bigint;
  refund_unlock_at: bigint;
  receipt_id: number | null;
}

interface QuoteItem { airline: string; amount: bigint; arrival: bigint; booking_id: bigint; departure: bigint; flight_id: bigint; flight_number: string; sponsored: bigint }
interface PaymentQuote { escrow: string; expires_at: bigint; items: QuoteItem[]; passenger: string; sponsor: string | null }

const PAID = BOOKING_STATES.indexOf('Paid');
const REFUND_REQUESTED = BOOKING_STATES.indexOf('RefundRequested');
const DISPUTED = BOOKING_STATES.indexOf('Disputed');
const RELEASED = BOOKING_STATES.indexOf('Released');
const REFUNDED = BOOKING_STATES.indexOf('Refunded');

/** EscrowError, numbered as in the contract (the numbers are its interface). */
const ESCROW_ERRORS = {
  BookingNotFound: 1, DuplicateBooking: 2, InvalidAmount: 3, FlightNotBookable: 4, InvalidState: 6, WrongEscrow: 17,
  NotAuthorized: 7, BatchTooLarge: 11, EmptyBatch: 12, QuoteExpired: 16,
} as const;
/** common::MAX_QUOTE_ITEMS: more segments would take a traveller's call above 10 % of the CPU limit. */
const MAX_QUOTE_ITEMS = 4;
const BPS = 10_000n;

/** A trap in the host. `message` has the form simulation reports (`HostError: Error(…)`),
 * which the SDK and lib/stellar/escrow-errors.ts parse for the contract error number. */
class HostError extends Error {
  constructor(readonly error: string, detail: string, contractId: string) {
    super(`HostError: ${error}\n\nEvent log (newest first):\n   0: [Diagnostic Event] contract:${contractId}, topics:[error, ${error}], data:"${detail}"`);
    this.name = 'HostError';
  }
}

/** What one call did: nothing changes until the caller applies `writes` (simulation does not). */
interface Effects {
  returnValue: xdr.ScVal;
  events: { topics: xdr.ScVal[]; data: xdr.ScVal }[];
  writes: Booking[];
}

interface Call {
  fn: string;
  args: xdr.ScVal[];
  /** The transaction's source account: the only address whose `require_auth` passes here. */
  invoker: string;
  /** Ledger close time, unix seconds. */
  now: bigint;
}

type Dict = Record<string, unknown>;

/**
 * An event as the contract's #[contractevent] publishes it, from the spec's event entry:
 * topics = the prefix symbols, then the #[topic] fields; data = the other fields as an ScMap
 * (keys sorted, as the host sorts map keys), a Vec, or the single value.
 */
export function encodeEscrowEvent(name: string, fields: Dict): { topics: xdr.ScVal[]; data: xdr.ScVal } {
  const spec = contractSpec('escrow');
  const event = spec.findEvent(name);
  if (!event) throw new Error(`the escrow spec declares no event ${name}`);
  const inTopics = (p: xdr.ScSpecEventParamV0) => p.location.name === 'scSpecEventParamLocationTopicList';
  const encode = (p: xdr.ScSpecEventParamV0) => {
    const key = p.name.toString();
    if (!(key in fields)) throw new Error(`event ${name} needs ${key}`);
    return spec.nativeToScVal(fields[key], p.type);
  };
  const topics = [...event.prefixTopics.map((t) => xdr.ScVal.scvSymbol(t.toString())), ...event.params.filter(inTopics).map(encode)];
  const dataParams = event.params.filter((p) => !inTopics(p));
  const format = event.dataFormat.name;
  const data = format === 'scSpecEventDataFormatSingleValue'
    ? (dataParams[0] ? encode(dataParams[0]) : xdr.ScVal.scvVoid())
    : format === 'scSpecEventDataFormatVec'
      ? xdr.ScVal.scvVec(dataParams.map(encode))
      : xdr.ScVal.scvMap([...dataParams]
        .sort((a, b) => (a.name.toString() < b.name.toString() ? -1 : 1))
        .map((p) => new xdr.ScMapEntry({ key: xdr.ScVal.scvSymbol(p.name.toString()), val: encode(p) })));
  return { topics, data };
}

/** The escrow's state and rules. `run` never changes state; `apply` commits a run's writes. */
class EmulatedEscrow {
  readonly bookings = new Map<bigint, Booking>();

  constructor(private readonly cfg: { contractId: string; quoteSigner: string; settler: string; feeBps: number; settlementWindow: bigint }) {}

  run(call: Call): Effects {
    const spec = contractSpec('escrow');
    const fn = spec.funcs().find((f) => f.name.toString() === call.fn);
    if (!fn) throw this.trap('Error(WasmVm, MissingValue)', `trying to invoke non-existent contract function ${call.fn}`);
    if (call.args.length !== fn.inputs.length) throw this.trap('Error(WasmVm, InvalidAction)', `${call.fn} takes ${fn.inputs.length} arguments, got ${call.args.length}`);
    let args: Dict;
    try {
      args = Object.fromEntries(fn.inputs.map((input, i) => [input.name.toString(), spec.scValToNative(call.args[i], input.type)]));
    } catch {
      throw this.trap('Error(Value, UnexpectedType)', `arguments of ${call.fn} do not match the contract's types`);
    }
    const output = fn.outputs[0];
    const ret = (value: unknown) => (output ? spec.nativeToScVal(value, output) : xdr.ScVal.scvVoid());
    switch (call.fn) {
      case 'pay_quoted': {
        const { bookings, events } = this.payQuoted(args.quote as PaymentQuote, args.signature as Uint8Array, call.args[0], call);
        return { returnValue: ret(bookings), events, writes: bookings };
      }
      case 'release_payment_to_airline': {
        const { booking, event } = this.release(args.caller as string, args.booking_id as bigint, call);
        return { returnValue: ret(undefined), events: [event], writes: [booking] };
      }
      case 'settle_cancellation': {
        const { booking, event } = this.settleCancellation(args.caller as string, args.booking_id as bigint, args.refund as bigint, call);
        return { returnValue: ret(undefined), events: [event], writes: [booking] };
      }
      case 'get_booking':
        return { returnValue: ret(this.load(args.booking_id as bigint)), events: [], writes: [] };
      default:
        throw this.trap('Error(Context, InvalidAction)', `the Soroban RPC stand-in does not emulate escrow.${call.fn}`);
    }
  }

  apply(effects: Effects) {
    for (const b of effects.writes) this.bookings.set(b.id, b);
  }

  private payQuoted(quote: PaymentQuote, signature: Uint8Array, quoteArg: xdr.ScVal, call: Call) {
    this.requireAuth(quote.passenger, call);
    // The platform signed the quote argument's XDR; a different byte anywhere fails here, as
    // `env.crypto().ed25519_verify` traps in the host.
    const signed = signature.length === 64 && Keypair.fromPublicKey(this.cfg.quoteSigner).verify(quoteArg.toXDR(), signature);
    if (!signed) throw this.trap('Error(Crypto, InvalidInput)', 'ed25519 signature verification failed: the quote is not signed by the platform quote key');
    if (quote.escrow !== this.cfg.contractId) throw this.fail('WrongEscrow');
    // A sponsor's part (points) needs a second account's authorisation: only the devnet runs that.
    if (quote.sponsor || quote.items.some((i) => i.sponsored !== 0n)) {
      throw this.trap('Error(Context, InvalidAction)', 'the Soroban RPC stand-in does not emulate sponsored quotes; use the devnet');
    }
    if (call.now > quote.expires_at) throw this.fail('QuoteExpired');
    if (quote.items.length === 0) throw this.fail('EmptyBatch');
    if (quote.items.length > MAX_QUOTE_ITEMS) throw this.fail('BatchTooLarge');
    const seen = new Set<bigint>();
    for (const item of quote.items) {
      if (item.amount <= 0n) throw this.fail('InvalidAmount');
      // Quoted flights carry the top bit (the contract's QUOTED_FLIGHT_BIT), apart from registry flights.
      if ((item.flight_id & (1n << 63n)) === 0n) throw this.fail('FlightNotBookable');
      if (item.departure <= call.now || item.arrival < item.departure) throw this.fail('FlightNotBookable');
      if (seen.has(item.booking_id) || this.bookings.has(item.booking_id)) throw this.fail('DuplicateBooking');
      seen.add(item.booking_id);
    }
    const bookings: Booking[] = quote.items.map((item) => ({
      id: item.booking_id,
      passenger: quote.passenger,
      airline: item.airline,
      flight_id: item.flight_id,
      amount: item.amount,
      fee_bps: this.cfg.feeBps,
      state: PAID,
      paid_at: call.now,
      deadline: item.arrival + this.cfg.settlementWindow,
      refund_unlock_at: 0n,
      receipt_id: null, // no receipts contract configured
    }));
    const events = bookings.map((b) => encodeEscrowEvent('BookingPaid', {
      booking_id: b.id, passenger: b.passenger, flight_id: b.flight_id, amount: b.amount, deadline: b.deadline, receipt_id: b.receipt_id,
    }));
    return { bookings, events };
  }

  private release(caller: string, bookingId: bigint, call: Call) {
    this.requireAuth(caller, call);
    const b = this.load(bookingId);
    // check_release: a Paid booking needs the settler (or arbiter); a Disputed one the arbiter,
    // which this network does not have; any other state is closed.
    if (b.state === PAID || b.state === DISPUTED) {
      if (b.state === DISPUTED || caller !== this.cfg.settler) throw this.fail('NotAuthorized');
    } else {
      throw this.fail('InvalidState');
    }
    const [fee, toAirline] = splitFee(b.amount, b.fee_bps);
    const booking = { ...b, state: RELEASED, refund_unlock_at: 0n };
    const event = encodeEscrowEvent('PaymentReleased', { booking_id: b.id, airline: b.airline, to_airline: toAirline, fee });
    return { booking, event };
  }

  private settleCancellation(caller: string, bookingId: bigint, refund: bigint, call: Call) {
    this.requireAuth(caller, call);
    const b = this.load(bookingId);
    if (caller !== this.cfg.settler) throw this.fail('NotAuthorized');
    if (b.state !== PAID && b.state !== REFUND_REQUESTED) throw this.fail('InvalidState');
    if (refund < 0n || refund > b.amount) throw this.fail('InvalidAmount');
    // refund + fee + to_airline == amount: the fee is taken from what the airline keeps.
    const [fee, toAirline] = splitFee(b.amount - refund, b.fee_bps);
    const booking = { ...b, state: REFUNDED, refund_unlock_at: 0n };
    const event = encodeEscrowEvent('CancellationSettled', { booking_id: b.id, passenger: b.passenger, refund, to_airline: toAirline, fee });
    return { booking, event };
  }

  private load(bookingId: bigint): Booking {
    const b = this.bookings.get(bookingId);
    if (!b) throw this.fail('BookingNotFound');
    return b;
  }

  /** `address.require_auth()`: satisfied here only by the transaction's source account (the
   * stand-in issues no authorisation entries for other addresses to sign). */
  private requireAuth(address: string, call: Call) {
    if (address !== call.invoker) {
      throw this.trap('Error(Auth, InvalidAction)', `${address} did not authorise this call (only the source account ${call.invoker} can, on the stand-in)`);
    }
  }

  private fail(name: keyof typeof ESCROW_ERRORS) {
    return this.trap(`Error(Contract, #${ESCROW_ERRORS[name]})`, `escrow error ${name}`);
  }

  private trap(error: string, detail: string) {
    return new HostError(error, detail, this.cfg.contractId);
  }
}

/** common::split_fee: (fee, rest), the fee rounded down. */
function splitFee(amount: bigint, feeBps: number): [bigint, bigint] {
  const fee = (amount * BigInt(feeBps)) / BPS;
  return [fee, amount - fee];
}

function bookingJson(b: Booking): BookingJson {
  return {
    id: b.id.toString(), passenger: b.passenger, airline: b.airline, flight_id: b.flight_id.toString(), amount: b.amount.toString(),
    fee_bps: b.fee_bps, state: BOOKING_STATES[b.state], paid_at: b.paid_at.toString(), deadline: b.deadline.toString(),
    refund_unlock_at: b.refund_unlock_at.toString(), receipt_id: b.receipt_id,
  };
}

// ---- XDR the RPC answers carry --------------------------------------------------------------

const b64 = (v: { toXDR(format: 'base64'): string }) => v.toXDR('base64');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

/** A funded account (1,000,000 XLM) at the given sequence number. */
function accountEntry(address: string, seqNum: bigint): xdr.LedgerEntryData {
  return xdr.LedgerEntryData.account(new xdr.AccountEntry({
    accountId: Keypair.fromPublicKey(address).xdrPublicKey(),
    balance: 10_000_000_000_000n,
    seqNum,
    numSubEntries: 0,
    inflationDest: null,
    flags: 0,
    homeDomain: '',
    thresholds: Uint8Array.from([1, 0, 0, 0]),
    signers: [],
    ext: xdr.AccountEntryExt.v0(),
  }));
}

/** The G… address of an account ledger key, or null for any other key. */
function accountOfKey(keyXdr: string): string | null {
  try {
    const key = xdr.LedgerKey.fromXDR(keyXdr, 'base64');
    if (key.type !== 'account') return null;
    return StrKey.encodeEd25519PublicKey(Buffer.from(key.account.accountId.ed25519.toBytes()));
  } catch {
    return null;
  }
}

/** The escrow's instance entry: every write call touches it (TTL bump, totals), so listing it as
 * read-write is what real simulation reports — and what makes contract.Client see a write call. */
function escrowInstanceKey(contractId: string): xdr.LedgerKey {
  return xdr.LedgerKey.contractData(new xdr.LedgerKeyContractData({
    contract: new Address(contractId).toScAddress(),
    key: xdr.ScVal.scvLedgerKeyContractInstance(),
    durability: xdr.ContractDataDurability.persistent,
  }));
}

function transactionResult(fee: bigint, result: xdr.TransactionResultResult): string {
  return b64(new xdr.TransactionResult({ feeCharged: fee, result, ext: xdr.TransactionResultExt.v0() }));
}

const invokeResult = (r: xdr.InvokeHostFunctionResult) => [xdr.OperationResult.opInner(xdr.OperationResultTr.invokeHostFunction(r))];

/** sendTransaction's errorResultXdr codes a test may ask for by name. */
const SEND_ERRORS: Record<string, () => xdr.TransactionResultResult> = {
  txBadAuth: () => xdr.TransactionResultResult.txBadAuth(),
  txBadSeq: () => xdr.TransactionResultResult.txBadSeq(),
  txTooLate: () => xdr.TransactionResultResult.txTooLate(),
  txInsufficientFee: () => xdr.TransactionResultResult.txInsufficientFee(),
  txInsufficientBalance: () => xdr.TransactionResultResult.txInsufficientBalance(),
  txMalformed: () => xdr.TransactionResultResult.txMalformed(),
  txInternalError: () => xdr.TransactionResultResult.txInternalError(),
};

function contractEvents(contractId: string, effects: Effects | null): xdr.ContractEvent[] {
  const address = new Address(contractId).toScAddress() as xdr.ScAddressContract;
  return (effects?.events ?? []).map((e) => new xdr.ContractEvent({
    ext: xdr.ExtensionPoint.v0(),
    contractId: address.contractId,
    type: xdr.ContractEventType.contract,
    body: xdr.ContractEventBody.v0(new xdr.ContractEventV0({ topics: e.topics, data: e.data })),
  }));
}

/** Protocol 23 meta (v4): the contract events per operation, the return value in sorobanMeta. */
function transactionMeta(contractId: string, effects: Effects | null): xdr.TransactionMeta {
  const events = contractEvents(contractId, effects);
  return xdr.TransactionMeta.v4(new xdr.TransactionMetaV4({
    ext: xdr.ExtensionPoint.v0(),
    txChangesBefore: [],
    operations: effects ? [new xdr.OperationMetaV2({ ext: xdr.ExtensionPoint.v0(), changes: [], events })] : [],
    txChangesAfter: [],
    sorobanMeta: effects ? new xdr.SorobanTransactionMetaV2({ ext: xdr.SorobanTransactionMetaExt.v0(), returnValue: effects.returnValue }) : null,
    events: [],
    diagnosticEvents: [],
  }));
}

// ---- the network ----------------------------------------------------------------------------

interface StoredTransaction {
  hash: string;
  envelopeXdr: string;
  source: string;
  fn: string | null;
  ledger: number;
  closeTime: number;
  fee: bigint;
  status: 'SUCCESS' | 'FAILED';
  effects: Effects | null;
  error: string | null;
  /** getTransaction answers NOT_FOUND once, as RPC does until the ledger closes. */
  polled: boolean;
}

type RpcResult = { result: unknown } | { error: { code: number; message: string } };

interface Invocation { contractId: string; fn: string; args: xdr.ScVal[] }

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The single contract call a Soroban transaction makes, or null for anything else. */
function invocationOf(tx: Transaction): Invocation | null {
  const op = tx.operations[0];
  if (tx.operations.length !== 1 || op?.type !== 'invokeHostFunction') return null;
  const func = op.func;
  if (func.type !== 'hostFunctionTypeInvokeContract') return null;
  const call = func.invokeContract;
  return {
    contractId: Address.fromScAddress(call.contractAddress).toString(),
    fn: new TextDecoder().decode(call.functionName.bytes),
    args: call.args,
  };
}

class Network {
  private ledger: number;
  private closeTime = nowSeconds();
  readonly escrow: EmulatedEscrow;
  private accounts = new Map<string, bigint>();
  private txs = new Map<string, StoredTransaction>();
  private events: RpcEvent[] = [];
  private failures: Record<FailStage, (string | undefined)[]> = { simulate: [], send: [], chain: [] };

  constructor(private readonly opts: Required<Omit<SorobanRpcStandInOptions, 'port' | 'host'>>) {
    this.ledger = opts.firstLedger;
    this.escrow = new EmulatedEscrow({
      contractId: opts.escrowContractId, quoteSigner: opts.quoteSigner, settler: opts.settler,
      feeBps: opts.feeBps, settlementWindow: BigInt(opts.settlementWindow),
    });
  }

  readonly control: StandInControl = {
    failNext: (stage, reason) => {
      if (!(stage in this.failures)) throw new Error(`stage must be simulate, send or chain, not ${String(stage)}`);
      this.failures[stage].push(reason);
    },
    bookings: () => [...this.escrow.bookings.values()].map(bookingJson),
    transactions: () => [...this.txs.values()].map((t) => ({ hash: t.hash, status: t.status, function: t.fn, source: t.source, ledger: t.ledger, error: t.error })),
    latestLedger: () => this.ledger,
    reset: () => {
      this.escrow.bookings.clear();
      this.accounts.clear();
      this.txs.clear();
      this.events = [];
      this.failures = { simulate: [], send: [], chain: [] };
    },
  };

  /** Pending injected failure for a stage: [true, reason] once, then [false]. */
  private injected(stage: FailStage): [true, string | undefined] | [false] {
    return this.failures[stage].length > 0 ? [true, this.failures[stage].shift()] : [false];
  }

  /** A sequence number for an account the network has not seen: accounts exist on demand. */
  private sequenceOf(address: string): bigint {
    let seq = this.accounts.get(address);
    if (seq === undefined) {
      seq = BigInt(this.ledger) << 32n;
      this.accounts.set(address, seq);
    }
    return seq;
  }

  private ledgerInfo() {
    return { latestLedger: this.ledger, latestLedgerCloseTime: String(this.closeTime), oldestLedger: 1, oldestLedgerCloseTime: String(this.closeTime) };
  }

  handle(method: string, params: Dict): RpcResult {
    switch (method) {
      case 'getHealth':
        return { result: { status: 'healthy', latestLedger: this.ledger, oldestLedger: 1, ledgerRetentionWindow: 120_960 } };
      case 'getNetwork':
        return { result: { passphrase: this.opts.networkPassphrase, protocolVersion: 23 } };
      case 'getLatestLedger':
        return { result: { id: sha256(String(this.ledger)).toString('hex'), sequence: this.ledger, protocolVersion: 23, closeTime: String(this.closeTime) } };
      case 'getLedgerEntries': return this.getLedgerEntries(params);
      case 'simulateTransaction': return this.simulate(params);
      case 'sendTransaction': return this.send(params);
      case 'getTransaction': return this.getTransaction(params);
      case 'getEvents': return this.getEvents(params);
      default:
        return { error: { code: -32601, message: `method not found: ${method}` } };
    }
  }

  private getLedgerEntries(params: Dict): RpcResult {
    const keys = params.keys;
    if (!Array.isArray(keys)) return { error: { code: -32602, message: 'keys must be an array of base64 LedgerKeys' } };
    const entries = keys.flatMap((key: string) => {
      const address = accountOfKey(key);
      if (!address) return []; // contract data, trustlines, …: nothing the stand-in stores
      return [{ key, xdr: b64(accountEntry(address, this.sequenceOf(address))), lastModifiedLedgerSeq: this.ledger }];
    });
    return { result: { entries, latestLedger: this.ledger } };
  }

  private decode(params: Dict): Transaction | null {
    try {
      const tx = TransactionBuilder.fromXDR(String(params.transaction), this.opts.networkPassphrase);
      return tx instanceof Transaction ? tx : null; // fee bumps are not supported
    } catch {
      return null;
    }
  }

  private simulate(params: Dict): RpcResult {
    const tx = this.decode(params);
    if (!tx) return { error: { code: -32602, message: 'transaction: cannot decode a TransactionEnvelope (fee bumps are not supported)' } };
    const simError = (error: string) => ({ result: { error, events: [], latestLedger: this.ledger } });
    const [fail, reason] = this.injected('simulate');
    if (fail) return simError(reason ?? 'HostError: Error(Context, InternalError)\n\nsimulation failure injected by the Soroban RPC stand-in');
    const call = invocationOf(tx);
    if (!call) return simError('the Soroban RPC stand-in simulates only transactions with one contract invocation');
    if (call.contractId !== this.opts.escrowContractId) {
      return simError(`HostError: Error(Storage, MissingValue)\n\ncontract ${call.contractId} does not exist on this network (only the escrow ${this.opts.escrowContractId} does)`);
    }
    try {
      const effects = this.escrow.run({ fn: call.fn, args: call.args, invoker: tx.source, now: BigInt(nowSeconds()) });
      const data = new SorobanDataBuilder()
        .setReadWrite(call.fn === 'get_booking' ? [] : [escrowInstanceKey(call.contractId)])
        .setResources(2_000_000, 10_000, 2_000)
        .setResourceFee(100_000)
        .build();
      return {
        result: {
          latestLedger: this.ledger,
          minResourceFee: '100000',
          transactionData: b64(data),
          results: [{ auth: [], xdr: b64(effects.returnValue) }],
          events: [],
          cost: { cpuInsns: '2000000', memBytes: '1000000' },
        },
      };
    } catch (err) {
      if (err instanceof HostError) return simError(err.message);
      throw err;
    }
  }

  private send(params: Dict): RpcResult {
    const tx = this.decode(params);
    if (!tx) return { error: { code: -32602, message: 'transaction: cannot decode a TransactionEnvelope (fee bumps are not supported)' } };
    const hash = Buffer.from(tx.hash()).toString('hex');
    const error = (code: string) => ({
      result: { status: 'ERROR', hash, ...this.ledgerInfo(), errorResultXdr: transactionResult(BigInt(tx.fee), (SEND_ERRORS[code] ?? SEND_ERRORS.txInternalError)()) },
    });
    if (this.txs.has(hash)) return { result: { status: 'DUPLICATE', hash, ...this.ledgerInfo() } };

    const [failSend, sendReason] = this.injected('send');
    if (failSend) return error(sendReason ?? 'txInternalError');
    // The source account's key must have signed the transaction hash (real ed25519).
    const source = Keypair.fromPublicKey(tx.source);
    if (!tx.signatures.some((s) => source.verify(tx.hash(), s.signature))) return error('txBadAuth');
    const now = nowSeconds();
    const maxTime = Number(tx.timeBounds?.maxTime ?? 0);
    if (maxTime !== 0 && now > maxTime) return error('txTooLate');
    if (BigInt(tx.sequence) !== this.sequenceOf(tx.source) + 1n) return error('txBadSeq');

    // Accepted: the sequence is used whatever happens next, and the transaction gets a ledger.
    this.accounts.set(tx.source, BigInt(tx.sequence));
    this.ledger += 1;
    this.closeTime = Math.max(now, this.closeTime);
    const call = invocationOf(tx);
    const stored: StoredTransaction = {
      hash, envelopeXdr: String(params.transaction), source: tx.source, fn: call?.fn ?? null, ledger: this.ledger, closeTime: this.closeTime,
      fee: BigInt(tx.fee), status: 'FAILED', effects: null, error: null, polled: false,
    };
    const [failChain, chainReason] = this.injected('chain');
    if (failChain) {
      stored.error = chainReason ?? 'failure injected by the Soroban RPC stand-in';
    } else if (!call || call.contractId !== this.opts.escrowContractId) {
      stored.error = 'not an invocation of the escrow contract';
    } else {
      try {
        const effects = this.escrow.run({ fn: call.fn, args: call.args, invoker: tx.source, now: BigInt(this.closeTime) });
        this.escrow.apply(effects);
        Object.assign(stored, { status: 'SUCCESS', effects });
        this.publish(stored, effects);
      } catch (err) {
        if (!(err instanceof HostError)) throw err;
        stored.error = err.message;
      }
    }
    this.txs.set(hash, stored);
    return { result: { status: 'PENDING', hash, ...this.ledgerInfo() } };
  }

  private publish(tx: StoredTransaction, effects: Effects) {
    effects.events.forEach((e, index) => {
      const id = eventId(tx.ledger, index);
      this.events.push({
        type: 'contract',
        ledger: tx.ledger,
        ledgerClosedAt: new Date(tx.closeTime * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        contractId: this.opts.escrowContractId,
        id,
        // stellar-rpc 23 dropped pagingToken; kept (equal to id) for clients that still read it
        pagingToken: id,
        operationIndex: 0,
        transactionIndex: 1,
        txHash: tx.hash,
        inSuccessfulContractCall: true,
        topic: e.topics.map(b64),
        value: b64(e.data),
      });
    });
  }

  private getTransaction(params: Dict): RpcResult {
    const tx = this.txs.get(String(params.hash));
    if (!tx || !tx.polled) {
      if (tx) tx.polled = true;
      return { result: { status: 'NOT_FOUND', ...this.ledgerInfo() } };
    }
    const ok = tx.status === 'SUCCESS';
    const result = ok
      ? xdr.TransactionResultResult.txSuccess(invokeResult(xdr.InvokeHostFunctionResult.invokeHostFunctionSuccess(sha256(tx.effects!.returnValue.toXDR()))))
      : xdr.TransactionResultResult.txFailed(invokeResult(xdr.InvokeHostFunctionResult.invokeHostFunctionTrapped()));
    const events = contractEvents(this.opts.escrowContractId, tx.effects).map(b64);
    return {
      result: {
        status: tx.status,
        txHash: tx.hash,
        ...this.ledgerInfo(),
        ledger: tx.ledger,
        createdAt: String(tx.closeTime),
        applicationOrder: 1,
        feeBump: false,
        envelopeXdr: tx.envelopeXdr,
        resultXdr: transactionResult(tx.fee, result),
        resultMetaXdr: b64(transactionMeta(this.opts.escrowContractId, tx.effects)),
        events: { transactionEventsXdr: [], contractEventsXdr: [events] },
      },
    };
  }

  /** Pages like stellar-rpc (events-page.ts). */
  private getEvents(params: Dict): RpcResult {
    const page = pageEvents(this.events, params as GetEventsParams, { latestLedger: this.ledger, oldestLedger: 1 });
    return 'error' in page ? page : { result: { ...page.result, ...this.ledgerInfo() } };
  }
}

// ---- HTTP -----------------------------------------------------------------------------------

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { body += chunk; });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

/** The browser calls RPC from the app's origin: allow any origin and the SDK's own headers. */
function cors(req: IncomingMessage, res: ServerResponse) {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? 'content-type');
  res.setHeader('access-control-allow-private-network', 'true');
  res.setHeader('access-control-max-age', '600');
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startSorobanRpcStandIn(opts: SorobanRpcStandInOptions): Promise<SorobanRpcStandIn> {
  for (const [name, key] of [['quoteSigner', opts.quoteSigner], ['settler', opts.settler]] as const) {
    if (!StrKey.isValidEd25519PublicKey(key)) throw new TypeError(`${name} must be a G… public key`);
  }
  if (!StrKey.isValidContract(opts.escrowContractId)) throw new TypeError('escrowContractId must be a C… contract id');
  const network = new Network({
    networkPassphrase: opts.networkPassphrase, escrowContractId: opts.escrowContractId, quoteSigner: opts.quoteSigner, settler: opts.settler,
    feeBps: opts.feeBps ?? 250, settlementWindow: opts.settlementWindow ?? 259_200, firstLedger: opts.firstLedger ?? 100,
  });
  const { control } = network;

  const server = createServer((req, res) => {
    cors(req, res);
    const route = `${req.method} ${new URL(req.url ?? '/', 'http://stand-in').pathname}`;
    void readBody(req).then((body) => {
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
      // Health for Playwright's webServer, which polls a URL until it answers 2xx.
      if (route === 'GET /') return json(res, 200, { status: 'healthy', service: 'soroban rpc stand-in', latestLedger: control.latestLedger() });
      if (route === 'GET /__control/state') {
        return json(res, 200, { latestLedger: control.latestLedger(), bookings: control.bookings(), transactions: control.transactions() });
      }
      if (route === 'POST /__control/reset') return (control.reset(), json(res, 200, { ok: true }));
      if (route === 'POST /__control/fail-next') {
        try {
          const { stage, reason } = JSON.parse(body || '{}') as { stage?: FailStage; reason?: string };
          control.failNext(stage as FailStage, reason);
        } catch (err) {
          return json(res, 400, { error: (err as Error).message });
        }
        return json(res, 200, { ok: true });
      }
      if (route !== 'POST /') return json(res, 404, { error: `no route ${route}` });

      let call: { id?: unknown; method?: unknown; params?: unknown };
      try {
        call = JSON.parse(body);
      } catch {
        return json(res, 200, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } });
      }
      const answer = network.handle(String(call.method), (call.params ?? {}) as Dict);
      json(res, 200, { jsonrpc: '2.0', id: call.id ?? null, ...answer });
    }).catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { jsonrpc: '2.0', id: null, error: { code: -32603, message: String((err as Error)?.message ?? err) } });
    });
  });

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${port}`,
    control,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
