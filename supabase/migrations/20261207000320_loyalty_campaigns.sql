-- Traqora Rewards campaigns: date-bounded bonus points on bookings that match a route, an
-- airline, a cabin or a fare family (any of them left empty matches all). A multiplier campaign
-- multiplies the booking's points (value 2 = double: the bonus is the points once more); a fixed
-- one adds `value` points per booking. Bonus points are posted with source 'campaign', follow
-- the booking's points (pending, active, reversed in proportion) and earn no tier credits.
-- Created and ended by rewards managers (audited). Functions: supabase/routines/95_loyalty.sql.
create table traqora.loyalty_campaigns (
  id bigint generated always as identity primary key,
  name text not null check (char_length(name) between 3 and 120),
  kind text not null check (kind in ('multiplier', 'fixed')),
  value numeric not null check ((kind = 'multiplier' and value > 1 and value <= 10) or (kind = 'fixed' and value >= 1 and value <= 100000 and value = trunc(value))),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  origin text check (origin ~ '^[A-Z]{3}$'),
  destination text check (destination ~ '^[A-Z]{3}$'),
  airline text check (airline ~ '^[A-Z0-9]{2}$'),
  cabin text check (cabin in ('economy', 'premium_economy', 'business', 'first')),
  fare_family text,
  created_by uuid references traqora.users on delete set null,
  idempotency_key text not null,
  created_at timestamptz not null default now(),
  check (ends_at > starts_at),
  check ((origin is null) = (destination is null))
);
create unique index loyalty_campaigns_key_idx on traqora.loyalty_campaigns (created_by, idempotency_key);
create index loyalty_campaigns_window_idx on traqora.loyalty_campaigns (starts_at, ends_at);

alter table traqora.loyalty_bookings add column bonus_points bigint not null default 0 check (bonus_points >= 0);
alter table traqora.loyalty_bookings add column bonus_points_reversed bigint not null default 0 check (bonus_points_reversed between 0 and bonus_points);

alter table traqora.loyalty_campaigns enable row level security;
