-- The soroban payment rail: payments a traveller submitted, confirmed only after the server
-- read the result from RPC; the settlement outbox the server signer drains; where airlines are
-- paid on chain. Tables: supabase/migrations/20261127000100_soroban_rail.sql.
-- Events (docs/events.md) are emitted last in each function (emit_event's lock).

-- chain_wallet_history took only a limit until it was keyset-paged.
drop function if exists public.chain_wallet_history(uuid, int);
-- mark_chain_settlement took no `moved` (what the escrow's event says it paid) until the jury's
-- verdicts were settled on chain (issue 12).
drop function if exists public.mark_chain_settlement(bigint, text, text, text);
-- confirm_chain_payment took no quote ref until points could pay part of a wallet payment (issue 11).
drop function if exists public.confirm_chain_payment(text, int, timestamptz, text);

create or replace trigger chain_payments_touch before update on traqora.chain_payments for each row execute function traqora.touch_updated_at();

create or replace trigger chain_settlements_touch before update on traqora.chain_settlements for each row execute function traqora.touch_updated_at();

-- A chain payment's event payload: the payment, and the booking it pays.
create or replace function traqora.chain_payment_event_payload(p traqora.chain_payments) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('booking_id', b.id, 'pnr', b.pnr, 'user_id', p.user_id, 'payment_rail', 'soroban',
                            'amount_minor', b.total_minor, 'currency', b.currency, 'tx_hash', p.tx_hash, 'payer', p.payer,
                            'status', p.status, 'error', p.error, 'ledger', p.ledger, 'closed_at', p.closed_at)
  from traqora.bookings b where b.id = p.booking_id;
$$;

-- booking_json, plus the rail and the chain's part of the story.
create or replace function traqora.booking_chain_json(p_booking uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'payment_rail', b.payment_rail,
    'chain_payments', coalesce((select jsonb_agg(jsonb_build_object('tx_hash', p.tx_hash, 'payer', p.payer, 'status', p.status,
                                  'error', p.error, 'ledger', p.ledger, 'closed_at', p.closed_at, 'at', p.created_at) order by p.created_at)
                                from traqora.chain_payments p where p.booking_id = b.id), '[]'::jsonb),
    'chain_settlements', coalesce((select jsonb_agg(jsonb_build_object('seq', s.seq, 'kind', s.kind, 'refund_minor', s.refund_minor,
                                     'status', s.status, 'tx_hash', s.tx_hash, 'error', s.error, 'moved', s.moved, 'at', s.updated_at) order by s.seq)
                                   from traqora.chain_settlements s where s.booking_id = b.id), '[]'::jsonb))
  from traqora.bookings b where b.id = p_booking;
$$;

-- What the server needs to sign a payment quote for a held booking: one item per segment, with
-- its on-chain id, share and times, and the payout account of its airline (null: the clearing
-- account). For a new payment (p_for_payment) it refuses what could not be paid now, with the
-- same problems pay_booking gives; to check a payment already made it answers whatever the status.
create or replace function public.chain_payment_terms(p_user_id uuid, p_pnr text, p_for_payment boolean default true) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v traqora.bookings;
begin
  v := traqora.lock_booking(p_user_id, p_pnr);
  if not p_for_payment then
    null;
  elsif exists (select 1 from traqora.users where id = p_user_id and suspended_at is not null) then
    -- Refused before the traveller signs; a payment already on chain is still recorded.
    perform traqora.refuse_suspended(p_user_id);
  elsif v.status <> 'held' then
    perform traqora.raise_problem('TQ409', format('This booking is %s and cannot be paid.', v.status), 'status');
  elsif v.hold_expires_at <= now() then
    perform traqora.raise_problem('TQ409', 'The seat hold has expired; search again to book.', 'hold_expires_at');
  end if;
  return jsonb_build_object(
    'status', v.status, 'booking_id', v.id, 'pnr', v.pnr, 'currency', v.currency, 'base_minor', v.base_minor, 'total_minor', v.total_minor,
    'hold_expires_at', v.hold_expires_at,
    'items', (select jsonb_agg(jsonb_build_object(
                'seq', s.seq, 'chain_booking_id', traqora.chain_booking_id(s.booking_id, s.seq),
                'flight_id', s.flight_id, 'flight_number', f.airline || f.flight_number::text, 'airline', s.airline,
                'payout_address', pa.address, 'share_minor', s.share_minor,
                'departs_at', f.departs_at, 'arrives_at', f.arrives_at) order by s.seq)
              from traqora.booking_segments s
              join traqora.flights f on f.id = s.flight_id
              left join traqora.airline_payout_accounts pa on pa.airline = s.airline
              where s.booking_id = v.id));
end $$;

-- Points paying part of a wallet payment: holds p_points for the quote the server has just
-- signed (p_quote_ref, the hex of its signature), in one transaction with a fresh look at the
-- booking (locked; the same refusals as chain_payment_terms). The server priced the quote's
-- sponsored parts from loyalty_redemption_quote a moment earlier: if the member's points moved in
-- between and the hold's discount is not the one signed, nothing is held and the quote is never
-- handed out (409 naming points: ask again). The hold is spent when the chain confirms that very
-- quote (confirm_chain_payment's p_quote_ref), or lapses after it expired (routines/95_loyalty.sql).
create or replace function public.hold_chain_payment_points(p_user_id uuid, p_pnr text, p_points bigint, p_quote_ref text,
                                                            p_expires_at timestamptz, p_discount_minor bigint)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v traqora.bookings;
  v_terms jsonb;
begin
  perform public.chain_payment_terms(p_user_id, p_pnr, true);
  v := traqora.lock_booking(p_user_id, p_pnr);
  if p_quote_ref is null or p_quote_ref !~ '^[0-9a-f]{128}$' then
    perform traqora.raise_problem('TQ400', 'quote_ref must be the quote signature in hex', 'quote_ref');
  end if;
  if p_expires_at is null or p_expires_at > v.hold_expires_at then
    perform traqora.raise_problem('TQ400', 'expires_at must be within the seat hold', 'expires_at');
  end if;
  v_terms := traqora.loyalty_hold_for_quote(p_user_id, v.id, v.pnr, v.base_minor, v.currency, p_points, p_quote_ref, p_expires_at);
  if (v_terms->>'discount_minor')::bigint is distinct from p_discount_minor then
    perform traqora.raise_problem('TQ409', 'Your points changed while the payment was being prepared; try again.', 'points');
  end if;
  return v_terms;
end $$;

-- Records a payment transaction the traveller submitted (before the server has seen its
-- result). Idempotent per hash. While it is pending the hold is not expired (see expire_holds).
create or replace function public.record_chain_payment(p_user_id uuid, p_pnr text, p_tx_hash text, p_payer text)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v traqora.bookings;
  p traqora.chain_payments;
begin
  v := traqora.lock_booking(p_user_id, p_pnr);
  select * into p from traqora.chain_payments where tx_hash = lower(p_tx_hash);
  if p.tx_hash is not null then
    if p.booking_id <> v.id then
      perform traqora.raise_problem('TQ409', 'This transaction is recorded for another booking.', 'tx_hash');
    end if;
    return jsonb_build_object('payment', to_jsonb(p) - 'user_id', 'booking', traqora.booking_json(v.id) || traqora.booking_chain_json(v.id));
  end if;
  if v.status <> 'held' then
    perform traqora.raise_problem('TQ409', format('This booking is %s and cannot be paid.', v.status), 'status');
  end if;
  insert into traqora.chain_payments (tx_hash, booking_id, user_id, payer)
  values (lower(p_tx_hash), v.id, p_user_id, p_payer) returning * into p;
  perform traqora.emit_event('payment.submitted', 'payment', p.tx_hash, traqora.chain_payment_event_payload(p), p_user_id);
  return jsonb_build_object('payment', to_jsonb(p) - 'user_id', 'booking', traqora.booking_json(v.id) || traqora.booking_chain_json(v.id));
end $$;

-- The server read this transaction's successful result from RPC and checked it paid every
-- segment of the booking in full (lib/payments/soroban/verify.ts): the booking is paid.
-- Confirming again is a no-op. A booking that left 'held' meanwhile (only possible if nobody
-- reported the payment until long after the hold) is refused: reconciliation shows it, and
-- the money can only go back to the payer.
-- p_quote_ref names the quote the transaction paid (the hex of the platform's signature over it):
-- the points held for that quote are spent here, in this transaction, and the booking's other
-- holds dropped (traqora.loyalty_spend_quote_hold, routines/95_loyalty.sql); null when the
-- caller does not know it (no points can have been held for it then).
create or replace function public.confirm_chain_payment(p_tx_hash text, p_ledger int, p_closed_at timestamptz, p_payer text,
                                                        p_quote_ref text default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  p traqora.chain_payments;
  v traqora.bookings;
  v_points jsonb;
begin
  select * into p from traqora.chain_payments where tx_hash = lower(p_tx_hash) for update;
  if p.tx_hash is null then perform traqora.raise_problem('TQ404', 'No such payment transaction.', 'tx_hash'); end if;
  select * into v from traqora.bookings where id = p.booking_id for update;
  if p.status = 'confirmed' then
    return jsonb_build_object('booking', traqora.booking_json(v.id) || traqora.booking_chain_json(v.id), 'replayed', true);
  end if;
  if v.status <> 'held' then
    perform traqora.raise_problem('TQ409', format('This booking is %s; the on-chain payment must be refunded.', v.status), 'status');
  end if;
  update traqora.chain_payments set status = 'confirmed', error = null, ledger = p_ledger, closed_at = p_closed_at, payer = p_payer
  where tx_hash = p.tx_hash returning * into p;
  update traqora.bookings set paid_at = coalesce(p_closed_at, now()), payment_rail = 'soroban' where id = v.id;
  perform traqora.set_status(v.id, 'paid', 'Paid into the on-chain escrow');
  v_points := traqora.loyalty_spend_quote_hold(v.id, p_quote_ref);
  -- as on the ledger rail: amount_minor is the wallet's part, loyalty_minor the liability's
  perform traqora.emit_event('payment.confirmed', 'payment', p.tx_hash, traqora.chain_payment_event_payload(p)
    || case when v_points is null then '{}'::jsonb
            else jsonb_build_object('amount_minor', v.total_minor - (v_points->>'discount_minor')::bigint, 'loyalty_minor', v_points->'discount_minor') end,
    p.user_id);
  perform traqora.emit_booking_event('booking.paid', v.id, p.user_id, jsonb_build_object('tx_hash', p.tx_hash)
    || case when v_points is null or (v_points->>'shortfall_points')::bigint > 0 then '{}'::jsonb
            else jsonb_build_object('loyalty_redemption', jsonb_build_object('points', v_points->'points', 'discount_minor', v_points->'discount_minor')) end);
  return jsonb_build_object('booking', traqora.booking_json(v.id) || traqora.booking_chain_json(v.id));
end $$;

-- The transaction failed on chain (or never made it): the booking stays held and payable.
create or replace function public.fail_chain_payment(p_tx_hash text, p_error text)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  p traqora.chain_payments;
begin
  update traqora.chain_payments set status = 'failed', error = left(p_error, 500)
  where tx_hash = lower(p_tx_hash) and status = 'submitted' returning * into p;
  if p.tx_hash is null then
    select * into p from traqora.chain_payments where tx_hash = lower(p_tx_hash);
    if p.tx_hash is null then perform traqora.raise_problem('TQ404', 'No such payment transaction.', 'tx_hash'); end if;
  else
    perform traqora.emit_event('payment.failed', 'payment', p.tx_hash, traqora.chain_payment_event_payload(p), p.user_id);
  end if;
  return jsonb_build_object('booking', traqora.booking_json(p.booking_id) || traqora.booking_chain_json(p.booking_id));
end $$;

-- Payments submitted but not yet confirmed or failed: the confirm-chain-payments job asks RPC
-- about them, so a traveller who closed the tab after signing still gets their booking.
create or replace function public.submitted_chain_payments(p_limit int default 50) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('tx_hash', p.tx_hash, 'pnr', b.pnr, 'user_id', p.user_id, 'created_at', p.created_at)
                            order by p.created_at), '[]'::jsonb)
  from (select * from traqora.chain_payments where status = 'submitted' order by created_at limit p_limit) p
  join traqora.bookings b on b.id = p.booking_id;
$$;

-- Settlement outbox rows for a booking's segments: the refund split by segment share (the last
-- segment takes the rounding remainder, so the parts add up to the total exactly).
create or replace function traqora.queue_chain_settlement(p_booking uuid, p_kind text, p_refund_minor bigint) returns void
language plpgsql set search_path = '' as $$
declare
  v traqora.bookings;
  s record;
  v_done bigint := 0;
  v_part bigint;
begin
  select * into v from traqora.bookings where id = p_booking;
  for s in select seq, share_minor, count(*) over () as n from traqora.booking_segments where booking_id = p_booking order by seq loop
    v_part := case when s.seq = s.n then p_refund_minor - v_done
                   else p_refund_minor * s.share_minor / greatest(v.total_minor, 1) end;
    v_done := v_done + v_part;
    insert into traqora.chain_settlements (booking_id, seq, chain_booking_id, kind, refund_minor)
    values (p_booking, s.seq, traqora.chain_booking_id(p_booking, s.seq), p_kind, v_part)
    on conflict (booking_id, seq) do nothing;   -- an escrow booking is settled once; the first decision stands
  end loop;
end $$;

-- Settlements for the server signer to submit (pending, or submitted and not yet resolved),
-- each with the amount the escrow holds for that segment.
create or replace function public.open_chain_settlements(p_limit int default 20) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'pnr', b.pnr, 'seq', c.seq, 'chain_booking_id', c.chain_booking_id,
                                               'kind', c.kind, 'refund_minor', c.refund_minor, 'share_minor', s.share_minor,
                                               'status', c.status, 'tx_hash', c.tx_hash, 'attempts', c.attempts) order by c.id), '[]'::jsonb)
  from (select * from traqora.chain_settlements where status in ('pending', 'submitted') order by id limit p_limit) c
  join traqora.bookings b on b.id = c.booking_id
  join traqora.booking_segments s on s.booking_id = c.booking_id and s.seq = c.seq;
$$;

-- What the escrow's event in a confirmed settlement's transaction says it paid ({event, refund,
-- to_airline, fee}, token base units), null before confirmation or when the events were not
-- read: for other domains' screens (the console's money page), which do not read the outbox.
create or replace function traqora.chain_settlement_moved(p_id bigint) returns jsonb
language sql stable set search_path = '' as $$
  select s.moved from traqora.chain_settlements s where s.id = p_id;
$$;

-- The settlement job reports what happened to one outbox row.
-- p_moved: with `confirmed`, what the escrow's event in the transaction says it paid
-- ({event, refund, to_airline, fee}, token base units), null when not known.
create or replace function public.mark_chain_settlement(p_id bigint, p_status text, p_tx_hash text default null, p_error text default null,
                                                        p_moved jsonb default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  c traqora.chain_settlements;
  v_was text;
begin
  if p_status not in ('submitted', 'confirmed', 'failed', 'pending') then
    perform traqora.raise_problem('TQ422', 'Unknown settlement status.', 'status');
  end if;
  select status into v_was from traqora.chain_settlements where id = p_id for update;
  update traqora.chain_settlements
  set status = p_status, tx_hash = coalesce(lower(p_tx_hash), tx_hash), error = p_error,
      moved = case when p_status = 'confirmed' then coalesce(p_moved, moved) else moved end,
      attempts = attempts + case when p_status in ('submitted', 'failed') or p_error is not null then 1 else 0 end
  where id = p_id and status <> 'confirmed' returning * into c;
  if c.id is null then
    select * into c from traqora.chain_settlements where id = p_id;
    if c.id is null then perform traqora.raise_problem('TQ404', 'No such settlement.', 'id'); end if;
  elsif c.status in ('confirmed', 'failed') and c.status is distinct from v_was then
    -- a dispute's decision carried out on chain is audited on the dispute (routines/67_disputes.sql)
    perform traqora.audit_dispute_settlement(c.booking_id, jsonb_build_object('settlement_id', c.id, 'seq', c.seq,
      'status', c.status, 'refund_minor', c.refund_minor, 'tx_hash', c.tx_hash, 'error', c.error, 'moved', c.moved));
    perform traqora.emit_event('settlement.' || c.status, 'settlement', c.id::text, jsonb_build_object(
      'settlement_id', c.id, 'booking_id', b.id, 'pnr', b.pnr, 'user_id', b.user_id, 'seq', c.seq,
      'chain_booking_id', c.chain_booking_id, 'kind', c.kind, 'refund_minor', c.refund_minor, 'currency', b.currency,
      'tx_hash', c.tx_hash, 'error', c.error, 'attempts', c.attempts, 'moved', c.moved))
    from traqora.bookings b where b.id = c.booking_id;
  end if;
  return to_jsonb(c);
end $$;

-- A booking's escrow was settled by another contract's transaction (the disputes contract's
-- execute_verdict, routines/68_jury.sql): its queued settlements are confirmed with that hash,
-- so the settle job sends nothing for them.
create or replace function traqora.chain_settlements_carried_out(p_booking uuid, p_tx_hash text) returns void
language plpgsql set search_path = '' as $$
declare
  v_id bigint;
begin
  for v_id in select id from traqora.chain_settlements where booking_id = p_booking and status in ('pending', 'submitted') order by id loop
    perform public.mark_chain_settlement(v_id, 'confirmed', p_tx_hash, null, null);
  end loop;
end $$;

-- Sets (or clears, with a null address) where an airline is paid on chain. Admin tooling.
create or replace function public.set_airline_payout_account(p_airline text, p_address text) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  if not exists (select 1 from traqora.airlines where iata = upper(p_airline)) then
    perform traqora.raise_problem('TQ404', 'No airline has this code.', 'iata');
  end if;
  if p_address is null then
    delete from traqora.airline_payout_accounts where airline = upper(p_airline);
  else
    insert into traqora.airline_payout_accounts (airline, address) values (upper(p_airline), p_address)
    on conflict (airline) do update set address = excluded.address, updated_at = now();
  end if;
  perform traqora.emit_event('airline.payout_account_set', 'airline', upper(p_airline),
                             jsonb_build_object('airline', upper(p_airline), 'address', p_address));
  return jsonb_build_object('airline', upper(p_airline), 'address', p_address);
end $$;

-- A traveller's on-chain money, newest first: payments their wallets sent (with the verdict) and
-- the refunds the escrow sends back on cancellation (per segment, as the settlement outbox has them).
-- Keyset-paged on when each entry was written, (created_at, kind, ref): `at` moves when a payment
-- confirms, so it cannot order pages; the time an entry was written never does.
create or replace function public.chain_wallet_history(p_user_id uuid, p_after_created_at timestamptz default null,
                                                       p_after_kind text default null, p_after_ref text default null,
                                                       p_limit integer default 50) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 50), 1), 100);
  v_rows jsonb;
  v_count int;
begin
  select coalesce(jsonb_agg(x.e || jsonb_build_object('k', jsonb_build_object('created_at', x.created_at, 'kind', x.kind, 'ref', x.ref))
                            order by x.created_at desc, x.kind desc, x.ref desc), '[]'::jsonb), count(*)
    into v_rows, v_count
  from (
    select * from (
      select p.created_at, 'payment'::text as kind, p.tx_hash as ref,
             jsonb_build_object('kind', 'payment', 'pnr', b.pnr, 'tx_hash', p.tx_hash, 'account', p.payer, 'status', p.status,
                                -- what left the wallet: points paid the rest (the liability account's part)
                                'error', p.error,
                                'amount_minor', b.total_minor - case when p.status = 'confirmed' then traqora.loyalty_redeemed_minor(b.id) else 0 end,
                                'currency', b.currency,
                                'at', coalesce(p.closed_at, p.created_at)) as e
      from traqora.chain_payments p join traqora.bookings b on b.id = p.booking_id
      where p.user_id = p_user_id
      union all
      select c.created_at, 'refund'::text, lpad(c.id::text, 20, '0'),
             jsonb_build_object('kind', 'refund', 'pnr', b.pnr, 'tx_hash', c.tx_hash,
                                'account', (select p.payer from traqora.chain_payments p where p.booking_id = b.id and p.status = 'confirmed'),
                                'status', c.status, 'error', c.error,
                                -- points paid part: the escrow sent their share of the refund to the
                                -- loyalty-liability account (moved.to_sponsor, token units of 10^-7)
                                'amount_minor', c.refund_minor - coalesce((c.moved->>'to_sponsor')::numeric / 100000, 0)::bigint,
                                'currency', b.currency, 'at', c.updated_at)
      from traqora.chain_settlements c join traqora.bookings b on b.id = c.booking_id
      where b.user_id = p_user_id and c.kind = 'cancellation' and c.refund_minor > 0
    ) all_entries
    where p_after_created_at is null
       or (all_entries.created_at, all_entries.kind, all_entries.ref) < (p_after_created_at, p_after_kind, p_after_ref)
    order by all_entries.created_at desc, all_entries.kind desc, all_entries.ref desc limit v_limit + 1
  ) x;
  if v_count > v_limit then v_rows := v_rows - v_limit; end if;
  return jsonb_build_object(
    'data', (select coalesce(jsonb_agg(r.e - 'k' order by r.n), '[]'::jsonb) from jsonb_array_elements(v_rows) with ordinality r(e, n)),
    'next', case when v_count > v_limit then v_rows -> (v_limit - 1) -> 'k' end);
end $$;

-- Only the server role may call these (default privileges: the platform migration).
revoke execute on function public.chain_payment_terms(uuid, text, boolean) from public, anon, authenticated;
revoke execute on function public.record_chain_payment(uuid, text, text, text) from public, anon, authenticated;
revoke execute on function public.confirm_chain_payment(text, int, timestamptz, text, text) from public, anon, authenticated;
revoke execute on function public.fail_chain_payment(text, text) from public, anon, authenticated;
revoke execute on function public.submitted_chain_payments(int) from public, anon, authenticated;
revoke execute on function public.open_chain_settlements(int) from public, anon, authenticated;
revoke execute on function public.mark_chain_settlement(bigint, text, text, text, jsonb) from public, anon, authenticated;
revoke execute on function public.set_airline_payout_account(text, text) from public, anon, authenticated;
revoke execute on function public.chain_wallet_history(uuid, timestamptz, text, text, integer) from public, anon, authenticated;
grant execute on function public.chain_payment_terms(uuid, text, boolean) to service_role;
grant execute on function public.record_chain_payment(uuid, text, text, text) to service_role;
grant execute on function public.confirm_chain_payment(text, int, timestamptz, text, text) to service_role;
grant execute on function public.fail_chain_payment(text, text) to service_role;
grant execute on function public.submitted_chain_payments(int) to service_role;
grant execute on function public.open_chain_settlements(int) to service_role;
grant execute on function public.mark_chain_settlement(bigint, text, text, text, jsonb) to service_role;
grant execute on function public.set_airline_payout_account(text, text) to service_role;
grant execute on function public.chain_wallet_history(uuid, timestamptz, text, text, integer) to service_role;
revoke execute on function public.hold_chain_payment_points(uuid, text, bigint, text, timestamptz, bigint) from public, anon, authenticated;
grant execute on function public.hold_chain_payment_points(uuid, text, bigint, text, timestamptz, bigint) to service_role;
