-- Traqora Rewards, second slice: tier status with its window, the year-end requalification's
-- record, and points redeemed at checkout (100 points = $1 of fare, the governed rate).
--
-- Redemption moves money as well as points: on the ledger rail the platform's loyalty-liability
-- account pays the redeemed part of the fare into the booking's escrow, in the payment's own
-- ledger transaction, so the airline is released the full fare (docs/payments.md).
--
-- Functions, triggers and grants: supabase/routines/95_loyalty.sql (and pay_booking /
-- confirm_cancellation in 60_bookings.sql, which call the loyalty functions in their transaction).

-- Status reached with a calendar year's tier credits holds through the end of March two years on
-- (the next year, and that March as grace); null for Blue, which needs no window.
alter table traqora.loyalty_members add column tier_until timestamptz;

-- Every tier change, append-only: live upgrades when credits cross a threshold, and the year-end
-- job's requalification (at most one tier down). The job's unique key makes a re-run a no-op.
create table traqora.loyalty_tier_changes (
  id bigint generated always as identity primary key,
  member_id uuid not null references traqora.loyalty_members,
  from_tier text not null check (from_tier in ('blue', 'silver', 'gold', 'platinum')),
  to_tier text not null check (to_tier in ('blue', 'silver', 'gold', 'platinum')),
  kind text not null check (kind in ('upgrade', 'requalified', 'downgrade')),
  qualifying_year int not null,                 -- the calendar year whose tier credits decided it
  tier_credits bigint not null,                 -- that year's active tier credits
  tier_until timestamptz,
  changed_at timestamptz not null default now()
);
create unique index loyalty_tier_changes_yearly_idx on traqora.loyalty_tier_changes (member_id, qualifying_year) where kind <> 'upgrade';
create index loyalty_tier_changes_member_idx on traqora.loyalty_tier_changes (member_id, id desc);

-- Points that paid part of a booking's fare, one row per booking; the points given back when the
-- booking was cancelled (in proportion to the money refunded) and their money.
create table traqora.loyalty_redemptions (
  booking_id uuid primary key,
  member_id uuid not null references traqora.loyalty_members,
  pnr text not null,
  points bigint not null check (points > 0),
  discount_minor bigint not null check (discount_minor > 0),
  currency text not null,
  points_per_usd numeric not null,              -- the governed rate when redeemed
  points_returned bigint not null default 0 check (points_returned between 0 and points),
  returned_minor bigint not null default 0 check (returned_minor between 0 and discount_minor),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index loyalty_redemptions_member_idx on traqora.loyalty_redemptions (member_id);

-- The platform's loyalty liability: pays redeemed fares into escrow, takes back returned ones.
alter table traqora.ledger_accounts drop constraint ledger_accounts_kind_check;
alter table traqora.ledger_accounts add constraint ledger_accounts_kind_check
  check (kind in ('wallet', 'escrow', 'airline', 'platform_fees', 'external', 'loyalty_liability'));
create unique index ledger_accounts_loyalty_liability on traqora.ledger_accounts (currency) where kind = 'loyalty_liability';

alter table traqora.loyalty_tier_changes enable row level security;
alter table traqora.loyalty_redemptions enable row level security;
