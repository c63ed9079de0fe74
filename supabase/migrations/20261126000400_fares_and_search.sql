-- Fares and search. Prices are computed, never stored per search: a cabin's base fare moves
-- with demand (load factor) and how soon the flight leaves, then the fare family and the
-- passenger mix apply. The same functions price search results and bookings, so a quote and
-- a charge can only differ when the inputs (seats sold, days to departure) really changed.
--
-- Its functions, triggers and grants: supabase/routines/40_fares_and_search.sql (current definitions,
-- re-applied when they change; see supabase/README.md).

create table traqora.fare_families (
  code text primary key check (code in ('basic', 'standard', 'flex')),
  name text not null,
  rank int not null unique,
  price_multiplier numeric(4, 2) not null check (price_multiplier > 0),
  refundable boolean not null,
  refund_penalty_minor bigint not null default 0 check (refund_penalty_minor >= 0),  -- per seated passenger
  changeable boolean not null,
  change_penalty_minor bigint not null default 0 check (change_penalty_minor >= 0),
  checked_bags int not null default 0,
  seat_selection text not null check (seat_selection in ('paid', 'standard', 'any')),
  -- cabins a family is sold in: basic is an economy product
  cabins text[] not null
);
insert into traqora.fare_families values
  ('basic', 'Basic', 1, 1.00, false, 0, false, 0, 0, 'paid', array['economy']),
  ('standard', 'Standard', 2, 1.18, true, 7500, true, 5000, 1, 'standard', array['economy', 'premium_economy', 'business', 'first']),
  ('flex', 'Flex', 3, 1.45, true, 0, true, 0, 2, 'any', array['economy', 'premium_economy', 'business', 'first']);
alter table traqora.fare_families enable row level security;

create index flights_origin_day_idx on traqora.flights (origin, departure_date);
create index flights_destination_departure_idx on traqora.flights (destination, departs_at);
