-- Airline portal, money on chain and disruption refunds (issue #10). Functions:
-- supabase/routines/37_airline_portal.sql (portal, settlements), 65_disruptions.sql (refunds).

-- The portal lists an airline's booked segments flight by flight: the flights index on
-- (airline, departs_at, id) walks the schedule in order, this one finds each flight's segments
-- already in the list's order.
create index if not exists booking_segments_flight_booking_idx on traqora.booking_segments (flight_id, booking_id, seq);

-- The settlement outbox's failed rows, for the money-on-chain screen and its retry action.
create index if not exists chain_settlements_status_idx on traqora.chain_settlements (status, id desc);

-- A disruption refund (compensation a member of staff grants on a delayed flight's booking) of
-- at most this much pays at once; above it, it becomes a refund request that a different
-- finance or admin user decides (maker–checker). 0 sends every one to review.
insert into traqora.governed_parameters (key, value, unit, min_value, max_value, integral, description) values
  ('disruption.refund_review_threshold_minor', 20000, 'minor_units', 0, 1000000, true,
   'A disruption refund above this many minor units (20000 = USD 200) waits for a second person''s approval in the refund review queue; one at or below it pays at once.')
on conflict (key) do nothing;
