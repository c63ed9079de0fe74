-- TRQ governance, first slice (issue 12): the TRQ ledger on the ledger rail (SEP-41 semantics:
-- balances, transfer, mint by the treasury), delegation with checkpointed voting power, proposals
-- (signal and parameter change over governed_parameters), SEP-53 signed votes, and a timelock
-- before execution. The dispute jury (stakes, draws, commit–reveal) and the on-chain governor path
-- come next: jurors will stake from trq_accounts, and proposals carry a `rail` and a chain id so a
-- soroban proposal is the same row with its governor id filled in.
--
-- Amounts are TRQ base units (7 decimals, as the trq contract's i128), as bigint: 9.2·10^11 TRQ
-- fits, far above any supply the treasury mints.
--
-- Functions, triggers and grants: supabase/routines/96_trq.sql and 97_governance.sql.

-- ── TRQ ledger ──────────────────────────────────────────────────────────────────────────────

-- One row per holder. `votes` is the holder's current voting power as a delegate (own balance when
-- self-delegated, plus every balance delegated to them): always the latest power checkpoint.
create table traqora.trq_accounts (
  holder uuid primary key references traqora.users,
  balance bigint not null default 0 check (balance >= 0),
  delegate uuid references traqora.users,          -- null: self (the default, shown as "yourself")
  votes bigint not null default 0 check (votes >= 0),
  delegate_statement text check (delegate_statement is null or char_length(delegate_statement) between 1 and 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (delegate is distinct from holder)         -- self is stored as null, one spelling only
);
create index trq_accounts_delegate_idx on traqora.trq_accounts (delegate) where delegate is not null;

-- The treasury: minted TRQ not yet distributed. Not a holder, so it neither votes nor counts
-- towards the circulating supply quorum is measured against.
create table traqora.trq_treasury (
  singleton boolean primary key default true check (singleton),
  balance bigint not null check (balance >= 0)
);
insert into traqora.trq_treasury (balance) values (1000000000 * 10000000::bigint);   -- 1,000,000,000 TRQ

-- Append-only record of every movement (a routines trigger refuses update and delete).
-- mint: into the treasury; distribution: treasury → holder; transfer: holder → holder.
create table traqora.trq_movements (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('mint', 'distribution', 'transfer')),
  from_holder uuid references traqora.users,       -- null: the treasury (or nothing, for a mint)
  to_holder uuid references traqora.users,         -- null: the treasury
  amount bigint not null check (amount > 0),
  batch_id uuid,                                   -- the distribution batch
  memo text check (memo is null or char_length(memo) between 1 and 200),
  actor uuid references traqora.users,
  at timestamptz not null,
  check ((kind = 'mint') = (from_holder is null and to_holder is null)),
  check (kind <> 'distribution' or (from_holder is null and to_holder is not null and batch_id is not null)),
  check (kind <> 'transfer' or (from_holder is not null and to_holder is not null and from_holder <> to_holder))
);
create index trq_movements_holder_idx on traqora.trq_movements (to_holder, id desc);
create index trq_movements_from_idx on traqora.trq_movements (from_holder, id desc);

-- A distribution (airdrop) batch by an admin: ≤ 50 recipients, audited. No actor: the seed a dev
-- persona gets on creation (local mode only).
create table traqora.trq_distributions (
  id uuid primary key default gen_random_uuid(),
  actor uuid references traqora.users,
  reason text not null check (char_length(reason) between 3 and 500),
  recipients int not null check (recipients between 1 and 50),
  total bigint not null check (total > 0),
  at timestamptz not null
);

-- Voting power checkpoints: the delegate's power from `at` on, until the next row. Power at a
-- proposal's snapshot is the last row at or before it, so later transfers and re-delegations
-- (new rows, later `at`) cannot change it.
create table traqora.trq_power_checkpoints (
  id bigint generated always as identity primary key,
  account uuid not null references traqora.users,
  at timestamptz not null,
  votes bigint not null check (votes >= 0)
);
create index trq_power_checkpoints_idx on traqora.trq_power_checkpoints (account, at desc, id desc);

-- Circulating supply (held by holders) over time: quorum is a share of it at the snapshot.
create table traqora.trq_supply_checkpoints (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  circulating bigint not null check (circulating >= 0)
);
create index trq_supply_checkpoints_idx on traqora.trq_supply_checkpoints (at desc, id desc);
insert into traqora.trq_supply_checkpoints (at, circulating) values ('-infinity', 0);

-- ── Governance clock ────────────────────────────────────────────────────────────────────────

-- Governance reads time through traqora.governance_now() = clock + offset. The offset is 0 in
-- every real deployment; only the test clock (an in-memory database, see lib/governance/clock.ts)
-- moves it, so end-to-end tests can pass a voting period and a 48 h timelock in seconds.
create table traqora.governance_clock (
  singleton boolean primary key default true check (singleton),
  offset_seconds bigint not null default 0 check (offset_seconds >= 0)
);
insert into traqora.governance_clock default values;

-- ── Proposals ───────────────────────────────────────────────────────────────────────────────

create table traqora.proposals (
  id bigint generated always as identity primary key,
  proposer uuid not null references traqora.users,
  kind text not null check (kind in ('signal', 'parameter')),
  title text not null check (char_length(title) between 1 and 256),
  body text not null check (char_length(body) <= 10000),
  rail text not null default 'ledger' check (rail in ('ledger', 'soroban')),
  chain_proposal_id text,                          -- the governor's id, on the soroban rail
  -- rules in force at creation (governed parameters, copied so a later change cannot move them)
  threshold bigint not null check (threshold >= 0),
  quorum_bps int not null check (quorum_bps between 1 and 10000),
  created_at timestamptz not null,
  vote_start timestamptz not null,                 -- the snapshot: power is read at this instant
  vote_end timestamptz not null,
  quorum_votes bigint,                             -- filled from the supply at the snapshot
  -- running tally (the sum of proposal_votes; governance_tally_check proves it)
  for_votes bigint not null default 0 check (for_votes >= 0),
  against_votes bigint not null default 0 check (against_votes >= 0),
  abstain_votes bigint not null default 0 check (abstain_votes >= 0),
  voters int not null default 0 check (voters >= 0),
  cancelled_at timestamptz,
  queued_at timestamptz,
  eta timestamptz,                                 -- executable from (queued_at + timelock)
  executed_at timestamptz,
  executed_by uuid references traqora.users,
  idempotency_key text check (idempotency_key is null or char_length(idempotency_key) between 8 and 255),
  request_hash text,                               -- of the creating request: the key with another body is refused
  updated_at timestamptz not null default now(),
  check (vote_start >= created_at and vote_end > vote_start),
  check ((queued_at is null) = (eta is null)),
  check (executed_at is null or (queued_at is not null and executed_at >= eta)),
  check (cancelled_at is null or (queued_at is null and executed_at is null)),
  check (kind = 'parameter' or queued_at is null)
);
create unique index proposals_idempotency_idx on traqora.proposals (proposer, idempotency_key) where idempotency_key is not null;
create index proposals_proposer_idx on traqora.proposals (proposer, vote_end desc);
create index proposals_vote_end_idx on traqora.proposals (vote_end desc, id desc);

-- What a parameter proposal sets: governed parameter → value (bounds checked at creation and again
-- at execution). `before_value` is the value when the proposal was made, for the diff.
create table traqora.proposal_changes (
  proposal_id bigint not null references traqora.proposals,
  key text not null references traqora.governed_parameters,
  value numeric not null,
  before_value numeric not null,
  primary key (proposal_id, key)
);

-- One vote per account per proposal, weighted by power at the snapshot, with the SEP-53 signed
-- message that authorises it (anyone can re-verify it from the receipt).
create table traqora.proposal_votes (
  id bigint generated always as identity primary key,
  proposal_id bigint not null references traqora.proposals,
  voter uuid not null references traqora.users,
  support text not null check (support in ('for', 'against', 'abstain')),
  weight bigint not null check (weight > 0),
  reason text check (reason is null or char_length(reason) between 1 and 5000),
  address text not null check (address ~ '^G[A-Z2-7]{55}$'),
  message text not null check (char_length(message) between 1 and 12000),
  signature text not null check (signature ~ '^[A-Za-z0-9+/]{86}==$'),   -- 64 bytes, base64
  cast_at timestamptz not null,
  unique (proposal_id, voter)
);
create unique index proposal_votes_signature_idx on traqora.proposal_votes (signature);
create index proposal_votes_weight_idx on traqora.proposal_votes (proposal_id, weight desc, id desc);
create index proposal_votes_voter_idx on traqora.proposal_votes (voter, id desc);

-- ── Governance settings are governed parameters ────────────────────────────────────────────

alter table traqora.governed_parameters drop constraint if exists governed_parameters_unit_check;
alter table traqora.governed_parameters add constraint governed_parameters_unit_check
  check (unit in ('bps', 'points_per_usd', 'tier_credits_per_usd', 'multiplier', 'tier_credits', 'points', 'months', 'minutes', 'minor_units', 'seconds', 'trq', 'count'));

insert into traqora.governed_parameters (key, value, unit, min_value, max_value, integral, description) values
  ('governance.proposal_threshold_trq', 1000, 'trq', 0, 10000000, true,
   'Voting power (TRQ, own plus delegated) needed to make a proposal.'),
  ('governance.quorum_bps', 400, 'bps', 100, 5000, true,
   'Share of the circulating TRQ at the snapshot that must vote For or Abstain (basis points: 400 = 4%).'),
  ('governance.voting_delay_seconds', 86400, 'seconds', 0, 604800, true,
   'Time from a proposal''s creation to its snapshot, when voting opens.'),
  ('governance.voting_period_seconds', 432000, 'seconds', 3600, 1209600, true,
   'How long voting stays open.'),
  ('governance.timelock_seconds', 172800, 'seconds', 3600, 1209600, true,
   'Delay between queueing a passed parameter proposal and its earliest execution.'),
  ('governance.grace_period_seconds', 1209600, 'seconds', 86400, 2592000, true,
   'Time a passed proposal has to be queued, and a queued one to be executed, before it expires.'),
  ('governance.max_active_proposals', 3, 'count', 1, 10, true,
   'Pending or active proposals one account may have at a time.'),
  ('disputes.jury_size', 5, 'count', 3, 21, true,
   'Jurors drawn for a dispute.'),
  ('disputes.juror_stake_trq', 100, 'trq', 1, 1000000, true,
   'TRQ a holder stakes to opt in as a juror.');

insert into traqora.parameter_changes (key, before_value, after_value, source)
select key, null, value, 'seed' from traqora.governed_parameters where key like 'governance.%' or key like 'disputes.%';

alter table traqora.trq_accounts enable row level security;
alter table traqora.trq_treasury enable row level security;
alter table traqora.trq_movements enable row level security;
alter table traqora.trq_distributions enable row level security;
alter table traqora.trq_power_checkpoints enable row level security;
alter table traqora.trq_supply_checkpoints enable row level security;
alter table traqora.governance_clock enable row level security;
alter table traqora.proposals enable row level security;
alter table traqora.proposal_changes enable row level security;
alter table traqora.proposal_votes enable row level security;
