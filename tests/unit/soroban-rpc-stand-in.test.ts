import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { contract, Keypair, Networks, rpc, StrKey } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEscrowEvent, startSorobanRpcStandIn, type SorobanRpcStandIn } from '@/tests/support/soroban-rpc-stand-in';
import { parseEvent, type ChainEvent, type RpcEvent } from '@/lib/stellar/events';
import { sorobanRpc } from '@/lib/indexer/rpc';
import { contractSpec } from '@/lib/stellar/specs';
import { buildPaymentQuote, signPaymentQuote, type ChainPaymentTerms, type PaymentQuote } from '@/lib/payments/soroban/quote';
import { judgePayment } from '@/lib/payments/soroban/verify';
import { escrow } from '@/lib/stellar/contracts/escrow';
import { ContractReadError, readContract } from '@/lib/stellar/contracts/read';
import { contractErrorCode } from '@/lib/stellar/escrow-errors';

// The Soroban RPC stand-in driven by the app's real client code: quotes built and signed by
// lib/payments/soroban/quote.ts, pay_quoted / release / settle sent with stellar-sdk's
// contract.Client (simulate → sign → send → poll), payments judged by verify.ts from what
// rpc.Server reads back, events read by the indexer's RPC client and decoded by parseEvent.

const passphrase = Networks.TESTNET;
const escrowContractId = StrKey.encodeContract(Buffer.alloc(32, 0x2a));
/** The Traqora server key: signs quotes and holds the settler role, as in the rail's config. */
const server = Keypair.random();
const passenger = Keypair.random();
const stranger = Keypair.random();
const airline = Keypair.random().publicKey();

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

let standIn: SorobanRpcStandIn;
let idSeq = 1_000n;

/** An app booking of two segments (ids unique per call), departing tomorrow. */
function terms(opts: { holdEndsInMs?: number } = {}): ChainPaymentTerms {
  const now = Date.now();
  const seg = (seq: number, share: number, departsIn: number) => ({
    seq, chain_booking_id: String(idSeq++), flight_id: 40 + seq, flight_number: `TQ${100 + seq}`, airline: 'Traqora Air',
    payout_address: airline, share_minor: share, departs_at: iso(now + departsIn), arrives_at: iso(now + departsIn + 2 * HOUR),
  });
  return {
    booking_id: '6f1c1b1e-0000-4000-8000-000000000001', pnr: 'TQ7K2M', currency: 'USD', base_minor: 25_000, total_minor: 31_000,
    hold_expires_at: iso(now + (opts.holdEndsInMs ?? 20 * 60_000)),
    items: [seg(1, 18_000, 24 * HOUR), seg(2, 13_000, 30 * HOUR)],
  };
}

type Methods = Record<string, (args: Record<string, unknown>) => Promise<contract.AssembledTransaction<unknown>>>;

/** contract.Client for the escrow, acting as `kp` (the wallet in the browser, the server key in settle.ts). */
function escrowClient(kp: Keypair, signer: Keypair = kp): Methods {
  return new contract.Client(contractSpec('escrow'), {
    contractId: escrowContractId, networkPassphrase: passphrase, rpcUrl: standIn.url, allowHttp: true,
    publicKey: kp.publicKey(), signTransaction: contract.basicNodeSigner(signer, passphrase).signTransaction,
  }) as unknown as Methods;
}

const simulationError = (at: contract.AssembledTransaction<unknown>) =>
  (at.simulation && rpc.Api.isSimulationError(at.simulation) ? at.simulation.error : null);

async function signAndSend(at: contract.AssembledTransaction<unknown>) {
  expect(simulationError(at)).toBeNull();
  await at.sign();
  const sent = await at.send();
  return { sent, hash: sent.sendTransactionResponse!.hash, status: sent.getTransactionResponse!.status };
}

async function pay(t: ChainPaymentTerms, tamper?: (q: PaymentQuote) => void) {
  const quote = buildPaymentQuote(t, passenger.publicKey(), { escrow: escrowContractId, clearing: server.publicKey() });
  const signature = signPaymentQuote(quote, server);
  tamper?.(quote);
  return escrowClient(passenger).pay_quoted({ quote, signature });
}

/** Every escrow event so far, as the indexer reads and decodes them. */
async function chainEvents(): Promise<ChainEvent[]> {
  const page = await sorobanRpc(standIn.url).getEvents({ filters: [{ type: 'contract', contractIds: [escrowContractId] }], startLedger: 1, limit: 1000 });
  return page.events.map((e) => parseEvent(e));
}

beforeAll(async () => {
  standIn = await startSorobanRpcStandIn({
    networkPassphrase: passphrase, escrowContractId, quoteSigner: server.publicKey(), settler: server.publicKey(), settlementWindow: 86_400,
  });
});

afterAll(async () => {
  await standIn?.close();
});

describe('Soroban RPC stand-in', { timeout: 30_000 }, () => {
  const paid = terms();
  let payHash = '';

  it('pays a signed two-segment quote through contract.Client; the first getTransaction is NOT_FOUND', async () => {
    const { sent, hash, status } = await signAndSend(await pay(paid));
    expect(status).toBe('SUCCESS');
    expect(sent.getTransactionResponseAll![0].status).toBe('NOT_FOUND');
    payHash = hash;
    const result = sent.result as { id: bigint; amount: bigint; state: number; passenger: string }[];
    expect(result.map((b) => [b.id.toString(), b.amount, b.state, b.passenger])).toEqual([
      [paid.items[0].chain_booking_id, 1_800_000_000n, 0, passenger.publicKey()],
      [paid.items[1].chain_booking_id, 1_300_000_000n, 0, passenger.publicKey()],
    ]);
    const arrival = Math.floor(Date.parse(paid.items[0].arrives_at) / 1000);
    expect(standIn.control.bookings()[0]).toMatchObject({ state: 'Paid', fee_bps: 250, deadline: String(arrival + 86_400), receipt_id: null });
    expect(standIn.control.transactions()).toEqual([expect.objectContaining({ hash, status: 'SUCCESS', function: 'pay_quoted', source: passenger.publicKey() })]);
  });

  it('gives verify.ts a transaction it confirms, paid by the passenger', async () => {
    const res = await new rpc.Server(standIn.url, { allowHttp: true }).getTransaction(payHash);
    expect(res.status).toBe('SUCCESS');
    const verdict = judgePayment(res, { escrowContractId, networkPassphrase: passphrase, terms: paid });
    expect(verdict).toMatchObject({ status: 'confirmed', payer: passenger.publicKey() });
    expect(verdict.status === 'confirmed' && Math.abs(Date.parse(verdict.closedAt) - Date.now())).toBeLessThan(60_000);
  });

  it('serves BookingPaid events that parseEvent names, one per segment', async () => {
    const events = await chainEvents();
    expect(events.map((e) => [e.event, e.bookingId, e.fields?.amount, e.fields?.passenger, e.txHash])).toEqual([
      ['BookingPaid', paid.items[0].chain_booking_id, '1800000000', passenger.publicKey(), payHash],
      ['BookingPaid', paid.items[1].chain_booking_id, '1300000000', passenger.publicKey(), payHash],
    ]);
    expect(events[0].id < events[1].id).toBe(true);
    expect(events[0].id).toMatch(/^\d{19}-\d{10}$/);
  });

  it('encodes events byte for byte like the contract (the exported fixtures)', () => {
    const fixtures = JSON.parse(readFileSync(path.join(process.cwd(), 'contracts/fixtures/events/escrow.json'), 'utf8')) as RpcEvent[];
    const spec = contractSpec('escrow');
    const checked = new Set<string>();
    for (const f of fixtures) {
      const parsed = spec.parseEvent(f.topic!, f.value);
      if (!parsed || !['BookingPaid', 'PaymentReleased', 'PassengerRefunded'].includes(parsed.name)) continue;
      const { topics, data } = encodeEscrowEvent(parsed.name, parsed.data);
      expect(topics.map((t) => t.toXDR('base64'))).toEqual(f.topic);
      expect(data.toXDR('base64')).toBe(f.value);
      checked.add(parsed.name);
    }
    expect([...checked].sort()).toEqual(['BookingPaid', 'PassengerRefunded', 'PaymentReleased']);
  });

  it('refuses a quote changed after signing at simulation (the host traps in ed25519_verify)', async () => {
    const at = await pay(terms(), (q) => { q.items[0].amount -= 1n; });
    expect(simulationError(at)).toMatch(/^HostError: Error\(Crypto, InvalidInput\)/);
  });

  it('refuses an expired quote with QuoteExpired (#16)', async () => {
    const at = await pay(terms({ holdEndsInMs: -60_000 }));
    expect(contractErrorCode(simulationError(at) ?? '')).toBe(16);
  });

  it('refuses a correctly signed quote made for another escrow with WrongEscrow (#17)', async () => {
    const quote = buildPaymentQuote(terms(), passenger.publicKey(), { escrow: StrKey.encodeContract(Buffer.alloc(32, 0x2b)), clearing: server.publicKey() });
    const at = await escrowClient(passenger).pay_quoted({ quote, signature: signPaymentQuote(quote, server) });
    expect(contractErrorCode(simulationError(at) ?? '')).toBe(17);
  });

  it('refuses paying the same bookings twice with DuplicateBooking (#2)', async () => {
    const quote = buildPaymentQuote(paid, passenger.publicKey(), { escrow: escrowContractId, clearing: server.publicKey() });
    const at = await escrowClient(passenger).pay_quoted({ quote, signature: signPaymentQuote(quote, server) });
    expect(contractErrorCode(simulationError(at) ?? '')).toBe(2);
  });

  it('fails on chain when told to: judgePayment says failed, nothing is stored', async () => {
    const t = terms();
    const at = await pay(t);
    standIn.control.failNext('chain', 'out of budget');
    const { hash, status } = await signAndSend(at);
    expect(status).toBe('FAILED');
    const verdict = judgePayment(await new rpc.Server(standIn.url, { allowHttp: true }).getTransaction(hash), { escrowContractId, networkPassphrase: passphrase, terms: t });
    expect(verdict).toEqual({ status: 'failed', reason: 'The escrow contract refused the payment.' });
    expect(standIn.control.bookings().map((b) => b.id)).not.toContain(t.items[0].chain_booking_id);
    expect(standIn.control.transactions().find((x) => x.hash === hash)).toMatchObject({ status: 'FAILED', error: 'out of budget' });
  });

  it('answers sendTransaction ERROR for a bad signature, a used sequence and an injected failure', async () => {
    const rpcServer = new rpc.Server(standIn.url, { allowHttp: true });
    const errorCode = async (at: contract.AssembledTransaction<unknown>) => {
      const res = await rpcServer.sendTransaction(at.signed!);
      return res.status === 'ERROR' ? res.errorResult?.result.type : res.status;
    };
    const quoted = () => {
      const quote = buildPaymentQuote(terms(), passenger.publicKey(), { escrow: escrowContractId, clearing: server.publicKey() });
      return { quote, signature: signPaymentQuote(quote, server) };
    };
    // signed by another key than the source account's
    const forged = await escrowClient(passenger, stranger).pay_quoted(quoted());
    await forged.sign();
    expect(await errorCode(forged)).toBe('txBadAuth');
    await expect(forged.send()).rejects.toThrow(/Sending the transaction to the network failed/);

    // two transactions built on the same sequence number: the second comes too late
    const first = await escrowClient(passenger).pay_quoted(quoted());
    const second = await escrowClient(passenger).pay_quoted(quoted());
    await first.sign();
    await second.sign();
    expect(await errorCode(first)).toBe('PENDING');
    expect(await errorCode(first)).toBe('DUPLICATE');
    expect(await errorCode(second)).toBe('txBadSeq');

    const res = await fetch(`${standIn.url}/__control/fail-next`, { method: 'POST', body: JSON.stringify({ stage: 'send', reason: 'txInsufficientFee' }) });
    expect(res.status).toBe(200);
    const third = await escrowClient(passenger).pay_quoted(quoted());
    await third.sign();
    expect(await errorCode(third)).toBe('txInsufficientFee');
    expect(await errorCode(third)).toBe('PENDING'); // the failure was for the next send only
  });

  it('injects a simulation error with the given text', async () => {
    standIn.control.failNext('simulate', 'HostError: Error(Contract, #5)');
    expect(contractErrorCode(simulationError(await pay(terms())) ?? '')).toBe(5);
  });

  it('releases only for the settler (#7 otherwise), emitting PaymentReleased with the fee split', async () => {
    const bookingId = BigInt(paid.items[0].chain_booking_id);
    const refused = await escrowClient(stranger).release_payment_to_airline({ caller: stranger.publicKey(), booking_id: bookingId });
    expect(contractErrorCode(simulationError(refused) ?? '')).toBe(7);

    const { hash, status } = await signAndSend(await escrowClient(server).release_payment_to_airline({ caller: server.publicKey(), booking_id: bookingId }));
    expect(status).toBe('SUCCESS');
    const released = (await chainEvents()).filter((e) => e.txHash === hash);
    expect(released.map((e) => [e.event, e.bookingId, e.fields?.airline, e.fields?.to_airline, e.fields?.fee])).toEqual([
      ['PaymentReleased', bookingId.toString(), airline, '1755000000', '45000000'],
    ]);
    const again = await escrowClient(server).release_payment_to_airline({ caller: server.publicKey(), booking_id: bookingId });
    expect(contractErrorCode(simulationError(again) ?? '')).toBe(6);
  });

  it('settles a cancellation with a partial refund, emitting CancellationSettled', async () => {
    const bookingId = BigInt(paid.items[1].chain_booking_id);
    const tooMuch = await escrowClient(server).settle_cancellation({ caller: server.publicKey(), booking_id: bookingId, refund: 1_300_000_001n });
    expect(contractErrorCode(simulationError(tooMuch) ?? '')).toBe(3);

    const { hash, status } = await signAndSend(await escrowClient(server).settle_cancellation({ caller: server.publicKey(), booking_id: bookingId, refund: 1_000_000_000n }));
    expect(status).toBe('SUCCESS');
    const [cancelled] = (await chainEvents()).filter((e) => e.txHash === hash);
    expect(cancelled).toMatchObject({ event: 'CancellationSettled', action: 'cancelled', bookingId: bookingId.toString() });
    // 300 000 000 kept: 2.5% fee to the treasury, the rest to the airline
    expect(cancelled.fields).toMatchObject({ passenger: passenger.publicKey(), refund: '1000000000', to_airline: '292500000', fee: '7500000' });
    expect(standIn.control.bookings().find((b) => b.id === bookingId.toString())?.state).toBe('Refunded');
  });

  it('answers get_booking as a read call, and BookingNotFound (#1) for an unknown id', async () => {
    const at = await escrowClient(stranger).get_booking({ booking_id: BigInt(paid.items[0].chain_booking_id) });
    expect(at.isReadCall).toBe(true);
    expect(at.result).toMatchObject({ state: 3, amount: 1_800_000_000n, airline });
    const missing = await escrowClient(stranger).get_booking({ booking_id: 1n });
    expect(contractErrorCode(simulationError(missing) ?? '')).toBe(1);
  });

  it('reads through lib/stellar: the spec-built call, simulated, its result decoded', async () => {
    const target = { rpcUrl: standIn.url, networkPassphrase: passphrase, contractId: escrowContractId };
    const booking = await readContract(escrow, target, 'get_booking', escrow.args.get_booking(BigInt(paid.items[0].chain_booking_id)));
    expect(booking).toMatchObject({ state: 3, amount: 1_800_000_000n, airline, passenger: passenger.publicKey() });
    const missing = await readContract(escrow, target, 'get_booking', escrow.args.get_booking(1n)).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ContractReadError);
    expect(contractErrorCode((missing as ContractReadError).simulationError)).toBe(1);
  });

  it('pages getEvents by cursor like stellar-rpc', async () => {
    const indexer = sorobanRpc(standIn.url);
    const filters = [{ type: 'contract' as const, contractIds: [escrowContractId] }];
    const first = await indexer.getEvents({ filters, startLedger: 1, limit: 2 });
    expect(first.events).toHaveLength(2);
    const rest = await indexer.getEvents({ filters, cursor: first.cursor, limit: 100 });
    expect(rest.events.map((e) => e.id)).toEqual((await chainEvents()).slice(2).map((e) => e.id));
    const after = await indexer.getEvents({ filters, cursor: rest.cursor, limit: 100 });
    expect(after.events).toEqual([]);
    const other = await indexer.getEvents({ filters: [{ type: 'contract', contractIds: [StrKey.encodeContract(Buffer.alloc(32, 1))] }], startLedger: 1, limit: 100 });
    expect(other.events).toEqual([]);
  });

  it('shows its state over HTTP and resets', async () => {
    const state = await (await fetch(`${standIn.url}/__control/state`)).json();
    // the paid quote (released, then settled), and the two quotes the sendTransaction test sent
    expect(state.bookings.map((b: { state: string }) => b.state)).toEqual(['Released', 'Refunded', 'Paid', 'Paid', 'Paid', 'Paid']);
    expect(await (await fetch(`${standIn.url}/__control/reset`, { method: 'POST' })).json()).toEqual({ ok: true });
    expect(standIn.control.bookings()).toEqual([]);
    expect(standIn.control.transactions()).toEqual([]);
  });
});

describe('soroban-rpc-server.mts', { timeout: 30_000 }, () => {
  it('starts from the environment, answers GET / and exits 0 on SIGTERM', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/soroban-rpc-server.mts'], {
      cwd: process.cwd(),
      env: {
        ...process.env, SOROBAN_STAND_IN_PORT: String(port), STELLAR_NETWORK_PASSPHRASE: passphrase,
        ESCROW_CONTRACT_ID: escrowContractId, QUOTE_SIGNER: server.publicKey(), SETTLER: server.publicKey(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.includes('\n')) resolve(out.trim());
      });
      child.stderr.on('data', (chunk) => { out += chunk; });
      void exited.then(() => reject(new Error(`exited early: ${out}`)));
    });
    expect(line).toBe(`soroban rpc stand-in listening on http://127.0.0.1:${port}`);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
