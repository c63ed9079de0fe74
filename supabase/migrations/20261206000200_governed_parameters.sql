-- Governed parameters: the platform's tunable numbers (the fee taken at release, loyalty earn
-- rates, multipliers and tier thresholds, redemption value, points expiry), each with its bounds,
-- in one table that governance proposals (issue 12) and admins change through
-- public.set_governed_parameter — never code constants. Every change is also appended to
-- parameter_changes (who, from which source, before → after), which is never updated.
--
-- Functions, triggers and grants: supabase/routines/12_parameters.sql.

create table traqora.governed_parameters (
  key text primary key check (key ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)+$'),   -- "<domain>.<name>[.<variant>]"
  value numeric not null,
  unit text not null check (unit in ('bps', 'points_per_usd', 'tier_credits_per_usd', 'multiplier', 'tier_credits', 'points', 'months')),
  min_value numeric not null,
  max_value numeric not null,
  integral boolean not null default false,   -- whole numbers only (bps, points, months)
  description text not null check (char_length(description) between 1 and 500),
  updated_at timestamptz not null default now(),
  updated_by uuid references traqora.users on delete set null,
  check (min_value <= max_value),
  check (value between min_value and max_value),
  check (not integral or value = trunc(value))
);

-- Append-only history (a routines trigger refuses update and delete).
create table traqora.parameter_changes (
  id bigint generated always as identity primary key,
  key text not null references traqora.governed_parameters,
  before_value numeric,                       -- null for the seed
  after_value numeric not null,
  source text not null check (source in ('seed', 'admin', 'governance')),
  source_ref text check (source_ref is null or char_length(source_ref) between 1 and 200),   -- e.g. the proposal id
  actor uuid references traqora.users on delete set null,
  changed_at timestamptz not null default now()
);
create index parameter_changes_key_idx on traqora.parameter_changes (key, id);

insert into traqora.governed_parameters (key, value, unit, min_value, max_value, integral, description) values
  ('platform.fee_bps', 250, 'bps', 0, 1000, true,
   'Platform fee taken from the escrow when a flown booking is released to the airlines (basis points: 250 = 2.5%).'),
  ('loyalty.earn_points_per_usd', 5, 'points_per_usd', 0, 50, false,
   'Points earned per US dollar of fare (taxes excluded), before the tier and fare-family multipliers.'),
  ('loyalty.tier_credits_per_usd', 1, 'tier_credits_per_usd', 0, 10, false,
   'Tier credits earned per US dollar of fare (taxes excluded); no multipliers apply.'),
  ('loyalty.tier_multiplier.blue', 1, 'multiplier', 1, 5, false, 'Points multiplier for Blue members.'),
  ('loyalty.tier_multiplier.silver', 1.25, 'multiplier', 1, 5, false, 'Points multiplier for Silver members.'),
  ('loyalty.tier_multiplier.gold', 1.5, 'multiplier', 1, 5, false, 'Points multiplier for Gold members.'),
  ('loyalty.tier_multiplier.platinum', 2, 'multiplier', 1, 5, false, 'Points multiplier for Platinum members.'),
  ('loyalty.fare_family_multiplier.basic', 0.5, 'multiplier', 0, 5, false, 'Points multiplier for Basic fares.'),
  ('loyalty.fare_family_multiplier.standard', 1, 'multiplier', 0, 5, false, 'Points multiplier for Standard fares.'),
  ('loyalty.fare_family_multiplier.flex', 1.5, 'multiplier', 0, 5, false, 'Points multiplier for Flex fares.'),
  ('loyalty.tier_threshold.silver', 5000, 'tier_credits', 1, 1000000, true,
   'Tier credits in a calendar year to reach Silver (below Gold''s threshold).'),
  ('loyalty.tier_threshold.gold', 10000, 'tier_credits', 1, 1000000, true,
   'Tier credits in a calendar year to reach Gold (between Silver''s and Platinum''s).'),
  ('loyalty.tier_threshold.platinum', 15000, 'tier_credits', 1, 1000000, true,
   'Tier credits in a calendar year to reach Platinum (above Gold''s threshold).'),
  ('loyalty.redemption_points_per_usd', 100, 'points', 1, 10000, true,
   'Points that pay one US dollar of fare at checkout (100 = 1 cent a point).'),
  ('loyalty.points_expiry_months', 24, 'months', 1, 120, true,
   'Months without earning or redeeming after which a member''s points expire.');

insert into traqora.parameter_changes (key, before_value, after_value, source)
select key, null, value, 'seed' from traqora.governed_parameters;

alter table traqora.governed_parameters enable row level security;
alter table traqora.parameter_changes enable row level security;
