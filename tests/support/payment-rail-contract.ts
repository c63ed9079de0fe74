import { Keypair } from '@stellar/stellar-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/types';
import type { Booking, CancellationQuote } from '@/lib/bookings/types';
import type { Itinerary } from '@/lib/flights/types';
import type { PaymentOutcome, PaymentRail } from '@/lib/payments/rail';
import { book, nonstop, traveller, trialBalance } from './booking-fixtures';
import type { TestDatabase } from './database';

// The payment-rail contract (lib/payments/rail.ts) as one suite every rail must pass: the same
// promises of quote → pay → confirm pending → cancel or release → settle → history, whatever the
// rail. Each rail runs it where its money really moves: the ledger rail in the database suites
// (tests/db/payment-rails.test.ts), the soroban rail against the real escrow contract on the
// devnet (tests/devnet/payment-rails.test.ts). Only how the traveller's client pays
// (`RailTraveller`) and where the escrow's money is read from differ.

/** What the traveller's client does to pay on a rail, and what the escrow holds for a booking. */
export interface RailTraveller {
  /**
   * Pays as the traveller's client would, and answers the rail's outcome with the request it
   * sent (replaying that request is what a retrying browser does). `reportEarly`: tells the rail
   * before the money has landed (a browser that reports the hash at once); `send` then lands it.
   */
  pay(rail: PaymentRail, viewer: Viewer, booking: Booking, opts?: { reportEarly?: boolean }): Promise<PaymentOutcome & { request: unknown; send?: () => Promise<void> }>;
  /** Minor units the escrow still holds for the booking. */
  escrowHolds(viewer: Viewer, booking: Booking): Promise<number>;
}

export interface RailContractSetup {
  id: 'ledger' | 'soroban';
  /** The suite's database (opened by the test file, which also mocks lib/db/connect with it). */
  db(): TestDatabase;
  rail(): PaymentRail;
  traveller: RailTraveller;
  manage(): Pick<typeof import('@/lib/bookings/manage'), 'quoteCancellation' | 'confirmCancellation'>;
  /** How many days ahead the release test's flight leaves (one of the seeded nonstops). */
  releaseDay?: number;
}

export const railViewer = (id: string): Viewer => ({ id, name: 'Ada', email: null, roles: [], wallets: [], source: 'dev' });

export function describeRailContract(setup: RailContractSetup) {
  const { id, traveller: client } = setup;
  const rail = () => setup.rail();
  const t = () => setup.db();

  describe(`the ${id} rail keeps the payment-rail contract`, () => {
    afterEach(async () => {
      // Whatever the rail, the Postgres ledger balances after every operation.
      expect(Object.values(await trialBalance(t())).every((v) => v === 0)).toBe(true);
    });

    async function flightOn(from: string, to: string, daysAhead: number): Promise<Itinerary> {
      const day = new Date(Date.now() + daysAhead * 864e5).toISOString().slice(0, 10);
      const [found] = await t().db.call<Itinerary[]>('search_itineraries', {
        origin: from, destination: to, date_from: day, date_to: day, cabin: 'economy', adults: 1, children: 0, infants: 0, max_stops: 0,
      });
      if (!found) throw new Error(`no nonstop ${from}-${to} in ${daysAhead} days`);
      return found;
    }

    let n = 0;
    async function held(itinerary?: Itinerary) {
      const user = await traveller(t(), `Rail${id}${++n}`);
      const { booking } = await book(t(), user, itinerary ?? (await nonstop(t())));
      return { viewer: railViewer(user), booking };
    }
    const read = (v: Viewer, pnr: string) => t().db.call<Booking>('get_booking', { user_id: v.id, pnr, admin: false });

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
      await expect(rail().quote(railViewer(await traveller(t(), `Stranger${id}`)), booking.pnr, payer)).rejects.toMatchObject({ status: 404 });
      await t().sql("update traqora.bookings set hold_expires_at = now() - interval '1 second' where id = $1", [booking.id]);
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
      const again = await rail().pay(viewer, booking.pnr, paid.request);
      expect(again).toMatchObject({ status: 'paid', replayed: true });
      // Where a wallet paid, the answer names the transaction the statement shows.
      if (rail().describe().needsWalletSignature) expect(again.receipt).toMatchObject({ status: 'confirmed', tx_hash: statement.entries[0].tx_hash });
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
      const { quoteCancellation, confirmCancellation } = setup.manage();
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
      const { viewer, booking } = await held(await flightOn('LHR', 'JFK', setup.releaseDay ?? 8));
      await client.pay(rail(), viewer, booking);
      await t().sql("update traqora.flights set departs_at = now() - interval '10 hours', arrives_at = now() - interval '3 hours' where id = $1", [booking.segments[0].flight_id]);
      await t().db.call('release_flown_bookings', {});
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
}
