-- Points held for a wallet payment (issue 11, the soroban rail). When the server signs a payment
-- quote that lets points pay part of the fare, the platform's loyalty-liability account pays that
-- part on chain in the same transaction as the traveller's wallet (the escrow's sponsor part).
-- The server learns whether the wallet sent the quote only afterwards, so the points are held
-- when the quote is signed, spent when confirm_chain_payment records the payment, and lapse once
-- the quote can no longer be paid. A held point is not redeemable: the member's redeemable balance
-- is points_active less the points of their live ('held') holds.
-- Functions: supabase/routines/95_loyalty.sql (loyalty_hold_for_quote, loyalty_spend_quote_hold,
-- loyalty_lapse_quote_holds); docs/loyalty.md, "Points held for a wallet payment".

create table traqora.loyalty_quote_holds (
  id bigint generated always as identity primary key,
  -- the quote's identity: the hex of the platform's signature over it, unique per quote
  quote_ref text not null unique check (char_length(quote_ref) between 1 and 200),
  booking_id uuid not null,
  member_id uuid not null references traqora.loyalty_members,
  pnr text not null,
  points bigint not null check (points > 0),
  discount_minor bigint not null check (discount_minor > 0),
  currency text not null,
  points_per_usd numeric not null,              -- the governed rate when the quote was signed
  expires_at timestamptz not null,              -- the quote's own expiry
  -- held: lowers the redeemable balance; spent: the chain paid this quote (a redemption row and a
  -- ledger line exist, unless shortfall_points says the points were no longer there); dropped:
  -- another quote of the booking was paid; lapsed: the quote expired unpaid (after the grace)
  status text not null default 'held' check (status in ('held', 'spent', 'dropped', 'lapsed')),
  -- points a spend could not take (a hold spent after it lapsed, its points used meanwhile): the
  -- liability paid their money on chain without points in return, for the reconciliation
  shortfall_points bigint not null default 0 check (shortfall_points between 0 and points),
  settled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index loyalty_quote_holds_member_live_idx on traqora.loyalty_quote_holds (member_id) where status = 'held';
create index loyalty_quote_holds_booking_idx on traqora.loyalty_quote_holds (booking_id);
create index loyalty_quote_holds_expiry_idx on traqora.loyalty_quote_holds (expires_at) where status = 'held';
create index loyalty_quote_holds_shortfall_idx on traqora.loyalty_quote_holds (settled_at) where shortfall_points > 0;
alter table traqora.loyalty_quote_holds enable row level security;

-- How long after its quote expired a hold still holds: the quote's expiry is checked by the
-- escrow against the ledger's close time, which can trail our clock; a hold must not lapse while
-- its quote could still be paid.
insert into traqora.governed_parameters (key, value, unit, min_value, max_value, integral, description) values
  ('loyalty.quote_hold_grace_seconds', 600, 'seconds', 60, 86400, true,
   'How long points held for a wallet payment stay held after the payment quote expired (the ledger''s close time can trail the server''s clock), in seconds.')
on conflict (key) do nothing;

insert into traqora.parameter_changes (key, before_value, after_value, source)
select p.key, null, p.value, 'seed' from traqora.governed_parameters p
where p.key = 'loyalty.quote_hold_grace_seconds'
  and not exists (select 1 from traqora.parameter_changes c where c.key = p.key);
