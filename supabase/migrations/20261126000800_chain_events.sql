-- The chain event index: contract events read from Soroban RPC `getEvents`, decoded by the
-- indexer (lib/indexer) and stored once each, with one cursor per stream so polling resumes
-- where it stopped. The chain is the source of truth for escrow money; these rows are a
-- replayable copy of what it said, which reconciliation compares with the app's bookings.
--
-- Its functions, triggers and grants: supabase/routines/80_chain_events.sql (current definitions,
-- re-applied when they change; see supabase/README.md).

create table traqora.chain_events (
  id text primary key check (id ~ '^[0-9]{1,20}-[0-9]{1,10}$'),   -- the RPC event id (TOID-event index)
  stream text not null,
  ledger int not null check (ledger > 0),
  closed_at timestamptz not null,
  contract_id text not null check (contract_id ~ '^C[A-Z2-7]{55}$'),
  contract text,                          -- our contract name (escrow, oracle, …); null when unknown
  action text,                            -- the event's action symbol (paid, released, transfer, …)
  event text,                             -- the spec's event name (BookingPaid, …); null when no spec matched
  topics jsonb not null,                  -- every topic, decoded (i128/u64 as decimal strings)
  value jsonb,                            -- the payload, decoded
  fields jsonb,                           -- the spec's named params (topics and payload merged)
  booking_id text check (booking_id ~ '^[0-9]{1,20}$'),   -- the escrow booking (u64) the event names
  topic_xdr text[] not null,              -- the raw XDR as RPC sent it, so events can be re-decoded
  value_xdr text not null,
  tx_hash text not null check (tx_hash ~ '^[0-9a-f]{64}$'),
  successful boolean not null,            -- inSuccessfulContractCall
  indexed_at timestamptz not null default now()
);
create index chain_events_booking_idx on traqora.chain_events (booking_id, ledger, id) where booking_id is not null;
create index chain_events_contract_idx on traqora.chain_events (contract, action, ledger);

create table traqora.indexer_cursors (
  stream text primary key check (stream ~ '^[a-z][a-z0-9_-]{0,62}$'),
  cursor text not null,                   -- RPC paging cursor to resume from
  last_ledger int not null check (last_ledger >= 0),     -- ledger indexed through
  latest_ledger int not null check (latest_ledger >= 0), -- the network's latest ledger at the last poll
  events int not null default 0 check (events >= 0),     -- events stored by this stream
  updated_at timestamptz not null default now()
);

alter table traqora.chain_events enable row level security;
alter table traqora.indexer_cursors enable row level security;

-- booking_segments_chain_booking_idx, an index on traqora.chain_booking_id(), is created with
-- that function in supabase/routines/80_chain_events.sql: an index cannot precede its function.
