-- Traqora Rewards airdrops: a rewards manager sends points or a badge to at most 50 recipients
-- per batch (wallet addresses, emails or member ids). The batch id is the sender's: sending the
-- same batch again answers the batch as it stands and credits nobody twice (the recipients'
-- results and a unique ledger key per member and batch). Recipients are credited a few at a time
-- (loyalty_airdrop_run), so the console shows the batch's progress as it goes.
-- Functions: supabase/routines/96_airdrops.sql.

create table traqora.loyalty_airdrops (
  id uuid primary key,                                   -- the sender's batch id
  kind text not null check (kind in ('points', 'badge')),
  points bigint check (points between 1 and 1000000),
  badge text references traqora.loyalty_badges,
  reason text not null check (char_length(reason) between 3 and 300),
  request_hash text not null,                            -- what was asked: the same id with another ask is refused
  status text not null default 'running' check (status in ('running', 'done')),
  recipients int not null check (recipients between 1 and 50),
  created_by uuid references traqora.users on delete set null,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  check ((kind = 'points') = (points is not null) and (kind = 'badge') = (badge is not null))
);
create index loyalty_airdrops_created_idx on traqora.loyalty_airdrops (created_at desc, id);

create table traqora.loyalty_airdrop_recipients (
  airdrop_id uuid not null references traqora.loyalty_airdrops,
  seq int not null check (seq between 1 and 50),
  recipient text not null check (char_length(recipient) between 1 and 200),   -- as given
  user_id uuid references traqora.users on delete set null,
  result text not null default 'queued' check (result in ('queued', 'credited', 'unknown', 'duplicate', 'refused')),
  reason text,
  entry_id bigint references traqora.loyalty_ledger,
  done_at timestamptz,
  primary key (airdrop_id, seq)
);

-- One airdrop credit per member and batch, whatever runs it.
create unique index loyalty_ledger_airdrop_idx on traqora.loyalty_ledger (member_id, source_ref) where source = 'airdrop';

alter table traqora.loyalty_airdrops enable row level security;
alter table traqora.loyalty_airdrop_recipients enable row level security;
