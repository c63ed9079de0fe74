import { contract, Keypair, Networks, StrKey } from '@stellar/stellar-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import type { Booking, CancellationQuote } from '@/lib/bookings/types';
import type { Itinerary } from '@/lib/flights/types';
import { contractSpec } from '@/lib/stellar/specs';
import type { PaymentOutcome, PaymentRail } from '@/lib/payments/rail';
import type { ChainQuoteTerms } from '@/lib/payments/soroban/quote-json';
import { quoteFromJson } from '@/lib/payments/soroban/quote-json';
import { onChainBookingId } from '@/lib/stellar/booking-id';
import { startSorobanRpcStandIn } from '@/tests/support/soroban-rpc-stand-in';
import { openTestDatabase, type TestDatabase } from '@/tests/support/database';
import { book, nonstop, traveller, trialBalance } from '@/tests/support/booking-fixtures';

// The payment-rail contract (lib/payments/rail.ts), run against both rails: the same promises
// of quote → pay → confirm pending → cancel or release → settle → history, whatever the rail.
// The ledger rail moves money in Postgres; the soroban rail pays the Soroban RPC stand-in,
// which emulates the escrow contract, and settles with the server signer. Only how the
// traveller's client pays (`Traveller` below) and where the escrow's money is read from differ.

let t: TestDatabase;
vi.mock('@/lib/db/connect', () => ({ db: async () => t.db }));

const server = Keypair.random();
const escrowId = StrKey.encodeContract(Buffer.alloc(32, 7));
let standIn: Awaited<ReturnType<typeof startSorobanRpcStandIn>>;
let rails: typeof import('@/lib/payments');
let confirmCancellation: typeof import('@/lib/bookings/manage').confirmCancellation;
let quoteCancellation: typeof import('@/lib/bookings/manage').quoteCancellation;

beforeAll(async () => {
  t = await openTestDatabase({ seed: true, scheduleDays: 14 });
  standIn = await startSorobanRpcStandIn({ networkPassphrase: Networks.TESTNET, escrowContractId: escrowId, quoteSigner: server.publicKey(), settler: server.publicKey() });
  vi.stubEnv('STELLAR_RPC_URL', standIn.url);
  vi.stubEnv('STELLAR_NETWORK_PASSPHRASE', Networks.TESTNET);
  vi.stubEnv('TRAQORA_CONTRACT_IDS', `escrow=${escrowId}`);
  vi.stubEnv('STELLAR_SERVER_SECRET', server.secret());
  rails = await import('@/lib/payments');
  ({ confirmCancellation, quoteCancellation } = await import('@/lib/bookings/manage'));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await standIn?.close();
  await t?.close();
});
afterEach(async () => {
  // Whatever the rail, the Postgres ledger balances after every operation.
  expect(Object.values(await trialBalance(t)).every((v) => v === 0)).toBe(true);
});

/** What the traveller's client does to pay on a rail, and what the escrow holds for a booking. */
interface Traveller {
  /**
   * Pays as the traveller's client would. `reportEarly`: tells the rail before the money has
   * landed (a browser that reports the hash at once); `send` then lands it.
   */
  pay(rail: PaymentRail, viewer: Viewer, booking: Booking, opts?: { reportEarly?: boolean }): Promise<PaymentOutcome & { send?: () => Promise<void> }>;
  /** Minor units the escrow still holds for the booking. */
  escrowHolds(viewer: Viewer, booking: Booking): Promise<number>;
}

const ledgerTraveller: Traveller = {
  pay: (rail, viewer, booking) => rail.pay(viewer, booking.pnr, undefined),
  async escrowHolds(viewer, booking) {
    return (await t.db.call<Booking>('get_booking', { user_id: viewer.id, pnr: booking.pnr, admin: false })).escrow_balance_minor;
  },
};

const payers = new Map<string, Keypair>();
const sorobanTraveller: Traveller = {
  async pay(rail, viewer, booking, opts = {}) {
    const payer = payers.get(viewer.id) ?? Keypair.random();
    payers.set(viewer.id, payer);
    const q = await rail.quote(viewer, booking.pnr, { payer: payer.publicKey() });
    const terms = q.terms as ChainQuoteTerms;
    const client = new contract.Client(contractSpec('escrow'), {
      contractId: terms.contract_id, networkPassphrase: terms.network_passphrase, rpcUrl: terms.rpc_url, allowHttp: true, publicKey: payer.publicKey(),
      signTransaction: contract.basicNodeSigner(payer, terms.network_passphrase).signTransaction,
    }) as unknown as { pay_quoted(a: object): Promise<contract.AssembledTransaction<unknown>> };
    const tx = await client.pay_quoted({ quote: quoteFromJson(terms.quote), signature: Buffer.from(terms.signature, 'hex') });
    await tx.sign();
    const hash = Buffer.from(tx.signed!.hash()).toString('hex');
    const request = { tx_hash: hash, payer: payer.publicKey() };
    // The browser reports the hash as soon as it has one; RPC may not have the transaction yet.
    if (opts.reportEarly) return { ...(await rail.pay(viewer, booking.pnr, request)), send: async () => void (await tx.send()) };
    await tx.send();
    return rail.pay(viewer, booking.pnr, request);
  },
  async escrowHolds(_viewer, booking) {
    const ids = new Set(booking.segments.map((s) => onChainBookingId(booking.id, s.seq).toString()));
    return standIn.control.bookings()
      .filter((b) => ids.has(b.id) && b.state === 'Paid')
      .reduce((sum, b) => sum + Number(BigInt(b.amount) / 100_000n), 0);
  },
};

const viewerOf = (id: string): Viewer => ({ id, name: 'Ada', email: null, roles: [], wallets: [], source: 'dev' });

async function flightOn(from: string, to: string, daysAhead: number): Promise<Itinerary> {
  const day = new Date(Date.now() + daysAhead * 864e5).toISOString().slice(0, 10);
  const [found] = await t.db.call<Itinerary[]>('search_itineraries', {
    origin: from, destination: to, date_from: day, date_to: day, cabin: 'economy', adults: 1, children: 0, infants: 0, max_stops: 0,
  });
  if (!found) throw new Error(`no nonstop ${from}-${to} in ${daysAhead} days`);
  return found;
}

let n = 0;
describe.each([
  { id: 'ledger' as const, traveller: ledgerTraveller, releaseDay: 8 },
  { id: 'soroban' as const, traveller: sorobanTraveller, releaseDay: 9 },
])('the $id rail keeps the payment-rail contract', ({ id, traveller: client, releaseDay }) => {
  const rail = () => rails.railFor(id);

  async function held(itinerary?: Itinerary) {
    const user = await traveller(t, `Rail${id}${++n}`);
    const { booking } = await book(t, user, itinerary ?? (await nonstop(t)));
    return { viewer: viewerOf(user), booking };
  }
  const read = (v: Viewer, pnr: string) => t.db.call<Booking>('get_booking', { user_id: v.id, pnr, admin: false });

  it('describes itself as the rail it is', () => {
    const d = rail().describe();
    expect(d.id).toBe(id);
    // A rail that takes the traveller's money itself needs no wallet signature, and the other way round.
    expect(d.needsWalletSignature).toBe(d.custody === 'wallet');
    // A body with nothing in it pays exactly when the rail takes the money itself.
    expect(rail().payRequest?.safeParse({}).success).toBe(!d.needsWalletSignature);
  });

  it('quotes what the traveller will pay: lines that sum to the booking total, payable no later than the hold', async () => {
    const { viewer, booking } = await held();
    const q = await rail().quote(viewer, booking.pnr, { payer: Keypair.random().publicKey() });
    expect(q).toMatchObject({ pnr: booking.pnr, currency: booking.price.currency, amount_minor: booking.price.total_minor });
    expect(q.lines.map((l) => l.kind)).toEqual(['fare', 'taxes']);
    expect(q.lines.reduce((a, l) => a + l.amount_minor, 0)).toBe(q.amount_minor);
    expect(Date.parse(q.expires_at)).toBeLessThanOrEqual(Date.parse(booking.hold_expires_at));
    // Something to sign exactly when the rail needs a wallet's signature.
    expect(q.terms !== null).toBe(rail().describe().needsWalletSignature);
    // Quoting moves no money and changes nothing.
    expect((await read(viewer, booking.pnr)).status).toBe('held');
    expect(await client.escrowHolds(viewer, booking)).toBe(0);
  });

  it('refuses to quote another traveller’s booking (404) or a hold that has run out (409)', async () => {
    const { viewer, booking } = await held();
    const payer = { payer: Keypair.random().publicKey() };
    await expect(rail().quote(viewerOf(await traveller(t, `Stranger${id}`)), booking.pnr, payer)).rejects.toMatchObject({ status: 404 });
    await t.sql("update traqora.bookings set hold_expires_at = now() - interval '1 second' where id = $1", [booking.id]);
    await expect(rail().quote(viewer, booking.pnr, payer)).rejects.toMatchObject({ status: 409 });
  });

  it('pays the held booking into escrow once: paying again is a replay that moves no money, and history shows it', async () => {
    const { viewer, booking } = await held();
    const before = await rail().history(viewer);
    const paid = await client.pay(rail(), viewer, booking);
    expect(paid).toMatchObject({ status: 'paid', replayed: false, booking: { status: 'paid', payment_rail: id } });
    expect(await client.escrowHolds(viewer, booking)).toBe(booking.price.total_minor);

    const statement = await rail().history(viewer);
    expect(statement.entries[0]).toMatchObject({ kind: 'payment', pnr: booking.pnr, amount_minor: -booking.price.total_minor, status: 'confirmed' });
    expect(statement.balance === null).toBe(rail().describe().custody === 'wallet');
    if (statement.balance) {
      // Where the platform holds the money, the balance fell by exactly the payment (a first wallet is funded first).
      const funded = statement.entries.filter((e) => e.kind === 'deposit').reduce((a, e) => a + e.amount_minor, 0) - before.entries.filter((e) => e.kind === 'deposit').reduce((a, e) => a + e.amount_minor, 0);
      expect(statement.balance.amount_minor).toBe((before.balance?.amount_minor ?? 0) + funded - booking.price.total_minor);
    }

    // The same payment again (a retried request): answered, nothing moves.
    if (rail().describe().needsWalletSignature) {
      const hash = statement.entries[0].tx_hash!;
      const again = await rail().pay(viewer, booking.pnr, { tx_hash: hash, payer: payers.get(viewer.id)!.publicKey() });
      expect(again).toMatchObject({ status: 'paid', replayed: true, receipt: { status: 'confirmed', tx_hash: hash } });
    } else {
      expect(await rail().pay(viewer, booking.pnr, undefined)).toMatchObject({ status: 'paid', replayed: true });
    }
    expect(await client.escrowHolds(viewer, booking)).toBe(booking.price.total_minor);
    expect((await rail().history(viewer)).entries).toHaveLength(statement.entries.length);
  });

  it('a payment the rail could not judge yet is paid after confirmPending; with nothing pending it changes nothing', async () => {
    const { viewer, booking } = await held();
    if (rail().describe().backgroundWork) {
      const early = await client.pay(rail(), viewer, booking, { reportEarly: true });
      expect(early).toMatchObject({ status: 'pending', replayed: false, booking: { status: 'held' }, receipt: { status: 'pending' } });
      await early.send!();
      await rail().confirmPending();
      expect((await read(viewer, booking.pnr)).status).toBe('paid');
    } else {
      // The rail pays within the request: nothing is ever left to confirm.
      expect(await client.pay(rail(), viewer, booking)).toMatchObject({ status: 'paid' });
    }
    const settled = await read(viewer, booking.pnr);
    await rail().confirmPending();
    expect(await read(viewer, booking.pnr)).toEqual(settled);
    expect(await client.escrowHolds(viewer, booking)).toBe(booking.price.total_minor);
  });

  it('a cancellation refunds the traveller once it is settled; settling again moves nothing', async () => {
    const { viewer, booking } = await held();
    await client.pay(rail(), viewer, booking);
    const quote: CancellationQuote = await quoteCancellation(viewer, booking.pnr);
    expect(quote.refund_minor).toBeGreaterThan(0);
    await confirmCancellation(viewer, booking.pnr, quote.id);

    await rail().settle();
    expect(await client.escrowHolds(viewer, booking)).toBe(0);
    const refunds = (await rail().history(viewer)).entries.filter((e) => e.kind === 'refund' && e.pnr === booking.pnr);
    expect(refunds).toMatchObject([{ amount_minor: quote.refund_minor, status: 'confirmed' }]);

    await rail().settle();
    expect((await rail().history(viewer)).entries.filter((e) => e.kind === 'refund' && e.pnr === booking.pnr)).toHaveLength(1);
  });

  it('after the flight, the release empties the escrow once it is settled, at the platform fee in force', async () => {
    const { viewer, booking } = await held(await flightOn('LHR', 'JFK', releaseDay));
    await client.pay(rail(), viewer, booking);
    await t.sql("update traqora.flights set departs_at = now() - interval '10 hours', arrives_at = now() - interval '3 hours' where id = $1", [booking.segments[0].flight_id]);
    await t.db.call('release_flown_bookings', {});
    expect((await read(viewer, booking.pnr)).status).toBe('completed');

    await rail().settle();
    expect(await client.escrowHolds(viewer, booking)).toBe(0);
    const history = await rail().history(viewer);
    await rail().settle();
    expect(await rail().history(viewer)).toEqual(history);
    // The traveller paid the fare; the release is not theirs to see as a refund.
    expect(history.entries.filter((e) => e.pnr === booking.pnr).map((e) => e.kind)).toEqual(['payment']);
  });
});
