-- Price tracking: a traveller's watch on a route and dates, the lowest price sampled for it on a
-- schedule, and the route's daily low (what the results page's chart and "prices are low /
-- typical / high" insight read). An alert is a domain event (price.dropped) that the
-- notifications consumer turns into a `price_alert`; the watch keeps the state that makes it
-- fire at most once per drop (reference_minor, below_target).
--
-- Functions, triggers and grants: supabase/routines/99_price_watches.sql.

create table traqora.price_watches (
  id bigint generated always as identity primary key,
  user_id uuid not null references traqora.users on delete cascade,
  origin text not null references traqora.airports (iata),
  destination text not null references traqora.airports (iata),
  depart_date date not null,
  depart_date_to date not null,                 -- = depart_date for one day; a range is at most 30 days
  return_date date,                             -- null: one way
  cabin text not null check (cabin in ('economy', 'premium_economy', 'business', 'first')),
  adults int not null default 1 check (adults between 1 and 9),
  children int not null default 0 check (children between 0 and 8),
  currency text not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
  target_minor bigint check (target_minor is null or target_minor > 0),
  -- A drop of at least this much (basis points) from the highest price since the last alert
  -- alerts; null: the governed default (price_watch.drop_bps).
  drop_bps int check (drop_bps is null or drop_bps between 100 and 9000),
  active boolean not null default true,
  -- Alert state: the price a drop is measured from (the highest since the last alert), whether
  -- the last sample was under the target (crossing it again alerts again only after rising above).
  reference_minor bigint,
  below_target boolean not null default false,
  last_price_minor bigint,
  last_sampled_at timestamptz,
  alerts int not null default 0 check (alerts >= 0),
  -- the create request's Idempotency-Key and body hash: a retry answers this watch again
  idempotency_key text,
  request_hash text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (origin <> destination),
  check (depart_date_to >= depart_date and depart_date_to <= depart_date + 30),
  check (return_date is null or return_date >= depart_date_to)
);
create unique index price_watches_idempotency_idx on traqora.price_watches (user_id, idempotency_key) where idempotency_key is not null;
create index price_watches_user_idx on traqora.price_watches (user_id, id desc);
create index price_watches_due_idx on traqora.price_watches (last_sampled_at nulls first, id) where active;

-- Every sample of a watch: the lowest total for its passengers, or null when nothing was for sale.
create table traqora.price_samples (
  id bigint generated always as identity primary key,
  watch_id bigint not null references traqora.price_watches on delete cascade,
  sampled_at timestamptz not null default now(),
  price_minor bigint check (price_minor is null or price_minor > 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  alerted boolean not null default false
);
create index price_samples_watch_idx on traqora.price_samples (watch_id, sampled_at desc);

-- The lowest one-adult one-way fare seen for a route and cabin on each day it was sampled.
create table traqora.route_price_history (
  origin text not null,
  destination text not null,
  cabin text not null check (cabin in ('economy', 'premium_economy', 'business', 'first')),
  sampled_on date not null,
  min_price_minor bigint not null check (min_price_minor > 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  samples int not null default 1 check (samples >= 1),
  primary key (origin, destination, cabin, sampled_on)
);

insert into traqora.governed_parameters (key, value, unit, min_value, max_value, integral, description) values
  ('price_watch.drop_bps', 1000, 'bps', 100, 9000, true,
   'A watched price that falls by at least this much (1000 = 10 %) from its highest since the last alert alerts the traveller.'),
  ('price_watch.sample_interval_seconds', 3600, 'seconds', 300, 86400, true,
   'How long a watch waits between two price samples.'),
  ('price_watch.max_per_user', 20, 'count', 1, 200, true,
   'How many active price watches one traveller may keep.')
on conflict (key) do nothing;

alter table traqora.price_watches enable row level security;
alter table traqora.price_samples enable row level security;
alter table traqora.route_price_history enable row level security;
