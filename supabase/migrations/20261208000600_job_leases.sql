-- Jobs run single-flight across app instances: a job's run holds its lease row until it ends
-- (or the lease runs out, when the instance died mid-run). Leases rather than advisory locks:
-- a job makes many database calls, each on whatever pooled connection (or, on Supabase, HTTP
-- request) is free, so no single session lives as long as the run to hold a lock.
--
-- Functions and grants: supabase/routines/13_api_platform.sql.
create table traqora.job_leases (
  job text primary key check (char_length(job) between 1 and 64),
  owner text not null check (char_length(owner) between 1 and 200),
  expires_at timestamptz not null,
  taken_at timestamptz not null default now()
);
alter table traqora.job_leases enable row level security;
