-- Reference data: airports, airlines, routes, aircraft, and the flight schedule with seat
-- inventory per cabin. Rows come from supabase/seed.sql (real data, see the README credits);
-- the schedule is generated from the routes by traqora.generate_schedule().
--
-- Its functions, triggers and grants: supabase/routines/20_reference_data.sql (current definitions,
-- re-applied when they change; see supabase/README.md).

create table traqora.airports (
  iata char(3) primary key check (iata ~ '^[A-Z]{3}$'),
  icao text,
  name text not null,
  city text,
  country_code char(2) not null,
  country text not null,
  continent char(2) not null,
  time_zone text not null,            -- IANA zone: flight times are shown in it
  latitude double precision not null check (latitude between -90 and 90),
  longitude double precision not null check (longitude between -180 and 180),
  kind text not null
);

create table traqora.airlines (
  iata char(2) primary key check (iata ~ '^[A-Z0-9]{2}$'),
  icao char(3) not null,
  name text not null,
  callsign text,
  country text,
  fare_factor numeric(4, 2) not null default 1 check (fare_factor > 0)   -- carrier pricing level
);

create table traqora.routes (
  id bigint generated always as identity primary key,
  origin char(3) not null references traqora.airports,
  destination char(3) not null references traqora.airports,
  airline char(2) not null references traqora.airlines,
  weekly_frequency int not null check (weekly_frequency between 1 and 70),
  distance_km int not null check (distance_km > 0),
  flight_number_base int check (flight_number_base between 1 and 9990),
  unique (origin, destination, airline),
  check (origin <> destination)
);

create table traqora.aircraft_types (
  code text primary key,
  name text not null,
  max_km int not null,                -- assigned to routes up to this distance
  seats_economy int not null check (seats_economy > 0),
  seats_premium_economy int not null default 0 check (seats_premium_economy >= 0),
  seats_business int not null default 0 check (seats_business >= 0),
  seats_first int not null default 0 check (seats_first >= 0)
);
insert into traqora.aircraft_types (code, name, max_km, seats_economy, seats_premium_economy, seats_business, seats_first) values
  ('E75', 'Embraer E175', 900, 64, 0, 12, 0),
  ('32N', 'Airbus A320neo', 2800, 150, 0, 16, 0),
  ('321', 'Airbus A321', 5000, 170, 0, 20, 0),
  ('789', 'Boeing 787-9', 9000, 216, 28, 48, 0),
  ('77W', 'Boeing 777-300ER', 20000, 270, 40, 42, 8);

create table traqora.flights (
  id bigint generated always as identity primary key,
  route_id bigint not null references traqora.routes,
  airline char(2) not null references traqora.airlines,
  flight_number int not null check (flight_number between 1 and 9999),
  origin char(3) not null references traqora.airports,
  destination char(3) not null references traqora.airports,
  departure_date date not null,       -- the operating day, local to the origin
  departs_at timestamptz not null,
  arrives_at timestamptz not null,
  aircraft text not null references traqora.aircraft_types,
  status text not null default 'scheduled'
    check (status in ('scheduled', 'delayed', 'boarding', 'departed', 'landed', 'cancelled')),
  updated_at timestamptz not null default now(),
  unique (airline, flight_number, departure_date),
  check (arrives_at > departs_at)
);
create index flights_route_departure_idx on traqora.flights (origin, destination, departs_at);
create index flights_departure_idx on traqora.flights (departs_at);

create table traqora.flight_cabins (
  flight_id bigint not null references traqora.flights on delete cascade,
  cabin text not null check (cabin in ('economy', 'premium_economy', 'business', 'first')),
  capacity int not null check (capacity > 0),
  seats_available int not null,
  base_fare_minor bigint not null check (base_fare_minor > 0),   -- per adult, before fare family
  currency char(3) not null default 'USD',
  primary key (flight_id, cabin),
  -- Seats are conserved: never oversold, never more than the aircraft has.
  check (seats_available between 0 and capacity)
);

alter table traqora.airports enable row level security;
alter table traqora.airlines enable row level security;
alter table traqora.routes enable row level security;
alter table traqora.aircraft_types enable row level security;
alter table traqora.flights enable row level security;
alter table traqora.flight_cabins enable row level security;
