-- Traqora Rewards badges: achievements computed from the member's flown trips (the facts come from
-- booking.completed events, kept per segment below), from referrals, or given by a rewards
-- manager's airdrop. Three unspent badges buy a one-time fare upgrade (Basic → Standard) on a held
-- booking at checkout. Functions: supabase/routines/94_badges.sql.

-- The catalogue: what each badge counts (measure) and how many it needs (goal); `rule` carries a
-- measure's definition where it has one (long haul: scheduled minutes; night: local departure hours).
create table traqora.loyalty_badges (
  code text primary key check (code ~ '^[a-z][a-z0-9_]{1,40}$'),
  name text not null check (char_length(name) between 1 and 60),
  description text not null check (char_length(description) between 1 and 200),
  measure text not null check (measure in ('trips', 'flights', 'countries', 'long_haul', 'night_flights', 'referrals', 'manual')),
  goal int not null check (goal >= 1),
  rule jsonb not null default '{}'::jsonb,
  sort int not null unique
);
insert into traqora.loyalty_badges (code, name, description, measure, goal, rule, sort) values
  ('first_flight', 'First flight', 'Fly your first trip with Traqora.', 'trips', 1, '{}', 10),
  ('ten_flights', 'Ten flights', 'Fly ten flights with Traqora.', 'flights', 10, '{}', 20),
  ('five_countries', 'Five countries', 'Land in five different countries.', 'countries', 5, '{}', 30),
  ('long_haul', 'Long haul', 'Fly a flight scheduled for six hours or more.', 'long_haul', 1, '{"min_minutes": 360}', 40),
  ('night_flight', 'Night owl', 'Take off between midnight and 5 am, local time.', 'night_flights', 1, '{"from_hour": 0, "to_hour": 5}', 50),
  ('referral', 'Ambassador', 'Invite a friend who flies their first trip.', 'referrals', 1, '{}', 60),
  ('trailblazer', 'Trailblazer', 'Given by Traqora to early members and community helpers.', 'manual', 1, '{}', 70);

-- Each flown segment of a member's completed trips, once (booking, seq): what the badges count.
create table traqora.loyalty_flown_segments (
  booking_id uuid not null,
  seq int not null,
  member_id uuid not null references traqora.loyalty_members,
  origin char(3) not null,
  destination char(3) not null,
  destination_country char(2),
  minutes int not null check (minutes >= 0),
  departs_local_hour int check (departs_local_hour between 0 and 23),
  event_id bigint,                                   -- the booking.completed event (the outbox may purge it)
  created_at timestamptz not null default now(),
  primary key (booking_id, seq)
);
create index loyalty_flown_segments_member_idx on traqora.loyalty_flown_segments (member_id);

-- Badges a member holds: earned (their trips, referrals) or given (an airdrop batch), and whether
-- a fare upgrade spent it.
create table traqora.loyalty_member_badges (
  member_id uuid not null references traqora.loyalty_members,
  badge text not null references traqora.loyalty_badges,
  source text not null check (source in ('earned', 'airdrop')),
  source_ref text check (source_ref is null or char_length(source_ref) between 1 and 200),
  earned_at timestamptz not null default now(),
  spent_booking_id uuid,
  spent_at timestamptz,
  primary key (member_id, badge),
  check ((spent_booking_id is null) = (spent_at is null))
);

-- One fare upgrade per booking, paid with three badges.
create table traqora.loyalty_fare_upgrades (
  booking_id uuid primary key,
  member_id uuid not null references traqora.loyalty_members,
  badges text[] not null check (cardinality(badges) >= 1),
  from_family text not null,
  to_family text not null,
  created_at timestamptz not null default now()
);

-- Trips completed before badges existed: their segments from the booking.completed events of
-- bookings whose points are active (written here in plain SQL: no routines exist yet on a fresh
-- database, and this writes every column it means to set).
insert into traqora.loyalty_flown_segments (booking_id, seq, member_id, origin, destination, destination_country, minutes, departs_local_hour, event_id)
select lb.booking_id, (s->>'seq')::int, lb.member_id, s->>'origin', s->>'destination', a.country_code,
       greatest(extract(epoch from (s->>'arrives_at')::timestamptz - (s->>'departs_at')::timestamptz) / 60, 0)::int,
       extract(hour from (s->>'departs_at')::timestamptz at time zone o.time_zone)::int, e.id
from traqora.loyalty_bookings lb
join traqora.domain_events e on e.type = 'booking.completed' and e.aggregate_id = lb.booking_id::text
cross join lateral jsonb_array_elements(e.payload->'segments') s
left join traqora.airports a on a.iata = s->>'destination'
left join traqora.airports o on o.iata = s->>'origin'
where lb.status = 'active'
on conflict do nothing;

alter table traqora.loyalty_badges enable row level security;
alter table traqora.loyalty_flown_segments enable row level security;
alter table traqora.loyalty_member_badges enable row level security;
alter table traqora.loyalty_fare_upgrades enable row level security;
