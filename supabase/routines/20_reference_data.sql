-- Reference data: the schedule generator and the airport/route look-ups. Tables:
-- supabase/migrations/20261126000200_reference_data.sql.

create or replace trigger flights_touch before update on traqora.flights
  for each row execute function traqora.touch_updated_at();

-- flight.status_changed, with the bookings on the flight (held or paid, or closed by this same
-- transaction, as a cancellation's refunds are) so a consumer can tell
-- their travellers without reading the booking tables. Flights change status by a plain update
-- (operations tooling): make it the last write of its transaction (emit_event's lock).
create or replace function traqora.flight_status_changed() returns trigger
language plpgsql set search_path = '' as $$
begin
  perform traqora.emit_event('flight.status_changed', 'flight', new.id::text, jsonb_build_object(
    'flight_id', new.id, 'airline', new.airline, 'flight_number', new.flight_number, 'origin', new.origin,
    'destination', new.destination, 'departure_date', new.departure_date, 'departs_at', new.departs_at, 'arrives_at', new.arrives_at,
    'from_status', old.status, 'to_status', new.status,
    'bookings', coalesce((select jsonb_agg(jsonb_build_object('booking_id', b.id, 'pnr', b.pnr, 'user_id', b.user_id, 'status', b.status) order by b.pnr)
                          from traqora.booking_segments s join traqora.bookings b on b.id = s.booking_id
                          -- closed in this transaction: a cancellation refunds them before it changes the status
                          where s.flight_id = new.id and (b.status in ('held', 'paid') or b.closed_at = now())), '[]'::jsonb)));
  return null;
end $$;
create or replace trigger flights_status_changed after update of status on traqora.flights
  for each row when (old.status is distinct from new.status) execute function traqora.flight_status_changed();

-- A hash that is the same on every PostgreSQL version (hashtext() is not guaranteed to be).
create or replace function traqora.stable_hash(p_text text) returns int
language sql immutable set search_path = '' as $$
  select (('x' || substr(md5(p_text), 1, 8))::bit(32)::int & 2147483647);
$$;

-- Generates the schedule for [p_start, p_start + p_days) from the routes. Deterministic (a
-- route's banks, weekdays and fares derive from a hash of the route) and idempotent (existing
-- flights are kept as they are, so seat counts already sold are never reset).
create or replace function traqora.generate_schedule(p_start date, p_days int) returns int
language plpgsql set search_path = '' as $$
declare
  v_inserted int;
begin
  -- Give new routes a block of ten flight numbers per airline.
  with numbered as (
    select r.id, coalesce((select max(x.flight_number_base) from traqora.routes x where x.airline = r.airline), 90)
                 + 10 * row_number() over (partition by r.airline order by r.origin, r.destination) as base
    from traqora.routes r where r.flight_number_base is null
  )
  update traqora.routes r set flight_number_base = n.base from numbered n where r.id = n.id and n.base <= 9990;

  with route_plan as (
    select r.id, r.airline, r.origin, r.destination, r.distance_km, r.weekly_frequency, r.flight_number_base,
           o.time_zone as origin_tz,
           greatest(1, least(8, round(r.weekly_frequency / 7.0)))::int as daily,
           -- block time: taxi and climb, then cruise at ~820 km/h; rounded up to 5 minutes
           (ceil((30 + r.distance_km / 820.0 * 60) / 5) * 5)::int as block_minutes,
           traqora.stable_hash(r.origin || r.destination || r.airline) as h,
           (select a.code from traqora.aircraft_types a where a.max_km >= r.distance_km order by a.max_km limit 1) as aircraft
    from traqora.routes r join traqora.airports o on o.iata = r.origin
    where r.flight_number_base is not null
  ),
  legs as (
    select p.*, d::date as day, b.n as bank,
           case when p.daily = 1 then 420 + (p.h % 14) * 60 + ((p.h / 14) % 6) * 5
                else 360 + b.n * (930 / (p.daily - 1) / 5 * 5) + ((p.h / 7) % 4) * 5 end as minute_of_day
    from route_plan p
    cross join generate_series(p_start, p_start + (p_days - 1), interval '1 day') d
    cross join lateral generate_series(0, p.daily - 1) b(n)
    -- fewer than daily: fly on fixed weekdays chosen by the route hash
    where p.weekly_frequency >= 7 or ((extract(isodow from d)::int + p.h) % 7) < p.weekly_frequency
  ),
  inserted as (
    insert into traqora.flights (route_id, airline, flight_number, origin, destination, departure_date, departs_at, arrives_at, aircraft)
    select l.id, l.airline, l.flight_number_base + l.bank, l.origin, l.destination, l.day,
           (l.day + make_interval(mins => least(l.minute_of_day, 1435))) at time zone l.origin_tz,
           ((l.day + make_interval(mins => least(l.minute_of_day, 1435))) at time zone l.origin_tz) + make_interval(mins => l.block_minutes),
           l.aircraft
    from legs l
    on conflict (airline, flight_number, departure_date) do nothing
    returning id, route_id, departure_date, aircraft
  ),
  cabins as (
    insert into traqora.flight_cabins (flight_id, cabin, capacity, seats_available, base_fare_minor)
    select i.id, c.cabin, c.seats, c.seats,
           -- economy: $49 + 11¢/km, carrier factor, weekday demand (Fri/Sun dearer, Tue/Wed cheaper);
           -- premium cabins as multiples. Whole dollars, in cents.
           (round((49 + 0.11 * r.distance_km) * al.fare_factor * c.multiple
                  * case extract(isodow from i.departure_date)::int when 5 then 1.12 when 7 then 1.12 when 2 then 0.92 when 3 then 0.92 else 1 end) * 100)::bigint
    from inserted i
    join traqora.routes r on r.id = i.route_id
    join traqora.airlines al on al.iata = r.airline
    join traqora.aircraft_types a on a.code = i.aircraft
    cross join lateral (values ('economy', a.seats_economy, 1.0), ('premium_economy', a.seats_premium_economy, 1.7),
                               ('business', a.seats_business, case when r.distance_km > 5000 then 4.5 else 3.0 end),
                               ('first', a.seats_first, 7.0)) c(cabin, seats, multiple)
    where c.seats > 0
    returning 1
  )
  select count(*) into v_inserted from inserted;
  return v_inserted;
end $$;

-- Keeps the schedule p_days ahead of today; run on seed and by the daily job.
create or replace function public.extend_schedule(p_days int default 120) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_count int;
  v_from date;
begin
  if p_days is null or p_days < 1 or p_days > 366 then
    perform traqora.raise_problem('TQ400', 'days must be between 1 and 366', 'days');
  end if;
  -- Resume after the last scheduled day, so a daily run (and each one-day step of the fill on a
  -- first start) only generates the new day. generate_schedule writes whole days in one
  -- statement, so the last scheduled day is complete; re-generating it (the overlap this once
  -- had) cost a third of every step in conflict checks.
  select greatest(current_date, coalesce(max(departure_date) + 1, current_date)) into v_from from traqora.flights;
  if v_from > current_date + (p_days - 1) then
    return jsonb_build_object('inserted', 0);
  end if;
  v_count := traqora.generate_schedule(v_from, (current_date + p_days) - v_from);
  if v_count > 0 then
    perform traqora.emit_event('schedule.extended', 'schedule', 'flights', jsonb_build_object(
      'from', v_from, 'through', current_date + (p_days - 1), 'flights_added', v_count));
  end if;
  return jsonb_build_object('inserted', v_count);
end $$;

-- Airport autocomplete: IATA code, city, name or country, best matches first.
create or replace function public.search_airports(p_query text, p_limit int default 8) returns jsonb
language sql stable security definer set search_path = '' as $$
  with q as (select lower(trim(p_query)) as t)
  select coalesce(jsonb_agg(to_jsonb(m) - 'rank' order by m.rank, m.city, m.iata), '[]'::jsonb)
  from (
    select a.iata, a.name, a.city, a.country, a.country_code, a.time_zone,
           case when lower(a.iata) = q.t then 0
                when lower(a.city) = q.t then 1
                when lower(a.city) like q.t || '%' then 2
                when lower(a.name) like q.t || '%' then 3
                when lower(a.name) like '% ' || q.t || '%' or lower(a.city) like '% ' || q.t || '%' then 4
                when lower(a.country) like q.t || '%' then 5
                else 6 end as rank
    from traqora.airports a, q
    where q.t <> '' and (lower(a.iata) = q.t or lower(a.city) like '%' || q.t || '%'
                         or lower(a.name) like '%' || q.t || '%' or lower(a.country) like q.t || '%')
    order by rank, a.city, a.iata
    limit greatest(1, least(coalesce(p_limit, 8), 20))
  ) m;
$$;

create or replace function public.reference_counts() returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'airports', (select count(*) from traqora.airports),
    'airlines', (select count(*) from traqora.airlines),
    'routes', (select count(*) from traqora.routes),
    'flights', (select count(*) from traqora.flights),
    'first_departure', (select min(departs_at) from traqora.flights),
    'last_departure', (select max(departs_at) from traqora.flights));
$$;

-- Only the server role may call these (default privileges: the platform migration).
revoke execute on function public.extend_schedule(int) from public, anon, authenticated;
revoke execute on function public.search_airports(text, int) from public, anon, authenticated;
revoke execute on function public.reference_counts() from public, anon, authenticated;
grant execute on function public.extend_schedule(int) to service_role;
grant execute on function public.search_airports(text, int) to service_role;
grant execute on function public.reference_counts() to service_role;
