-- The chain event index: storing decoded contract events with a cursor per stream, and
-- reading them back per booking and for reconciliation.
-- Tables: supabase/migrations/20261126000800_chain_events.sql.

-- chain_reconciliation took no arguments before it paged (issue #14's "cursors everywhere").
drop function if exists public.chain_reconciliation();

create or replace trigger indexer_cursors_touch before update on traqora.indexer_cursors for each row execute function traqora.touch_updated_at();

-- On-chain booking ids (lib/stellar/booking-id.ts, `onChainBookingId`): the escrow keys a
-- booking by a u64 and holds one flight, so an app booking maps to one on-chain booking per
-- segment: the first 8 bytes of sha256("<booking uuid>:<segment seq>") with the top bit
-- cleared. Computed here too so reconciliation can join on it (a test checks both agree); the
-- expression index makes "which app segment is escrow booking N" a lookup, not a scan.
create or replace function traqora.chain_booking_id(p_booking uuid, p_seq int) returns text
language sql immutable set search_path = '' as $$
  select (('x' || left(encode(sha256(convert_to(lower(p_booking::text) || ':' || p_seq::text, 'UTF8')), 'hex'), 16))::bit(64)::bigint
          & 9223372036854775807)::text;
$$;
-- The index lives with the function it is built on: a migration cannot create it before this
-- file has defined the function. Changing the function's result needs `reindex index
-- traqora.booking_segments_chain_booking_idx;` after it here (PostgreSQL does not rebuild an
-- expression index when the function is replaced).
create index if not exists booking_segments_chain_booking_idx on traqora.booking_segments (traqora.chain_booking_id(booking_id, seq));

-- Stores one page of decoded events and advances the stream's cursor in the same
-- transaction, so a crash between the two can never skip events. Re-ingesting a page is
-- harmless (events are keyed by their RPC id), and a slower worker finishing an older page
-- never moves the cursor back.
create or replace function public.record_chain_events(p_stream text, p_events jsonb, p_cursor text,
                                                      p_last_ledger int, p_latest_ledger int)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_inserted int;
  v_new text[];
  v_event traqora.chain_events;
  v_row traqora.indexer_cursors;
begin
  if p_stream is null or p_stream !~ '^[a-z][a-z0-9_-]{0,62}$' then
    perform traqora.raise_problem('TQ400', 'stream must be a lower-case name', 'stream');
  end if;
  if p_events is null or jsonb_typeof(p_events) <> 'array' then
    perform traqora.raise_problem('TQ400', 'events must be a JSON array', 'events');
  end if;
  if p_cursor is null or p_cursor = '' then
    perform traqora.raise_problem('TQ400', 'cursor is required', 'cursor');
  end if;
  if p_last_ledger is null or p_latest_ledger is null or p_last_ledger < 0 or p_latest_ledger < 0 then
    perform traqora.raise_problem('TQ400', 'ledgers must be non-negative', 'last_ledger');
  end if;

  with inserted as (
  insert into traqora.chain_events (id, stream, ledger, closed_at, contract_id, contract, action, event,
                                    topics, value, fields, booking_id, topic_xdr, value_xdr, tx_hash, successful)
  select e.id, p_stream, e.ledger, e.closed_at, e.contract_id, e.contract, e.action, e.event,
         e.topics, e.value, e.fields, e.booking_id,
         array(select jsonb_array_elements_text(e.topic_xdr)), e.value_xdr, e.tx_hash, coalesce(e.successful, true)
  from jsonb_to_recordset(p_events) as e(id text, ledger int, closed_at timestamptz, contract_id text, contract text,
                                         action text, event text, topics jsonb, value jsonb, fields jsonb,
                                         booking_id text, topic_xdr jsonb, value_xdr text, tx_hash text, successful boolean)
  order by e.id   -- a fixed lock order, so two workers inserting the same page cannot deadlock
  on conflict (id) do nothing
  returning id)
  select coalesce(array_agg(id), '{}'), count(*) into v_new, v_inserted from inserted;

  insert into traqora.indexer_cursors as c (stream, cursor, last_ledger, latest_ledger, events)
  values (p_stream, p_cursor, p_last_ledger, greatest(p_latest_ledger, p_last_ledger), v_inserted)
  on conflict (stream) do update set
    -- cursors are fixed-width ("<19 digits>-<10 digits>"), so text order is stream order
    cursor = case when (excluded.last_ledger, excluded.cursor) > (c.last_ledger, c.cursor) then excluded.cursor else c.cursor end,
    last_ledger = greatest(c.last_ledger, excluded.last_ledger),
    latest_ledger = greatest(c.latest_ledger, excluded.latest_ledger),
    events = c.events + v_inserted
  returning * into v_row;

  -- one chain.event_indexed per event stored for the first time, in chain order, last; an event
  -- about an app booking names its traveller and PNR, so the live stream updates their trip page
  for v_event in select * from traqora.chain_events where id = any (v_new) order by ledger, id loop
    perform traqora.emit_event('chain.event_indexed', 'chain_event', v_event.id, jsonb_build_object(
      'chain_event_id', v_event.id, 'stream', v_event.stream, 'ledger', v_event.ledger, 'closed_at', v_event.closed_at,
      'contract_id', v_event.contract_id, 'contract', v_event.contract, 'action', v_event.action, 'event', v_event.event,
      'chain_booking_id', v_event.booking_id, 'fields', v_event.fields, 'tx_hash', v_event.tx_hash, 'successful', v_event.successful)
      || coalesce((select jsonb_build_object('user_id', b.user_id, 'pnr', b.pnr)
                   from traqora.booking_segments s join traqora.bookings b on b.id = s.booking_id
                   where v_event.booking_id is not null and traqora.chain_booking_id(s.booking_id, s.seq) = v_event.booking_id limit 1), '{}'::jsonb));
  end loop;
  return jsonb_build_object('stream', v_row.stream, 'inserted', v_inserted, 'cursor', v_row.cursor,
                            'last_ledger', v_row.last_ledger, 'latest_ledger', v_row.latest_ledger);
end $$;

-- Where a stream stands: its cursor, how far behind the network it was at its last poll
-- (lag in ledgers), and how many events it has stored. `found` is false before the first poll.
create or replace function public.indexer_status(p_stream text) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(
    (select jsonb_build_object('stream', c.stream, 'found', true, 'cursor', c.cursor, 'last_ledger', c.last_ledger,
                               'latest_ledger', c.latest_ledger, 'lag_ledgers', c.latest_ledger - c.last_ledger,
                               'events', c.events, 'updated_at', c.updated_at)
     from traqora.indexer_cursors c where c.stream = p_stream),
    jsonb_build_object('stream', p_stream, 'found', false, 'cursor', null, 'last_ledger', null,
                       'latest_ledger', null, 'lag_ledgers', null, 'events', 0, 'updated_at', null));
$$;

create or replace function traqora.chain_event_json(e traqora.chain_events) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('id', e.id, 'ledger', e.ledger, 'closed_at', e.closed_at, 'contract_id', e.contract_id,
                            'contract', e.contract, 'action', e.action, 'event', e.event, 'topics', e.topics,
                            'value', e.value, 'fields', e.fields, 'booking_id', e.booking_id, 'tx_hash', e.tx_hash,
                            'successful', e.successful);
$$;

-- Every indexed event that names a booking (escrow, receipts, oracle settlement, disputes), in
-- chain order. The reference is an app PNR (all its segments) or an on-chain booking id (u64).
create or replace function public.chain_events_for_booking(p_booking_ref text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_booking uuid;
  v_pnr text;
  v_segments jsonb;
begin
  if p_booking_ref ~ '^[A-HJ-NP-Z2-9]{6}$' then
    select b.id, b.pnr into v_booking, v_pnr from traqora.bookings b where b.pnr = p_booking_ref;
    if v_booking is null then
      perform traqora.raise_problem('TQ404', 'No booking has this PNR.', 'booking_ref');
    end if;
    select jsonb_agg(jsonb_build_object('seq', s.seq, 'flight_id', s.flight_id, 'booking_id', traqora.chain_booking_id(s.booking_id, s.seq)) order by s.seq)
      into v_segments from traqora.booking_segments s where s.booking_id = v_booking;
  elsif p_booking_ref ~ '^[0-9]{1,20}$' then
    select b.pnr, jsonb_agg(jsonb_build_object('seq', s.seq, 'flight_id', s.flight_id, 'booking_id', traqora.chain_booking_id(s.booking_id, s.seq)))
      into v_pnr, v_segments
    from traqora.booking_segments s join traqora.bookings b on b.id = s.booking_id
    where traqora.chain_booking_id(s.booking_id, s.seq) = p_booking_ref::numeric::text
    group by b.pnr;
    -- an id the app never issued still has its events listed
    v_segments := coalesce(v_segments, jsonb_build_array(jsonb_build_object('seq', null, 'flight_id', null, 'booking_id', p_booking_ref::numeric::text)));
  else
    perform traqora.raise_problem('TQ400', 'booking reference must be a PNR or an on-chain booking id', 'booking_ref');
  end if;
  return jsonb_build_object('pnr', v_pnr, 'segments', coalesce(v_segments, '[]'::jsonb),
    'events', coalesce((select jsonb_agg(traqora.chain_event_json(e) order by e.ledger, e.id)
                        from traqora.chain_events e
                        where e.booking_id in (select x ->> 'booking_id' from jsonb_array_elements(v_segments) x)), '[]'::jsonb));
end $$;

-- The escrow's view of every booking it has seen, next to the app booking segment with the
-- same on-chain id; plus the segments the escrow has not seen, for app bookings it has seen
-- part of and for bookings paid on the soroban rail that it has not shown after five minutes
-- (chain_state null). Read-only: it reports, it does not repair. The escrow only moves
-- forward, so a booking's state is its latest successful escrow event:
--   paid → paid, refund_requested → refund_requested, refund_cancelled → paid,
--   disputed → disputed, released → released, refunded → refunded (reason 3: expired),
--   cancelled (settle_cancellation: part refunded, the rest to the airline) → refunded.
-- Ordered by the on-chain booking id, the one key of a row that never changes (its state and
-- last ledger move as events arrive), compared as a number (digits, shorter first): p_after is
-- the last id of the previous page, p_limit the page size (null: every row, for the console's
-- summary and the tests). The caller asks for one row more than it shows to know a next page.
create or replace function public.chain_reconciliation(p_after text default null, p_limit int default null) returns jsonb
language sql stable security definer set search_path = '' as $$
  with escrow as (
    select e.* from traqora.chain_events e
    where e.contract = 'escrow' and e.booking_id is not null and e.successful
      and e.action in ('paid', 'released', 'refunded', 'cancelled', 'refund_requested', 'refund_cancelled', 'disputed')
  ), latest as (
    select distinct on (booking_id) booking_id, action, fields, ledger, id, closed_at
    from escrow order by booking_id, ledger desc, id desc
  ), paid as (
    select distinct on (booking_id) booking_id, fields ->> 'amount' as amount
    from escrow where action = 'paid' order by booking_id, ledger, id
  ), seen as (
    select l.booking_id,
           case l.action
             when 'paid' then 'paid'
             when 'refund_cancelled' then 'paid'
             when 'refund_requested' then 'refund_requested'
             when 'disputed' then 'disputed'
             when 'released' then 'released'
             when 'cancelled' then 'refunded'
             when 'refunded' then case when l.fields ->> 'reason' = '3' then 'expired' else 'refunded' end
           end as chain_state,
           p.amount as chain_amount, l.id as last_event_id, l.ledger as last_ledger, l.closed_at as last_event_at,
           s.booking_id as app_booking, s.seq, s.flight_id
    from latest l
    left join paid p on p.booking_id = l.booking_id
    left join traqora.booking_segments s on traqora.chain_booking_id(s.booking_id, s.seq) = l.booking_id
  ), unseen as (
    select traqora.chain_booking_id(s.booking_id, s.seq) as booking_id, null::text as chain_state, null::text as chain_amount,
           null::text as last_event_id, null::int as last_ledger, null::timestamptz as last_event_at,
           s.booking_id as app_booking, s.seq, s.flight_id
    from traqora.booking_segments s
    where (s.booking_id in (select app_booking from seen where app_booking is not null)
           -- a booking the app says was paid on chain, which the index still has not seen after
           -- five minutes (time enough for the indexer to catch up)
           or s.booking_id in (select b.id from traqora.bookings b where b.payment_rail = 'soroban' and b.paid_at < now() - interval '5 minutes'))
      and not exists (select 1 from latest l where l.booking_id = traqora.chain_booking_id(s.booking_id, s.seq))
  )
  select coalesce(jsonb_agg(jsonb_build_object(
      'booking_id', r.booking_id, 'chain_state', r.chain_state, 'chain_amount', r.chain_amount,
      'last_event_id', r.last_event_id, 'last_ledger', r.last_ledger, 'last_event_at', r.last_event_at,
      'app_booking_id', r.app_booking, 'pnr', b.pnr, 'segment_seq', r.seq, 'flight_id', r.flight_id,
      'app_status', b.status, 'app_total_minor', b.total_minor, 'app_currency', b.currency)
    order by length(r.booking_id), r.booking_id), '[]'::jsonb)
  from (select * from (select * from seen union all select * from unseen) a
        where p_after is null or (length(a.booking_id), a.booking_id) > (length(p_after), p_after)
        order by length(a.booking_id), a.booking_id
        limit case when p_limit is null then null else greatest(1, least(p_limit, 101)) end) r
  left join traqora.bookings b on b.id = r.app_booking;
$$;

-- Only the server role may call these (default privileges: the platform migration).
revoke execute on function public.record_chain_events(text, jsonb, text, int, int) from public, anon, authenticated;
revoke execute on function public.indexer_status(text) from public, anon, authenticated;
revoke execute on function public.chain_events_for_booking(text) from public, anon, authenticated;
revoke execute on function public.chain_reconciliation(text, int) from public, anon, authenticated;
grant execute on function public.record_chain_events(text, jsonb, text, int, int) to service_role;
grant execute on function public.indexer_status(text) to service_role;
grant execute on function public.chain_events_for_booking(text) to service_role;
grant execute on function public.chain_reconciliation(text, int) to service_role;
