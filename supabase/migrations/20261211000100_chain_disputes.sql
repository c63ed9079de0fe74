-- The on-chain dispute mode (issue 12): a soroban-rail booking's traveller or airline files with
-- the `disputes` contract from their wallet (file_dispute, with the contract's stake); TRQ holders
-- commit and reveal on chain; a keeper job tallies after the reveal window and executes the
-- verdict after the appeal window, and the contract moves the escrow (full refund or full
-- release). The app keeps its own record of each such dispute: a `traqora.disputes` row with
-- jury = 'chain' (so the booking is frozen like any dispute in progress, and resolved by the
-- executed verdict), the contract's state as last read or indexed, and every contract event
-- applied once. Functions: supabase/routines/67_disputes.sql (the "on-chain jury" section).

alter table traqora.disputes add column jury text not null default 'app' check (jury in ('app', 'chain'));

create table traqora.chain_disputes (
  dispute_id uuid primary key references traqora.disputes,
  -- the contract's own id for the dispute (u64) and the escrow booking it freezes (u64, decimal)
  chain_dispute_id numeric(20, 0) not null unique check (chain_dispute_id > 0),
  chain_booking_id text not null check (chain_booking_id ~ '^[0-9]{1,20}$'),
  filer text not null check (filer ~ '^[GC][A-Z2-7]{55}$'),
  -- what the filer claims: 1 refund (the passenger), 2 release (the airline)
  claim int not null check (claim in (1, 2)),
  stake numeric(39, 0) not null check (stake >= 0),
  filed_tx text check (filed_tx is null or filed_tx ~ '^[0-9a-f]{64}$'),
  -- the contract's state: voting → decided (→ voting again after the one appeal) → executed
  status text not null default 'voting' check (status in ('voting', 'decided', 'executed')),
  round int not null default 1 check (round between 1 and 2),
  commit_end timestamptz not null,
  reveal_end timestamptz not null,
  refund_weight numeric(39, 0) not null default 0 check (refund_weight >= 0),
  release_weight numeric(39, 0) not null default 0 check (release_weight >= 0),
  verdict int check (verdict in (1, 2)),
  appeal_deadline timestamptz,
  -- after execution: whether the escrow was moved (false when the multisig had refunded it first)
  applied boolean,
  tally_tx text check (tally_tx is null or tally_tx ~ '^[0-9a-f]{64}$'),
  execute_tx text check (execute_tx is null or execute_tx ~ '^[0-9a-f]{64}$'),
  -- the keeper's last send (tally or execute of a round): judged by its hash before another
  keeper_step text check (keeper_step in ('tally', 'execute')),
  keeper_round int,
  keeper_tx text check (keeper_tx is null or keeper_tx ~ '^[0-9a-f]{64}$'),
  keeper_sent_at timestamptz,
  keeper_attempts int not null default 0 check (keeper_attempts >= 0),
  keeper_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((keeper_tx is null) = (keeper_sent_at is null))
);
create index chain_disputes_due_idx on traqora.chain_disputes (status, reveal_end) where status <> 'executed';

-- Every `disputes` contract event about an app dispute, applied once (keyed by the indexed
-- event's RPC id): the dispute page's chain timeline and the jurors' commits and reveals.
create table traqora.chain_dispute_events (
  chain_event_id text primary key,
  dispute_id uuid not null references traqora.disputes,
  action text not null check (action in ('filed', 'evidence', 'committed', 'revealed', 'decided', 'appealed', 'executed', 'reward_claimed')),
  round int,
  -- the party, juror or appellant the event names
  account text,
  vote int check (vote is null or vote in (1, 2)),
  weight numeric(39, 0),
  tx_hash text,
  ledger int not null,
  closed_at timestamptz not null,
  fields jsonb not null
);
create index chain_dispute_events_dispute_idx on traqora.chain_dispute_events (dispute_id, ledger, chain_event_id);

alter table traqora.chain_disputes enable row level security;
alter table traqora.chain_dispute_events enable row level security;
