-- Flight disruptions: the console's schedule table, delays and cancellations. A cancellation
-- refunds every paid booking on the flight in full and cancels its unpaid holds, by policy and
-- without review; a delay beyond the governed threshold gives the flight's paid bookings free
-- cancellation. Each change is one call: flight locked, bookings written, audit row appended,
-- then the events (flight.status_changed from the flights trigger, then the bookings' own).
-- Tables: supabase/migrations/20261207000200_disruptions.sql.
--
-- Lock order (so a disruption cannot deadlock with bookings being made, paid or cancelled):
-- the flight row (no key update: new bookings' foreign keys still pass), then the bookings on
-- it in id order, then the seat inventory of every flight those bookings use, in flight id
-- order (as create_booking locks it), then the audit head, then the event lock.

-- A flight as the console shows it: schedule, status, how far it moved, what is booked on it.
create or replace function traqora.admin_flight_json(p_flight bigint) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', f.id, 'airline', f.airline, 'airline_name', a.name, 'flight_number', f.flight_number,
    'designator', f.airline || f.flight_number::text,
    'origin', f.origin, 'destination', f.destination, 'departure_date', f.departure_date,
    'origin_time_zone', (select ap.time_zone from traqora.airports ap where ap.iata = f.origin),
    'departs_at', f.departs_at, 'arrives_at', f.arrives_at, 'status', f.status,
    'scheduled_departs_at', coalesce(f.scheduled_departs_at, f.departs_at),
    'scheduled_arrives_at', coalesce(f.scheduled_arrives_at, f.arrives_at),
    'delay_minutes', (extract(epoch from f.departs_at - coalesce(f.scheduled_departs_at, f.departs_at)) / 60)::int,
    'disruption_reason', f.disruption_reason, 'updated_at', f.updated_at,
    'seats_available', (select coalesce(sum(c.seats_available), 0) from traqora.flight_cabins c where c.flight_id = f.id),
    'capacity', (select coalesce(sum(c.capacity), 0) from traqora.flight_cabins c where c.flight_id = f.id),
    'bookings', (select jsonb_build_object(
                   'held', count(*) filter (where b.status = 'held'),
                   'paid', count(*) filter (where b.status = 'paid'),
                   'refunded', count(*) filter (where b.status = 'refunded'),
                   'cancelled', count(*) filter (where b.status = 'cancelled'))
                 from traqora.booking_segments s join traqora.bookings b on b.id = s.booking_id where s.flight_id = f.id))
  from traqora.flights f join traqora.airlines a on a.iata = f.airline
  where f.id = p_flight;
$$;

-- One flight for the console (404 when there is none).
create or replace function public.admin_get_flight(p_flight_id bigint) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v jsonb := traqora.admin_flight_json(p_flight_id);
begin
  if v is null then perform traqora.raise_problem('TQ404', 'No flight with that id.', 'id'); end if;
  return v;
end $$;

-- The schedule, by departure then id, keyset-paged on (departs_at, id). p_q matches a flight
-- designator ("BA117", "117") or an airport code.
create or replace function public.admin_list_flights(
  p_airline text default null, p_status text default null, p_origin text default null, p_destination text default null,
  p_from timestamptz default null, p_to timestamptz default null, p_q text default null,
  p_after_departs timestamptz default null, p_after_id bigint default null, p_limit int default 50) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 50), 1), 200);
  v_q text := upper(nullif(regexp_replace(coalesce(p_q, ''), '\s', '', 'g'), ''));
  v_ids bigint[];
  v_last traqora.flights;
begin
  if p_status is not null and p_status not in ('scheduled', 'delayed', 'boarding', 'departed', 'landed', 'cancelled') then
    perform traqora.raise_problem('TQ400', 'unknown flight status', 'status');
  end if;
  select array_agg(id order by departs_at, id) into v_ids
  from (select f.id, f.departs_at from traqora.flights f
        where (p_airline is null or f.airline = upper(p_airline))
          and (p_status is null or f.status = p_status)
          and (p_origin is null or f.origin = upper(p_origin))
          and (p_destination is null or f.destination = upper(p_destination))
          and (p_from is null or f.departs_at >= p_from)
          and (p_to is null or f.departs_at < p_to)
          and (v_q is null or f.airline || f.flight_number::text = v_q or f.flight_number::text = v_q
               or f.origin = v_q or f.destination = v_q)
          and (p_after_departs is null or (f.departs_at, f.id) > (p_after_departs, p_after_id))
        order by f.departs_at, f.id limit v_limit + 1) s;
  v_ids := coalesce(v_ids, '{}');
  if cardinality(v_ids) > v_limit then
    v_ids := v_ids[1:v_limit];
    select * into v_last from traqora.flights where id = v_ids[v_limit];
  end if;
  return jsonb_build_object(
    'data', coalesce((select jsonb_agg(traqora.admin_flight_json(i) order by o) from unnest(v_ids) with ordinality as t(i, o)), '[]'::jsonb),
    'next', case when v_last.id is null then null else jsonb_build_object('departs_at', v_last.departs_at, 'id', v_last.id) end);
end $$;

-- Closes a paid booking with p_refund going back to the traveller and the rest of the escrow
-- to the airlines by segment share. Ledger rail: the postings, here. Soroban rail: one
-- cancellation settlement per segment in the chain_settlements outbox (the rail's settle()
-- sends them with the server signer). Returns seats. The caller has locked the booking and
-- emits the events after its last write.
create or replace function traqora.refund_paid_booking(p_booking uuid, p_refund bigint, p_note text) returns void
language plpgsql set search_path = '' as $$
declare
  v traqora.bookings;
  v_escrow bigint;
  v_tx bigint;
  v_rest bigint;
  v_paid bigint := 0;
  v_back bigint := 0;
  s record;
begin
  select * into v from traqora.bookings where id = p_booking;
  if v.status <> 'paid' then
    perform traqora.raise_problem('TQ409', format('This booking is %s; only a paid booking is refunded from escrow.', v.status), 'status');
  end if;
  if p_refund < 0 or p_refund > v.total_minor then
    perform traqora.raise_problem('TQ422', 'The refund must be between 0 and what the booking paid.', 'refund_minor');
  end if;
  v_rest := v.total_minor - p_refund;
  if v.payment_rail = 'soroban' then
    perform traqora.queue_chain_settlement(v.id, 'cancellation', p_refund);
    -- points that paid part of the fare come back in proportion to the refund, as below; only
    -- the points move here: the escrow splits the refund's money on chain (the sponsored share
    -- back to the loyalty-liability account)
    if p_refund > 0 then
      perform traqora.loyalty_return_redemption(v.id, p_refund, v.total_minor);
    end if;
  else
    v_escrow := traqora.ledger_account('escrow', v.currency, null, null, v.id);
    if p_refund > 0 then
      -- points that paid part of the fare come back as points (in proportion to the refund), and
      -- their money to the loyalty-liability account that paid it in, as confirm_cancellation does
      v_back := coalesce((traqora.loyalty_return_redemption(v.id, p_refund, v.total_minor)->>'returned_minor')::bigint, 0);
      v_tx := traqora.ledger_transaction('refund', v.id, p_note || ', ' || v.pnr);
      perform traqora.post(v_tx, v_escrow, -p_refund, v.currency);
      perform traqora.post(v_tx, traqora.ledger_account('wallet', v.currency, v.user_id), p_refund - v_back, v.currency);
      perform traqora.post(v_tx, traqora.ledger_account('loyalty_liability', v.currency), v_back, v.currency);
    end if;
    if v_rest > 0 then
      v_tx := traqora.ledger_transaction('cancellation_fee', v.id, 'Airline share after refund, ' || v.pnr);
      perform traqora.post(v_tx, v_escrow, -v_rest, v.currency);
      for s in select seq, airline, share_minor, count(*) over () as n from traqora.booking_segments where booking_id = v.id order by seq loop
        declare v_part bigint := case when s.seq = s.n then v_rest - v_paid else v_rest * s.share_minor / greatest(v.total_minor, 1) end;
        begin
          perform traqora.post(v_tx, traqora.ledger_account('airline', v.currency, null, s.airline), v_part, v.currency);
          v_paid := v_paid + v_part;
        end;
      end loop;
    end if;
  end if;
  update traqora.bookings set refund_minor = p_refund where id = v.id;
  update traqora.cancellation_quotes set superseded_at = now()
  where booking_id = v.id and confirmed_at is null and superseded_at is null;
  perform traqora.release_seats(v.id);
  perform traqora.set_status(v.id, case when p_refund > 0 then 'refunded' else 'cancelled' end, p_note);
end $$;

-- Delays or cancels one flight. p_status 'delayed' takes the new departure (later than the
-- current one) and optionally the new arrival (default: the same block time); 'cancelled'
-- refunds every paid booking on the flight in full and cancels its holds. A call that changes
-- nothing (the flight is already so) answers `changed: false` and writes nothing, so a retried
-- or concurrent cancellation refunds each booking exactly once.
create or replace function public.admin_set_flight_status(p_ctx jsonb, p_flight_id bigint, p_status text,
  p_departs_at timestamptz default null, p_arrives_at timestamptz default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  f traqora.flights;
  v_reason text := nullif(trim(p_ctx ->> 'reason'), '');
  v_actor uuid := nullif(p_ctx ->> 'actor', '')::uuid;
  v_departs timestamptz;
  v_arrives timestamptz;
  v_scheduled timestamptz;
  v_delay int;
  v_threshold int := traqora.parameter('disruption.free_cancellation_delay_seconds')::int / 60;   -- minutes
  v_booking traqora.bookings;
  v_refunded jsonb := '[]'::jsonb;     -- [{booking_id, refund_minor, was_paid}]
  v_waived uuid[] := '{}';
  v_before jsonb;
  r jsonb;
begin
  if p_status is null or p_status not in ('delayed', 'cancelled') then
    perform traqora.raise_problem('TQ400', 'status must be delayed or cancelled', 'status');
  end if;
  if v_reason is null or char_length(v_reason) not between 3 and 500 then
    perform traqora.raise_problem('TQ400', 'reason must be 3 to 500 characters', 'reason');
  end if;
  select * into f from traqora.flights where id = p_flight_id for no key update;
  if f.id is null then perform traqora.raise_problem('TQ404', 'No flight with that id.', 'id'); end if;
  v_before := jsonb_build_object('status', f.status, 'departs_at', f.departs_at, 'arrives_at', f.arrives_at);

  if p_status = 'cancelled' then
    if f.status = 'cancelled' then
      return jsonb_build_object('flight', traqora.admin_flight_json(f.id), 'changed', false, 'refunded', '[]'::jsonb, 'waived', '[]'::jsonb);
    end if;
    if f.status in ('departed', 'landed') or f.arrives_at <= now() then
      perform traqora.raise_problem('TQ409', 'The flight has flown; it can no longer be cancelled.', 'status');
    end if;
  else
    if f.status not in ('scheduled', 'delayed') or f.departs_at <= now() then
      perform traqora.raise_problem('TQ409', format('A %s flight cannot be delayed.', case when f.departs_at <= now() and f.status in ('scheduled', 'delayed') then 'departed' else f.status end), 'status');
    end if;
    if p_departs_at is null then perform traqora.raise_problem('TQ400', 'a delay needs the new departure time', 'departs_at'); end if;
    v_departs := p_departs_at;
    v_arrives := coalesce(p_arrives_at, p_departs_at + (f.arrives_at - f.departs_at));
    if v_departs = f.departs_at and v_arrives = f.arrives_at and f.status = 'delayed' then
      return jsonb_build_object('flight', traqora.admin_flight_json(f.id), 'changed', false, 'refunded', '[]'::jsonb, 'waived', '[]'::jsonb);
    end if;
    if v_departs <= f.departs_at then
      perform traqora.raise_problem('TQ422', 'The new departure must be later than the current one.', 'departs_at');
    end if;
    if v_departs > f.departs_at + interval '72 hours' then
      perform traqora.raise_problem('TQ422', 'A delay of more than 72 hours is a cancellation.', 'departs_at');
    end if;
    if v_arrives <= v_departs then
      perform traqora.raise_problem('TQ422', 'The new arrival must be after the new departure.', 'arrives_at');
    end if;
  end if;

  -- The bookings the change acts on, locked; then the seat inventory they return seats to.
  perform 1 from traqora.bookings b
  where b.id in (select s.booking_id from traqora.booking_segments s where s.flight_id = f.id) and b.status in ('held', 'paid')
  order by b.id for update;
  perform 1 from traqora.flight_cabins c
  where c.flight_id in (select s2.flight_id from traqora.booking_segments s1 join traqora.booking_segments s2 on s2.booking_id = s1.booking_id
                        where s1.flight_id = f.id union select f.id)
  order by c.flight_id, c.cabin for update;

  if p_status = 'cancelled' then
    -- bookings made while the inventory lock was awaited are in this loop too (read committed)
    for v_booking in
      select b.* from traqora.bookings b
      where b.id in (select s.booking_id from traqora.booking_segments s where s.flight_id = f.id) and b.status in ('held', 'paid')
      order by b.id for update
    loop
      if v_booking.status = 'paid' then
        perform traqora.refund_paid_booking(v_booking.id, v_booking.total_minor,
          format('Flight %s%s cancelled by the airline; full refund', f.airline, f.flight_number));
      elsif exists (select 1 from traqora.chain_payments p where p.booking_id = v_booking.id and p.status = 'submitted') then
        continue;   -- an on-chain payment is being confirmed: its booking is settled once it is
      else
        perform traqora.release_seats(v_booking.id);
        perform traqora.set_status(v_booking.id, 'cancelled', format('Flight %s%s cancelled by the airline before payment', f.airline, f.flight_number));
      end if;
      v_refunded := v_refunded || jsonb_build_object('booking_id', v_booking.id, 'pnr', v_booking.pnr,
        'was_paid', v_booking.status = 'paid', 'refund_minor', case when v_booking.status = 'paid' then v_booking.total_minor else 0 end,
        'currency', v_booking.currency);
    end loop;
    update traqora.flights set disruption_reason = v_reason where id = f.id;
  else
    v_scheduled := coalesce(f.scheduled_departs_at, f.departs_at);
    v_delay := (extract(epoch from v_departs - v_scheduled) / 60)::int;
    update traqora.flights
    set scheduled_departs_at = coalesce(scheduled_departs_at, departs_at), scheduled_arrives_at = coalesce(scheduled_arrives_at, arrives_at),
        departs_at = v_departs, arrives_at = v_arrives, disruption_reason = v_reason
    where id = f.id;
    if v_delay > v_threshold then
      with granted as (
        insert into traqora.booking_waivers (booking_id, kind, flight_id, delay_minutes, reason)
        select b.id, 'free_cancellation', f.id, v_delay,
               format('Flight %s%s is delayed by %s h %s min', f.airline, f.flight_number, v_delay / 60, v_delay % 60)
        from traqora.bookings b
        where b.id in (select s.booking_id from traqora.booking_segments s where s.flight_id = f.id) and b.status = 'paid'
        on conflict do nothing
        returning booking_id)
      select coalesce(array_agg(booking_id order by booking_id), '{}') into v_waived from granted;
    end if;
  end if;

  perform traqora.audit_append(p_ctx, case when p_status = 'cancelled' then 'flight.cancelled' else 'flight.delayed' end,
    'flight', f.id::text, v_before,
    jsonb_build_object('status', p_status, 'departs_at', coalesce(v_departs, f.departs_at), 'arrives_at', coalesce(v_arrives, f.arrives_at),
                       'bookings_refunded', jsonb_array_length(v_refunded), 'bookings_waived', cardinality(v_waived)));
  -- The status change emits flight.status_changed (trigger, routines/20_reference_data.sql); a
  -- delayed flight delayed again keeps its status, so its new times go out as flight.retimed.
  update traqora.flights set status = p_status where id = f.id;
  if p_status = 'delayed' and f.status = 'delayed' then
    perform traqora.emit_event('flight.retimed', 'flight', f.id::text, jsonb_build_object(
      'flight_id', f.id, 'airline', f.airline, 'flight_number', f.flight_number, 'origin', f.origin, 'destination', f.destination,
      'departure_date', f.departure_date, 'from_departs_at', f.departs_at, 'departs_at', v_departs, 'arrives_at', v_arrives,
      'delay_minutes', v_delay,
      -- the travellers to tell, as flight.status_changed carries them (routines/20_reference_data.sql):
      -- without them a re-delay reached nobody
      'bookings', coalesce((select jsonb_agg(jsonb_build_object('booking_id', b.id, 'pnr', b.pnr, 'user_id', b.user_id, 'status', b.status) order by b.pnr)
                            from traqora.booking_segments s join traqora.bookings b on b.id = s.booking_id
                            where s.flight_id = f.id and b.status in ('held', 'paid')), '[]'::jsonb)), v_actor);
  end if;
  for r in select value from jsonb_array_elements(v_refunded) loop
    perform traqora.emit_booking_event('booking.cancelled', (r ->> 'booking_id')::uuid, v_actor, jsonb_build_object(
      'quote_id', null, 'was_paid', (r ->> 'was_paid')::boolean, 'refund_minor', (r ->> 'refund_minor')::bigint, 'penalty_minor', 0,
      'refund_to', case when not (r ->> 'was_paid')::boolean then 'none'
                        when (select b.payment_rail from traqora.bookings b where b.id = (r ->> 'booking_id')::uuid) = 'soroban' then 'payer'
                        else 'wallet' end,
      'by_admin', true, 'cause', 'flight_cancelled', 'flight_id', f.id));
    if (r ->> 'refund_minor')::bigint > 0 then
      perform traqora.emit_booking_event('booking.refunded', (r ->> 'booking_id')::uuid, v_actor, jsonb_build_object(
        'quote_id', null, 'was_paid', true, 'refund_minor', (r ->> 'refund_minor')::bigint, 'penalty_minor', 0,
        'refund_to', case when (select b.payment_rail from traqora.bookings b where b.id = (r ->> 'booking_id')::uuid) = 'soroban' then 'payer' else 'wallet' end,
        'by_admin', true, 'cause', 'flight_cancelled', 'flight_id', f.id));
    end if;
  end loop;
  for i in 1 .. cardinality(v_waived) loop
    perform traqora.emit_booking_event('booking.free_cancellation_granted', v_waived[i], v_actor, jsonb_build_object(
      'flight_id', f.id, 'delay_minutes', v_delay));
  end loop;
  return jsonb_build_object('flight', traqora.admin_flight_json(f.id), 'changed', true, 'refunded', v_refunded,
                            'waived', to_jsonb(v_waived));
end $$;

-- A disruption refund: money a member of staff gives back on a booking of a DELAYED flight,
-- beyond what its fare's rules (and any free-cancellation waiver) give. Why a threshold here and
-- not on a cancellation: a cancelled flight's full refund is owed by policy (nobody chooses the
-- amount, so a second opinion adds nothing and would hold travellers' money hostage to a queue);
-- a delay's refund is a judgement (how much is a 2-hour delay worth on this fare?), and money a
-- single person chooses to release from escrow is what maker–checker exists for. A small amount
-- (≤ the governed disruption.refund_review_threshold_minor) is routine and pays at once, audited;
-- a larger one becomes a 'disruption' refund request (propose_refund) that a different finance or
-- admin user decides. Like every refund from escrow it closes the booking (refund_paid_booking).
-- Answers { outcome: 'refunded' | 'review', pnr, refund_minor, threshold_minor, request }.
create or replace function public.disruption_refund(p_ctx jsonb, p_flight_id bigint, p_pnr text, p_refund_minor bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  f traqora.flights;
  v traqora.bookings;
  v_reason text := nullif(trim(p_ctx ->> 'reason'), '');
  v_actor uuid := nullif(p_ctx ->> 'actor', '')::uuid;
  v_threshold bigint := traqora.parameter('disruption.refund_review_threshold_minor')::bigint;
  v_extra jsonb;
begin
  if v_reason is null or char_length(v_reason) not between 3 and 500 then
    perform traqora.raise_problem('TQ400', 'reason must be 3 to 500 characters', 'reason');
  end if;
  if v_actor is null then perform traqora.raise_problem('TQ403', 'A refund is given by a signed-in user.', 'actor'); end if;
  select * into f from traqora.flights where id = p_flight_id for no key update;
  if f.id is null then perform traqora.raise_problem('TQ404', 'No flight with that id.', 'id'); end if;
  if f.status <> 'delayed' then
    perform traqora.raise_problem('TQ409', format('This flight is %s: disruption refunds are for delayed flights (a cancellation already refunds in full).', f.status), 'id');
  end if;
  select b.* into v from traqora.bookings b
  where b.pnr = upper(p_pnr) and exists (select 1 from traqora.booking_segments s where s.booking_id = b.id and s.flight_id = f.id)
  for update;
  if v.id is null then perform traqora.raise_problem('TQ404', 'No booking with that reference on this flight.', 'pnr'); end if;
  if v.status <> 'paid' then
    perform traqora.raise_problem('TQ409', format('This booking is %s: only a paid booking, whose money is still in escrow, can be refunded.', v.status), 'pnr');
  end if;
  if p_refund_minor is null or p_refund_minor <= 0 or p_refund_minor > v.total_minor then
    perform traqora.raise_problem('TQ422', format('The refund must be between 1 and %s (what the booking paid).', v.total_minor), 'refund_minor');
  end if;

  if p_refund_minor > v_threshold then
    return jsonb_build_object('outcome', 'review', 'pnr', v.pnr, 'refund_minor', p_refund_minor, 'threshold_minor', v_threshold,
      'request', public.propose_refund(p_ctx, v.pnr, 'disruption', p_refund_minor));
  end if;

  if exists (select 1 from traqora.refund_requests where booking_id = v.id and status = 'pending') then
    perform traqora.raise_problem('TQ409', 'This booking already has a refund request waiting for a decision.', 'pnr');
  end if;
  perform traqora.refund_paid_booking(v.id, p_refund_minor,
    format('Disruption refund for the delay of flight %s%s', f.airline, f.flight_number));
  perform traqora.audit_append(p_ctx, 'booking.disruption_refunded', 'booking', v.pnr,
    jsonb_build_object('status', 'paid'),
    jsonb_build_object('status', 'refunded', 'refund_minor', p_refund_minor, 'currency', v.currency, 'flight_id', f.id, 'threshold_minor', v_threshold));
  v_extra := jsonb_build_object('quote_id', null, 'was_paid', true, 'refund_minor', p_refund_minor,
    'penalty_minor', v.total_minor - p_refund_minor,
    'refund_to', case when v.payment_rail = 'soroban' then 'payer' else 'wallet' end,
    'by_admin', true, 'cause', 'disruption_refund', 'flight_id', f.id);
  perform traqora.emit_booking_event('booking.cancelled', v.id, v_actor, v_extra);
  perform traqora.emit_booking_event('booking.refunded', v.id, v_actor, v_extra);
  return jsonb_build_object('outcome', 'refunded', 'pnr', v.pnr, 'refund_minor', p_refund_minor, 'threshold_minor', v_threshold, 'request', null);
end $$;

revoke execute on function public.admin_get_flight(bigint) from public, anon, authenticated;
revoke execute on function public.admin_list_flights(text, text, text, text, timestamptz, timestamptz, text, timestamptz, bigint, int) from public, anon, authenticated;
revoke execute on function public.admin_set_flight_status(jsonb, bigint, text, timestamptz, timestamptz) from public, anon, authenticated;
grant execute on function public.admin_get_flight(bigint) to service_role;
grant execute on function public.admin_list_flights(text, text, text, text, timestamptz, timestamptz, text, timestamptz, bigint, int) to service_role;
grant execute on function public.admin_set_flight_status(jsonb, bigint, text, timestamptz, timestamptz) to service_role;
revoke execute on function public.disruption_refund(jsonb, bigint, text, bigint) from public, anon, authenticated;
grant execute on function public.disruption_refund(jsonb, bigint, text, bigint) to service_role;
