import type { BookingStatus } from '@/lib/admin/query';

/** One booked segment on the airline's flight (a booking with two of its flights is two rows). */
export interface AirlineBookingRow {
  pnr: string;
  status: BookingStatus;
  flight_id: number;
  flight: string;
  flight_status: string;
  origin: string;
  destination: string;
  departs_at: string;
  seq: number;
  cabin: string;
  passengers: number;
  lead_passenger: string | null;
  share_minor: number;
  currency: string;
  payment_rail: 'ledger' | 'soroban' | null;
  paid_at: string | null;
  booking_id: string;
}

export interface AirlinePayouts {
  airline: string;
  held_minor: number;
  released_minor: number;
  pending_minor: number;
  /** One page, newest first; `id` is the ledger posting's or the settlement's (with `rail`, the row's key). */
  released: { rail: 'ledger' | 'soroban'; id: number; kind: string; pnr: string | null; amount_minor: number; currency: string; memo: string; tx_hash: string | null; at: string }[];
  pending: { id: number; pnr: string; seq: number; kind: string; status: string; amount_minor: number; currency: string; attempts: number; error: string | null; at: string }[];
}

export interface PayoutAccount {
  airline: string;
  name: string;
  address: string | null;
  updated_at: string | null;
}
