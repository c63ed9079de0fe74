-- The console's analytics, pre-summed by UTC day (issue #10's "analytics for a year p95 ≤ 200 ms").
-- Functions: supabase/routines/36_admin_analytics.sql.
--
-- Every overview figure is a sum over paid bookings of something that happened at paid_at (a
-- sale) or at closed_at (a cancellation, refund, release), and escrow at an instant is the sales
-- before it less the closures before it. So one row per finished UTC day holds that day's sums;
-- a year is 365 rows instead of 100,000 bookings. The rows are a contiguous prefix of days:
-- everything from the first sale up to (not including) a watermark day; the analytics function
-- reads the rows for whole days below the watermark and the bookings themselves for the rest
-- (today, partial days at a period's edges), so a missing or stale row only costs speed. A
-- change that touches a day already summed (back-dated data) deletes that day and every later
-- row; the next analytics call sums them again.
create table traqora.booking_day_flows (
  day date primary key,
  sold int not null default 0,                   -- bookings paid that day
  gmv_minor bigint not null default 0,
  in_ledger_minor bigint not null default 0,     -- paid into escrow that day, by rail
  in_chain_minor bigint not null default 0,
  cancellations int not null default 0,          -- paid bookings cancelled or refunded that day
  refunds_minor bigint not null default 0,
  released_minor bigint not null default 0,      -- completed (escrow released to airlines) that day
  out_ledger_minor bigint not null default 0,    -- left escrow that day (any closure), by rail
  out_chain_minor bigint not null default 0,
  summed_at timestamptz not null default now()
);
alter table traqora.booking_day_flows enable row level security;

-- The console's free-text search matches "given family" by prefix too; without this index that
-- branch read every passenger (the other two, email and each name, have theirs:
-- 20261207000100_console_bookings.sql).
create index if not exists booking_passengers_full_name_idx on traqora.booking_passengers (lower(given_name || ' ' || family_name) text_pattern_ops);
