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

-- Earlier shapes of this file (three scans per period): gone.
drop function if exists traqora.admin_period_totals(timestamptz, timestamptz);
drop function if exists traqora.admin_escrow_at(timestamptz);

-- The overview: a series of buckets (day, week or month, UTC) from p_from (rounded down to its
-- bucket) to p_to (exclusive), the period's totals, and the previous period of the same length.
-- One pass over the bookings: every figure of both periods comes from the paid bookings still
-- open at the previous period's start or paid since (rel), read once.
create or replace function public.admin_analytics(p_from timestamptz, p_to timestamptz, p_interval text default 'day') returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_step interval;
  v_start timestamptz;
  v_prev timestamptz;
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

  with rel as materialized (
    select b.paid_at, b.closed_at, b.status, b.total_minor, coalesce(b.refund_minor, 0) as refund_minor, b.payment_rail = 'soroban' as onchain
    from traqora.bookings b
    where b.paid_at is not null and b.paid_at < p_to and (b.closed_at is null or b.closed_at >= v_prev) and b.currency = 'USD'
  ), period as (
    select w.name, jsonb_build_object(
      'bookings', count(*) filter (where r.paid_at >= w.f and r.paid_at < w.t),
      'gmv_minor', coalesce(sum(r.total_minor) filter (where r.paid_at >= w.f and r.paid_at < w.t), 0),
      'cancellations', count(*) filter (where r.closed_at >= w.f and r.closed_at < w.t and r.status in ('cancelled', 'refunded')),
      'refunds_minor', coalesce(sum(r.refund_minor) filter (where r.closed_at >= w.f and r.closed_at < w.t and r.status = 'refunded'), 0),
      'released_minor', coalesce(sum(r.total_minor) filter (where r.closed_at >= w.f and r.closed_at < w.t and r.status = 'completed'), 0),
      'escrow_ledger_minor', coalesce(sum(r.total_minor) filter (where r.paid_at < w.t and (r.closed_at is null or r.closed_at >= w.t) and not r.onchain), 0),
      'escrow_onchain_minor', coalesce(sum(r.total_minor) filter (where r.paid_at < w.t and (r.closed_at is null or r.closed_at >= w.t) and r.onchain), 0)) as fig
    from (values ('totals', v_start, p_to), ('previous', v_prev, v_start)) w(name, f, t)
    cross join rel r
    group by w.name
  ), base as (
    select coalesce(sum(total_minor) filter (where not onchain), 0) as ledger, coalesce(sum(total_minor) filter (where onchain), 0) as chain
    from rel where paid_at < v_start and (closed_at is null or closed_at >= v_start)
  ), buckets as (
    select g at time zone 'UTC' as b_start, least((g + v_step) at time zone 'UTC', p_to) as b_end
    from generate_series(v_start at time zone 'UTC', (p_to at time zone 'UTC') - interval '1 microsecond', v_step) g
  ), sold as (
    select date_trunc(p_interval, paid_at at time zone 'UTC') at time zone 'UTC' as b_start, count(*) as n, sum(total_minor) as gmv,
           coalesce(sum(total_minor) filter (where not onchain), 0) as in_ledger, coalesce(sum(total_minor) filter (where onchain), 0) as in_chain
    from rel where paid_at >= v_start group by 1
  ), closed as (
    select date_trunc(p_interval, closed_at at time zone 'UTC') at time zone 'UTC' as b_start,
           count(*) filter (where status in ('cancelled', 'refunded')) as cancels,
           coalesce(sum(refund_minor) filter (where status = 'refunded'), 0) as refunds,
           coalesce(sum(total_minor) filter (where status = 'completed'), 0) as released,
           coalesce(sum(total_minor) filter (where not onchain), 0) as out_ledger, coalesce(sum(total_minor) filter (where onchain), 0) as out_chain
    from rel where closed_at >= v_start and closed_at < p_to group by 1
  ), filled as (
    select k.b_start, k.b_end, coalesce(s.n, 0) as n, coalesce(s.gmv, 0) as gmv,
           coalesce(c.cancels, 0) as cancels, coalesce(c.refunds, 0) as refunds, coalesce(c.released, 0) as released,
           (select ledger from base) + sum(coalesce(s.in_ledger, 0) - coalesce(c.out_ledger, 0)) over (order by k.b_start) as escrow_ledger,
           (select chain from base) + sum(coalesce(s.in_chain, 0) - coalesce(c.out_chain, 0)) over (order by k.b_start) as escrow_chain
    from buckets k left join sold s on s.b_start = k.b_start left join closed c on c.b_start = k.b_start
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
    'totals', (select traqora.admin_figures(fig) from period where name = 'totals'),
    'previous', (select traqora.admin_figures(fig) from period where name = 'previous'))
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

revoke execute on function public.admin_analytics(timestamptz, timestamptz, text) from public, anon, authenticated;
grant execute on function public.admin_analytics(timestamptz, timestamptz, text) to service_role;
