-- Operators' console, analytics: the overview's time series and period totals, computed from
-- the bookings table (a console read; nothing here writes). Indexes: migrations/20261207000100.
--
-- Definitions (all in the platform currency, USD, minor units; buckets in UTC):
--   bookings            bookings paid in the bucket (paid_at)
--   gmv_minor           what they were sold for (total_minor)
--   avg_fare_minor      gmv_minor / bookings, rounded
--   cancellations       paid bookings cancelled or refunded in the bucket (closed_at)
--   cancellation_rate   cancellations / bookings of the same bucket (null when none were sold)
--   refunds_minor       money refunded to travellers in the bucket
--   refund_rate         refunds_minor / gmv_minor (null when nothing was sold)
--   released_minor      escrow released after the flight (completed bookings, closed_at)
--   escrow_*_minor      money held in escrow at the bucket's end: paid, not yet closed, by rail
--                       (ledger: the Postgres escrow ledger; onchain: the Soroban escrow)
-- Period totals only (not per bucket), from the loyalty and governance domains:
--   loyalty_points_outstanding     points earned and not yet spent, expired or reversed at the period's end
--   loyalty_liability_minor        their value at the governed redemption rate in force at the period's end
--   governance_proposals_closed    proposals whose voting closed in the period
--   governance_participation_rate  votes cast on them / TRQ supply at their snapshots (null when none)

-- Earlier shapes of this file (three scans per period): gone.
drop function if exists traqora.admin_period_totals(timestamptz, timestamptz);
drop function if exists traqora.admin_escrow_at(timestamptz);

-- UTC midnight at or before p.
create or replace function traqora.utc_day(p timestamptz) returns timestamptz
language sql immutable set search_path = '' as $$
  select date_trunc('day', p at time zone 'UTC') at time zone 'UTC';
$$;

-- The money flows of USD bookings in [p_from, p_to), one row per event: a sale at paid_at, a
-- closure (cancellation, refund, release) of a paid booking at closed_at. The definitions at
-- the top of this file, as additive amounts (escrow = sales − closures up to an instant).
create or replace function traqora.booking_flows_live(p_from timestamptz, p_to timestamptz)
returns table (ts timestamptz, sold int, gmv bigint, in_ledger bigint, in_chain bigint, cancellations int, refunds bigint, released bigint,
               out_ledger bigint, out_chain bigint)
language sql stable set search_path = '' as $$
  select b.paid_at, 1, b.total_minor,
         case when b.payment_rail = 'soroban' then 0 else b.total_minor end, case when b.payment_rail = 'soroban' then b.total_minor else 0 end,
         0, 0::bigint, 0::bigint, 0::bigint, 0::bigint
  from traqora.bookings b
  where b.paid_at >= p_from and b.paid_at < p_to and b.currency = 'USD'
  union all
  select b.closed_at, 0, 0::bigint, 0::bigint, 0::bigint,
         (b.status in ('cancelled', 'refunded'))::int, case when b.status = 'refunded' then coalesce(b.refund_minor, 0) else 0 end,
         case when b.status = 'completed' then b.total_minor else 0 end,
         case when b.payment_rail = 'soroban' then 0 else b.total_minor end, case when b.payment_rail = 'soroban' then b.total_minor else 0 end
  from traqora.bookings b
  where b.closed_at >= p_from and b.closed_at < p_to and b.paid_at is not null and b.currency = 'USD';
$$;

-- Sums the finished UTC days not yet in booking_day_flows (migrations/20261208000210), from the
-- day after the last row (or the first sale) to yesterday, one row per day (empty days too), and
-- answers the watermark: the first day without a row (null when nothing was ever sold). Under
-- the table's advisory lock, which a back-dating change takes too (see the trigger below).
create or replace function traqora.refresh_booking_day_flows() returns date
language plpgsql set search_path = '' as $$
declare
  v_today date := (now() at time zone 'UTC')::date;
  v_from date;
begin
  select max(day) + 1 into v_from from traqora.booking_day_flows;
  if v_from is not null and v_from >= v_today then return v_from; end if;
  perform pg_advisory_xact_lock(hashtext('traqora.booking_day_flows'));
  select max(day) + 1 into v_from from traqora.booking_day_flows;
  if v_from is null then
    select (min(paid_at) at time zone 'UTC')::date into v_from from traqora.bookings where paid_at is not null;
    if v_from is null then return null; end if;
  end if;
  if v_from >= v_today then return v_from; end if;
  insert into traqora.booking_day_flows (day, sold, gmv_minor, in_ledger_minor, in_chain_minor, cancellations, refunds_minor, released_minor,
                                         out_ledger_minor, out_chain_minor)
  select d.day, coalesce(f.sold, 0), coalesce(f.gmv, 0), coalesce(f.in_ledger, 0), coalesce(f.in_chain, 0), coalesce(f.cancellations, 0),
         coalesce(f.refunds, 0), coalesce(f.released, 0), coalesce(f.out_ledger, 0), coalesce(f.out_chain, 0)
  from generate_series(v_from, v_today - 1, interval '1 day') as d(day)
  left join (
    select (l.ts at time zone 'UTC')::date as day, sum(l.sold) as sold, sum(l.gmv) as gmv, sum(l.in_ledger) as in_ledger, sum(l.in_chain) as in_chain,
           sum(l.cancellations) as cancellations, sum(l.refunds) as refunds, sum(l.released) as released,
           sum(l.out_ledger) as out_ledger, sum(l.out_chain) as out_chain
    from traqora.booking_flows_live(v_from::timestamp at time zone 'UTC', v_today::timestamp at time zone 'UTC') l group by 1) f on f.day = d.day::date
  on conflict (day) do nothing;
  return v_today;
end $$;

-- A change to a booking that moves money on a day already summed (back-dated data: demo
-- history, tests, an on-chain payment closed just before midnight) deletes that day's row and
-- every later one, so the sums stay a prefix the next analytics call completes. Changes made
-- now (the normal case: paid_at, closed_at = now()) touch only today and do not fire.
create or replace function traqora.forget_booking_day_flows() returns trigger
language plpgsql set search_path = '' as $$
declare
  v_day timestamptz;
begin
  v_day := least(
    case when tg_op <> 'INSERT' then least(old.paid_at, old.closed_at) end,
    case when tg_op <> 'DELETE' then least(new.paid_at, new.closed_at) end);
  perform pg_advisory_xact_lock(hashtext('traqora.booking_day_flows'));
  delete from traqora.booking_day_flows where day >= (v_day at time zone 'UTC')::date;
  return null;
end $$;

create or replace trigger bookings_forget_day_flows_ins after insert on traqora.bookings for each row
  when (least(new.paid_at, new.closed_at) < traqora.utc_day(now()))
  execute function traqora.forget_booking_day_flows();
create or replace trigger bookings_forget_day_flows_upd after update of paid_at, closed_at, status, refund_minor, total_minor, payment_rail, currency
  on traqora.bookings for each row
  when (((old.paid_at is distinct from new.paid_at or old.total_minor <> new.total_minor or old.payment_rail is distinct from new.payment_rail
          or old.currency <> new.currency)
         and least(old.paid_at, new.paid_at) < traqora.utc_day(now()))
     or ((old.closed_at is distinct from new.closed_at or old.status <> new.status or old.refund_minor is distinct from new.refund_minor
          or old.total_minor <> new.total_minor or old.payment_rail is distinct from new.payment_rail or old.currency <> new.currency)
         and least(old.closed_at, new.closed_at) < traqora.utc_day(now())))
  execute function traqora.forget_booking_day_flows();
create or replace trigger bookings_forget_day_flows_del after delete on traqora.bookings for each row
  when (least(old.paid_at, old.closed_at) < traqora.utc_day(now()))
  execute function traqora.forget_booking_day_flows();

-- The overview: a series of buckets (day, week or month, UTC) from p_from (rounded down to its
-- bucket) to p_to (exclusive), the period's totals, and the previous period of the same length.
-- Every figure is a sum of flows (booking_flows_live's rows) over a time range, and escrow at an
-- instant is the flows in minus out before it; the flows come from booking_day_flows for whole
-- days below its watermark and from the bookings for the rest (today, partial edge days), so
-- a year reads ~730 day rows and a day's worth of bookings. Volatile: it first sums the days
-- finished since the last call (refresh_booking_day_flows).
create or replace function public.admin_analytics(p_from timestamptz, p_to timestamptz, p_interval text default 'day') returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_step interval;
  v_start timestamptz;
  v_prev timestamptz;
  v_w timestamptz;      -- day rows cover everything before this instant
  v_fa timestamptz;     -- day rows are read for [v_fa, v_fb)
  v_fb timestamptz;
  v_cut timestamptz;    -- escrow before v_prev: day rows before v_cut, bookings in [v_cut, v_prev)
  v_base_ledger bigint;
  v_base_chain bigint;
  v_result jsonb;
begin
  if p_interval is null or p_interval not in ('day', 'week', 'month') then
    perform traqora.raise_problem('TQ400', 'interval must be day, week or month', 'interval');
  end if;
  if p_from is null or p_to is null or p_to <= p_from then
    perform traqora.raise_problem('TQ400', 'to must be after from', 'to');
  end if;
  if p_to - p_from > interval '732 days' then
    perform traqora.raise_problem('TQ400', 'the range may span at most two years', 'from');
  end if;
  v_step := ('1 ' || p_interval)::interval;
  -- Buckets are computed on UTC wall time, so a month is a calendar month whatever the session's TimeZone.
  v_start := date_trunc(p_interval, p_from at time zone 'UTC') at time zone 'UTC';
  v_prev := v_start - (p_to - v_start);

  v_w := coalesce(traqora.refresh_booking_day_flows()::timestamp at time zone 'UTC', '-infinity'::timestamptz);
  v_fa := least(case when traqora.utc_day(v_prev) = v_prev then v_prev else traqora.utc_day(v_prev) + interval '1 day' end, p_to);
  v_fb := greatest(v_fa, least(v_w, traqora.utc_day(p_to)));
  v_cut := least(traqora.utc_day(v_prev), v_w);
  select coalesce(sum(d.in_ledger_minor - d.out_ledger_minor), 0), coalesce(sum(d.in_chain_minor - d.out_chain_minor), 0)
    into v_base_ledger, v_base_chain
  from traqora.booking_day_flows d where d.day < (v_cut at time zone 'UTC')::date;
  select v_base_ledger + coalesce(sum(l.in_ledger - l.out_ledger), 0), v_base_chain + coalesce(sum(l.in_chain - l.out_chain), 0)
    into v_base_ledger, v_base_chain
  from traqora.booking_flows_live(v_cut, v_prev) l;

  with flows as materialized (
    select d.day::timestamp at time zone 'UTC' as ts, d.sold, d.gmv_minor as gmv, d.in_ledger_minor as in_ledger, d.in_chain_minor as in_chain,
           d.cancellations, d.refunds_minor as refunds, d.released_minor as released, d.out_ledger_minor as out_ledger, d.out_chain_minor as out_chain
    from traqora.booking_day_flows d
    where d.day >= (v_fa at time zone 'UTC')::date and d.day < (v_fb at time zone 'UTC')::date
    union all select * from traqora.booking_flows_live(v_prev, v_fa)
    union all select * from traqora.booking_flows_live(v_fb, p_to)
  ), period as (
    select w.name, jsonb_build_object(
      'bookings', coalesce(sum(r.sold) filter (where r.ts >= w.f), 0),
      'gmv_minor', coalesce(sum(r.gmv) filter (where r.ts >= w.f), 0),
      'cancellations', coalesce(sum(r.cancellations) filter (where r.ts >= w.f), 0),
      'refunds_minor', coalesce(sum(r.refunds) filter (where r.ts >= w.f), 0),
      'released_minor', coalesce(sum(r.released) filter (where r.ts >= w.f), 0),
      'escrow_ledger_minor', v_base_ledger + coalesce(sum(r.in_ledger - r.out_ledger), 0),
      'escrow_onchain_minor', v_base_chain + coalesce(sum(r.in_chain - r.out_chain), 0)) as fig
    from (values ('totals', v_start, p_to), ('previous', v_prev, v_start)) w(name, f, t)
    left join flows r on r.ts < w.t
    group by w.name
  ), base as (
    select v_base_ledger + coalesce(sum(in_ledger - out_ledger), 0) as ledger, v_base_chain + coalesce(sum(in_chain - out_chain), 0) as chain
    from flows where ts < v_start
  ), buckets as (
    select g at time zone 'UTC' as b_start, least((g + v_step) at time zone 'UTC', p_to) as b_end
    from generate_series(v_start at time zone 'UTC', (p_to at time zone 'UTC') - interval '1 microsecond', v_step) g
  ), summed as (
    select date_trunc(p_interval, ts at time zone 'UTC') at time zone 'UTC' as b_start, sum(sold) as n, sum(gmv) as gmv,
           sum(cancellations) as cancels, sum(refunds) as refunds, sum(released) as released,
           sum(in_ledger - out_ledger) as d_ledger, sum(in_chain - out_chain) as d_chain
    from flows where ts >= v_start group by 1
  ), filled as (
    select k.b_start, k.b_end, coalesce(s.n, 0) as n, coalesce(s.gmv, 0) as gmv,
           coalesce(s.cancels, 0) as cancels, coalesce(s.refunds, 0) as refunds, coalesce(s.released, 0) as released,
           (select ledger from base) + sum(coalesce(s.d_ledger, 0)) over (order by k.b_start) as escrow_ledger,
           (select chain from base) + sum(coalesce(s.d_chain, 0)) over (order by k.b_start) as escrow_chain
    from buckets k left join summed s on s.b_start = k.b_start
  )
  select jsonb_build_object(
    'currency', 'USD', 'interval', p_interval, 'from', v_start, 'to', p_to, 'previous_from', v_prev, 'previous_to', v_start,
    'series', (select coalesce(jsonb_agg(jsonb_build_object(
        'start', r.b_start, 'end', r.b_end, 'bookings', r.n, 'gmv_minor', r.gmv,
        'avg_fare_minor', case when r.n > 0 then round(r.gmv::numeric / r.n)::bigint end,
        'cancellations', r.cancels, 'cancellation_rate', case when r.n > 0 then round(r.cancels::numeric / r.n, 4) end,
        'refunds_minor', r.refunds, 'refund_rate', case when r.gmv > 0 then round(r.refunds::numeric / r.gmv, 4) end,
        'released_minor', r.released,
        'escrow_minor', r.escrow_ledger + r.escrow_chain, 'escrow_ledger_minor', r.escrow_ledger, 'escrow_onchain_minor', r.escrow_chain)
        order by r.b_start), '[]'::jsonb) from filled r),
    'totals', (select traqora.admin_figures(fig) from period where name = 'totals') || traqora.admin_programme_figures(v_start, p_to),
    'previous', (select traqora.admin_figures(fig) from period where name = 'previous') || traqora.admin_programme_figures(v_prev, v_start))
  into v_result;
  return v_result;
end $$;

-- The derived figures of a period (averages, rates, escrow total) from its sums.
create or replace function traqora.admin_figures(p jsonb) returns jsonb
language sql immutable set search_path = '' as $$
  select p || jsonb_build_object(
    'avg_fare_minor', case when (p ->> 'bookings')::bigint > 0 then round((p ->> 'gmv_minor')::numeric / (p ->> 'bookings')::bigint)::bigint end,
    'cancellation_rate', case when (p ->> 'bookings')::bigint > 0 then round((p ->> 'cancellations')::numeric / (p ->> 'bookings')::bigint, 4) end,
    'refund_rate', case when (p ->> 'gmv_minor')::bigint > 0 then round((p ->> 'refunds_minor')::numeric / (p ->> 'gmv_minor')::bigint, 4) end,
    'escrow_minor', (p ->> 'escrow_ledger_minor')::bigint + (p ->> 'escrow_onchain_minor')::bigint);
$$;

-- The loyalty programme's and governance's figures for a period, through those domains' reading
-- functions (95_loyalty.sql, 97_governance.sql): the points outstanding at the period's end and
-- their value at the redemption rate (a stock, like escrow), and the proposals whose voting
-- closed in the period with the share of voting power that voted on them (a flow). plpgsql: the
-- functions it calls are created by later routine files.
create or replace function traqora.admin_programme_figures(p_from timestamptz, p_to timestamptz) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  l jsonb := traqora.loyalty_liability_at(p_to);
  g jsonb := traqora.governance_participation(p_from, p_to);
begin
  return jsonb_build_object(
    'loyalty_points_outstanding', (l ->> 'points')::bigint,
    'loyalty_liability_minor', (l ->> 'value_minor')::bigint,
    'governance_proposals_closed', (g ->> 'proposals')::int,
    'governance_participation_rate', (g ->> 'participation_rate')::numeric);
end $$;

revoke execute on function public.admin_analytics(timestamptz, timestamptz, text) from public, anon, authenticated;
grant execute on function public.admin_analytics(timestamptz, timestamptz, text) to service_role;
