-- The dispute jury (issue 12): TRQ holders opt in with a stake, jurors are drawn weighted by
-- stake from a seed committed (sha256) before the draw and revealed after it, vote commit–reveal
-- among the split options, the majority decides, majority jurors share what non-revealers lose,
-- one appeal to a larger jury. Functions: supabase/routines/68_jury.sql.
--
-- Stakes are real TRQ moved by trq_transfer (routines/96_trq.sql) from the holder to the jury
-- pool account (a system user nobody signs in as, created by the first stake), and back on withdrawal; the pool's balance is the sum of the stakes plus
-- what slashing left undistributed (jury_pool_check proves it).

create table traqora.jurors (
  user_id uuid primary key references traqora.users,
  staked bigint not null check (staked >= 0),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index jurors_active_idx on traqora.jurors (user_id) where active;

create table traqora.jury_rounds (
  id bigint generated always as identity primary key,
  dispute_id uuid not null references traqora.disputes,
  round int not null check (round in (1, 2)),
  jury_size int not null check (jury_size between 1 and 41),
  -- sha256(seed), published when the round opens; the seed itself only once the jurors are drawn
  seed_hash bytea not null check (octet_length(seed_hash) = 32),
  seed bytea check (seed is null or octet_length(seed) = 32),
  seed_secret bytea not null check (octet_length(seed_secret) = 32),  -- never served before the draw
  -- the eligible jurors and their weights when the round opened, ordered by user id: the draw's input
  candidates jsonb not null,
  -- the split options jurors choose between: [{label, refund_minor, airline_minor, fee_minor}]
  options jsonb not null,
  stake_at_risk bigint not null check (stake_at_risk >= 0),
  opened_at timestamptz not null,
  drawn_at timestamptz,
  commit_ends_at timestamptz,
  reveal_ends_at timestamptz,
  tallied_at timestamptz,
  winning_option int,
  appeal_ends_at timestamptz,
  unique (dispute_id, round),
  check ((seed is null) = (drawn_at is null)),
  check ((tallied_at is null) = (winning_option is null))
);

create table traqora.jury_seats (
  round_id bigint not null references traqora.jury_rounds,
  juror uuid not null references traqora.users,
  seat int not null,
  commitment bytea check (commitment is null or octet_length(commitment) = 32),
  committed_at timestamptz,
  revealed_option int,
  revealed_at timestamptz,
  -- after the tally: majority (rewarded), minority, or slashed (did not reveal)
  outcome text check (outcome in ('majority', 'minority', 'slashed')),
  reward bigint not null default 0 check (reward >= 0),
  slashed bigint not null default 0 check (slashed >= 0),
  primary key (round_id, juror),
  unique (round_id, seat),
  check ((commitment is null) = (committed_at is null)),
  check (revealed_at is null or committed_at is not null)
);
create index jury_seats_juror_idx on traqora.jury_seats (juror, round_id desc);

alter table traqora.jurors enable row level security;
alter table traqora.jury_rounds enable row level security;
alter table traqora.jury_seats enable row level security;
