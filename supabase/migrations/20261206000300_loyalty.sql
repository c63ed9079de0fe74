-- Traqora Rewards, first slice: members, the append-only loyalty ledger in two currencies
-- (redeemable points, qualifying tier credits; each pending or active), and what each booking
-- earned. Balances are derived from the ledger; members carry a copy for fast reads, and
-- public.loyalty_balance_check() proves the copy equals the sum of the rows for every member.
-- Earning is driven by domain events (booking.paid → pending, booking.completed → active,
-- booking.cancelled → reversed in proportion to the money refunded): docs/events.md.
--
-- Functions, triggers and grants: supabase/routines/95_loyalty.sql.

create table traqora.loyalty_members (
  user_id uuid primary key references traqora.users,
  tier text not null default 'blue' check (tier in ('blue', 'silver', 'gold', 'platinum')),
  -- 8 characters from md5 of a random uuid (hex, upper case): about 4·10^9 codes, unique
  referral_code text not null unique default upper(substr(md5(gen_random_uuid()::text), 1, 8)),
  -- derived balances: always the ledger's sums (loyalty_balance_check), never negative
  points_active bigint not null default 0 check (points_active >= 0),
  points_pending bigint not null default 0 check (points_pending >= 0),
  tier_credits_active bigint not null default 0 check (tier_credits_active >= 0),
  tier_credits_pending bigint not null default 0 check (tier_credits_pending >= 0),
  last_activity_at timestamptz,            -- last earn or spend: points expire after months without one
  joined_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Append-only (a routines trigger refuses update and delete): every change is a new row.
-- A pending → active move is two rows (−pending, +active) so each state's balance is a sum.
create table traqora.loyalty_ledger (
  id bigint generated always as identity primary key,
  member_id uuid not null references traqora.loyalty_members,
  currency text not null check (currency in ('points', 'tier_credits')),
  amount bigint not null check (amount <> 0),
  state text not null check (state in ('pending', 'active')),
  reason text not null check (char_length(reason) between 1 and 300),
  source text not null check (source in ('booking', 'segment', 'campaign', 'referral', 'airdrop', 'adjustment', 'redemption', 'expiry', 'reversal')),
  source_ref text check (source_ref is null or char_length(source_ref) between 1 and 200),   -- e.g. the booking id
  event_id bigint references traqora.domain_events,   -- the domain event that caused it
  actor uuid references traqora.users,                 -- who caused it; null for jobs and the server
  occurred_at timestamptz not null default now()
);
-- One domain event moves each (member, currency, state, source) at most once: a re-delivered event
-- cannot earn twice, whatever the code above this constraint does.
create unique index loyalty_ledger_event_idx on traqora.loyalty_ledger (event_id, member_id, currency, state, source) where event_id is not null;
create index loyalty_ledger_member_idx on traqora.loyalty_ledger (member_id, id desc);
create index loyalty_ledger_source_idx on traqora.loyalty_ledger (source_ref) where source_ref is not null;

-- What a booking earned and where it stands, so activation and reversal act once per booking
-- whichever event (or re-delivery) arrives. Keyed by the booking id from the event payload:
-- the loyalty domain does not read the booking tables.
create table traqora.loyalty_bookings (
  booking_id uuid primary key,
  member_id uuid not null references traqora.loyalty_members,
  pnr text not null,
  status text not null check (status in ('pending', 'active', 'reversed')),
  points bigint not null check (points >= 0),              -- earned
  tier_credits bigint not null check (tier_credits >= 0),
  points_reversed bigint not null default 0 check (points_reversed between 0 and points),
  tier_credits_reversed bigint not null default 0 check (tier_credits_reversed between 0 and tier_credits),
  earn jsonb not null,                                       -- the inputs: fare, rate, multipliers
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index loyalty_bookings_member_idx on traqora.loyalty_bookings (member_id);

alter table traqora.loyalty_members enable row level security;
alter table traqora.loyalty_ledger enable row level security;
alter table traqora.loyalty_bookings enable row level security;
