-- Price tracking: watches (create, edit, delete, list with their history), the sampler that
-- prices every due watch through the flights domain's own search (public.search_itineraries,
-- so a sample is exactly what a search would have shown), the alert decision, and the route
-- history behind the results page's chart and price insight.
--
-- An alert is the event price.dropped (the notifications consumer turns it into a `price_alert`).
-- It fires when a sample is at or under the target and the previous one was not, or when it is
-- at least drop_bps under the highest price since the last alert. The watch row is locked for
-- the decision and the reference moves to the alerted price, so a re-run or a concurrent sampler
-- seeing the same price alerts nothing: at most one alert per drop.
-- Tables: supabase/migrations/20261208000500_price_watches.sql.

create or replace trigger price_watches_touch before update on traqora.price_watches
  for each row execute function traqora.touch_updated_at();

-- The lowest total for a party on a route over a date range (default fare family, up to one
-- stop), or null when nothing is for sale.
create or replace function traqora.lowest_price(p_origin text, p_destination text, p_from date, p_to date, p_cabin text,
  p_adults int, p_children int) returns bigint
language sql stable set search_path = '' as $$
  select min((it -> 'fares' -> 0 ->> 'total_minor')::bigint)
  from jsonb_array_elements(public.search_itineraries(p_origin, p_destination, p_from, p_to, p_cabin, p_adults, p_children, 0, 1)) it;
$$;

-- Price spread of a series: the sample standard deviation over the mean, in basis points
-- (0 for fewer than two prices). Tells a traveller how much waiting may win or lose.
create or replace function traqora.price_volatility_bps(p_prices bigint[]) returns int
language sql immutable set search_path = '' as $$
  select case when count(x) < 2 or avg(x) = 0 then 0 else round(10000 * stddev_samp(x) / avg(x))::int end
  from unnest(p_prices) x;
$$;

create or replace function traqora.price_watch_json(w traqora.price_watches) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', w.id, 'origin', w.origin, 'destination', w.destination, 'depart_date', w.depart_date,
    'depart_date_to', w.depart_date_to, 'return_date', w.return_date,
    'trip', case when w.return_date is null then 'one_way' else 'return' end,
    'cabin', w.cabin, 'adults', w.adults, 'children', w.children, 'currency', w.currency,
    'target_minor', w.target_minor, 'drop_bps', coalesce(w.drop_bps, traqora.parameter('price_watch.drop_bps')::int),
    'active', w.active, 'current_minor', w.last_price_minor, 'last_sampled_at', w.last_sampled_at, 'alerts', w.alerts,
    'history', coalesce((select jsonb_agg(jsonb_build_object('at', s.sampled_at, 'price_minor', s.price_minor) order by s.sampled_at)
                         from (select * from traqora.price_samples where watch_id = w.id order by sampled_at desc limit 30) s), '[]'::jsonb),
    'volatility_bps', traqora.price_volatility_bps(array(
      select price_minor from (select price_minor from traqora.price_samples where watch_id = w.id and price_minor is not null
                               order by sampled_at desc limit 30) s)),
    'created_at', w.created_at, 'updated_at', w.updated_at);
$$;

-- Stores one sample for a locked watch and decides the alert (see the file's head). Also keeps
-- the route's daily low for one adult. Returns whether it alerted.
create or replace function traqora.judge_price_sample(p_watch bigint, p_price bigint, p_one_adult bigint default null)
returns boolean language plpgsql set search_path = '' as $$
declare
  w traqora.price_watches;
  v_drop int;
  v_target_crossed boolean;
  v_dropped boolean;
  v_alert boolean := false;
begin
  select * into w from traqora.price_watches where id = p_watch for update;
  if w.id is null then return false; end if;
  if p_price is not null then
    v_drop := coalesce(w.drop_bps, traqora.parameter('price_watch.drop_bps')::int);
    v_target_crossed := w.target_minor is not null and p_price <= w.target_minor and not w.below_target;
    v_dropped := w.reference_minor is not null and p_price * 10000 <= w.reference_minor * (10000 - v_drop);
    v_alert := v_target_crossed or v_dropped;
  end if;
  insert into traqora.price_samples (watch_id, price_minor, currency, alerted) values (w.id, p_price, w.currency, v_alert);
  update traqora.price_watches
  set last_sampled_at = now(),
      last_price_minor = coalesce(p_price, last_price_minor),
      reference_minor = case when p_price is null then reference_minor when v_alert then p_price
                             else greatest(coalesce(reference_minor, p_price), p_price) end,
      below_target = case when p_price is null then below_target else target_minor is not null and p_price <= target_minor end,
      alerts = alerts + v_alert::int
  where id = w.id;
  if p_one_adult is not null then
    insert into traqora.route_price_history as h (origin, destination, cabin, sampled_on, min_price_minor, currency)
    values (w.origin, w.destination, w.cabin, (now() at time zone 'UTC')::date, p_one_adult, w.currency)
    on conflict (origin, destination, cabin, sampled_on)
    do update set min_price_minor = least(h.min_price_minor, excluded.min_price_minor), samples = h.samples + 1;
  end if;
  if v_alert then
    perform traqora.emit_event('price.dropped', 'price_watch', w.id::text, jsonb_build_object(
      'watch_id', w.id, 'user_id', w.user_id, 'origin', w.origin, 'destination', w.destination,
      'depart_date', w.depart_date, 'depart_date_to', w.depart_date_to, 'return_date', w.return_date, 'cabin', w.cabin,
      'adults', w.adults, 'children', w.children,
      'price_minor', p_price, 'currency', w.currency, 'target_minor', w.target_minor, 'from_minor', w.reference_minor,
      'reason', case when v_target_crossed then 'target' else 'drop' end), w.user_id);
  end if;
  return v_alert;
end $$;

-- Prices one watch now (its caller holds or takes the row lock in record_price_sample).
create or replace function traqora.sample_price_watch(p_watch bigint) returns boolean
language plpgsql set search_path = '' as $$
declare
  w traqora.price_watches;
  v_from date;
  v_out bigint;
  v_back bigint;
  v_one bigint;
begin
  select * into w from traqora.price_watches where id = p_watch;
  v_from := greatest(w.depart_date, (now() at time zone 'UTC')::date);
  if v_from > w.depart_date_to then return false; end if;
  v_out := traqora.lowest_price(w.origin, w.destination, v_from, w.depart_date_to, w.cabin, w.adults, w.children);
  if w.return_date is not null then
    v_back := traqora.lowest_price(w.destination, w.origin, w.return_date, w.return_date, w.cabin, w.adults, w.children);
  end if;
  v_one := case when w.adults = 1 and w.children = 0 then v_out
                else traqora.lowest_price(w.origin, w.destination, v_from, w.depart_date_to, w.cabin, 1, 0) end;
  return traqora.judge_price_sample(w.id, case when w.return_date is null then v_out else v_out + v_back end, v_one);
end $$;

-- Samples up to p_limit active watches not sampled for p_min_age_seconds (default: the governed
-- price_watch.sample_interval_seconds), oldest first; a
-- watch whose dates have passed is switched off instead. Concurrent samplers take different
-- watches (skip locked), and a re-run inside the age sees nothing due.
create or replace function public.sample_price_watches(p_limit int default 100, p_min_age_seconds int default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_id bigint;
  v_sampled int := 0;
  v_alerts int := 0;
  v_expired int;
begin
  with gone as (
    update traqora.price_watches set active = false
    where active and depart_date_to < (now() at time zone 'UTC')::date returning 1)
  select count(*) into v_expired from gone;
  for v_id in
    select id from traqora.price_watches
    where active and (last_sampled_at is null or last_sampled_at <= now() - make_interval(secs => greatest(coalesce(p_min_age_seconds, traqora.parameter('price_watch.sample_interval_seconds')::int), 0)))
    order by last_sampled_at nulls first, id
    limit least(greatest(coalesce(p_limit, 100), 1), 1000)
    for update skip locked
  loop
    v_alerts := v_alerts + traqora.sample_price_watch(v_id)::int;
    v_sampled := v_sampled + 1;
  end loop;
  return jsonb_build_object('sampled', v_sampled, 'alerts', v_alerts, 'expired', v_expired);
end $$;

-- Records one sample for a watch with a price the caller measured (tests and the bench drive
-- price moves with it). Same decision, same lock as the sampler.
create or replace function public.record_price_sample(p_watch_id bigint, p_price_minor bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  if p_price_minor is not null and p_price_minor <= 0 then
    perform traqora.raise_problem('TQ400', 'price must be positive', 'price_minor');
  end if;
  if not exists (select 1 from traqora.price_watches where id = p_watch_id) then
    perform traqora.raise_problem('TQ404', 'No price watch with that id.', 'id');
  end if;
  return jsonb_build_object('alerted', traqora.judge_price_sample(p_watch_id, p_price_minor));
end $$;

-- A new watch for p_user, sampled at once so it shows a price from the start. p_watch:
-- {origin, destination, depart_date, depart_date_to?, return_date?, cabin, adults?, children?,
-- target_minor?, drop_bps?}. With an idempotency key, a retry answers the same watch.
create or replace function public.create_price_watch(p_user_id uuid, p_watch jsonb,
  p_idempotency_key text default null, p_request_hash text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  w traqora.price_watches;
  v_today date := (now() at time zone 'UTC')::date;
  v_depart date;
  v_to date;
  v_return date;
begin
  perform traqora.refuse_suspended(p_user_id);
  if p_idempotency_key is not null then
    select * into w from traqora.price_watches where user_id = p_user_id and idempotency_key = p_idempotency_key;
    if w.id is not null then
      if w.request_hash is distinct from p_request_hash then
        perform traqora.raise_problem('TQ422', 'This Idempotency-Key was used for another request.', 'Idempotency-Key');
      end if;
      return traqora.price_watch_json(w) || jsonb_build_object('replayed', true);
    end if;
  end if;
  v_depart := (p_watch ->> 'depart_date')::date;
  v_to := coalesce((p_watch ->> 'depart_date_to')::date, v_depart);
  v_return := (p_watch ->> 'return_date')::date;
  if v_depart is null then perform traqora.raise_problem('TQ400', 'depart_date is required', 'depart_date'); end if;
  if v_to < v_today then perform traqora.raise_problem('TQ422', 'The dates have passed.', 'depart_date'); end if;
  if v_to < v_depart or v_to > v_depart + 30 then
    perform traqora.raise_problem('TQ422', 'depart_date_to must be 0 to 30 days after depart_date.', 'depart_date_to');
  end if;
  if v_return is not null and v_return < v_to then
    perform traqora.raise_problem('TQ422', 'The return must be on or after the last departure day.', 'return_date');
  end if;
  if upper(p_watch ->> 'origin') = upper(p_watch ->> 'destination') then
    perform traqora.raise_problem('TQ422', 'Origin and destination must differ.', 'destination');
  end if;
  if not exists (select 1 from traqora.airports where iata = upper(p_watch ->> 'origin')) then
    perform traqora.raise_problem('TQ422', 'Unknown airport.', 'origin');
  end if;
  if not exists (select 1 from traqora.airports where iata = upper(p_watch ->> 'destination')) then
    perform traqora.raise_problem('TQ422', 'Unknown airport.', 'destination');
  end if;
  -- the per-user cap, counted under a lock on the user so two creates cannot both pass it
  perform 1 from traqora.users where id = p_user_id for no key update;
  if (select count(*) from traqora.price_watches where user_id = p_user_id and active) >= traqora.parameter('price_watch.max_per_user') then
    perform traqora.raise_problem('TQ409', format('You can keep %s active price watches; delete one first.', traqora.parameter('price_watch.max_per_user')::int), 'watch');
  end if;
  insert into traqora.price_watches (user_id, origin, destination, depart_date, depart_date_to, return_date, cabin, adults, children,
                                     target_minor, drop_bps, idempotency_key, request_hash)
  values (p_user_id, upper(p_watch ->> 'origin'), upper(p_watch ->> 'destination'), v_depart, v_to, v_return,
          coalesce(p_watch ->> 'cabin', 'economy'), coalesce((p_watch ->> 'adults')::int, 1), coalesce((p_watch ->> 'children')::int, 0),
          (p_watch ->> 'target_minor')::bigint, (p_watch ->> 'drop_bps')::int, p_idempotency_key, p_request_hash)
  returning * into w;
  perform traqora.sample_price_watch(w.id);
  select * into w from traqora.price_watches where id = w.id;
  return traqora.price_watch_json(w);
end $$;

-- Edits a watch's target, drop threshold or switch. A new target is judged afresh with a fresh
-- sample at once (a price already under it alerts once, now rather than within the hour).
create or replace function public.update_price_watch(p_user_id uuid, p_id bigint, p_patch jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  w traqora.price_watches;
begin
  select * into w from traqora.price_watches where id = p_id and user_id = p_user_id for update;
  if w.id is null then perform traqora.raise_problem('TQ404', 'No price watch with that id.', 'id'); end if;
  update traqora.price_watches
  set target_minor = case when p_patch ? 'target_minor' then (p_patch ->> 'target_minor')::bigint else target_minor end,
      below_target = case when p_patch ? 'target_minor' then false else below_target end,
      drop_bps = case when p_patch ? 'drop_bps' then (p_patch ->> 'drop_bps')::int else drop_bps end,
      active = case when p_patch ? 'active' then (p_patch ->> 'active')::boolean and depart_date_to >= (now() at time zone 'UTC')::date
                    else active end
  where id = w.id
  returning * into w;
  if p_patch ? 'target_minor' and w.active then
    perform traqora.sample_price_watch(w.id);
    select * into w from traqora.price_watches where id = w.id;
  end if;
  return traqora.price_watch_json(w);
end $$;

create or replace function public.delete_price_watch(p_user_id uuid, p_id bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  delete from traqora.price_watches where id = p_id and user_id = p_user_id;
  if not found then perform traqora.raise_problem('TQ404', 'No price watch with that id.', 'id'); end if;
  return jsonb_build_object('deleted', p_id);
end $$;

-- The user's watches, newest first, keyset-paged on id.
create or replace function public.list_price_watches(p_user_id uuid, p_cursor bigint default null, p_limit int default 20) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 20), 1), 100);
  v_rows traqora.price_watches[];
begin
  select coalesce(array_agg(w order by w.id desc), '{}') into v_rows
  from (select * from traqora.price_watches where user_id = p_user_id and (p_cursor is null or id < p_cursor)
        order by id desc limit v_limit + 1) w;
  return jsonb_build_object(
    'data', coalesce((select jsonb_agg(traqora.price_watch_json(r) order by r.id desc) from unnest(v_rows[1:v_limit]) r), '[]'::jsonb),
    'next_cursor', case when cardinality(v_rows) > v_limit then v_rows[v_limit].id end);
end $$;

create or replace function public.get_price_watch(p_user_id uuid, p_id bigint) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  w traqora.price_watches;
begin
  select * into w from traqora.price_watches where id = p_id and user_id = p_user_id;
  if w.id is null then perform traqora.raise_problem('TQ404', 'No price watch with that id.', 'id'); end if;
  return traqora.price_watch_json(w);
end $$;

-- The route's daily lows over the last p_days, today's lowest one-adult fare for p_date
-- (p_now_minor, computed by the caller), and the insight: low under the history's 25th
-- percentile, high over its 75th, else typical (none with fewer than 5 days of history: too
-- little to judge).
create or replace function traqora.route_price_history_json(p_origin text, p_destination text, p_cabin text, p_now_minor bigint, p_days int)
returns jsonb language plpgsql stable set search_path = '' as $$
declare
  v_history jsonb;
  v_n int;
  v_low bigint;
  v_high bigint;
begin
  select coalesce(jsonb_agg(jsonb_build_object('date', sampled_on, 'price_minor', min_price_minor) order by sampled_on), '[]'::jsonb),
         count(*),
         percentile_disc(0.25) within group (order by min_price_minor),
         percentile_disc(0.75) within group (order by min_price_minor)
    into v_history, v_n, v_low, v_high
  from traqora.route_price_history
  where origin = p_origin and destination = p_destination and cabin = p_cabin
    and sampled_on > (now() at time zone 'UTC')::date - p_days;
  return jsonb_build_object('origin', p_origin, 'destination', p_destination, 'cabin', p_cabin, 'currency', 'USD',
    'history', v_history, 'current_minor', p_now_minor, 'typical_low_minor', v_low, 'typical_high_minor', v_high,
    'insight', case when v_n < 5 or p_now_minor is null then null when p_now_minor < v_low then 'low' when p_now_minor > v_high then 'high' else 'typical' end);
end $$;

create or replace function traqora.check_history_cabin(p_cabin text) returns void
language plpgsql immutable set search_path = '' as $$
begin
  if p_cabin is null or p_cabin not in ('economy', 'premium_economy', 'business', 'first') then
    perform traqora.raise_problem('TQ400', 'cabin must be economy, premium_economy, business or first', 'cabin');
  end if;
end $$;

create or replace function public.route_price_history(p_origin text, p_destination text, p_cabin text, p_date date, p_days int default 60)
returns jsonb language plpgsql stable security definer set search_path = '' as $$
declare
  v_now bigint;
begin
  perform traqora.check_history_cabin(p_cabin);
  if p_date is not null and p_date >= (now() at time zone 'UTC')::date then
    v_now := traqora.lowest_price(upper(p_origin), upper(p_destination), p_date, p_date, p_cabin, 1, 0);
  end if;
  return traqora.route_price_history_json(upper(p_origin), upper(p_destination), p_cabin, v_now, least(greatest(coalesce(p_days, 60), 7), 365));
end $$;

-- The demo database's answer (lib/watches/watches.ts, only where the demo schedule is seeded):
-- as route_price_history, but a route and cabin asked for the first time get their demo history
-- made there and then, around the fare the request priced anyway, so any route searched has a
-- chart, not only the busiest ones the price-watches job seeds. Making it costs one insert of
-- p_days rows (no extra search), once per route and cabin: later asks find the rows. A route
-- with nothing for sale on the day gets none (there is nothing to centre it on).
create or replace function public.route_price_history_demo(p_origin text, p_destination text, p_cabin text, p_date date, p_days int default 60)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_origin text := upper(p_origin);
  v_destination text := upper(p_destination);
  v_days int := least(greatest(coalesce(p_days, 60), 7), 365);
  v_now bigint;
begin
  perform traqora.check_history_cabin(p_cabin);
  if p_date is not null and p_date >= (now() at time zone 'UTC')::date then
    v_now := traqora.lowest_price(v_origin, v_destination, p_date, p_date, p_cabin, 1, 0);
  end if;
  if v_now is not null and not exists (select 1 from traqora.route_price_history
                                       where origin = v_origin and destination = v_destination and cabin = p_cabin) then
    perform traqora.demo_route_history_rows(v_origin, v_destination, p_cabin, v_now, least(v_days, 45));
  end if;
  return traqora.route_price_history_json(v_origin, v_destination, p_cabin, v_now, v_days);
end $$;

-- Demo daily lows for one route and cabin: p_days days spread around p_base by a fixed wave per
-- route (the same for every database, so screenshots and tests agree). Fills only empty days.
create or replace function traqora.demo_route_history_rows(p_origin text, p_destination text, p_cabin text, p_base bigint, p_days int)
returns int language plpgsql set search_path = '' as $$
declare
  v_n int;
begin
  insert into traqora.route_price_history (origin, destination, cabin, sampled_on, min_price_minor, currency)
  select p_origin, p_destination, p_cabin, (now() at time zone 'UTC')::date - d,
         greatest(100, round(p_base * (1 + 0.12 * sin((d + traqora.stable_hash(p_origin || p_destination) % 17) / 4.0)
                                         + 0.05 * cos(d * 1.7)))::bigint), 'USD'
  from generate_series(1, least(greatest(coalesce(p_days, 45), 1), 365)) d
  on conflict do nothing;
  get diagnostics v_n = row_count;
  return v_n;
end $$;

-- Demo history for a dev database: p_days of daily lows for every route with flights, spread
-- around today's real lowest fare by a fixed wave per route, so the results page has a chart
-- on a fresh `npm run dev` (other routes get theirs when first asked: route_price_history_demo). Fills only days that hold nothing; never run on a
-- real deployment's data (lib/watches/job.ts calls it only where the demo schedule is seeded).
create or replace function public.seed_route_price_history(p_days int default 45, p_routes int default 200) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  r record;
  v_base bigint;
  v_rows int := 0;
  v_n int;
  v_today date := (now() at time zone 'UTC')::date;
begin
  for r in
    select f.origin, f.destination from traqora.flights f
    where f.departure_date between v_today + 1 and v_today + 7
    group by f.origin, f.destination order by count(*) desc, f.origin, f.destination limit least(greatest(coalesce(p_routes, 200), 1), 2000)
  loop
    v_base := traqora.lowest_price(r.origin, r.destination, v_today + 7, v_today + 7, 'economy', 1, 0);
    continue when v_base is null;
    v_n := traqora.demo_route_history_rows(r.origin, r.destination, 'economy', v_base, p_days);
    v_rows := v_rows + v_n;
  end loop;
  return jsonb_build_object('rows', v_rows);
end $$;

revoke execute on function public.sample_price_watches(int, int) from public, anon, authenticated;
revoke execute on function public.record_price_sample(bigint, bigint) from public, anon, authenticated;
revoke execute on function public.create_price_watch(uuid, jsonb, text, text) from public, anon, authenticated;
revoke execute on function public.update_price_watch(uuid, bigint, jsonb) from public, anon, authenticated;
revoke execute on function public.delete_price_watch(uuid, bigint) from public, anon, authenticated;
revoke execute on function public.list_price_watches(uuid, bigint, int) from public, anon, authenticated;
revoke execute on function public.get_price_watch(uuid, bigint) from public, anon, authenticated;
revoke execute on function public.route_price_history(text, text, text, date, int) from public, anon, authenticated;
revoke execute on function public.seed_route_price_history(int, int) from public, anon, authenticated;
revoke execute on function public.route_price_history_demo(text, text, text, date, int) from public, anon, authenticated;
grant execute on function public.sample_price_watches(int, int) to service_role;
grant execute on function public.record_price_sample(bigint, bigint) to service_role;
grant execute on function public.create_price_watch(uuid, jsonb, text, text) to service_role;
grant execute on function public.update_price_watch(uuid, bigint, jsonb) to service_role;
grant execute on function public.delete_price_watch(uuid, bigint) to service_role;
grant execute on function public.list_price_watches(uuid, bigint, int) to service_role;
grant execute on function public.get_price_watch(uuid, bigint) to service_role;
grant execute on function public.route_price_history(text, text, text, date, int) to service_role;
grant execute on function public.seed_route_price_history(int, int) to service_role;
grant execute on function public.route_price_history_demo(text, text, text, date, int) to service_role;
