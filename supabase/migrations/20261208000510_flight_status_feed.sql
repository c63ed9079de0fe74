-- The flight-status feed: what outside providers (the simulator, a commercial flight-data API,
-- their webhooks) say about our flights, normalised to one status model. Every report is kept
-- once per (provider, event id) — a replayed webhook is recognised — with what became of it;
-- the latest accepted report per flight decides conflicts (provider timestamp, then the
-- provider's priority). Accepted delays and cancellations go through the disruption policy's
-- own function (routines/65_disruptions.sql).
--
-- Functions and grants: supabase/routines/64_flight_status.sql.

create table traqora.flight_status_providers (
  code text primary key check (code ~ '^[a-z][a-z0-9_-]{1,31}$'),
  name text not null,
  -- Of two reports with the same provider timestamp, the higher priority's stands.
  priority int not null check (priority between 0 and 1000),
  enabled boolean not null default true
);
insert into traqora.flight_status_providers (code, name, priority) values
  ('simulator', 'Traqora disruption simulator', 10),
  ('flightdata', 'Flight-data API (HTTP and webhooks)', 50)
on conflict (code) do nothing;

create table traqora.flight_status_reports (
  id bigint generated always as identity primary key,
  provider text not null references traqora.flight_status_providers,
  event_id text not null check (char_length(event_id) between 1 and 200),
  flight_id bigint references traqora.flights on delete set null,
  status text not null check (status in ('scheduled', 'delayed', 'departed', 'landed', 'cancelled', 'diverted')),
  departs_at timestamptz,
  arrives_at timestamptz,
  diverted_to text,
  provider_at timestamptz not null,
  received_at timestamptz not null default now(),
  -- applied: changed the flight; unchanged: it already was so; stale: an earlier or lower-
  -- priority report than the one in force; refused: the flight's rules said no (detail says why);
  -- unknown_flight: no such flight here.
  outcome text not null check (outcome in ('applied', 'unchanged', 'stale', 'refused', 'unknown_flight')),
  detail text,
  unique (provider, event_id)
);
create index flight_status_reports_flight_idx on traqora.flight_status_reports (flight_id, provider_at desc);

-- The report in force per flight.
create table traqora.flight_status_current (
  flight_id bigint primary key references traqora.flights on delete cascade,
  report_id bigint not null references traqora.flight_status_reports,
  provider text not null,
  priority int not null,
  provider_at timestamptz not null,
  status text not null,
  diverted_to text,
  updated_at timestamptz not null default now()
);

alter table traqora.flight_status_providers enable row level security;
alter table traqora.flight_status_reports enable row level security;
alter table traqora.flight_status_current enable row level security;
