-- Flight disruptions: ops (or the airline's operator) delays or cancels a flight. A cancellation
-- refunds every paid booking on it in full, by policy; a long delay gives its bookings free
-- cancellation (a waiver the cancellation quote honours). Functions: routines/65_disruptions.sql.

-- The times a flight was first scheduled at, kept when a delay moves departs_at/arrives_at
-- (null: never moved), so delays are measured from the schedule, not from the last delay.
alter table traqora.flights
  add column scheduled_departs_at timestamptz,
  add column scheduled_arrives_at timestamptz,
  add column disruption_reason text check (disruption_reason is null or char_length(disruption_reason) between 3 and 500);
create index flights_airline_departs_idx on traqora.flights (airline, departs_at, id);
create index flights_status_departs_idx on traqora.flights (status, departs_at, id) where status in ('delayed', 'cancelled');

-- What a booking is allowed beyond its fare's conditions because of a disruption. Today one
-- kind: free cancellation (a full refund whatever the fare family), after a long delay.
create table traqora.booking_waivers (
  booking_id uuid not null references traqora.bookings on delete cascade,
  kind text not null check (kind in ('free_cancellation')),
  flight_id bigint not null references traqora.flights,
  delay_minutes int not null check (delay_minutes > 0),
  reason text not null,
  granted_at timestamptz not null default now(),
  primary key (booking_id, kind)
);
alter table traqora.booking_waivers enable row level security;

-- The delay (from the schedule) above which a flight's bookings may cancel for a full refund.
-- The unit list is the one routines-era migrations agree on (20261207000400_trq_governance.sql
-- sets the same), so either may run first.
alter table traqora.governed_parameters drop constraint if exists governed_parameters_unit_check;
alter table traqora.governed_parameters add constraint governed_parameters_unit_check
  check (unit in ('bps', 'points_per_usd', 'tier_credits_per_usd', 'multiplier', 'tier_credits', 'points', 'months', 'seconds', 'trq', 'count'));
insert into traqora.governed_parameters (key, value, unit, min_value, max_value, integral, description) values
  ('disruption.free_cancellation_delay_seconds', 10800, 'seconds', 1800, 86400, true,
   'A flight delayed by more than this many seconds from its schedule (10800 = 3 hours) gives its bookings free cancellation (full refund).')
on conflict (key) do nothing;
