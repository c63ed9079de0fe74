-- Bookings: seat holds, the booking state machine, passengers, idempotent creation, payment
-- into escrow on the ledger rail, release to airlines after the flight, and cancellation as
-- quote → confirm. Every read-then-write runs in one of these functions, in one transaction.
--
-- Its functions, triggers and grants: supabase/routines/60_bookings.sql (current definitions,
-- re-applied when they change; see supabase/README.md).

create table traqora.bookings (
  id uuid primary key default gen_random_uuid(),
  pnr char(6) not null unique check (pnr ~ '^[A-HJ-NP-Z2-9]{6}$'),
  user_id uuid not null references traqora.users,
  status text not null default 'held'
    check (status in ('held', 'paid', 'completed', 'expired', 'cancelled', 'refunded')),
  cabin text not null check (cabin in ('economy', 'premium_economy', 'business', 'first')),
  fare_family text not null references traqora.fare_families,
  adults int not null check (adults between 1 and 9),
  children int not null default 0 check (children between 0 and 8),
  infants int not null default 0,
  currency char(3) not null,
  base_minor bigint not null check (base_minor >= 0),
  taxes_minor bigint not null check (taxes_minor >= 0),
  total_minor bigint not null check (total_minor = base_minor + taxes_minor and total_minor > 0),
  refund_minor bigint check (refund_minor >= 0 and refund_minor <= total_minor),
  conditions jsonb not null,                   -- the fare conditions sold, executed at cancellation
  contact jsonb not null,
  hold_expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  paid_at timestamptz,
  closed_at timestamptz,                       -- completed, expired, cancelled or refunded
  check (infants <= adults and adults + children <= 9)
);
create index bookings_user_idx on traqora.bookings (user_id, created_at desc);
create index bookings_held_idx on traqora.bookings (hold_expires_at) where status = 'held';
create index bookings_paid_idx on traqora.bookings (status) where status = 'paid';

create table traqora.booking_segments (
  booking_id uuid not null references traqora.bookings on delete cascade,
  seq int not null check (seq >= 1),
  slice int not null check (slice between 1 and 2),     -- 1 outbound, 2 return
  flight_id bigint not null references traqora.flights,
  airline char(2) not null references traqora.airlines,
  -- this segment's share of the total, so release pays each operating airline its part
  share_minor bigint not null check (share_minor >= 0),
  primary key (booking_id, seq)
);
create index booking_segments_flight_idx on traqora.booking_segments (flight_id);

create table traqora.booking_passengers (
  booking_id uuid not null references traqora.bookings on delete cascade,
  seq int not null check (seq >= 1),
  type text not null check (type in ('adult', 'child', 'infant')),
  title text check (title in ('mr', 'ms', 'mrs', 'miss', 'mx', 'dr')),
  given_name text not null check (given_name ~ '^[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ'' -]{1,40}$'),
  family_name text not null check (family_name ~ '^[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ'' -]{1,40}$'),
  date_of_birth date not null,
  gender text check (gender in ('m', 'f', 'x')),
  document jsonb,                              -- passport: number, issuing_country, expires_on
  infant_of int,                               -- the adult (seq) an infant travels with
  primary key (booking_id, seq),
  check ((type = 'infant') = (infant_of is not null))
);

create table traqora.booking_events (
  id bigint generated always as identity primary key,
  booking_id uuid not null references traqora.bookings on delete cascade,
  from_status text,
  to_status text not null,
  note text not null,
  created_at timestamptz not null default now()
);
create index booking_events_booking_idx on traqora.booking_events (booking_id, id);

create table traqora.cancellation_quotes (
  id uuid primary key default gen_random_uuid(),
  booking_id uuid not null references traqora.bookings on delete cascade,
  refund_minor bigint not null check (refund_minor >= 0),
  penalty_minor bigint not null check (penalty_minor >= 0),
  currency char(3) not null,
  refund_to text not null,
  reason text not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  confirmed_at timestamptz,
  superseded_at timestamptz
);
create index cancellation_quotes_booking_idx on traqora.cancellation_quotes (booking_id, created_at desc);

-- Idempotency keys for every create/charge POST: the first request with a key stores its
-- response; a retry with the same key and body gets that response; another body is refused.
create table traqora.idempotency_keys (
  user_id uuid not null references traqora.users on delete cascade,
  scope text not null,
  key text not null check (char_length(key) between 8 and 255),
  request_hash text not null,
  response jsonb,
  created_at timestamptz not null default now(),
  primary key (user_id, scope, key)
);

alter table traqora.bookings enable row level security;
alter table traqora.booking_segments enable row level security;
alter table traqora.booking_passengers enable row level security;
alter table traqora.booking_events enable row level security;
alter table traqora.cancellation_quotes enable row level security;
alter table traqora.idempotency_keys enable row level security;

-- The booking state machine. Any other transition is refused, whoever attempts it.
create table traqora.booking_transitions (
  from_status text not null,
  to_status text not null,
  primary key (from_status, to_status)
);
insert into traqora.booking_transitions values
  ('held', 'paid'), ('held', 'expired'), ('held', 'cancelled'),
  ('paid', 'completed'), ('paid', 'refunded'), ('paid', 'cancelled');
alter table traqora.booking_transitions enable row level security;
