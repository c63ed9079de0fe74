-- Staked TRQ keeps its governance power (issue 12). A juror's stake moves into the jury pool, but
-- what users expect (as in Kleros) is that the stake still counts towards its owner's voting
-- power: only a slash takes power away. So a pool is a holder whose balance votes for nobody,
-- and each holder's stake in a pool keeps voting through the holder's delegate, checkpointed like
-- any other change of power: a proposal's snapshot keeps the power it read.
--
-- Functions: supabase/routines/96_trq.sql (trq_stake, trq_unstake, trq_slash).

alter table traqora.trq_accounts
  -- a pool (the jury's): holds others' stakes; its balance never votes and nobody delegates to it
  add column pool boolean not null default false;

-- What each holder has staked in each pool (base units). The pool's balance is these stakes
-- plus its free part (slashed stakes not yet paid out), which only the free part may leave by a
-- plain transfer.
create table traqora.trq_stakes (
  holder uuid not null references traqora.users,
  pool uuid not null references traqora.users,
  amount bigint not null check (amount >= 0),
  updated_at timestamptz not null default now(),
  primary key (holder, pool),
  check (holder <> pool)
);
create index trq_stakes_pool_idx on traqora.trq_stakes (pool);

alter table traqora.trq_stakes enable row level security;
