-- Fares and search: prices are computed, never stored per search. A cabin's base fare moves
-- with demand (load factor) and how soon the flight leaves, then the fare family and the
-- passenger mix apply. The same functions price search results and bookings, so a quote and
-- a charge can only differ when the inputs (seats sold, days to departure) really changed.
-- Tables: supabase/migrations/20261126000400_fares_and_search.sql (and the shared search
-- answers: 20261213000200_shared_search_answers.sql).

-- The small functions a booking and a search call many times are plpgsql, not sql: a sql
-- function with its own search_path is never inlined, so it is parsed and planned again at each
-- call from another function's statement (segments_json was a third of a booking's database
-- time); plpgsql keeps its plans for the session. docs/performance.md has the figures.
-- One adult's fare for one segment, in minor units: base × demand × advance purchase.
-- Demand works in fare buckets, as airlines' inventory does: the price steps up as the cabin
-- fills (under half sold, three quarters, nine tenths) and holds steady within a bucket.
create or replace function traqora.segment_fare(p_base bigint, p_capacity int, p_available int, p_departs_at timestamptz)
returns bigint language plpgsql stable set search_path = '' as $$
begin
  return (round(p_base
    * case when p_available::numeric / p_capacity > 0.50 then 1.00
           when p_available::numeric / p_capacity > 0.25 then 1.12
           when p_available::numeric / p_capacity > 0.10 then 1.28
           else 1.45 end
    * case when p_departs_at < now() + interval '3 days' then 1.35
           when p_departs_at < now() + interval '7 days' then 1.20
           when p_departs_at < now() + interval '14 days' then 1.10
           when p_departs_at < now() + interval '21 days' then 1.03
           else 1 end
    / 100) * 100)::bigint;                                                        -- whole currency units
end $$;

-- Taxes and fees per seated passenger per segment.
create or replace function traqora.segment_tax(p_international boolean)
returns bigint language sql immutable set search_path = '' as $$
  select case when p_international then 6800 else 2500 end::bigint;
$$;

-- What a party pays for an itinerary in one fare family: children pay 75% of the adult fare,
-- lap infants 10% and no seat taxes.
create or replace function traqora.party_price(p_adult_fare bigint, p_multiplier numeric, p_tax_per_seat bigint,
                                               p_adults int, p_children int, p_infants int)
returns jsonb language plpgsql immutable set search_path = '' as $$
begin
  return (with f as (select (round(p_adult_fare * p_multiplier / 100) * 100)::bigint as adult)
  select jsonb_build_object(
    'per_adult_minor', f.adult,
    'base_minor', f.adult * p_adults + (round(f.adult * 0.75) * p_children)::bigint + (round(f.adult * 0.10) * p_infants)::bigint,
    'taxes_minor', p_tax_per_seat * (p_adults + p_children),
    'total_minor', f.adult * p_adults + (round(f.adult * 0.75) * p_children)::bigint + (round(f.adult * 0.10) * p_infants)::bigint
                   + p_tax_per_seat * (p_adults + p_children))
  from f);
end $$;

-- A family's conditions as sold now. The penalties (per seated passenger) are governed
-- parameters (fares.refund_penalty.<family>, fares.change_penalty.<family>), read at the time of
-- the search, the offer or the booking: a passed proposal changes what the next one shows and
-- uses, and a booking keeps the conditions it snapshotted. A family that is not refundable (or
-- not changeable) has no such parameter and no penalty.
create or replace function traqora.fare_conditions(f traqora.fare_families) returns jsonb
language plpgsql stable set search_path = '' as $$
begin
  return jsonb_build_object(
    'refundable', f.refundable,
    'refund_penalty_minor', case when f.refundable then traqora.parameter('fares.refund_penalty.' || f.code)::bigint else 0 end,
    'changeable', f.changeable,
    'change_penalty_minor', case when f.changeable then traqora.parameter('fares.change_penalty.' || f.code)::bigint else 0 end,
    'checked_bags', f.checked_bags, 'carry_on', true, 'seat_selection', f.seat_selection);
end $$;

-- Itineraries from p_origin to p_destination departing (origin-local day) in
-- [p_date_from, p_date_to]: nonstop flights and, when p_max_stops >= 1, one connection through
-- any airport with 45 min – 6 h to connect (60 min minimum when either leg is international).
-- Each comes priced for the party in every fare family sold in the cabin.
create or replace function public.search_itineraries(
  p_origin text, p_destination text, p_date_from date, p_date_to date, p_cabin text,
  p_adults int, p_children int default 0, p_infants int default 0, p_max_stops int default 1)
returns jsonb language plpgsql stable security definer set search_path = '' as $$
declare
  v_seats int := coalesce(p_adults, 0) + coalesce(p_children, 0);
  -- The airports as the columns' own type (char(3)): compared with text, the columns would be
  -- cast and the (origin, departure_date) and (destination, departs_at) indexes used for the
  -- dates alone, reading every flight of the day. Not three characters: nothing matches, as before.
  v_origin char(3) := case when char_length(p_origin) = 3 then p_origin end;
  v_destination char(3) := case when char_length(p_destination) = 3 then p_destination end;
  v_result jsonb;
begin
  if p_cabin not in ('economy', 'premium_economy', 'business', 'first') then
    perform traqora.raise_problem('TQ400', 'cabin must be economy, premium_economy, business or first', 'cabin');
  end if;
  if p_date_to < p_date_from or p_date_to - p_date_from > 31 then
    perform traqora.raise_problem('TQ400', 'date range must be 0 to 31 days', 'date');
  end if;

  with firsts as (
    select f.* from traqora.flights f
    where f.origin = v_origin and f.departure_date between p_date_from and p_date_to
  ),
  candidates as (
    -- only flights that can start such an itinerary, and second legs that leave one of their
    -- arrival airports for the destination within the connection window (both from indexes)
    select * from firsts
    union
    select f.* from traqora.flights f
    where p_max_stops >= 1 and f.destination = v_destination
      and f.origin in (select x.destination from firsts x where x.destination <> v_destination)
      and f.departs_at >= (select min(x.arrives_at) from firsts x) + interval '45 minutes'
      and f.departs_at <= (select max(x.arrives_at) from firsts x) + interval '6 hours'
  ),
  legs as (
    select f.id, f.airline, f.flight_number, f.origin, f.destination, f.departure_date, f.departs_at, f.arrives_at,
           f.aircraft, fc.seats_available, fc.base_fare_minor, fc.capacity,
           o.country_code <> d.country_code as international
    from candidates f
    join traqora.flight_cabins fc on fc.flight_id = f.id and fc.cabin = p_cabin
    join traqora.airports o on o.iata = f.origin
    join traqora.airports d on d.iata = f.destination
    where f.status in ('scheduled', 'delayed') and fc.seats_available >= v_seats
      and f.departs_at > now() + interval '1 hour'                               -- booking cut-off
  ),
  itineraries as (
    -- Fares are priced here, for the legs that make an itinerary, not for every candidate leg
    -- (a hub's whole day of departures; segment_fare is a function call per row).
    select array[a.id] as flight_ids, a.departure_date, a.departs_at, a.arrives_at, a.seats_available as seats_left,
           traqora.segment_fare(a.base_fare_minor, a.capacity, a.seats_available, a.departs_at) as adult_fare,
           traqora.segment_tax(a.international) as tax
    from legs a
    where a.origin = v_origin and a.destination = v_destination and a.departure_date between p_date_from and p_date_to
    union all
    select array[a.id, b.id], a.departure_date, a.departs_at, b.arrives_at, least(a.seats_available, b.seats_available),
           traqora.segment_fare(a.base_fare_minor, a.capacity, a.seats_available, a.departs_at)
             + traqora.segment_fare(b.base_fare_minor, b.capacity, b.seats_available, b.departs_at),
           traqora.segment_tax(a.international) + traqora.segment_tax(b.international)
    from legs a
    join legs b on b.origin = a.destination and b.destination = v_destination
    where p_max_stops >= 1 and a.origin = v_origin and a.destination <> v_destination
      and a.departure_date between p_date_from and p_date_to
      and b.departs_at >= a.arrives_at + case when a.international or b.international then interval '60 minutes' else interval '45 minutes' end
      and b.departs_at <= a.arrives_at + interval '6 hours'
  ),
  -- Each flight's segment and each family's conditions built once, in one query each, instead of
  -- a function call per itinerary (a hub's connections share their legs).
  segs as (
    select s.flight_id, s.segment from traqora.segments_json(array(select distinct x.id from itineraries i, unnest(i.flight_ids) x(id))) s
  ),
  fams as (
    select ff.code, ff.name, ff.rank, ff.price_multiplier, traqora.fare_conditions(ff) as conditions
    from traqora.fare_families ff where p_cabin = any (ff.cabins)
  )
  select coalesce(jsonb_agg(jsonb_build_object(
           'flight_ids', to_jsonb(i.flight_ids),
           'departure_date', i.departure_date,
           'departs_at', i.departs_at,
           'arrives_at', i.arrives_at,
           'duration_minutes', (extract(epoch from i.arrives_at - i.departs_at) / 60)::int,
           'stops', cardinality(i.flight_ids) - 1,
           'seats_left', i.seats_left,
           'currency', 'USD',
           'segments', (select jsonb_agg(g.segment order by s.ord)
                        from unnest(i.flight_ids) with ordinality s(id, ord) join segs g on g.flight_id = s.id),
           'fares', (select jsonb_agg(jsonb_build_object('family', ff.code, 'name', ff.name, 'conditions', ff.conditions)
                             || traqora.party_price(i.adult_fare, ff.price_multiplier, i.tax, p_adults, p_children, p_infants)
                             order by ff.rank)
                     from fams ff)
         ) order by i.departs_at, i.arrives_at), '[]'::jsonb)
  into v_result
  from itineraries i;
  return v_result;
end $$;

-- search_itineraries through the answers every app instance shares on a server database
-- (traqora.search_answers; lib/flights/itinerary-search.ts calls it when its own in-process
-- cache misses): the stored answer while it is fresh, otherwise a search, stored for p_ttl_ms
-- and answered. One round trip either way, which the miss made anyway. `searched` says whether
-- this call searched (the app counts a shared hit only when it did not); `fresh_ms` is how long
-- the answer stays fresh by the database's clock, so an instance keeps it no longer than that.
-- Freshness counts from just before the search read the flights: an answer is never served
-- more than p_ttl_ms after the inventory it shows. Nothing is sold from it (offer_price
-- reprices every offer opened and every booking).
create or replace function public.search_itineraries_cached(
  p_origin text, p_destination text, p_date_from date, p_date_to date, p_cabin text,
  p_adults int, p_children int default 0, p_infants int default 0, p_max_stops int default 1,
  p_ttl_ms int default 5000)
returns json language plpgsql security definer set search_path = '' as $$
declare
  v_key text := jsonb_build_array(p_origin, p_destination, p_date_from, p_date_to, p_cabin,
                                  p_adults, p_children, p_infants, p_max_stops)::text;
  v_stored traqora.search_answers;
  v_searched_at timestamptz;
  v_answer json;
begin
  if p_ttl_ms is null or p_ttl_ms not between 1 and 60000 then
    perform traqora.raise_problem('TQ400', 'ttl_ms must be 1 to 60000', 'ttl_ms');
  end if;
  select * into v_stored from traqora.search_answers a where a.key = v_key and a.expires_at > clock_timestamp();
  if v_stored.key is null then
    -- Single flight across instances: instances missing the same key at once queue here behind
    -- the first, which searches and stores; each then finds its answer (this statement takes a
    -- new snapshot, so it sees the row committed before the lock was released).
    perform pg_advisory_xact_lock(hashtextextended('search-answer:' || v_key, 0));
    select * into v_stored from traqora.search_answers a where a.key = v_key and a.expires_at > clock_timestamp();
  end if;
  if v_stored.key is not null then
    return json_build_object('searched', false,
      'fresh_ms', greatest(0, floor(extract(epoch from v_stored.expires_at - clock_timestamp()) * 1000))::int,
      'itineraries', v_stored.answer);
  end if;

  v_searched_at := clock_timestamp();
  v_answer := public.search_itineraries(p_origin, p_destination, p_date_from, p_date_to, p_cabin,
                                        p_adults, p_children, p_infants, p_max_stops)::json;
  insert into traqora.search_answers (key, answer, expires_at)
  values (v_key, v_answer, v_searched_at + p_ttl_ms * interval '1 millisecond')
  on conflict (key) do update set answer = excluded.answer, expires_at = excluded.expires_at;
  -- Expired answers go a few at a time with each one stored, so they cannot pile up (a store
  -- adds at most one row and removes up to 20) and no instance waits for another's sweep.
  delete from traqora.search_answers where key in (
    select a.key from traqora.search_answers a where a.expires_at <= v_searched_at
    order by a.expires_at limit 20 for update skip locked);
  return json_build_object('searched', true,
    'fresh_ms', greatest(0, floor(extract(epoch from v_searched_at + p_ttl_ms * interval '1 millisecond' - clock_timestamp()) * 1000))::int,
    'itineraries', v_answer);
end $$;

-- A flight as a segment of an offer: carrier, times (UTC) with both airports' time zones.
-- Many flights as segments at once (one join, for search's itineraries).
create or replace function traqora.segments_json(p_flight_ids bigint[]) returns table (flight_id bigint, segment jsonb)
language plpgsql stable set search_path = '' as $$
begin
  return query select f.id, jsonb_build_object(
    'flight_id', f.id, 'airline', f.airline, 'airline_name', al.name, 'flight_number', f.flight_number,
    'designator', f.airline || ' ' || f.flight_number,
    'origin', jsonb_build_object('iata', o.iata, 'name', o.name, 'city', o.city, 'time_zone', o.time_zone, 'country_code', o.country_code),
    'destination', jsonb_build_object('iata', d.iata, 'name', d.name, 'city', d.city, 'time_zone', d.time_zone, 'country_code', d.country_code),
    'departs_at', f.departs_at, 'arrives_at', f.arrives_at,
    'duration_minutes', (extract(epoch from f.arrives_at - f.departs_at) / 60)::int,
    'aircraft', jsonb_build_object('code', a.code, 'name', a.name),
    'status', f.status)
  from traqora.flights f
  join traqora.airlines al on al.iata = f.airline
  join traqora.airports o on o.iata = f.origin
  join traqora.airports d on d.iata = f.destination
  join traqora.aircraft_types a on a.code = f.aircraft
  where f.id = any (p_flight_ids);
end $$;

create or replace function traqora.segment_json(p_flight_id bigint) returns jsonb
language plpgsql stable set search_path = '' as $$
begin
  return (select s.segment from traqora.segments_json(array[p_flight_id]) s);
end $$;

-- Prices an offer now: what booking it would cost. An offer is one or more slices (outbound,
-- return), each a list of flight ids in travel order; each slice is priced as search prices it
-- and the slices are summed, so a round trip costs what its two search results add up to.
-- create_booking calls this under its seat locks; price_offer adds the flights' details for
-- the offer page. Not available (with the reason) when a flight left, was cancelled or has too
-- few seats.
create or replace function traqora.offer_price(p_slices jsonb, p_cabin text, p_family text,
                                               p_adults int, p_children int default 0, p_infants int default 0)
returns jsonb language plpgsql stable set search_path = '' as $$
declare
  v_family traqora.fare_families;
  v_slice jsonb;
  v_fare bigint; v_tax bigint; v_count int; v_seats int; v_expected int;
  v_price jsonb;
  v_base bigint := 0; v_taxes bigint := 0; v_total bigint := 0;
  v_seats_left int := 2147483647;
begin
  select * into v_family from traqora.fare_families where code = p_family and p_cabin = any (cabins);
  if v_family.code is null then
    perform traqora.raise_problem('TQ400', 'fare family ' || coalesce(p_family, 'null') || ' is not sold in ' || coalesce(p_cabin, 'null'), 'fare_family');
  end if;
  if jsonb_typeof(p_slices) <> 'array' or jsonb_array_length(p_slices) not between 1 and 2 then
    perform traqora.raise_problem('TQ400', 'an offer has one or two slices', 'offer_id');
  end if;
  for v_slice in select value from jsonb_array_elements(p_slices) loop
    v_expected := jsonb_array_length(v_slice);
    select count(*), sum(traqora.segment_fare(fc.base_fare_minor, fc.capacity, fc.seats_available, f.departs_at)),
           sum(traqora.segment_tax(o.country_code <> d.country_code)), min(fc.seats_available)
      into v_count, v_fare, v_tax, v_seats
    from jsonb_array_elements_text(v_slice) x(id)
    join traqora.flights f on f.id = x.id::bigint
    join traqora.flight_cabins fc on fc.flight_id = f.id and fc.cabin = p_cabin
    join traqora.airports o on o.iata = f.origin
    join traqora.airports d on d.iata = f.destination
    where f.status in ('scheduled', 'delayed') and f.departs_at > now() + interval '1 hour';
    if v_count is distinct from v_expected or v_expected = 0 then
      return jsonb_build_object('available', false, 'reason', 'A flight in this offer is no longer bookable.');
    end if;
    v_price := traqora.party_price(v_fare, v_family.price_multiplier, v_tax, p_adults, p_children, p_infants);
    v_base := v_base + (v_price->>'base_minor')::bigint;
    v_taxes := v_taxes + (v_price->>'taxes_minor')::bigint;
    v_total := v_total + (v_price->>'total_minor')::bigint;
    v_seats_left := least(v_seats_left, v_seats);
  end loop;
  return jsonb_build_object('available', v_seats_left >= p_adults + p_children, 'seats_left', v_seats_left, 'currency', 'USD',
                            'conditions', traqora.fare_conditions(v_family), 'fare_family_name', v_family.name,
                            'base_minor', v_base, 'taxes_minor', v_taxes, 'total_minor', v_total);
end $$;

-- An offer priced now, with its flights as segments, slice by slice (the offer page, and what
-- the route shows when the price changed).
create or replace function public.price_offer(p_slices jsonb, p_cabin text, p_family text,
                                              p_adults int, p_children int default 0, p_infants int default 0)
returns jsonb language plpgsql stable security definer set search_path = '' as $$
declare
  v_price jsonb := traqora.offer_price(p_slices, p_cabin, p_family, p_adults, p_children, p_infants);
begin
  if not (v_price->>'available')::boolean and v_price ? 'reason' then return v_price; end if;
  return v_price || jsonb_build_object('slices', (select jsonb_agg((select jsonb_agg(traqora.segment_json(x.id::bigint) order by x.ord)
                                                                    from jsonb_array_elements_text(sl.value) with ordinality x(id, ord)) order by sl.ord)
                                                  from jsonb_array_elements(p_slices) with ordinality sl(value, ord)));
end $$;

-- Only the server role may call these (default privileges: the platform migration).
revoke execute on function public.search_itineraries(text, text, date, date, text, int, int, int, int) from public, anon, authenticated;
revoke execute on function public.search_itineraries_cached(text, text, date, date, text, int, int, int, int, int) from public, anon, authenticated;
revoke execute on function public.price_offer(jsonb, text, text, int, int, int) from public, anon, authenticated;
grant execute on function public.search_itineraries(text, text, date, date, text, int, int, int, int) to service_role;
grant execute on function public.search_itineraries_cached(text, text, date, date, text, int, int, int, int, int) to service_role;
grant execute on function public.price_offer(jsonb, text, text, int, int, int) to service_role;
