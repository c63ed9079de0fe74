-- Domain events: an outbox every state-changing database function appends to in the same
-- transaction as its change (so an event exists exactly when its change committed), and the
-- bookkeeping of the consumers that read it (lib/events): a cursor each, a lease so one
-- instance at a time runs a consumer, and the events a consumer failed on (retry, dead letter).
-- The catalogue of event types and payloads: docs/events.md.
--
-- Its functions and grants: supabase/routines/15_domain_events.sql (current definitions,
-- re-applied when they change; see supabase/README.md).

create table traqora.domain_events (
  id bigint generated always as identity primary key,   -- delivery order = commit order (see emit_event)
  type text not null check (type ~ '^[a-z][a-z_]*\.[a-z][a-z_]*$'),   -- "<aggregate>.<what happened>"
  aggregate_type text not null check (aggregate_type ~ '^[a-z][a-z_]*$'),
  aggregate_id text not null check (char_length(aggregate_id) between 1 and 200),
  payload jsonb not null default '{}'::jsonb check (jsonb_typeof(payload) = 'object'),
  actor uuid,                                            -- the user who caused it; null for jobs and the server
  occurred_at timestamptz not null default now()
);
create index domain_events_aggregate_idx on traqora.domain_events (aggregate_type, aggregate_id, id);
create index domain_events_type_idx on traqora.domain_events (type, id);

create table traqora.event_consumers (
  name text primary key check (name ~ '^[a-z][a-z0-9_-]{0,62}$'),
  last_event_id bigint not null default 0 check (last_event_id >= 0),   -- handled (or dead-lettered) through
  lease_owner text,                                      -- the runner that may handle events now
  lease_until timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((lease_owner is null) = (lease_until is null))
);

-- One row per event a consumer failed to handle: 'retrying' until next_attempt_at (the head of
-- the consumer's queue waits for it), 'dead' after the last attempt (the cursor moved past it;
-- an operator can send it back to 'retrying').
create table traqora.event_deliveries (
  consumer text not null references traqora.event_consumers on delete cascade,
  event_id bigint not null references traqora.domain_events,
  status text not null check (status in ('retrying', 'dead')),
  attempts int not null check (attempts >= 0),
  next_attempt_at timestamptz not null,
  last_error text not null,
  updated_at timestamptz not null default now(),
  primary key (consumer, event_id)
);
create index event_deliveries_due_idx on traqora.event_deliveries (consumer, status, next_attempt_at);

alter table traqora.domain_events enable row level security;
alter table traqora.event_consumers enable row level security;
alter table traqora.event_deliveries enable row level security;
