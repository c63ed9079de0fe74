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

-- Escrow held at one instant, by rail.
create or replace function traqora.admin_escrow_at(p_at timestamptz) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'escrow_minor', coalesce(sum(b.total_minor), 0),
    'escrow_ledger_minor', coalesce(sum(b.total_minor) filter (where b.payment_rail = 'ledger'), 0),
    'escrow_onchain_minor', coalesce(sum(b.total_minor) filter (where b.payment_rail = 'soroban'), 0))
  from traqora.bookings b
  where b.paid_at is not null and b.paid_at < p_at and (b.closed_at is null or b.closed_at >= p_at) and b.currency = 'USD';
$$;

-- One period's totals: sales and closures in [p_from, p_to), escrow at p_to.
create or replace function traqora.admin_period_totals(p_from timestamptz, p_to timestamptz) returns jsonb
language sql stable set search_path = '' as $$
  with sold as (
    select count(*) as n, coalesce(sum(total_minor), 0) as gmv
    from traqora.bookings where paid_at >= p_from and paid_at < p_to and currency = 'USD'
  ), closed as (
    select count(*) filter (where status in ('cancelled', 'refunded')) as cancels,
           coalesce(sum(refund_minor) filter (where status = 'refunded'), 0) as refunds,
           coalesce(sum(total_minor) filter (where status = 'completed'), 0) as released
    from traqora.bookings where closed_at >= p_from and closed_at < p_to and paid_at is not null and currency = 'USD'
  )
  select jsonb_build_object(
    'bookings', s.n, 'gmv_minor', s.gmv,
    'avg_fare_minor', case when s.n > 0 then round(s.gmv::numeric / s.n)::bigint end,
    'cancellations', c.cancels,
    'cancellation_rate', case when s.n > 0 then round(c.cancels::numeric / s.n, 4) end,
    'refunds_minor', c.refunds,
    'refund_rate', case when s.gmv > 0 then round(c.refunds::numeric / s.gmv, 4) end,
    'released_minor', c.released) || traqora.admin_escrow_at(p_to)
  from sold s, closed c;
$$;

-- The overview: a series of buckets (day, week or month, UTC) from p_from (rounded down to its
-- bucket) to p_to (exclusive), the period's totals, and the previous period of the same length.
create or replace function public.admin_analytics(p_from timestamptz, p_to timestamptz, p_interval text default 'day') returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_step interval;
  v_start timestamptz;
  v_series jsonb;
  v_base jsonb;
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
  v_base := traqora.admin_escrow_at(v_start);

  with buckets as (
    select g at time zone 'UTC' as b_start, least((g + v_step) at time zone 'UTC', p_to) as b_end
    from generate_series(v_start at time zone 'UTC', (p_to at time zone 'UTC') - interval '1 microsecond', v_step) g
  ), sold as (
    select date_trunc(p_interval, paid_at at time zone 'UTC') at time zone 'UTC' as b_start,
           count(*) as n, sum(total_minor) as gmv,
           coalesce(sum(total_minor) filter (where payment_rail = 'ledger'), 0) as in_ledger,
           coalesce(sum(total_minor) filter (where payment_rail = 'soroban'), 0) as in_chain
    from traqora.bookings where paid_at >= v_start and paid_at < p_to and currency = 'USD' group by 1
  ), closed as (
    select date_trunc(p_interval, closed_at at time zone 'UTC') at time zone 'UTC' as b_start,
           count(*) filter (where status in ('cancelled', 'refunded')) as cancels,
           coalesce(sum(refund_minor) filter (where status = 'refunded'), 0) as refunds,
           coalesce(sum(total_minor) filter (where status = 'completed'), 0) as released,
           coalesce(sum(total_minor) filter (where payment_rail = 'ledger'), 0) as out_ledger,
           coalesce(sum(total_minor) filter (where payment_rail = 'soroban'), 0) as out_chain
    from traqora.bookings where closed_at >= v_start and closed_at < p_to and paid_at is not null and currency = 'USD' group by 1
  ), filled as (
    select k.b_start, k.b_end, coalesce(s.n, 0) as n, coalesce(s.gmv, 0) as gmv,
           coalesce(c.cancels, 0) as cancels, coalesce(c.refunds, 0) as refunds, coalesce(c.released, 0) as released,
           (v_base ->> 'escrow_ledger_minor')::bigint
             + sum(coalesce(s.in_ledger, 0) - coalesce(c.out_ledger, 0)) over (order by k.b_start) as escrow_ledger,
           (v_base ->> 'escrow_onchain_minor')::bigint
             + sum(coalesce(s.in_chain, 0) - coalesce(c.out_chain, 0)) over (order by k.b_start) as escrow_chain
    from buckets k left join sold s on s.b_start = k.b_start left join closed c on c.b_start = k.b_start
  )
  select coalesce(jsonb_agg(jsonb_build_object(
    'start', r.b_start, 'end', r.b_end, 'bookings', r.n, 'gmv_minor', r.gmv,
    'avg_fare_minor', case when r.n > 0 then round(r.gmv::numeric / r.n)::bigint end,
    'cancellations', r.cancels, 'cancellation_rate', case when r.n > 0 then round(r.cancels::numeric / r.n, 4) end,
    'refunds_minor', r.refunds, 'refund_rate', case when r.gmv > 0 then round(r.refunds::numeric / r.gmv, 4) end,
    'released_minor', r.released,
    'escrow_minor', r.escrow_ledger + r.escrow_chain, 'escrow_ledger_minor', r.escrow_ledger, 'escrow_onchain_minor', r.escrow_chain)
    order by r.b_start), '[]'::jsonb)
  into v_series from filled r;

  return jsonb_build_object(
    'currency', 'USD', 'interval', p_interval, 'from', v_start, 'to', p_to,
    'previous_from', v_start - (p_to - v_start), 'previous_to', v_start,
    'series', v_series,
    'totals', traqora.admin_period_totals(v_start, p_to),
    'previous', traqora.admin_period_totals(v_start - (p_to - v_start), v_start));
end $$;

revoke execute on function public.admin_analytics(timestamptz, timestamptz, text) from public, anon, authenticated;
grant execute on function public.admin_analytics(timestamptz, timestamptz, text) to service_role;
