-- Traqora Rewards on chain: an outbox mirroring each member's active points and tier to the
-- `loyalty` contract (contracts/loyalty: batch_sync_members, ≤ 20 members a transaction, sent by
-- the server signer holding the contract's `syncer` role). One row per member: the loyalty-chain
-- consumer bumps `version` when an event changed what the chain should show (domain events, not
-- the ledger itself, so the earning transaction never waits on this), and the loyalty-chain-sync
-- job sends the member's state as it is then, with `version` as the contract's strictly rising
-- `sync_seq` — a replayed or reordered transaction is refused by the contract, so the chain
-- converges on the engine. Rows are visible to admins (/admin/loyalty), failed ones retried.
-- Functions: supabase/routines/95_loyalty.sql.

create table traqora.loyalty_chain_syncs (
  member_id uuid primary key references traqora.loyalty_members,
  version bigint not null default 1 check (version >= 1),           -- the engine's version: the next sync_seq
  synced_version bigint not null default 0 check (synced_version >= 0),   -- what the chain confirmed
  status text not null default 'pending' check (status in ('pending', 'submitted', 'confirmed', 'failed', 'no_wallet')),
  -- the transaction in flight or last sent, and what it carried
  sent_version bigint,
  address text check (address ~ '^G[A-Z2-7]{55}$'),   -- the member's Stellar account the points are mirrored to
  points bigint check (points >= 0),
  tier text check (tier in ('blue', 'silver', 'gold', 'platinum')),
  tx_hash text check (tx_hash ~ '^[0-9a-f]{64}$'),
  attempts int not null default 0 check (attempts >= 0),
  error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (synced_version <= version)
);
create index loyalty_chain_syncs_open_idx on traqora.loyalty_chain_syncs (updated_at) where status in ('pending', 'submitted');
create index loyalty_chain_syncs_status_idx on traqora.loyalty_chain_syncs (status, updated_at desc);
alter table traqora.loyalty_chain_syncs enable row level security;
