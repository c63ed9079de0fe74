-- The soroban payment rail: a booking paid into the on-chain escrow instead of the ledger.
--
-- The chain holds the money; these tables record what the server has verified about it and
-- what it still has to tell the chain:
--   chain_payments    — payment transactions a traveller submitted; confirmed only after the
--                       server read the successful result from RPC (lib/payments/soroban).
--   chain_settlements — an outbox of release / cancellation settlements the server signer must
--                       submit. The app's state change and the outbox row commit together, so
--                       the chain is told exactly once per decision, however often the job runs.
-- Ledger postings never happen for soroban bookings: there is one copy of the money.
--
-- Its functions, triggers and grants: supabase/routines/90_soroban_rail.sql (current definitions,
-- re-applied when they change; see supabase/README.md).

alter table traqora.bookings add column payment_rail text check (payment_rail in ('ledger', 'soroban'));
update traqora.bookings set payment_rail = 'ledger' where paid_at is not null;
alter table traqora.bookings add constraint bookings_paid_has_rail check (paid_at is null or payment_rail is not null);

-- Where each airline's share is paid on chain. Airlines without their own account are paid to
-- the platform's clearing account (configured in the app), which settles with them off chain,
-- the way IATA's clearing house does for airlines that are not on a payment network.
create table traqora.airline_payout_accounts (
  airline char(2) primary key references traqora.airlines,
  address text not null check (address ~ '^[GC][A-Z2-7]{55}$'),
  updated_at timestamptz not null default now()
);
alter table traqora.airline_payout_accounts enable row level security;

create table traqora.chain_payments (
  tx_hash text primary key check (tx_hash ~ '^[0-9a-f]{64}$'),
  booking_id uuid not null references traqora.bookings on delete cascade,
  user_id uuid not null references traqora.users,
  payer text not null check (payer ~ '^G[A-Z2-7]{55}$'),
  status text not null default 'submitted' check (status in ('submitted', 'confirmed', 'failed')),
  error text,
  ledger int check (ledger > 0),
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'confirmed') = (ledger is not null))
);
create index chain_payments_booking_idx on traqora.chain_payments (booking_id, created_at);
-- A booking is paid once: a second confirmed payment for it cannot be written.
create unique index chain_payments_one_confirmed on traqora.chain_payments (booking_id) where status = 'confirmed';
alter table traqora.chain_payments enable row level security;

create table traqora.chain_settlements (
  id bigint generated always as identity primary key,
  booking_id uuid not null references traqora.bookings on delete cascade,
  seq int not null,                                   -- the booking segment = one escrow booking
  chain_booking_id text not null check (chain_booking_id ~ '^[0-9]{1,20}$'),
  kind text not null check (kind in ('release', 'cancellation')),
  refund_minor bigint not null default 0 check (refund_minor >= 0),   -- cancellation: to the traveller
  status text not null default 'pending' check (status in ('pending', 'submitted', 'confirmed', 'failed')),
  tx_hash text check (tx_hash ~ '^[0-9a-f]{64}$'),
  attempts int not null default 0,
  error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (booking_id, seq)                            -- an escrow booking is settled once
);
create index chain_settlements_open_idx on traqora.chain_settlements (status, id) where status in ('pending', 'submitted');
alter table traqora.chain_settlements enable row level security;
