-- The airline portal (an operator's own airline: bookings on its flights, what it has been paid
-- and what is still coming, where it is paid) and the console's money-on-chain screen (payout
-- accounts, the settlement outbox and its retry). Every function here takes the airline it is
-- about as an argument; the app checks the caller may act for that airline (lib/airline) before
-- calling, and nothing here returns another airline's rows.
-- Tables: supabase/migrations/20261126000500_ledger.sql, 20261127000100_soroban_rail.sql;
-- indexes: 20261208000200_airline_portal.sql.

-- admin_multisig_proposals took no arguments, airline_payouts no cursor, before they paged.
drop function if exists public.admin_multisig_proposals();
drop function if exists public.airline_payouts(text, int);

-- 404 for a code no airline has (the portal's URLs carry it).
create or replace function traqora.checked_airline(p_airline text) returns text
language plpgsql stable set search_path = '' as $$
declare
  v text;
begin
  select iata into v from traqora.airlines where iata = upper(p_airline);
  if v is null then perform traqora.raise_problem('TQ404', 'No airline has this code.', 'iata'); end if;
  return v;
end $$;

-- The keys of one page of an airline's booked segments, in (departs_at, flight id, booking id,
-- seq) order after the cursor (p_after_*: the previous page's last row; -infinity/-1/nil uuid/-1
-- start before every row), p_limit rows at most. Two reads, by what the filters leave:
-- * no booking filter (status, q): an index-ordered keyset walk. The airline's flights from the
--   cursor's on, from flights_airline_departs_idx alone (index-only), and each flight's segments
--   in (booking_id, seq) order; rows arrive in the list's order, so the page stops after
--   p_limit of them instead of sorting all of the airline's segments (about 750 ms a 5,000-row
--   page on the bench's 100,000 bookings before; EXPLAIN in docs/performance.md).
-- * a booking filter: the matching segments are few and scattered over the schedule, so the
--   walk would visit every flight for them; the segments are joined and sorted instead.
-- jit off: the planner prices the walk by the airline's whole schedule (it cannot know how many
-- segments a flight has), which crosses jit_above_cost; compiling then costs more than the page.
create or replace function traqora.airline_segment_keys(p_airline char(2), p_from timestamptz, p_to timestamptz, p_flight int,
  p_status text, p_q text, p_after_departs timestamptz, p_after_flight bigint, p_after_booking uuid, p_after_seq int, p_limit int)
returns table (flight_id bigint, departs_at timestamptz, booking_id uuid, seq int, share_minor bigint)
language plpgsql stable set search_path = '' set jit = off as $$
begin
  if p_status is null and p_q is null then
    return query
    select f.id, f.departs_at, s.booking_id, s.seq, s.share_minor
    from (select fl.id, fl.departs_at
          from traqora.flights fl
          where fl.airline = p_airline
            and (fl.departs_at, fl.id) >= (p_after_departs, p_after_flight)
            and (p_from is null or fl.departs_at >= p_from)
            and (p_to is null or fl.departs_at < p_to)
            and (p_flight is null or fl.flight_number = p_flight)
          order by fl.departs_at, fl.id) f
    cross join lateral (
      select bs.booking_id, bs.seq, bs.share_minor
      from traqora.booking_segments bs
      where bs.flight_id = f.id and bs.airline = p_airline
        and ((f.departs_at, f.id) > (p_after_departs, p_after_flight) or (bs.booking_id, bs.seq) > (p_after_booking, p_after_seq))
      order by bs.booking_id, bs.seq) s
    order by f.departs_at, f.id, s.booking_id, s.seq
    limit p_limit;
  else
    return query
    select f.id, f.departs_at, s.booking_id, s.seq, s.share_minor
    from traqora.flights f
    join traqora.booking_segments s on s.flight_id = f.id and s.airline = p_airline
    join traqora.bookings b on b.id = s.booking_id
    where f.airline = p_airline
      and (p_from is null or f.departs_at >= p_from)
      and (p_to is null or f.departs_at < p_to)
      and (p_flight is null or f.flight_number = p_flight)
      and (p_status is null or b.status = p_status)
      and (p_q is null or b.pnr = upper(p_q)
           or exists (select 1 from traqora.booking_passengers p where p.booking_id = b.id and lower(p.family_name) like lower(p_q) || '%'))
      and (f.departs_at, f.id, s.booking_id, s.seq) > (p_after_departs, p_after_flight, p_after_booking, p_after_seq)
    order by f.departs_at, f.id, s.booking_id, s.seq
    limit p_limit;
  end if;
end $$;

-- Segments the airline flies, flight by flight in departure order, keyset-paged on
-- (departs_at, flight id, booking id, seq). p_filter: status (the booking's), from / to
-- (departure dates, inclusive, UTC), flight (the flight number), q (a PNR, or the start of a
-- passenger's family name). A row is one booked segment: a booking with two of the airline's
-- flights appears once per flight, each with that flight's share of the money.
-- One page (p_limit rows and one look-ahead row, numbered o in order), read by the portal's
-- list (airline_bookings, JSON) and its CSV (airline_bookings_csv, text), which share it.
create or replace function traqora.airline_booking_records(p_airline text, p_filter jsonb, p_after jsonb, p_limit int)
returns table (o bigint, flight_id bigint, departs_at timestamptz, flight text, flight_status text, origin text, destination text,
               booking_id uuid, seq int, share_minor bigint, pnr text, status text, cabin text, passengers int, lead_passenger text,
               currency text, payment_rail text, paid_at timestamptz)
language plpgsql stable set search_path = '' as $$
declare
  -- the column's own type (char(2)): a text variable would cast the column, hiding its indexes
  v_airline traqora.flights.airline%type := traqora.checked_airline(p_airline);
  v_status text := nullif(p_filter ->> 'status', '');
begin
  if v_status is not null and v_status not in ('held', 'paid', 'completed', 'expired', 'cancelled', 'refunded') then
    perform traqora.raise_problem('TQ400', 'status must be held, paid, completed, expired, cancelled or refunded', 'status');
  end if;
  return query
  select row_number() over (order by k.departs_at, k.flight_id, k.booking_id, k.seq), k.flight_id, k.departs_at,
         f.airline || f.flight_number::text, f.status, f.origin::text, f.destination::text, k.booking_id, k.seq, k.share_minor,
         b.pnr::text, b.status, b.cabin, b.adults + b.children + b.infants,
         (select bp.given_name || ' ' || bp.family_name from traqora.booking_passengers bp where bp.booking_id = b.id order by bp.seq limit 1),
         b.currency::text, b.payment_rail, b.paid_at
  from traqora.airline_segment_keys(v_airline,
         (nullif(p_filter ->> 'from', ''))::date, (nullif(p_filter ->> 'to', ''))::date + 1, (nullif(p_filter ->> 'flight', ''))::int,
         v_status, nullif(trim(p_filter ->> 'q'), ''),
         -- the cursor (the last row of the previous page); none starts before every row
         coalesce((p_after ->> 'departs_at')::timestamptz, '-infinity'), coalesce((p_after ->> 'flight_id')::bigint, -1),
         coalesce((p_after ->> 'booking_id')::uuid, '00000000-0000-0000-0000-000000000000'), coalesce((p_after ->> 'seq')::int, -1),
         p_limit + 1) k
  -- one primary-key probe per row (limit 1 keeps the planner from turning these into hash joins
  -- over every flight and booking: it cannot know the page is a few thousand rows at most)
  cross join lateral (select * from traqora.flights x where x.id = k.flight_id limit 1) f
  cross join lateral (select * from traqora.bookings y where y.id = k.booking_id limit 1) b;
end $$;

create or replace function public.airline_bookings(p_airline text, p_filter jsonb default '{}', p_after jsonb default null, p_limit int default 50)
returns jsonb language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 50), 1), 5000);
  v_rows jsonb;
  v_n int;
begin
  select jsonb_agg(jsonb_build_object(
           'pnr', r.pnr, 'status', r.status, 'flight_id', r.flight_id, 'flight', r.flight,
           'flight_status', r.flight_status, 'origin', r.origin, 'destination', r.destination, 'departs_at', r.departs_at,
           'seq', r.seq, 'cabin', r.cabin, 'passengers', r.passengers, 'lead_passenger', r.lead_passenger,
           'share_minor', r.share_minor, 'currency', r.currency, 'payment_rail', r.payment_rail, 'paid_at', r.paid_at,
           'booking_id', r.booking_id) order by r.o),
         count(*)
    into v_rows, v_n
  from traqora.airline_booking_records(p_airline, p_filter, p_after, v_limit) r;
  v_rows := coalesce(v_rows, '[]'::jsonb);
  if v_n > v_limit then
    v_rows := v_rows - v_limit;   -- drop the look-ahead row
    return jsonb_build_object('data', v_rows, 'next', jsonb_build_object(
      'departs_at', v_rows -> (v_limit - 1) ->> 'departs_at', 'flight_id', (v_rows -> (v_limit - 1) ->> 'flight_id')::bigint,
      'booking_id', v_rows -> (v_limit - 1) ->> 'booking_id', 'seq', (v_rows -> (v_limit - 1) ->> 'seq')::int));
  end if;
  return jsonb_build_object('data', v_rows, 'next', null);
end $$;

-- One page of the portal's CSV (airline_bookings' filters, order and cursor): {csv, next}, csv
-- being the page's CRLF-terminated lines (lib/airline/bookings-csv.ts's columns) quoted and
-- guarded by csv_field (routines/35_console.sql), so an export moves text, not per-row JSON.
create or replace function public.airline_bookings_csv(p_airline text, p_filter jsonb default '{}', p_after jsonb default null,
  p_limit int default 5000) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 5000), 1), 5000);
  v_csv text;
  v_n int;
  v_next jsonb;
begin
  select string_agg(concat_ws(',', traqora.csv_field(r.pnr), traqora.csv_field(r.status), traqora.csv_field(r.flight),
             traqora.csv_field(r.flight_status), traqora.csv_field(r.origin), traqora.csv_field(r.destination), traqora.csv_instant(r.departs_at),
             r.seq::text, traqora.csv_field(r.cabin), r.passengers::text, traqora.csv_field(r.lead_passenger), r.share_minor::text,
             traqora.csv_field(r.currency), traqora.csv_field(r.payment_rail), traqora.csv_instant(r.paid_at)) || e'\r\n', '' order by r.o)
           filter (where r.o <= v_limit),
         count(*),
         (array_agg(jsonb_build_object('departs_at', r.departs_at, 'flight_id', r.flight_id, 'booking_id', r.booking_id, 'seq', r.seq))
           filter (where r.o = v_limit))[1]
    into v_csv, v_n, v_next
  from traqora.airline_booking_records(p_airline, p_filter, p_after, v_limit) r;
  return jsonb_build_object('csv', coalesce(v_csv, ''), 'next', case when v_n > v_limit then v_next end);
end $$;

-- What the airline has been paid and what is still coming. Released: credits to its ledger
-- account (a release after the flight, or its share of a cancellation) and its on-chain
-- settlements the escrow confirmed. Pending: on-chain settlements not yet confirmed (pending,
-- submitted or failed, for the signer to send again). Held: its share of paid bookings, still
-- in escrow until the flight is released.
-- `released` pages newest first (issue #14's cursors) on (at, rail, id), which no row changes (a
-- ledger transaction is append-only; a settlement is never updated once confirmed): p_after is
-- the last row's {at, rail, id}, released_next the next page's (null on the last). `pending` is
-- the newest p_limit unconfirmed settlements (the console's outbox pages them all).
create or replace function public.airline_payouts(p_airline text, p_limit int default 50, p_after jsonb default null) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_airline text := traqora.checked_airline(p_airline);
  v_limit int := least(greatest(coalesce(p_limit, 50), 1), 200);
  v_released jsonb;
  v_n int;
begin
  select coalesce(jsonb_agg(r.r order by r.at desc, r.rail desc, r.id desc) filter (where r.o <= v_limit), '[]'::jsonb), count(*)
    into v_released, v_n
  from (
    select a.*, row_number() over (order by a.at desc, a.rail desc, a.id desc) as o from (
      select jsonb_build_object('rail', 'ledger', 'kind', t.kind, 'pnr', b.pnr, 'amount_minor', lp.amount_minor, 'currency', lp.currency,
                                'memo', t.memo, 'tx_hash', null, 'at', t.created_at, 'id', lp.id) as r, t.created_at as at, 'ledger' as rail, lp.id
      from traqora.ledger_postings lp
      join traqora.ledger_accounts a on a.id = lp.account_id and a.kind = 'airline' and a.airline = v_airline
      join traqora.ledger_transactions t on t.id = lp.transaction_id
      left join traqora.bookings b on b.id = t.booking_id
      union all
      select jsonb_build_object('rail', 'soroban', 'kind', c.kind, 'pnr', b.pnr, 'amount_minor', s.share_minor - c.refund_minor, 'currency', b.currency,
                                'memo', format('Segment %s %s', c.seq, c.kind), 'tx_hash', c.tx_hash, 'at', c.updated_at, 'id', c.id), c.updated_at, 'soroban', c.id
      from traqora.chain_settlements c
      join traqora.booking_segments s on s.booking_id = c.booking_id and s.seq = c.seq and s.airline = v_airline
      join traqora.bookings b on b.id = c.booking_id
      where c.status = 'confirmed'
    ) a
    where p_after is null or (a.at, a.rail, a.id) < ((p_after ->> 'at')::timestamptz, p_after ->> 'rail', (p_after ->> 'id')::bigint)
    order by a.at desc, a.rail desc, a.id desc limit v_limit + 1
  ) r;

  return jsonb_build_object(
    'airline', v_airline,
    'held_minor', coalesce((select sum(s.share_minor) from traqora.booking_segments s join traqora.bookings b on b.id = s.booking_id
                            where s.airline = v_airline and b.status = 'paid'), 0),
    'released_minor', coalesce((select sum(lp.amount_minor) from traqora.ledger_postings lp join traqora.ledger_accounts a on a.id = lp.account_id
                                where a.kind = 'airline' and a.airline = v_airline), 0)
                      + coalesce((select sum(s.share_minor - c.refund_minor) from traqora.chain_settlements c
                                  join traqora.booking_segments s on s.booking_id = c.booking_id and s.seq = c.seq
                                  where s.airline = v_airline and c.status = 'confirmed'), 0),
    'pending_minor', coalesce((select sum(s.share_minor - c.refund_minor) from traqora.chain_settlements c
                               join traqora.booking_segments s on s.booking_id = c.booking_id and s.seq = c.seq
                               where s.airline = v_airline and c.status <> 'confirmed'), 0),
    'released', v_released,
    'released_next', case when v_n > v_limit then jsonb_build_object('at', v_released -> -1 ->> 'at', 'rail', v_released -> -1 ->> 'rail', 'id', (v_released -> -1 ->> 'id')::bigint) end,
    'pending', coalesce((select jsonb_agg(jsonb_build_object('id', c.id, 'pnr', b.pnr, 'seq', c.seq, 'kind', c.kind, 'status', c.status,
                                  'amount_minor', s.share_minor - c.refund_minor, 'currency', b.currency, 'attempts', c.attempts,
                                  'error', c.error, 'at', c.updated_at) order by c.id desc)
                         from (select c.* from traqora.chain_settlements c
                               join traqora.booking_segments s on s.booking_id = c.booking_id and s.seq = c.seq and s.airline = v_airline
                               where c.status <> 'confirmed' order by c.id desc limit v_limit) c
                         join traqora.booking_segments s on s.booking_id = c.booking_id and s.seq = c.seq
                         join traqora.bookings b on b.id = c.booking_id), '[]'::jsonb));
end $$;

-- Where the airline is paid on chain (address null: the platform's clearing account).
create or replace function public.airline_payout_account(p_airline text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_airline text := traqora.checked_airline(p_airline);
begin
  return (select jsonb_build_object('airline', a.iata, 'name', a.name, 'address', pa.address, 'updated_at', pa.updated_at)
          from traqora.airlines a left join traqora.airline_payout_accounts pa on pa.airline = a.iata where a.iata = v_airline);
end $$;

-- The airlines that have a payout account (the console's money screen); every other airline is
-- paid through the clearing account.
create or replace function public.admin_payout_accounts() returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('airline', a.iata, 'name', a.name, 'address', pa.address, 'updated_at', pa.updated_at)
                            order by a.iata), '[]'::jsonb)
  from traqora.airline_payout_accounts pa join traqora.airlines a on a.iata = pa.airline;
$$;

-- The settlement outbox, newest first, keyset-paged on id; p_status filters. counts: rows per status.
-- moved: what the escrow says a confirmed row paid (the rail's traqora.chain_settlement_moved).
create or replace function public.admin_chain_settlements(p_status text default null, p_before_id bigint default null, p_limit int default 50)
returns jsonb language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 50), 1), 200);
  v_rows jsonb;
  v_n int;
begin
  if p_status is not null and p_status not in ('pending', 'submitted', 'confirmed', 'failed') then
    perform traqora.raise_problem('TQ400', 'status must be pending, submitted, confirmed or failed', 'status');
  end if;
  select jsonb_agg(jsonb_build_object('id', c.id, 'pnr', b.pnr, 'seq', c.seq, 'airline', s.airline, 'chain_booking_id', c.chain_booking_id,
                                      'kind', c.kind, 'refund_minor', c.refund_minor, 'share_minor', s.share_minor, 'currency', b.currency,
                                      'status', c.status, 'tx_hash', c.tx_hash, 'attempts', c.attempts, 'error', c.error,
                                      'moved', traqora.chain_settlement_moved(c.id),
                                      'created_at', c.created_at, 'updated_at', c.updated_at) order by c.id desc),
         count(*)
    into v_rows, v_n
  from (select * from traqora.chain_settlements
        where (p_status is null or status = p_status) and (p_before_id is null or id < p_before_id)
        order by id desc limit v_limit + 1) c
  join traqora.bookings b on b.id = c.booking_id
  join traqora.booking_segments s on s.booking_id = c.booking_id and s.seq = c.seq;
  v_rows := coalesce(v_rows, '[]'::jsonb);
  return jsonb_build_object(
    'data', case when v_n > v_limit then v_rows - v_limit else v_rows end,
    'next', case when v_n > v_limit then (v_rows -> (v_limit - 1) ->> 'id')::bigint end,
    'counts', (select coalesce(jsonb_object_agg(status, n), '{}'::jsonb) from (select status, count(*) as n from traqora.chain_settlements group by status) c));
end $$;

-- Puts a failed settlement back in the outbox (pending) for the signer's next run; audited.
-- Only a failed row: a pending or submitted one is already on its way (409), a confirmed one
-- is done (409). The attempts so far are kept.
create or replace function public.admin_retry_chain_settlement(p_ctx jsonb, p_id bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  c traqora.chain_settlements;
begin
  select * into c from traqora.chain_settlements where id = p_id for update;
  if c.id is null then perform traqora.raise_problem('TQ404', 'No settlement with that id.', 'id'); end if;
  if c.status <> 'failed' then
    perform traqora.raise_problem('TQ409', format('This settlement is %s; only a failed one is retried.', c.status), 'id');
  end if;
  update traqora.chain_settlements set status = 'pending', error = null where id = c.id returning * into c;
  perform traqora.audit_append(p_ctx, 'settlement.retried', 'settlement', c.id::text,
    jsonb_build_object('status', 'failed', 'attempts', c.attempts), jsonb_build_object('status', 'pending', 'attempts', c.attempts));
  return to_jsonb(c);
end $$;

-- The admin multisig's open proposals, from the indexed chain events (contracts/multisig emits
-- proposed / approved / executed / signers_changed; the indexer stores them decoded): proposals
-- neither executed nor expired, newest first, each with its approvals so far and who gave them.
-- threshold and signers come from the latest signers_changed event (null before the indexer has
-- seen one: the contract's constructor emits none). Read-only: approving is a transaction the
-- signer's own wallet signs.
-- Pages newest first on the proposal id (issue #14's cursors; the contract numbers proposals
-- upwards and never reuses one): p_before is the last id of the previous page, p_limit the page
-- size (null: every open one, for the console's money screen), `next` the next page's p_before.
create or replace function public.admin_multisig_proposals(p_before text default null, p_limit int default null) returns jsonb
language sql stable security definer set search_path = '' as $$
  with ms as (
    select e.* from traqora.chain_events e where e.contract = 'multisig' and e.successful),
  config as (
    select (c.fields ->> 'threshold')::int as threshold, c.fields -> 'signers' as signers, c.contract_id
    from ms c where c.action = 'signers_changed' order by c.ledger desc, c.id desc limit 1),
  proposed as (
    select distinct on (p.fields ->> 'proposal_id') p.fields ->> 'proposal_id' as id, p.contract_id, p.fields ->> 'proposer' as proposer,
           p.fields -> 'action' as action, (p.fields ->> 'expires_at')::bigint as expires_at, p.closed_at, p.tx_hash
    from ms p where p.action = 'proposed'
    order by p.fields ->> 'proposal_id', p.ledger, p.id),
  still_open as (
    select p.* from proposed p
    where p.expires_at > extract(epoch from now())
      and not exists (select 1 from ms x where x.action = 'executed' and x.contract_id = p.contract_id and x.fields ->> 'proposal_id' = p.id)
      and (p_before is null or (length(p.id), p.id) < (length(p_before), p_before))
    order by length(p.id) desc, p.id desc
    limit case when p_limit is null then null else least(greatest(p_limit, 1), 100) + 1 end),
  shown as (
    select * from still_open order by length(id) desc, id desc
    limit case when p_limit is null then null else least(greatest(p_limit, 1), 100) end)
  select jsonb_build_object(
    'threshold', (select threshold from config),
    'signers', (select signers from config),
    'proposals', coalesce(jsonb_agg(jsonb_build_object(
      'id', p.id, 'contract_id', p.contract_id, 'proposer', p.proposer, 'action', p.action,
      'expires_at', to_timestamp(p.expires_at), 'proposed_at', p.closed_at, 'tx_hash', p.tx_hash,
      'approvals', coalesce(a.approvals, 0), 'approved_by', coalesce(a.signers, '[]'::jsonb),
      'executable', (select threshold from config) is not null and coalesce(a.approvals, 0) >= (select threshold from config))
      order by length(p.id) desc, p.id desc), '[]'::jsonb),
    'next', case when (select count(*) from still_open) > (select count(*) from shown) then (select id from shown order by length(id), id limit 1) end)
  from shown p
  left join lateral (
    select max((x.fields ->> 'approvals')::int) as approvals, jsonb_agg(distinct x.fields ->> 'signer') as signers
    from ms x where x.action = 'approved' and x.contract_id = p.contract_id and x.fields ->> 'proposal_id' = p.id) a on true
$$;

-- A signer's approval or execution of an admin multisig proposal, after the server read the
-- transaction from RPC and judged it (lib/settlements/multisig-confirm.ts): one audit row per
-- transaction (resource multisig_proposal <contract>/<id>); the same transaction reported again
-- replays the first answer. The proposal list keeps following the indexed events.
create or replace function public.admin_record_multisig_step(p_ctx jsonb, p_contract_id text, p_proposal_id text, p_step text,
  p_signer text, p_tx_hash text, p_approvals int default null, p_ledger bigint default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_resource text := p_contract_id || '/' || p_proposal_id;
  v_prev traqora.audit_log;
  v_id bigint;
begin
  if p_step is null or p_step not in ('approve', 'execute') then
    perform traqora.raise_problem('TQ400', 'step must be approve or execute', 'step');
  end if;
  if p_tx_hash is null or p_tx_hash !~ '^[0-9a-f]{64}$' then
    perform traqora.raise_problem('TQ400', 'tx_hash must be 64 lower-case hex digits', 'tx_hash');
  end if;
  -- one row per transaction: concurrent reports of one hash queue here
  perform pg_advisory_xact_lock(hashtextextended('multisig-step:' || p_tx_hash, 0));
  select * into v_prev from traqora.audit_log a
  where a.resource_type = 'multisig_proposal' and a.resource_id = v_resource and a.after ->> 'tx_hash' = p_tx_hash;
  if v_prev.id is null then
    v_id := traqora.audit_append(p_ctx, case p_step when 'approve' then 'multisig.approved' else 'multisig.executed' end,
      'multisig_proposal', v_resource, null,
      jsonb_build_object('signer', p_signer, 'tx_hash', p_tx_hash, 'approvals', p_approvals, 'ledger', p_ledger));
  end if;
  return jsonb_build_object('proposal_id', p_proposal_id, 'step', p_step, 'signer', coalesce(v_prev.after ->> 'signer', p_signer),
    'tx_hash', p_tx_hash, 'approvals', coalesce((v_prev.after ->> 'approvals')::int, p_approvals),
    'audit_id', coalesce(v_prev.id, v_id), 'replayed', v_prev.id is not null);
end $$;

revoke execute on function public.airline_bookings(text, jsonb, jsonb, int) from public, anon, authenticated;
revoke execute on function public.airline_bookings_csv(text, jsonb, jsonb, int) from public, anon, authenticated;
revoke execute on function public.airline_payouts(text, int, jsonb) from public, anon, authenticated;
revoke execute on function public.airline_payout_account(text) from public, anon, authenticated;
revoke execute on function public.admin_payout_accounts() from public, anon, authenticated;
revoke execute on function public.admin_chain_settlements(text, bigint, int) from public, anon, authenticated;
revoke execute on function public.admin_retry_chain_settlement(jsonb, bigint) from public, anon, authenticated;
grant execute on function public.airline_bookings(text, jsonb, jsonb, int) to service_role;
grant execute on function public.airline_bookings_csv(text, jsonb, jsonb, int) to service_role;
grant execute on function public.airline_payouts(text, int, jsonb) to service_role;
grant execute on function public.airline_payout_account(text) to service_role;
grant execute on function public.admin_payout_accounts() to service_role;
grant execute on function public.admin_chain_settlements(text, bigint, int) to service_role;
grant execute on function public.admin_retry_chain_settlement(jsonb, bigint) to service_role;
revoke execute on function public.admin_multisig_proposals(text, int) from public, anon, authenticated;
grant execute on function public.admin_multisig_proposals(text, int) to service_role;
revoke execute on function public.admin_record_multisig_step(jsonb, text, text, text, text, text, int, bigint) from public, anon, authenticated;
grant execute on function public.admin_record_multisig_step(jsonb, text, text, text, text, text, int, bigint) to service_role;
