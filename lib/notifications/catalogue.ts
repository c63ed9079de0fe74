import type { DomainEvent } from '@/lib/events/types';

// Every kind of notification Traqora sends: one entry each. An entry says which domain events
// raise it, who is told, what they read, and which outside channels are on by default (in-app
// is always on). Adding a kind — points earned, a proposal ending — is one entry here; the
// consumer, the preferences page and the emails follow from it.

export const CHANNELS = ['email', 'push', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface NotificationDraft {
  userId: string;
  title: string;
  body: string;
  /** An in-app path (`/trips/ABC123`). */
  link?: string;
  /** Goes out through quiet hours (a cancelled flight cannot wait for the morning). */
  urgent?: boolean;
}

export interface NotificationKind {
  type: string;
  label: string;
  description: string;
  /** The email's button ("Open in Traqora" when unset). */
  actionLabel?: string;
  /** Outside channels on unless the traveller turns them off. */
  defaults: Record<Channel, boolean>;
  /** Domain event types that raise it; none for job-made kinds (departure reminders). */
  events: readonly string[];
  /** What the event tells whom; [] when this event is not for anyone (e.g. a status no one needs). */
  draft(event: Pick<DomainEvent, 'id' | 'type' | 'payload'>): NotificationDraft[];
}

type Payload = Record<string, unknown>;
const str = (p: Payload, k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '');
const num = (p: Payload, k: string) => (typeof p[k] === 'number' ? (p[k] as number) : 0);

/** "6 Dec 2026, 14:05 UTC": the time zone named, since an email is read anywhere. */
export function formatWhen(iso: string, timeZone = 'UTC'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const text = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(d);
  return `${text} ${timeZone === 'UTC' ? 'UTC' : timeZone}`;
}

export function formatMoney(minor: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

function route(p: Payload): string {
  const segs = Array.isArray(p.segments) ? (p.segments as Payload[]) : [];
  if (!segs.length) return '';
  const first = segs[0];
  const outbound = segs.filter((s) => s.slice === first.slice);
  return `${str(first, 'origin')}–${str(outbound[outbound.length - 1], 'destination')}`;
}

const formatCount = (n: number) => new Intl.NumberFormat('en-GB').format(n);
const formatDay = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
};
const tierName = (tier: string) => (tier ? tier[0].toUpperCase() + tier.slice(1) : 'your tier');

const trip = (p: Payload) => `/trips/${encodeURIComponent(str(p, 'pnr'))}`;
const forBooker = (p: Payload, title: string, body: string, urgent = false): NotificationDraft[] =>
  str(p, 'user_id') ? [{ userId: str(p, 'user_id'), title, body, link: trip(p), urgent }] : [];

export const KINDS: readonly NotificationKind[] = [
  {
    type: 'booking_held',
    label: 'Seats held',
    description: 'Your seats are held and when the hold runs out.',
    defaults: { email: true, push: true, sms: false },
    events: ['booking.held'],
    draft: ({ payload: p }) => forBooker(p, `Seats held on ${route(p)} (${str(p, 'pnr')})`,
      `Your seats are held until ${formatWhen(str(p, 'hold_expires_at'))}. Pay ${formatMoney(num(p, 'total_minor'), str(p, 'currency'))} before then to keep them.`),
  },
  {
    type: 'booking_paid',
    label: 'Booking paid',
    description: 'Your payment is in escrow and the booking is confirmed.',
    defaults: { email: true, push: true, sms: false },
    events: ['booking.paid'],
    draft: ({ payload: p }) => forBooker(p, `Booking ${str(p, 'pnr')} is confirmed`,
      `We received ${formatMoney(num(p, 'total_minor'), str(p, 'currency'))} for ${route(p)}. It stays in escrow until you have flown.`),
  },
  {
    type: 'booking_cancelled',
    label: 'Booking cancelled',
    description: 'A booking of yours was cancelled.',
    defaults: { email: true, push: true, sms: false },
    events: ['booking.cancelled'],
    draft: ({ payload: p }) => forBooker(p, `Booking ${str(p, 'pnr')} is cancelled`,
      p.was_paid ? `Your booking for ${route(p)} is cancelled. ${num(p, 'refund_minor') > 0 ? `${formatMoney(num(p, 'refund_minor'), str(p, 'currency'))} is on its way back to you.` : 'No refund is due under the fare rules.'}`
        : `Your unpaid booking for ${route(p)} is cancelled and its seats released.`),
  },
  {
    type: 'booking_refunded',
    label: 'Refund sent',
    description: 'Money from a cancelled booking is on its way back.',
    defaults: { email: true, push: true, sms: false },
    events: ['booking.refunded'],
    draft: ({ payload: p }) => forBooker(p, `Refund of ${formatMoney(num(p, 'refund_minor'), str(p, 'currency'))} for ${str(p, 'pnr')}`,
      `The refund for your cancelled booking ${str(p, 'pnr')} has been released from escrow${str(p, 'refund_to') === 'wallet' ? ' to your Traqora wallet' : ' to the account you paid from'}.`),
  },
  {
    type: 'payment_failed',
    label: 'Payment failed',
    description: 'A payment did not go through; your seats stay held for now.',
    defaults: { email: true, push: true, sms: false },
    events: ['payment.failed'],
    draft: ({ payload: p }) => forBooker(p, `Payment for ${str(p, 'pnr')} failed`,
      `Your payment of ${formatMoney(num(p, 'amount_minor'), str(p, 'currency'))} did not go through${str(p, 'error') ? ` (${str(p, 'error')})` : ''}. Your seats are still held: try again before the hold runs out.`, true),
  },
  {
    type: 'flight_disrupted',
    label: 'Flight delayed or cancelled',
    description: 'A flight you are booked on is delayed, cancelled or diverted, and what you can do.',
    defaults: { email: true, push: true, sms: true },
    events: ['flight.status_changed', 'flight.diverted', 'flight.retimed'],
    draft: ({ type, payload: p }) => {
      const flight = `${str(p, 'airline')}${p.flight_number ?? ''} ${str(p, 'origin')}–${str(p, 'destination')}`;
      const bookings = Array.isArray(p.bookings) ? (p.bookings as Payload[]) : [];
      if (type === 'flight.retimed') {
        // a delayed flight delayed again: each retime is news (the new time), told once per event
        const delay = num(p, 'delay_minutes');
        return bookings.filter((b) => str(b, 'user_id')).map((b) => ({
          userId: str(b, 'user_id'), link: trip(b),
          title: `Flight ${flight} is delayed again`,
          body: `Your flight on booking ${str(b, 'pnr')} now departs ${formatWhen(str(p, 'departs_at'))}, ${Math.floor(delay / 60)} h ${delay % 60} min after its original time. Open your trip to see your options under the fare rules.`,
        }));
      }
      if (type === 'flight.diverted') {
        return bookings.filter((b) => str(b, 'user_id')).map((b) => ({
          userId: str(b, 'user_id'), link: trip(b), urgent: true,
          title: `Flight ${flight} is diverted${str(p, 'diverted_to') ? ` to ${str(p, 'diverted_to')}` : ''}`,
          body: `Your flight on booking ${str(b, 'pnr')} has been diverted${str(p, 'diverted_to') ? ` to ${str(p, 'diverted_to')}` : ''}. The airline will arrange onward travel; open your trip for updates.`,
        }));
      }
      const to = str(p, 'to_status');
      if (to !== 'delayed' && to !== 'cancelled') return [];
      return bookings.filter((b) => str(b, 'user_id')).map((b) => ({
        userId: str(b, 'user_id'),
        link: trip(b),
        urgent: to === 'cancelled',
        title: to === 'cancelled' ? `Flight ${flight} is cancelled` : `Flight ${flight} is delayed`,
        body: to === 'cancelled'
          ? `Your flight on booking ${str(b, 'pnr')} is cancelled. ${str(b, 'status') === 'paid' ? 'A cancelled flight is refunded in full from escrow; open your trip for the details.' : 'Your unpaid hold will not be charged.'}`
          : `Your flight on booking ${str(b, 'pnr')} now departs ${formatWhen(str(p, 'departs_at'))}. Open your trip to see your options under the fare rules.`,
      }));
    },
  },
  {
    type: 'dispute_update',
    label: 'Disputes',
    description: 'Support asks for more evidence on your dispute, or it is settled.',
    defaults: { email: true, push: true, sms: false },
    events: ['dispute.evidence_requested', 'dispute.resolved'],
    draft: ({ type, payload: p }) => type === 'dispute.evidence_requested'
      ? forBooker(p, 'Support asks for more evidence', `${str(p, 'message')} Add files to your dispute on the trip page.`)
      : forBooker(p, `Your dispute on ${str(p, 'pnr')} is settled`,
        `${formatMoney(num(p, 'refund_minor'), str(p, 'currency'))} is refunded to you (${str(p, 'source') === 'jury' ? 'the jury’s verdict' : 'support’s decision'}).`),
  },
  {
    type: 'jury_duty',
    label: 'Jury duty',
    description: 'You were drawn for a dispute jury: vote before the commit window closes.',
    defaults: { email: true, push: true, sms: false },
    events: ['jury.drawn'],
    draft: ({ payload: p }) => (Array.isArray(p.jurors) ? (p.jurors as unknown[]) : []).filter((j): j is string => typeof j === 'string').map((userId) => ({
      userId, title: 'You were drawn for a dispute jury', link: '/disputes',
      body: `Read the case and commit your vote before ${formatWhen(str(p, 'commit_ends_at'))}; a juror who does not reveal loses part of their stake.`,
    })),
  },
  {
    type: 'points_earned',
    label: 'Points earned',
    description: 'Points and tier credits a booking earned you.',
    actionLabel: 'See your points',
    defaults: { email: false, push: true, sms: false },
    events: ['loyalty.points_earned'],
    draft: ({ payload: p }) => {
      const points = num(p, 'points') + num(p, 'bonus_points');
      if (!str(p, 'user_id') || points <= 0) return [];
      return [{
        userId: str(p, 'user_id'), link: '/loyalty',
        title: `You earned ${formatCount(points)} points${str(p, 'pnr') ? ` on ${str(p, 'pnr')}` : ''}`,
        body: `${num(p, 'bonus_points') > 0 ? `${formatCount(num(p, 'points'))} points plus a ${formatCount(num(p, 'bonus_points'))}-point campaign bonus. ` : ''}${str(p, 'status') === 'pending'
          ? 'They are pending and become yours to spend once you have flown.' : 'They are in your balance, ready to spend.'}`,
      }];
    },
  },
  {
    type: 'points_expiring',
    label: 'Points expiring',
    description: 'A notice 30 days before your points expire, and when they have.',
    actionLabel: 'See your points',
    defaults: { email: true, push: true, sms: false },
    // the notice ahead is made by the notices job (pointsExpiringDraft), not an event
    events: ['loyalty.points_expired'],
    draft: ({ payload: p }) => str(p, 'user_id') && num(p, 'points') > 0 ? [{
      userId: str(p, 'user_id'), link: '/loyalty',
      title: `${formatCount(num(p, 'points'))} points expired`,
      body: 'Your points expired after a long stretch without earning or spending any. Book a trip to start earning again.',
    }] : [],
  },
  {
    type: 'tier_changed',
    label: 'Tier status',
    description: 'You reached a new tier, kept yours for another year, or moved down.',
    actionLabel: 'See your benefits',
    defaults: { email: true, push: true, sms: false },
    events: ['loyalty.tier_changed'],
    draft: ({ payload: p }) => {
      if (!str(p, 'user_id')) return [];
      const to = tierName(str(p, 'to'));
      const until = str(p, 'tier_until') ? ` until ${formatDay(str(p, 'tier_until'))}` : '';
      const [title, body] = str(p, 'kind') === 'upgrade'
        ? [`Welcome to ${to}`, `Your tier credits this year took you from ${tierName(str(p, 'from'))} to ${to}. Your new benefits apply from your next booking and hold${until}.`]
        : str(p, 'kind') === 'downgrade'
          ? [`Your tier is now ${to}`, `Last year’s tier credits did not requalify you for ${tierName(str(p, 'from'))}, so your status moved down one tier to ${to}${until}.`]
          : [`You keep ${to}`, `Your tier credits requalified you: ${to} status and its benefits hold${until}.`];
      return [{ userId: str(p, 'user_id'), link: '/loyalty', title, body }];
    },
  },
  {
    type: 'proposal_started',
    label: 'Proposal voting opened',
    description: 'Voting opened on a governance proposal you have voting power for.',
    actionLabel: 'Read and vote',
    defaults: { email: false, push: true, sms: false },
    // made by the notices job (proposalDraft), since voting opens with time, not with an event
    events: [],
    draft: () => [],
  },
  {
    type: 'proposal_ending',
    label: 'Proposal voting ends soon',
    description: 'Voting on a proposal you have not voted on closes within a day.',
    actionLabel: 'Read and vote',
    defaults: { email: true, push: true, sms: false },
    events: [],
    draft: () => [],
  },
  {
    type: 'departure_reminder',
    label: 'Departure reminder',
    description: 'A reminder 24 hours before each flight.',
    defaults: { email: true, push: true, sms: false },
    events: [],
    draft: () => [],
  },
  {
    type: 'price_alert',
    label: 'Price alert',
    description: 'A route you watch got cheaper: under your target, or down by your set percentage.',
    defaults: { email: true, push: true, sms: false },
    events: ['price.dropped'],
    draft: ({ payload: p }) => {
      if (!str(p, 'user_id')) return [];
      const route = `${str(p, 'origin')}–${str(p, 'destination')}`;
      const price = formatMoney(num(p, 'price_minor'), str(p, 'currency'));
      const search = new URLSearchParams({ from: str(p, 'origin'), to: str(p, 'destination'), date: str(p, 'depart_date'), cabin: str(p, 'cabin') });
      if (str(p, 'return_date')) search.set('return_date', str(p, 'return_date'));
      return [{
        userId: str(p, 'user_id'),
        link: `/search?${search}`,
        title: `${route} is down to ${price}`,
        body: str(p, 'reason') === 'target'
          ? `The lowest fare for your watched trip (${str(p, 'depart_date')}) is ${price}, at or under your target of ${formatMoney(num(p, 'target_minor'), str(p, 'currency'))}.`
          : `The lowest fare for your watched trip (${str(p, 'depart_date')}) fell from ${formatMoney(num(p, 'from_minor'), str(p, 'currency'))} to ${price}.`,
      }];
    },
  },
];

export const KIND_TYPES = KINDS.map((k) => k.type);

export function kindOf(type: string): NotificationKind | undefined {
  return KINDS.find((k) => k.type === type);
}

/** The event types the notifications consumer receives. */
export const NOTIFIED_EVENT_TYPES = [...new Set(KINDS.flatMap((k) => k.events))];

/** The departure reminder's text (made by the reminder job, not an event). */
export function reminderDraft(s: { user_id: string; pnr: string; airline: string; flight_number: string | number; origin: string; destination: string; departs_at: string }): NotificationDraft {
  return {
    userId: s.user_id,
    link: `/trips/${encodeURIComponent(s.pnr)}`,
    title: `Your flight ${s.airline}${s.flight_number} to ${s.destination} leaves tomorrow`,
    body: `${s.airline}${s.flight_number} ${s.origin}–${s.destination} departs ${formatWhen(s.departs_at)} (booking ${s.pnr}). Check in and have your documents ready.`,
  };
}

/** The points-expiry notice ahead of time (the notices job; loyalty_points_expiring). */
export function pointsExpiringDraft(m: { user_id: string; points: number; expires_at: string }): NotificationDraft {
  return {
    userId: m.user_id,
    link: '/loyalty',
    title: `${formatCount(m.points)} points expire on ${formatDay(m.expires_at)}`,
    body: `Your ${formatCount(m.points)} points expire on ${formatDay(m.expires_at)} unless you earn or spend some before then. Booking a trip, or paying part of one with points, keeps them all.`,
  };
}

/** A proposal's voting opened, or closes soon (the notices job; governance_open_votes). */
export function proposalDraft(notice: 'started' | 'ending', userId: string, p: { proposal_id: number; title: string; vote_end: string }): NotificationDraft {
  return {
    userId,
    link: `/governance/proposals/${p.proposal_id}`,
    title: notice === 'started' ? `Voting is open: ${p.title}` : `Voting closes soon: ${p.title}`,
    body: notice === 'started'
      ? `You can vote on proposal #${p.proposal_id} until ${formatWhen(p.vote_end)}, with the voting power you held when voting opened.`
      : `Proposal #${p.proposal_id} closes at ${formatWhen(p.vote_end)} and you have not voted yet.`,
  };
}
