// `npm run data:demo`: a year of booking history for the console and its bench, generated in
// set-based SQL (one transaction, seconds for 100,000 bookings). Travellers, past flights on the
// busiest routes, bookings over the past year on both rails with their passengers, timelines
// and on-chain payments, and the mix a marketplace sees: most flown, some refunded, cancelled
// or expired, recent ones still in escrow. Demo rows are marked: travellers' emails end in
// @demo.traqora.test, flights use each route's tenth flight number (the schedule uses at most
// eight), so the schedule and real bookings never collide with them.
//
// The ledger is left alone: demo bookings have no ledger postings (money is never made up in
// the double-entry ledger), so their payments list is empty; status, amounts and chain payments
// are there.

export const DEMO_EMAIL_DOMAIN = 'demo.traqora.test';

/** The generator as one script (run it in a transaction: its temp tables drop at commit). */
export function demoDataSql(bookings: number, opts: { routes?: number; travellers?: number } = {}): string {
  if (!Number.isInteger(bookings) || bookings < 1 || bookings > 2_000_000) throw new Error('bookings must be 1 to 2,000,000');
  const routes = opts.routes ?? 80;
  const travellers = opts.travellers ?? Math.max(50, Math.min(20_000, Math.round(bookings / 20)));
  return `
set local search_path = '';
create temp table demo_names (i int, given text, family text) on commit drop;
insert into demo_names
select i, (array['Ada','Ben','Chloe','Dmitri','Elena','Farah','Gustavo','Hana','Ivan','Jia','Kwame','Lucia','Mateo','Nadia','Oscar','Priya',
                 'Quinn','Rosa','Sven','Tomas','Uma','Victor','Wen','Ximena','Yusuf','Zoe'])[1 + i % 26],
          (array['Okafor','Silva','Nguyen','Muller','Rossi','Kowalski','Haddad','Tanaka','Andersen','Garcia','Ivanova','Mensah','Patel','Dubois',
                 'Kim','Larsen','Moreau','Novak','Oliveira','Petrov','Quispe','Reyes','Schmidt','Torres','Ueda','Varga'])[1 + (i / 26) % 26]
from generate_series(0, ${travellers - 1}) i;

-- Travellers, joined over the past ~14 months; two in five have a linked wallet.
create temp table demo_users on commit drop as
select gen_random_uuid() as id, n.i, n.given, n.family,
       lower(n.given || '.' || n.family || '.' || n.i || '@${DEMO_EMAIL_DOMAIN}') as email,
       now() - make_interval(days => 30 + (random() * 400)::int) as created_at,
       case when n.i % 5 < 2 then 'G' || (select string_agg(substr('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 1 + floor(random() * 32)::int, 1), '')
                                          from generate_series(1, 55) where n.i >= 0) end as wallet
from demo_names n;
insert into traqora.users (id, display_name, email, created_at) select id, given || ' ' || family, email, created_at from demo_users;
insert into traqora.user_roles (user_id, role) select id, 'traveller' from demo_users;
insert into traqora.wallets (address, user_id, linked_at) select wallet, id, created_at from demo_users where wallet is not null on conflict do nothing;

-- Flights: the busiest routes, one a day, from 400 days ago to 60 days ahead.
create temp table demo_routes on commit drop as
select r.id, r.airline, r.origin, r.destination, r.distance_km, r.flight_number_base + 9 as flight_number, o.time_zone,
       (row_number() over (order by r.weekly_frequency desc, r.id) - 1)::int as k
from traqora.routes r join traqora.airports o on o.iata = r.origin
where r.flight_number_base is not null
order by r.weekly_frequency desc, r.id limit ${routes};
insert into traqora.flights (route_id, airline, flight_number, origin, destination, departure_date, departs_at, arrives_at, aircraft, status)
select r.id, r.airline, r.flight_number, r.origin, r.destination, d::date,
       (d::date + make_interval(hours => (7 + r.k % 12)::int)) at time zone r.time_zone,
       ((d::date + make_interval(hours => (7 + r.k % 12)::int)) at time zone r.time_zone) + make_interval(mins => (30 + r.distance_km / 820.0 * 60)::int),
       (select a.code from traqora.aircraft_types a where a.max_km >= r.distance_km order by a.max_km limit 1),
       case when d::date < current_date then 'landed' else 'scheduled' end
from demo_routes r cross join generate_series(current_date - 400, current_date + 60, interval '1 day') d
on conflict (airline, flight_number, departure_date) do nothing;
create temp table demo_flights on commit drop as
select f.id, f.route_id, f.departure_date, f.departs_at, f.arrives_at, f.airline, r.k, r.distance_km
from traqora.flights f join demo_routes r on r.id = f.route_id and r.flight_number = f.flight_number;
create index on demo_flights (k, departure_date);

-- Bookings: created over the past year, departing 1–60 days later. PNRs from a bijection of
-- the row number (no two alike), skipping any already taken.
create temp table demo_bookings on commit drop as
with base as (
  select g, now() - make_interval(secs => random() * 365 * 86400) as created_at, (random() * ${routes})::int % ${routes} as k,
         1 + (random() * random() * 60)::int as lead_days, random() as fate, random() as rail_pick, random() as fam_pick,
         (random() * ${travellers})::int % ${travellers} as traveller, 1 + (random() * random() * 3)::int as adults
  from generate_series(1, ${bookings}) g
)
select gen_random_uuid() as id,
       (select string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 1 + ((((b.g::bigint * 387420489 + 12345) % 1073741824) >> (5 * p)) & 31)::int, 1), '' order by p)
        from generate_series(0, 5) p) as pnr,
       b.*, u.id as user_id, u.email, u.wallet, f.id as flight_id, f.airline, f.departs_at, f.arrives_at, f.distance_km,
       case when b.fam_pick < 0.45 then 'basic' when b.fam_pick < 0.85 then 'standard' else 'flex' end as fare_family,
       case when b.rail_pick < 0.7 then 'ledger' else 'soroban' end as rail
from base b
join demo_users u on u.i = b.traveller
join demo_flights f on f.k = b.k and f.departure_date = (b.created_at + make_interval(days => b.lead_days))::date;

alter table demo_bookings add column status text, add column base_minor bigint, add column taxes_minor bigint,
  add column paid_at timestamptz, add column closed_at timestamptz, add column refund_minor bigint;
update demo_bookings set
  base_minor = adults * round((49 + 0.11 * distance_km) * case fare_family when 'basic' then 1 when 'standard' then 1.18 else 1.45 end * (0.85 + random() * 0.4)) * 100,
  taxes_minor = adults * (1500 + (distance_km / 100) * 100);
update demo_bookings set status = case
    when fate < 0.05 then 'expired'
    when fate < 0.09 then 'cancelled'
    when fate < 0.19 then 'refunded'
    when departs_at > now() then 'paid'
    else 'completed' end;
update demo_bookings set
  paid_at = case when status <> 'expired' then created_at + make_interval(secs => 60 + random() * 600) end,
  closed_at = case status
    when 'expired' then created_at + interval '15 minutes'
    when 'completed' then arrives_at + interval '1 day'
    when 'paid' then null
    else least(now(), created_at + interval '15 minutes' + (greatest(least(departs_at, now()) - created_at, interval '1 hour')) * random()) end;
-- flown, but not yet released (the release runs a day after arrival): still in escrow
update demo_bookings set status = 'paid', closed_at = null where status = 'completed' and closed_at > now();
update demo_bookings set refund_minor = case status
    when 'refunded' then case fare_family when 'basic' then taxes_minor when 'standard' then greatest(taxes_minor, base_minor + taxes_minor - traqora.parameter('fares.refund_penalty.standard')::bigint * adults) else base_minor + taxes_minor end
    when 'cancelled' then 0 end;

insert into traqora.bookings (id, pnr, user_id, status, cabin, fare_family, adults, currency, base_minor, taxes_minor, total_minor, refund_minor,
                              conditions, contact, hold_expires_at, created_at, updated_at, paid_at, closed_at, payment_rail)
select b.id, b.pnr, b.user_id, b.status, 'economy', b.fare_family, b.adults, 'USD', b.base_minor, b.taxes_minor, b.base_minor + b.taxes_minor,
       b.refund_minor,
       -- the conditions the family is sold with now (penalties are governed parameters), as a booking snapshots them
       (select traqora.fare_conditions(ff) from traqora.fare_families ff where ff.code = b.fare_family),
       jsonb_build_object('email', b.email, 'phone', '+1555' || lpad((b.g % 10000000)::text, 7, '0')),
       b.created_at + interval '15 minutes', b.created_at, coalesce(b.closed_at, b.paid_at, b.created_at), b.paid_at, b.closed_at,
       case when b.paid_at is not null then b.rail end
from demo_bookings b
on conflict (pnr) do nothing;
delete from demo_bookings d where not exists (select 1 from traqora.bookings b where b.id = d.id);

insert into traqora.booking_segments (booking_id, seq, slice, flight_id, airline, share_minor)
select id, 1, 1, flight_id, airline, base_minor + taxes_minor from demo_bookings;
insert into traqora.booking_passengers (booking_id, seq, type, given_name, family_name, date_of_birth)
select b.id, s, 'adult', n.given, n.family, date '1950-01-01' + ((b.g * 7919 + s * 104729) % 20000)
from demo_bookings b cross join generate_series(1, b.adults) s
join demo_names n on n.i = (b.traveller + s - 1) % ${travellers};
insert into traqora.booking_events (booking_id, from_status, to_status, note, created_at)
select id, null, 'held', 'Seats held for 15 minutes', created_at from demo_bookings
union all
select id, 'held', 'paid', case rail when 'soroban' then 'Paid from a Stellar wallet into the on-chain escrow' else 'Paid into escrow' end, paid_at
from demo_bookings where paid_at is not null
union all
select id, case when status = 'expired' then 'held' else 'paid' end, status,
       case status when 'expired' then 'Hold expired' when 'completed' then 'Flown; escrow released to the airline'
                   when 'refunded' then 'Cancelled by the traveller; refund issued' else 'Cancelled by the traveller; fare not refundable' end,
       closed_at
from demo_bookings where closed_at is not null;
insert into traqora.chain_payments (tx_hash, booking_id, user_id, payer, status, ledger, closed_at, created_at, updated_at)
select encode(sha256(convert_to(b.id::text, 'UTF8')), 'hex'), b.id, b.user_id,
       -- the traveller's wallet, else an address of the right shape derived from the traveller
       coalesce(b.wallet, 'G' || rpad(translate(upper(encode(sha256(convert_to(b.user_id::text, 'UTF8')), 'hex')), '0189', 'ABCD'), 55, 'Q')),
       'confirmed', 1000000 + b.g, b.paid_at, b.paid_at, b.paid_at
from demo_bookings b where b.rail = 'soroban' and b.paid_at is not null;
`;
}
