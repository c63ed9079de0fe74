-- Bookings: seat holds, the booking state machine, idempotent creation, payment into escrow
-- on the ledger rail, release to airlines after the flight, and cancellation as quote →
-- confirm. Every read-then-write runs in one of these functions, in one transaction. The
-- functions that differ by payment rail (pay, release, cancel, expire) know both rails here;
-- the soroban rail's own functions are in 90_soroban_rail.sql.
-- Tables: supabase/migrations/20261126000600_bookings.sql (payment_rail: 20261127000100).
--
-- Every change emits its domain events (docs/events.md) as its last step: see emit_event in
-- 15_domain_events.sql for why nothing may be written after it.

-- release_booking returned void until it handed its event payload to the job (supabase/README.md).
drop function if exists traqora.release_booking(uuid, int);
-- release_flown_bookings took the fee from its caller until the fee became a governed parameter.
drop function if exists public.release_flown_bookings(int, interval, int);
-- pay_booking took no points until loyalty redemption at checkout.
drop function if exists public.pay_booking(uuid, text, bigint);
-- list_bookings and wallet_history answered everything at once until they were keyset-paged.
drop function if exists public.list_bookings(uuid);
drop function if exists public.wallet_history(uuid, text);

create or replace trigger bookings_touch before update on traqora.bookings for each row execute function traqora.touch_updated_at();

create or replace function traqora.enforce_booking_transition() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.status is distinct from old.status then
    if not exists (select 1 from traqora.booking_transitions where from_status = old.status and to_status = new.status) then
      raise exception using errcode = 'TQ409', message = format('A %s booking cannot become %s.', old.status, new.status), detail = 'status';
    end if;
    insert into traqora.booking_events (booking_id, from_status, to_status, note)
    values (new.id, old.status, new.status, coalesce(current_setting('traqora.transition_note', true), ''));
    if new.status in ('completed', 'expired', 'cancelled', 'refunded') then new.closed_at := now(); end if;
  end if;
  return new;
end $$;

create or replace trigger bookings_state_machine before update of status on traqora.bookings
  for each row execute function traqora.enforce_booking_transition();

create or replace function traqora.set_status(p_booking uuid, p_status text, p_note text) returns void
language plpgsql set search_path = '' as $$
begin
  perform set_config('traqora.transition_note', p_note, true);
  update traqora.bookings set status = p_status where id = p_booking;
end $$;

create or replace function traqora.new_pnr() returns text
language sql volatile set search_path = '' as $$
  -- 6 characters without the look-alikes 0/O and 1/I: 32^6 ≈ 10^9 codes
  select string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 1 + floor(random() * 32)::int, 1), '')
  from generate_series(1, 6);
$$;

-- Returns seats to inventory (a hold expired or a booking was cancelled).
create or replace function traqora.release_seats(p_booking uuid) returns void
language sql set search_path = '' as $$
  update traqora.flight_cabins fc
  set seats_available = fc.seats_available + (b.adults + b.children)
  from traqora.booking_segments s join traqora.bookings b on b.id = s.booking_id
  where s.booking_id = p_booking and fc.flight_id = s.flight_id and fc.cabin = b.cabin;
$$;

create or replace function traqora.booking_json(p_booking uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', b.id, 'pnr', b.pnr, 'status', b.status, 'cabin', b.cabin,
    'fare_family', b.fare_family, 'fare_family_name', ff.name, 'conditions', b.conditions,
    'passenger_counts', jsonb_build_object('adults', b.adults, 'children', b.children, 'infants', b.infants),
    'price', jsonb_build_object('currency', b.currency, 'base_minor', b.base_minor, 'taxes_minor', b.taxes_minor, 'total_minor', b.total_minor),
    'refund_minor', b.refund_minor,
    'contact', b.contact,
    'hold_expires_at', b.hold_expires_at, 'created_at', b.created_at, 'paid_at', b.paid_at, 'closed_at', b.closed_at,
    'departs_at', (select min(f.departs_at) from traqora.booking_segments s join traqora.flights f on f.id = s.flight_id where s.booking_id = b.id),
    'arrives_at', (select max(f.arrives_at) from traqora.booking_segments s join traqora.flights f on f.id = s.flight_id where s.booking_id = b.id),
    'segments', (select jsonb_agg(traqora.segment_json(s.flight_id) || jsonb_build_object('seq', s.seq, 'slice', s.slice) order by s.seq)
                 from traqora.booking_segments s where s.booking_id = b.id),
    'passengers', (select jsonb_agg(jsonb_build_object('seq', p.seq, 'type', p.type, 'title', p.title, 'given_name', p.given_name,
                                     'family_name', p.family_name, 'date_of_birth', p.date_of_birth, 'gender', p.gender,
                                     'document', p.document, 'infant_of', p.infant_of) order by p.seq)
                   from traqora.booking_passengers p where p.booking_id = b.id),
    'timeline', (select jsonb_agg(jsonb_build_object('status', e.to_status, 'from', e.from_status, 'note', e.note, 'at', e.created_at) order by e.id)
                 from traqora.booking_events e where e.booking_id = b.id),
    'payments', coalesce((select jsonb_agg(jsonb_build_object('kind', t.kind, 'memo', t.memo, 'at', t.created_at,
                                   'amount_minor', (select sum(p.amount_minor) from traqora.ledger_postings p
                                                    join traqora.ledger_accounts a on a.id = p.account_id
                                                    where p.transaction_id = t.id and a.kind = 'escrow')) order by t.id)
                          from traqora.ledger_transactions t where t.booking_id = b.id and t.kind in ('payment', 'refund', 'release', 'cancellation_fee')), '[]'::jsonb),
    -- allowances beyond the fare's conditions, granted by a disruption (routines/65_disruptions.sql)
    'waivers', coalesce((select jsonb_agg(jsonb_build_object('kind', w.kind, 'reason', w.reason, 'flight_id', w.flight_id,
                                                             'delay_minutes', w.delay_minutes, 'granted_at', w.granted_at) order by w.granted_at)
                         from traqora.booking_waivers w where w.booking_id = b.id), '[]'::jsonb),
    'escrow_balance_minor', coalesce((select traqora.account_balance(a.id) from traqora.ledger_accounts a where a.kind = 'escrow' and a.booking_id = b.id), 0),
    -- What the traveller may do now (Duffel's available_actions), so clients don't re-derive rules.
    'available_actions', to_jsonb(array_remove(array[
      case when b.status = 'held' and b.hold_expires_at > now() then 'pay' end,
      case when b.status = 'held' or (b.status = 'paid' and (select min(f.departs_at) from traqora.booking_segments s
                                                              join traqora.flights f on f.id = s.flight_id where s.booking_id = b.id) > now())
           then 'cancel' end], null)))
  from traqora.bookings b join traqora.fare_families ff on ff.code = b.fare_family
  where b.id = p_booking;
$$;

-- Loads a booking for update, for its owner (or an admin when p_admin).
create or replace function traqora.lock_booking(p_user_id uuid, p_pnr text, p_admin boolean default false)
returns traqora.bookings language plpgsql set search_path = '' as $$
declare
  v traqora.bookings;
begin
  select * into v from traqora.bookings where pnr = upper(p_pnr) for update;
  if v.id is null or (v.user_id <> p_user_id and not p_admin) then
    perform traqora.raise_problem('TQ404', 'No booking with that reference.', 'pnr');
  end if;
  return v;
end $$;

-- A booking's domain event: what a consumer needs without reading the booking tables (who,
-- what was sold, the money, each flight), plus p_extra.
create or replace function traqora.booking_event_payload(p_booking uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'booking_id', b.id, 'pnr', b.pnr, 'user_id', b.user_id, 'status', b.status,
    'cabin', b.cabin, 'fare_family', b.fare_family, 'payment_rail', b.payment_rail,
    'currency', b.currency, 'base_minor', b.base_minor, 'taxes_minor', b.taxes_minor, 'total_minor', b.total_minor,
    'refund_minor', b.refund_minor, 'hold_expires_at', b.hold_expires_at,
    'passengers', jsonb_build_object('adults', b.adults, 'children', b.children, 'infants', b.infants),
    'segments', (select jsonb_agg(jsonb_build_object('seq', s.seq, 'slice', s.slice, 'flight_id', s.flight_id, 'airline', s.airline,
                                    'flight_number', f.flight_number, 'origin', f.origin, 'destination', f.destination,
                                    'departs_at', f.departs_at, 'arrives_at', f.arrives_at,
                                    -- the timetable's times: departs_at/arrives_at move with a delay or a landing report
                                    'scheduled_departs_at', coalesce(f.scheduled_departs_at, f.departs_at),
                                    'scheduled_arrives_at', coalesce(f.scheduled_arrives_at, f.arrives_at),
                                    'share_minor', s.share_minor) order by s.seq)
                 from traqora.booking_segments s join traqora.flights f on f.id = s.flight_id where s.booking_id = b.id))
  from traqora.bookings b where b.id = p_booking;
$$;

create or replace function traqora.emit_booking_event(p_type text, p_booking uuid, p_actor uuid default null, p_extra jsonb default '{}'::jsonb)
returns void language plpgsql set search_path = '' as $$
begin
  perform traqora.emit_event(p_type, 'booking', p_booking::text, traqora.booking_event_payload(p_booking) || coalesce(p_extra, '{}'::jsonb), p_actor);
end $$;

-- Creates a booking and holds its seats for 15 minutes, pending payment.
-- p_slices are the offer's flights (see price_offer); p_expected_total is the price the
-- traveller agreed to: if repricing now gives another total, nothing is written (409).
create or replace function public.create_booking(
  p_user_id uuid, p_idempotency_key text, p_request_hash text,
  p_slices jsonb, p_cabin text, p_fare_family text,
  p_passengers jsonb, p_contact jsonb, p_expected_total bigint, p_currency text default 'USD')
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_adults int; v_children int; v_infants int; v_seats int;
  v_price jsonb;
  v_booking uuid;
  v_pnr text;
  v_stored traqora.idempotency_keys;
  v_inserted boolean;
  v_result jsonb;
  v_locked int;
  v_fare_total bigint;
  v_flight_ids bigint[];
begin
  perform traqora.refuse_suspended(p_user_id);
  -- Idempotency first: a retry returns the stored answer and changes nothing.
  insert into traqora.idempotency_keys (user_id, scope, key, request_hash)
  values (p_user_id, 'booking.create', p_idempotency_key, p_request_hash)
  on conflict do nothing
  returning true into v_inserted;
  if v_inserted is null then
    select * into v_stored from traqora.idempotency_keys
    where user_id = p_user_id and scope = 'booking.create' and key = p_idempotency_key;
    if v_stored.request_hash <> p_request_hash then
      perform traqora.raise_problem('TQ422', 'This Idempotency-Key was used for a different request.', 'Idempotency-Key');
    end if;
    return v_stored.response || jsonb_build_object('replayed', true);
  end if;

  select count(*) filter (where value->>'type' = 'adult'), count(*) filter (where value->>'type' = 'child'),
         count(*) filter (where value->>'type' = 'infant')
    into v_adults, v_children, v_infants
  from jsonb_array_elements(p_passengers);
  v_seats := v_adults + v_children;
  if v_adults < 1 then perform traqora.raise_problem('TQ400', 'At least one adult must travel.', 'passengers'); end if;
  if v_infants > v_adults then perform traqora.raise_problem('TQ400', 'Each infant must travel on an adult''s lap.', 'passengers'); end if;
  if v_seats > 9 then perform traqora.raise_problem('TQ400', 'At most 9 seated passengers per booking.', 'passengers'); end if;
  v_flight_ids := array(select x.id::bigint from jsonb_array_elements(p_slices) s, jsonb_array_elements_text(s.value) x(id));
  if cardinality(v_flight_ids) not between 1 and 4 or cardinality(v_flight_ids) <> (select count(distinct x) from unnest(v_flight_ids) x) then
    perform traqora.raise_problem('TQ400', 'An offer has 1 to 4 distinct flights.', 'offer_id');
  end if;

  -- Lock the offer's seat inventory first (in flight id order, so concurrent bookings of
  -- overlapping itineraries cannot deadlock), then price what is really left.
  perform 1 from traqora.flight_cabins
  where flight_id = any (v_flight_ids) and cabin = p_cabin order by flight_id for update;
  v_price := public.price_offer(p_slices, p_cabin, p_fare_family, v_adults, v_children, v_infants);
  if not (v_price->>'available')::boolean then
    perform traqora.raise_problem('TQ409', coalesce(v_price->>'reason', 'Not enough seats are left on this offer.'), 'offer_id');
  end if;
  if (v_price->>'total_minor')::bigint <> p_expected_total or v_price->>'currency' <> p_currency then
    perform traqora.raise_problem('TQ409', 'The price of this offer has changed; review the new price.', 'offer_id');
  end if;

  -- Hold the seats; the guard (and the table's check) keeps availability from going negative.
  with locked as (
    update traqora.flight_cabins fc set seats_available = fc.seats_available - v_seats
    where fc.flight_id = any (v_flight_ids) and fc.cabin = p_cabin and fc.seats_available >= v_seats
    returning 1
  ) select count(*) into v_locked from locked;
  if v_locked <> cardinality(v_flight_ids) then
    perform traqora.raise_problem('TQ409', 'Not enough seats are left on this offer.', 'offer_id');
  end if;

  loop
    v_pnr := traqora.new_pnr();
    exit when not exists (select 1 from traqora.bookings where pnr = v_pnr);
  end loop;

  insert into traqora.bookings (pnr, user_id, cabin, fare_family, adults, children, infants, currency,
                                base_minor, taxes_minor, total_minor, conditions, contact, hold_expires_at)
  values (v_pnr, p_user_id, p_cabin, p_fare_family, v_adults, v_children, v_infants, p_currency,
          (v_price->>'base_minor')::bigint, (v_price->>'taxes_minor')::bigint, (v_price->>'total_minor')::bigint,
          v_price->'conditions', p_contact, now() + interval '15 minutes')
  returning id into v_booking;
  insert into traqora.booking_events (booking_id, from_status, to_status, note)
  values (v_booking, null, 'held', 'Seats held for 15 minutes');

  -- Each flight's share of the total, by its fare (the last takes the rounding remainder).
  select sum(traqora.segment_fare(fc.base_fare_minor, fc.capacity, fc.seats_available + v_seats, f.departs_at))
    into v_fare_total
  from unnest(v_flight_ids) x(id) join traqora.flights f on f.id = x.id
  join traqora.flight_cabins fc on fc.flight_id = f.id and fc.cabin = p_cabin;
  insert into traqora.booking_segments (booking_id, seq, slice, flight_id, airline, share_minor)
  select v_booking, x.ord,
         (select sl.ord from jsonb_array_elements(p_slices) with ordinality sl(v, ord) where sl.v @> to_jsonb(x.id))::int,
         f.id, f.airline,
         case when x.ord = cardinality(v_flight_ids)
              then (v_price->>'total_minor')::bigint - coalesce(sum(share) over (order by x.ord rows between unbounded preceding and 1 preceding), 0)
              else share end
  from unnest(v_flight_ids) with ordinality x(id, ord)
  join traqora.flights f on f.id = x.id
  join traqora.flight_cabins fc on fc.flight_id = f.id and fc.cabin = p_cabin
  cross join lateral (select ((v_price->>'total_minor')::bigint
                              * traqora.segment_fare(fc.base_fare_minor, fc.capacity, fc.seats_available + v_seats, f.departs_at)
                              / greatest(v_fare_total, 1))::bigint as share) sh;

  insert into traqora.booking_passengers (booking_id, seq, type, title, given_name, family_name, date_of_birth, gender, document, infant_of)
  select v_booking, p.ord, p.value->>'type', p.value->>'title', p.value->>'given_name', p.value->>'family_name',
         (p.value->>'date_of_birth')::date, p.value->>'gender', p.value->'document', (p.value->>'infant_of')::int
  from jsonb_array_elements(p_passengers) with ordinality p(value, ord);

  v_result := jsonb_build_object('booking', traqora.booking_json(v_booking));
  update traqora.idempotency_keys set response = v_result
  where user_id = p_user_id and scope = 'booking.create' and key = p_idempotency_key;
  perform traqora.emit_booking_event('booking.held', v_booking, p_user_id);
  return v_result;
end $$;

-- Pays a held booking from the traveller's ledger wallet into the booking's escrow account
-- (the ledger rail; the soroban rail pays on chain and confirms with confirm_chain_payment).
-- p_demo_funding_minor > 0 credits a wallet that was never funded with demo money first, so
-- the journey works offline. Paying a paid booking again charges nothing.
-- p_redeem_points > 0 pays part of the fare with loyalty points (traqora.loyalty_redeem, in this
-- transaction): the wallet pays the rest and the platform's loyalty-liability account pays the
-- redeemed part, so the escrow holds the full total and the airline is released the full fare.
create or replace function public.pay_booking(p_user_id uuid, p_pnr text, p_demo_funding_minor bigint default 0, p_redeem_points bigint default 0)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v traqora.bookings;
  v_wallet bigint;
  v_escrow bigint;
  v_tx bigint;
  v_funded bigint := 0;
  v_redeemed jsonb;
  v_discount bigint := 0;
begin
  if p_redeem_points is null or p_redeem_points < 0 then perform traqora.raise_problem('TQ400', 'points must be zero or more', 'points'); end if;
  perform traqora.refuse_suspended(p_user_id);
  v := traqora.lock_booking(p_user_id, p_pnr);
  if v.status = 'paid' or (v.status = 'completed' and v.paid_at is not null) then
    return jsonb_build_object('booking', traqora.booking_json(v.id) || traqora.booking_chain_json(v.id), 'replayed', true);
  end if;
  if v.status <> 'held' then
    perform traqora.raise_problem('TQ409', format('This booking is %s and cannot be paid.', v.status), 'status');
  end if;
  if v.hold_expires_at <= now() then
    perform traqora.raise_problem('TQ409', 'The seat hold has expired; search again to book.', 'hold_expires_at');
  end if;
  if exists (select 1 from traqora.chain_payments where booking_id = v.id and status = 'submitted') then
    perform traqora.raise_problem('TQ409', 'An on-chain payment for this booking is being confirmed.', 'status');
  end if;

  if p_redeem_points > 0 then
    v_redeemed := traqora.loyalty_redeem(p_user_id, v.id, v.pnr, v.base_minor, v.currency, p_redeem_points);
    v_discount := (v_redeemed->>'discount_minor')::bigint;
  end if;

  v_wallet := traqora.ledger_account('wallet', v.currency, p_user_id);
  if p_demo_funding_minor > 0 and not exists (select 1 from traqora.ledger_postings where account_id = v_wallet) then
    v_tx := traqora.ledger_transaction('demo_deposit', null, 'Demo funds for the ledger rail');
    perform traqora.post(v_tx, traqora.ledger_account('external', v.currency), -p_demo_funding_minor, v.currency);
    perform traqora.post(v_tx, v_wallet, p_demo_funding_minor, v.currency);
    v_funded := p_demo_funding_minor;
  end if;
  -- Serialise payments from one wallet so two bookings cannot both spend the same balance.
  perform 1 from traqora.ledger_accounts where id = v_wallet for update;
  if traqora.account_balance(v_wallet) < v.total_minor - v_discount then
    perform traqora.raise_problem('TQ409', 'Your wallet balance is too low to pay this booking.', 'wallet');
  end if;

  v_escrow := traqora.ledger_account('escrow', v.currency, null, null, v.id);
  v_tx := traqora.ledger_transaction('payment', v.id, 'Payment into escrow for ' || v.pnr);
  perform traqora.post(v_tx, v_wallet, -(v.total_minor - v_discount), v.currency);
  perform traqora.post(v_tx, traqora.ledger_account('loyalty_liability', v.currency), -v_discount, v.currency);
  perform traqora.post(v_tx, v_escrow, v.total_minor, v.currency);
  update traqora.bookings set paid_at = now(), payment_rail = 'ledger' where id = v.id;
  perform traqora.set_status(v.id, 'paid', 'Paid into escrow');
  perform traqora.emit_event('payment.confirmed', 'payment', 'ledger:' || v_tx, jsonb_build_object(
    'booking_id', v.id, 'pnr', v.pnr, 'user_id', v.user_id, 'payment_rail', 'ledger', 'amount_minor', v.total_minor - v_discount,
    'loyalty_minor', v_discount, 'currency', v.currency, 'ledger_transaction_id', v_tx, 'demo_funded_minor', v_funded), p_user_id);
  perform traqora.emit_booking_event('booking.paid', v.id, p_user_id,
    case when v_redeemed is null then '{}'::jsonb
         else jsonb_build_object('loyalty_redemption', jsonb_build_object('points', v_redeemed->'points', 'discount_minor', v_discount)) end);
  return jsonb_build_object('booking', traqora.booking_json(v.id) || traqora.booking_chain_json(v.id));
end $$;

-- Release after the flight: the ledger rail moves the money here; the soroban rail queues one
-- release per segment for the server signer (the escrow pays the airline and the fee). On the
-- ledger rail the fee is taken from the airline's payout, and the traveller's tier discount on it
-- (loyalty.fee_discount.<tier>) goes from that fee to the traveller's wallet, one posting each. Returns
-- what the booking.completed event adds (null when the booking was not paid), for the job to
-- emit once it has written everything.
create or replace function traqora.release_booking(p_booking uuid, p_fee_bps int) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v traqora.bookings;
  v_escrow bigint;
  v_balance bigint;
  v_tx bigint;
  v_fee bigint;
  v_discount jsonb;
  v_rebate bigint;
  s record;
  v_paid bigint := 0;
  v_payouts jsonb := '[]'::jsonb;
begin
  select * into v from traqora.bookings where id = p_booking for update;
  if v.status <> 'paid' then return null; end if;
  if v.payment_rail = 'soroban' then
    perform traqora.queue_chain_settlement(v.id, 'release', 0);
    perform traqora.set_status(v.id, 'completed', 'Flown; release to the airline sent to the escrow contract');
    return jsonb_build_object('settlement', 'queued');
  end if;
  v_escrow := traqora.ledger_account('escrow', v.currency, null, null, v.id);
  v_balance := traqora.account_balance(v_escrow);
  v_fee := v_balance * p_fee_bps / 10000;
  -- the traveller's tier gives part of the fee back to them (the airline's payout does not depend
  -- on who flew); the loyalty domain says how much (95_loyalty.sql)
  v_discount := traqora.loyalty_fee_discount(v.user_id, v_fee);
  v_rebate := (v_discount->>'amount_minor')::bigint;
  v_tx := traqora.ledger_transaction('release', v.id, 'Released to the airline after the flight, ' || v.pnr);
  perform traqora.post(v_tx, v_escrow, -v_balance, v.currency);
  perform traqora.post(v_tx, traqora.ledger_account('platform_fees', v.currency), v_fee - v_rebate, v.currency);
  perform traqora.post(v_tx, traqora.ledger_account('wallet', v.currency, v.user_id), v_rebate, v.currency);
  for s in select seq, airline, share_minor, count(*) over () as n from traqora.booking_segments where booking_id = v.id order by seq loop
    declare v_part bigint := case when s.seq = s.n then v_balance - v_fee - v_paid
                                  else (v_balance - v_fee) * s.share_minor / greatest(v.total_minor, 1) end;
    begin
      perform traqora.post(v_tx, traqora.ledger_account('airline', v.currency, null, s.airline), v_part, v.currency);
      v_paid := v_paid + v_part;
      v_payouts := v_payouts || jsonb_build_object('seq', s.seq, 'airline', s.airline, 'amount_minor', v_part);
    end;
  end loop;
  perform traqora.set_status(v.id, 'completed', 'Flown; escrow released to the airline');
  return jsonb_build_object('settlement', 'ledger', 'fee_bps', p_fee_bps, 'fee_minor', v_fee, 'payouts', v_payouts, 'ledger_transaction_id', v_tx,
                            'fee_discount', v_discount);
end $$;

-- Job: completes bookings whose last flight landed more than p_after ago, releasing escrow
-- less the platform fee in force: the governed parameter, read in this transaction, so a fee
-- changed by governance applies from the next release on (routines/12_parameters.sql).
create or replace function public.release_flown_bookings(p_after interval default '2 hours', p_limit int default 500)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_fee_bps int := traqora.platform_fee_bps();
  v_id uuid;
  v_count int := 0;
  v_extra jsonb;
  v_done jsonb := '{}'::jsonb;
begin
  for v_id in
    select b.id from traqora.bookings b
    where b.status = 'paid'
      and (select max(f.arrives_at) from traqora.booking_segments s join traqora.flights f on f.id = s.flight_id where s.booking_id = b.id) < now() - p_after
      and not exists (select 1 from traqora.booking_segments s join traqora.flights f on f.id = s.flight_id
                      where s.booking_id = b.id and f.status = 'cancelled')
      and not traqora.booking_frozen(b.id)   -- disputed: frozen until settled (routines/67_disputes.sql)
    order by b.paid_at limit p_limit
    for update of b skip locked
  loop
    v_extra := traqora.release_booking(v_id, v_fee_bps);
    if v_extra is not null then v_done := v_done || jsonb_build_object(v_id::text, v_extra); end if;
    v_count := v_count + 1;
  end loop;
  -- events last, after every booking is written (emit_event's lock)
  for v_id, v_extra in select key::uuid, value from jsonb_each(v_done) order by key loop
    perform traqora.emit_booking_event('booking.completed', v_id, null, v_extra);
  end loop;
  return jsonb_build_object('released', v_count);
end $$;

-- Job: expires holds that were not paid in time and returns their seats. Holds with an
-- on-chain payment still being confirmed are not expired for another 30 minutes: the quote the
-- traveller signed ends with the hold, so a payment that lands did so in time.
create or replace function public.expire_holds(p_limit int default 1000) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid;
  v_count int := 0;
  v_expired uuid[] := '{}';
begin
  for v_id in
    select b.id from traqora.bookings b
    where b.status = 'held' and b.hold_expires_at <= now()
      and not exists (select 1 from traqora.chain_payments p where p.booking_id = b.id and p.status = 'submitted'
                      and b.hold_expires_at > now() - interval '30 minutes')
    order by b.hold_expires_at limit p_limit for update of b skip locked
  loop
    perform traqora.release_seats(v_id);
    perform traqora.set_status(v_id, 'expired', 'Seat hold expired unpaid');
    v_expired := v_expired || v_id;
    v_count := v_count + 1;
  end loop;
  -- events last, after every hold is released (emit_event's lock)
  foreach v_id in array v_expired loop
    perform traqora.emit_booking_event('booking.expired', v_id);
  end loop;
  return jsonb_build_object('expired', v_count);
end $$;

-- What cancelling would refund now, under the conditions sold with the fare. The quote is
-- valid for 15 minutes and supersedes earlier quotes; only it can be confirmed.
create or replace function public.quote_cancellation(p_user_id uuid, p_pnr text, p_admin boolean default false)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v traqora.bookings;
  v_refund bigint;
  v_penalty bigint;
  v_reason text;
  v_quote uuid;
  v_departs timestamptz;
begin
  v := traqora.lock_booking(p_user_id, p_pnr, p_admin);
  select min(f.departs_at) into v_departs from traqora.booking_segments s join traqora.flights f on f.id = s.flight_id where s.booking_id = v.id;
  if v.status = 'held' then
    v_refund := 0; v_penalty := 0; v_reason := 'Nothing was charged: the seat hold is released.';
  elsif v.status = 'paid' then
    if v_departs <= now() then
      perform traqora.raise_problem('TQ409', 'The flight has departed; this booking can no longer be cancelled.', 'status');
    end if;
    if exists (select 1 from traqora.booking_waivers w where w.booking_id = v.id and w.kind = 'free_cancellation') then
      v_penalty := 0;
      v_refund := v.total_minor;
      v_reason := (select 'Free cancellation: ' || lower(left(w.reason, 1)) || substr(w.reason, 2) || '; the full amount is refunded.'
                   from traqora.booking_waivers w where w.booking_id = v.id and w.kind = 'free_cancellation');
    elsif (v.conditions->>'refundable')::boolean then
      v_penalty := least(v.total_minor, (v.conditions->>'refund_penalty_minor')::bigint * (v.adults + v.children));
      v_refund := v.total_minor - v_penalty;
      v_reason := case when v_penalty = 0 then 'Refundable fare: the full amount is refunded.'
                       else 'Refundable fare, less the cancellation fee per passenger.' end;
    else
      -- Non-refundable fares still return the taxes that are charged per passenger flown.
      v_refund := v.taxes_minor;
      v_penalty := v.total_minor - v_refund;
      v_reason := 'Non-refundable fare: only taxes and fees are refunded.';
    end if;
  else
    perform traqora.raise_problem('TQ409', format('This booking is %s and cannot be cancelled.', v.status), 'status');
  end if;

  update traqora.cancellation_quotes set superseded_at = now()
  where booking_id = v.id and confirmed_at is null and superseded_at is null;
  insert into traqora.cancellation_quotes (booking_id, refund_minor, penalty_minor, currency, refund_to, reason, expires_at)
  values (v.id, v_refund, v_penalty, v.currency, case when v.status = 'paid' then 'wallet' else 'none' end, v_reason, now() + interval '15 minutes')
  returning id into v_quote;
  perform traqora.emit_booking_event('booking.cancellation_quoted', v.id, p_user_id, jsonb_build_object(
    'quote_id', v_quote, 'quoted_refund_minor', v_refund, 'quoted_penalty_minor', v_penalty, 'by_admin', coalesce(p_admin, false)));
  return traqora.quote_json(v_quote);
end $$;

create or replace function traqora.quote_json(p_quote uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('id', q.id, 'pnr', b.pnr, 'refund_minor', q.refund_minor, 'penalty_minor', q.penalty_minor,
                            'currency', q.currency, 'refund_to', q.refund_to, 'reason', q.reason, 'expires_at', q.expires_at,
                            'confirmed_at', q.confirmed_at, 'total_paid_minor', case when b.paid_at is null then 0 else b.total_minor end)
  from traqora.cancellation_quotes q join traqora.bookings b on b.id = q.booking_id where q.id = p_quote;
$$;

-- Executes exactly a quote: refunds its amount, pays the penalty to the airlines, returns the
-- seats. Confirming the same quote again answers the same result and moves no money.
-- Ledger rail: moves the money here. Soroban rail: queues one
-- cancellation settlement per segment (refund to the payer, the rest to the airline less the
-- fee), which the server signer submits; the booking's state changes now, the chain follows.
create or replace function public.confirm_cancellation(p_user_id uuid, p_pnr text, p_quote_id uuid, p_admin boolean default false)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v traqora.bookings;
  q traqora.cancellation_quotes;
  v_escrow bigint;
  v_tx bigint;
  s record;
  v_paid bigint := 0;
  v_extra jsonb;
  v_returned jsonb;
  v_back bigint := 0;
begin
  v := traqora.lock_booking(p_user_id, p_pnr, p_admin);
  select * into q from traqora.cancellation_quotes where id = p_quote_id and booking_id = v.id;
  if q.id is null then perform traqora.raise_problem('TQ404', 'No such cancellation quote for this booking.', 'quote_id'); end if;
  if q.confirmed_at is not null then
    return jsonb_build_object('quote', traqora.quote_json(q.id), 'booking', traqora.booking_json(v.id) || traqora.booking_chain_json(v.id), 'replayed', true);
  end if;
  if q.superseded_at is not null then perform traqora.raise_problem('TQ409', 'A newer quote replaced this one; confirm the latest quote.', 'quote_id'); end if;
  if q.expires_at <= now() then perform traqora.raise_problem('TQ409', 'This quote has expired; ask for a new one.', 'quote_id'); end if;
  if v.status not in ('held', 'paid') or (v.status = 'paid') <> (q.refund_to = 'wallet') then
    perform traqora.raise_problem('TQ409', format('This booking is %s; ask for a new quote.', v.status), 'status');
  end if;
  -- a disputed booking's escrow is frozen until the dispute settles it (routines/67_disputes.sql)
  if traqora.booking_frozen(v.id) then perform traqora.raise_problem('TQ409', 'This booking is disputed: its escrow is frozen until the dispute is settled.', 'status'); end if;
  if v.status = 'held' and exists (select 1 from traqora.chain_payments where booking_id = v.id and status = 'submitted') then
    perform traqora.raise_problem('TQ409', 'An on-chain payment for this booking is being confirmed; cancel once it is.', 'status');
  end if;

  if v.status = 'paid' and v.payment_rail = 'soroban' then
    perform traqora.queue_chain_settlement(v.id, 'cancellation', q.refund_minor);
    -- points that paid part of the fare (a quote's hold spent at confirmation) come back in
    -- proportion to the refund, as on the ledger rail. Only the points move here: the refund's
    -- money is split on chain by the escrow (the sponsored share back to the liability account).
    v_returned := traqora.loyalty_return_redemption(v.id, q.refund_minor, v.total_minor);
    v_back := coalesce((v_returned->>'returned_minor')::bigint, 0);
    update traqora.bookings set refund_minor = q.refund_minor where id = v.id;
  elsif v.status = 'paid' then
    v_escrow := traqora.ledger_account('escrow', v.currency, null, null, v.id);
    -- points that paid part of the fare come back as points, in proportion to the refund; their
    -- money goes back to the loyalty-liability account that paid it in, the rest to the wallet
    v_returned := traqora.loyalty_return_redemption(v.id, q.refund_minor, v.total_minor);
    v_back := coalesce((v_returned->>'returned_minor')::bigint, 0);
    v_tx := traqora.ledger_transaction('refund', v.id, 'Refund for cancelled booking ' || v.pnr);
    perform traqora.post(v_tx, v_escrow, -q.refund_minor, v.currency);
    perform traqora.post(v_tx, traqora.ledger_account('wallet', v.currency, v.user_id), q.refund_minor - v_back, v.currency);
    perform traqora.post(v_tx, traqora.ledger_account('loyalty_liability', v.currency), v_back, v.currency);
    if q.penalty_minor > 0 then
      v_tx := traqora.ledger_transaction('cancellation_fee', v.id, 'Cancellation fee for ' || v.pnr);
      perform traqora.post(v_tx, v_escrow, -q.penalty_minor, v.currency);
      for s in select seq, airline, share_minor, count(*) over () as n from traqora.booking_segments where booking_id = v.id order by seq loop
        declare v_part bigint := case when s.seq = s.n then q.penalty_minor - v_paid
                                      else q.penalty_minor * s.share_minor / greatest(v.total_minor, 1) end;
        begin
          perform traqora.post(v_tx, traqora.ledger_account('airline', v.currency, null, s.airline), v_part, v.currency);
          v_paid := v_paid + v_part;
        end;
      end loop;
    end if;
    update traqora.bookings set refund_minor = q.refund_minor where id = v.id;
  end if;
  perform traqora.release_seats(v.id);
  update traqora.cancellation_quotes set confirmed_at = now() where id = q.id;
  perform traqora.set_status(v.id, case when q.refund_minor > 0 then 'refunded' else 'cancelled' end,
                             case when v.status = 'held' then 'Cancelled before payment'
                                  when q.refund_minor > 0 and v.payment_rail = 'soroban' then 'Cancelled by the traveller; refund from the on-chain escrow to the paying wallet'
                                  when q.refund_minor > 0 then 'Cancelled by the traveller; refund to wallet'
                                  else 'Cancelled by the traveller; fare not refundable' end);
  -- booking.cancelled for every cancellation; booking.refunded too when money goes back
  v_extra := jsonb_build_object('quote_id', q.id, 'was_paid', v.status = 'paid', 'refund_minor', q.refund_minor,
    'penalty_minor', q.penalty_minor, 'refund_to', case when q.refund_to = 'none' then 'none' when v.payment_rail = 'soroban' then 'payer' else 'wallet' end,
    'by_admin', coalesce(p_admin, false))
    || case when v_returned is null then '{}'::jsonb
            else jsonb_build_object('loyalty_returned', jsonb_build_object('points', v_returned->'points', 'returned_minor', v_back)) end;
  perform traqora.emit_booking_event('booking.cancelled', v.id, p_user_id, v_extra);
  if q.refund_minor > 0 then
    perform traqora.emit_booking_event('booking.refunded', v.id, p_user_id, v_extra);
  end if;
  return jsonb_build_object('quote', traqora.quote_json(q.id), 'booking', traqora.booking_json(v.id) || traqora.booking_chain_json(v.id));
end $$;

-- A traveller's bookings, newest first, keyset-paged on (created_at, id): a booking made while
-- the caller pages lands above the first page, so later pages neither repeat nor skip a row.
create or replace function public.list_bookings(p_user_id uuid, p_after_created_at timestamptz default null,
                                                p_after_id uuid default null, p_limit integer default 50) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 50), 1), 100);
  v_ids uuid[];
  v_next jsonb;
begin
  select array_agg(f.id order by f.created_at desc, f.id desc) into v_ids
  from (select b.id, b.created_at from traqora.bookings b
        where b.user_id = p_user_id
          and (p_after_created_at is null or (b.created_at, b.id) < (p_after_created_at, p_after_id))
        order by b.created_at desc, b.id desc limit v_limit + 1) f;
  v_ids := coalesce(v_ids, '{}');
  if cardinality(v_ids) > v_limit then
    select jsonb_build_object('created_at', b.created_at, 'id', b.id) into v_next from traqora.bookings b where b.id = v_ids[v_limit];
  end if;
  return jsonb_build_object(
    'data', coalesce((select jsonb_agg(traqora.booking_json(i.id) order by i.n)
                      from unnest(v_ids[1:v_limit]) with ordinality i(id, n)), '[]'::jsonb),
    'next', v_next);
end $$;

-- A booking for its owner (or any booking for an admin), with its rail's chain records.

create or replace function public.get_booking(p_user_id uuid, p_pnr text, p_admin boolean default false) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_id uuid;
  v_owner uuid;
begin
  select id, user_id into v_id, v_owner from traqora.bookings where pnr = upper(p_pnr);
  if v_id is null or (v_owner <> p_user_id and not p_admin) then
    perform traqora.raise_problem('TQ404', 'No booking with that reference.', 'pnr');
  end if;
  return traqora.booking_json(v_id) || traqora.booking_chain_json(v_id);
end $$;

-- Upgrades a held Basic booking to Standard at the Basic price, paid with the traveller's unspent
-- badges (loyalty.badges_per_upgrade; the loyalty domain spends them under the member's lock,
-- 94_badges.sql). The booking's conditions become Standard's; a booking.fare_upgraded event
-- follows; asking again answers the booking (replayed). 404 not the viewer's booking; 409 not held
-- or too few badges; 422 not Basic.
create or replace function public.upgrade_booking_fare(p_user_id uuid, p_pnr text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v traqora.bookings;
  v_to traqora.fare_families;
  v_spent jsonb;
begin
  select * into v from traqora.bookings where pnr = upper(p_pnr) and user_id = p_user_id for update;
  if v.id is null then perform traqora.raise_problem('TQ404', 'No booking with that reference.', 'pnr'); end if;
  -- upgraded before (a retried request): the booking as it is, nothing spent again
  if traqora.loyalty_fare_upgrade(v.id) is not null then
    return traqora.booking_json(v.id) || traqora.booking_chain_json(v.id) || jsonb_build_object('replayed', true);
  end if;
  if v.status <> 'held' then perform traqora.raise_problem('TQ409', 'Only a booking not paid yet can be upgraded.', 'pnr'); end if;
  if v.fare_family <> 'basic' then perform traqora.raise_problem('TQ422', 'Badges upgrade Basic fares to Standard only.', 'fare_family'); end if;
  select * into v_to from traqora.fare_families where code = 'standard';
  if not (v.cabin = any(v_to.cabins)) then perform traqora.raise_problem('TQ422', 'Standard is not sold in this cabin.', 'fare_family'); end if;
  v_spent := traqora.loyalty_spend_badges(p_user_id, v.id, v.fare_family, v_to.code);
  update traqora.bookings set fare_family = v_to.code, conditions = traqora.fare_conditions(v_to) where id = v.id;
  perform traqora.emit_booking_event('booking.fare_upgraded', v.id, p_user_id, jsonb_build_object('upgrade', v_spent));
  return traqora.booking_json(v.id) || traqora.booking_chain_json(v.id) || jsonb_build_object('replayed', false);
end $$;

-- A traveller's wallet balance and its history (deposits, payments, refunds), newest first,
-- keyset-paged on the posting id (an identity: a posting written while the caller pages lands
-- above the first page). The balance is always the whole account's.
create or replace function public.wallet_history(p_user_id uuid, p_currency text default 'USD',
                                                 p_after_posting bigint default null, p_limit integer default 50) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_account bigint;
  v_limit int := least(greatest(coalesce(p_limit, 50), 1), 100);
  v_rows jsonb;
  v_count int;
begin
  select id into v_account from traqora.ledger_accounts where kind = 'wallet' and user_id = p_user_id and currency = p_currency;
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', t.id, 'kind', t.kind, 'memo', t.memo, 'amount_minor', p.amount_minor, 'currency', p.currency,
           'pnr', (select b.pnr from traqora.bookings b where b.id = t.booking_id), 'created_at', t.created_at,
           'posting', p.id) order by p.id desc), '[]'::jsonb), count(*)
    into v_rows, v_count
  from (select * from traqora.ledger_postings lp
        where lp.account_id = v_account and (p_after_posting is null or lp.id < p_after_posting)
        order by lp.id desc limit v_limit + 1) p
  join traqora.ledger_transactions t on t.id = p.transaction_id;
  if v_count > v_limit then v_rows := v_rows - v_limit; end if;
  return jsonb_build_object(
    'currency', p_currency,
    'balance_minor', coalesce(traqora.account_balance(v_account), 0),
    'entries', (select coalesce(jsonb_agg(e - 'posting' order by n), '[]'::jsonb) from jsonb_array_elements(v_rows) with ordinality r(e, n)),
    'next', case when v_count > v_limit then v_rows -> (v_limit - 1) -> 'posting' end);
end $$;

-- Money held in escrow now, by rail and currency: paid bookings not yet released or refunded
-- (the ledger rail's escrow accounts and the Soroban escrow contract hold exactly these). For
-- /api/metrics (traqora_escrow_held_minor), read at scrape time.
create or replace function public.escrow_held() returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('rail', r.payment_rail, 'currency', r.currency, 'held_minor', r.held, 'bookings', r.n)), '[]'::jsonb)
  from (select b.payment_rail, b.currency, sum(b.total_minor)::bigint as held, count(*)::int as n
        from traqora.bookings b where b.status = 'paid' group by 1, 2) r;
$$;

-- The stored answer for an idempotency key, if the request was already done (null if not);
-- refuses a key reused with another request. Lets the server answer a retry before doing any
-- work the retry would no longer pass (the offer may have expired since).
create or replace function public.idempotent_replay(p_user_id uuid, p_scope text, p_key text, p_request_hash text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v traqora.idempotency_keys;
begin
  select * into v from traqora.idempotency_keys where user_id = p_user_id and scope = p_scope and key = p_key;
  if v.key is null or v.response is null then return null; end if;
  if v.request_hash <> p_request_hash then
    perform traqora.raise_problem('TQ422', 'This Idempotency-Key was used for a different request.', 'Idempotency-Key');
  end if;
  return v.response || jsonb_build_object('replayed', true);
end $$;

-- Only the server role may call these (default privileges: the platform migration).
revoke execute on function public.create_booking(uuid, text, text, jsonb, text, text, jsonb, jsonb, bigint, text) from public, anon, authenticated;
revoke execute on function public.pay_booking(uuid, text, bigint, bigint) from public, anon, authenticated;
revoke execute on function public.release_flown_bookings(interval, int) from public, anon, authenticated;
revoke execute on function public.expire_holds(int) from public, anon, authenticated;
revoke execute on function public.quote_cancellation(uuid, text, boolean) from public, anon, authenticated;
revoke execute on function public.confirm_cancellation(uuid, text, uuid, boolean) from public, anon, authenticated;
revoke execute on function public.list_bookings(uuid, timestamptz, uuid, integer) from public, anon, authenticated;
revoke execute on function public.get_booking(uuid, text, boolean) from public, anon, authenticated;
revoke execute on function public.upgrade_booking_fare(uuid, text) from public, anon, authenticated;
revoke execute on function public.wallet_history(uuid, text, bigint, integer) from public, anon, authenticated;
revoke execute on function public.idempotent_replay(uuid, text, text, text) from public, anon, authenticated;
revoke execute on function public.escrow_held() from public, anon, authenticated;
grant execute on function public.create_booking(uuid, text, text, jsonb, text, text, jsonb, jsonb, bigint, text) to service_role;
grant execute on function public.pay_booking(uuid, text, bigint, bigint) to service_role;
grant execute on function public.release_flown_bookings(interval, int) to service_role;
grant execute on function public.expire_holds(int) to service_role;
grant execute on function public.quote_cancellation(uuid, text, boolean) to service_role;
grant execute on function public.confirm_cancellation(uuid, text, uuid, boolean) to service_role;
grant execute on function public.list_bookings(uuid, timestamptz, uuid, integer) to service_role;
grant execute on function public.get_booking(uuid, text, boolean) to service_role;
grant execute on function public.upgrade_booking_fare(uuid, text) to service_role;
grant execute on function public.wallet_history(uuid, text, bigint, integer) to service_role;
grant execute on function public.idempotent_replay(uuid, text, text, text) to service_role;
grant execute on function public.escrow_held() to service_role;
