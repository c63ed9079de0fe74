-- Traqora Rewards on chain, checked: the reconciliation of the loyalty contract mirror. A run
-- (the loyalty-chain-reconcile job, or an admin's "Check now") reads every mirrored member's
-- record from the contract (get_member: points, tier, sync_seq) and compares it with the engine
-- (loyalty_members) and the sync outbox (loyalty_chain_syncs). A member whose sync is pending or
-- in flight is expected to differ and is only counted; any other difference is kept as a
-- mismatch with both sides, for /admin/loyalty, where an admin may re-queue the member's sync
-- (audited). Functions: supabase/routines/95_loyalty.sql.

create table traqora.loyalty_chain_reconciliations (
  id bigint generated always as identity primary key,
  source text not null check (source in ('job', 'admin')),
  status text not null default 'running' check (status in ('running', 'done', 'failed')),
  checked int not null default 0 check (checked >= 0),        -- members whose record was read
  in_step int not null default 0 check (in_step >= 0),        -- chain equals engine
  in_flight int not null default 0 check (in_flight >= 0),    -- a sync pending or submitted: not judged
  mismatched int not null default 0 check (mismatched >= 0),
  error text,                                                  -- why a run stopped (RPC down)
  started_at timestamptz not null default now(),
  finished_at timestamptz
);
create index loyalty_chain_reconciliations_done_idx on traqora.loyalty_chain_reconciliations (id desc) where status = 'done';
alter table traqora.loyalty_chain_reconciliations enable row level security;

create table traqora.loyalty_chain_mismatches (
  run_id bigint not null references traqora.loyalty_chain_reconciliations on delete cascade,
  member_id uuid not null references traqora.loyalty_members,
  -- what differs: missing (no record on chain), points, tier, chain_ahead (the chain holds a
  -- sync_seq above any version this database has: restored from an older copy, or written by
  -- another syncer), chain_behind (below what this database saw confirmed)
  kinds text[] not null check (cardinality(kinds) > 0
    and kinds <@ array['missing', 'points', 'tier', 'chain_ahead', 'chain_behind']::text[]),
  address text not null check (address ~ '^G[A-Z2-7]{55}$'),
  -- the engine's side when compared
  engine_points bigint not null,
  engine_tier text not null,
  version bigint not null,
  synced_version bigint not null,
  sync_status text not null,
  -- the chain's side (null: no record)
  chain_points bigint,
  chain_tier text check (chain_tier in ('blue', 'silver', 'gold', 'platinum')),
  chain_sync_seq bigint,
  -- an admin re-queued the member's sync from this report (audited)
  requeued_at timestamptz,
  requeued_by uuid,
  primary key (run_id, member_id)
);
alter table traqora.loyalty_chain_mismatches enable row level security;

-- Fee rebates: when the last transaction was sent. A rebate sent again (the job after a failed
-- or unseen transaction, an admin's retry) first makes sure the last one cannot still land: it
-- is seen failed, or unseen past its time bound counted from here.
alter table traqora.loyalty_fee_rebates add column submitted_at timestamptz;
create index loyalty_fee_rebates_status_idx on traqora.loyalty_fee_rebates (status, created_at desc, chain_booking_id);
-- Rebates sent before this column: their time bound is counted from now (never earlier than
-- the real one), so an unseen transaction is taken as dead only once it surely is.
update traqora.loyalty_fee_rebates set submitted_at = now() where tx_hash is not null;
