-- Wallet sign-in (SEP-10): every challenge's nonce is recorded when issued and consumed once
-- when a signed challenge is redeemed, so a captured challenge cannot be replayed.
--
-- Its functions, triggers and grants: supabase/routines/70_wallet_sign_in.sql (current definitions,
-- re-applied when they change; see supabase/README.md).

create table traqora.web_auth_challenges (
  nonce_hash text primary key check (nonce_hash ~ '^[0-9a-f]{64}$'),
  account text not null check (account ~ '^G[A-Z2-7]{55}$'),
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index web_auth_challenges_expiry_idx on traqora.web_auth_challenges (expires_at);
alter table traqora.web_auth_challenges enable row level security;
