-- Traqora Rewards' tier discount on the platform fee, on the soroban rail. The escrow contract
-- knows no tiers (and its wasm stays as it is): at release it pays the airline and takes the full
-- fee into the platform's treasury. So the discount is paid after the fact, as a rebate: when the
-- indexer stores the escrow's PaymentReleased event of an app booking, the loyalty-rebates
-- consumer works out the traveller's tier share of the fee it shows (loyalty.fee_discount.<tier>,
-- the same function the ledger rail's release uses) and queues one rebate per escrow booking;
-- the loyalty-fee-rebates job pays it in the payment token from the platform's account (the
-- server signer) to the account that paid the booking, retried like the settlement outbox.
-- Functions: supabase/routines/95_loyalty.sql.

create table traqora.loyalty_fee_rebates (
  chain_booking_id text primary key check (chain_booking_id ~ '^[0-9]{1,20}$'),   -- one rebate per escrow booking
  member_id uuid not null references traqora.loyalty_members,
  pnr text not null,
  release_tx text not null check (release_tx ~ '^[0-9a-f]{64}$'),    -- the escrow's release
  release_event_id text not null,                                     -- the indexed PaymentReleased event
  fee_minor bigint not null check (fee_minor >= 0),                   -- the fee the escrow took, in minor units
  tier text not null check (tier in ('blue', 'silver', 'gold', 'platinum')),
  bps int not null check (bps between 0 and 10000),
  amount_minor bigint not null check (amount_minor > 0),
  currency text not null,
  address text not null check (address ~ '^G[A-Z2-7]{55}$'),        -- where the rebate goes: the booking's payer
  status text not null default 'pending' check (status in ('pending', 'submitted', 'confirmed', 'failed')),
  tx_hash text check (tx_hash ~ '^[0-9a-f]{64}$'),
  attempts int not null default 0 check (attempts >= 0),
  error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index loyalty_fee_rebates_open_idx on traqora.loyalty_fee_rebates (created_at) where status in ('pending', 'submitted');
create index loyalty_fee_rebates_pnr_idx on traqora.loyalty_fee_rebates (pnr);
alter table traqora.loyalty_fee_rebates enable row level security;
