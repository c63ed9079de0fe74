-- Notifications: what a traveller is told (in-app, always) and how it reaches them outside the
-- app (email now; push and SMS rows use the same delivery table). Fed by domain events through
-- the `notifications` consumer (lib/notifications) and by the departure-reminder job.
--
-- Idempotency: one notification per (user, source_key) — source_key is `event:<id>:<type>` for
-- an event or `reminder:<booking>:<seq>` for a reminder — and one delivery per (notification,
-- channel). A re-delivered event inserts nothing, so nothing is sent twice.
--
-- Functions, triggers and grants: supabase/routines/98_notifications.sql.

-- Where and when a user may be reached. The email address is the traveller's choice for
-- notifications (the identity domain's own address is not read here).
create table traqora.notification_settings (
  user_id uuid primary key references traqora.users on delete cascade,
  email text check (email is null or (char_length(email) <= 254 and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$')),
  phone text check (phone is null or phone ~ '^\+[1-9][0-9]{6,14}$'),
  time_zone text not null default 'UTC' check (char_length(time_zone) between 1 and 64),
  -- quiet hours in time_zone: nothing but urgent news leaves between start and end (may wrap midnight)
  quiet_start time,
  quiet_end time,
  updated_at timestamptz not null default now(),
  check ((quiet_start is null) = (quiet_end is null)),
  check (quiet_start is null or quiet_start <> quiet_end)
);

-- An explicit choice per notification type and channel; absent means the type's default.
create table traqora.notification_preferences (
  user_id uuid not null references traqora.users on delete cascade,
  type text not null check (type ~ '^[a-z][a-z_]{0,62}$'),
  channel text not null check (channel in ('email', 'push', 'sms')),
  enabled boolean not null,
  updated_at timestamptz not null default now(),
  primary key (user_id, type, channel)
);

create table traqora.notifications (
  id bigint generated always as identity primary key,
  user_id uuid not null references traqora.users on delete cascade,
  type text not null check (type ~ '^[a-z][a-z_]{0,62}$'),
  source_key text not null check (char_length(source_key) between 1 and 200),
  event_id bigint references traqora.domain_events,
  title text not null check (char_length(title) between 1 and 200),
  body text not null check (char_length(body) between 1 and 2000),
  link text check (link is null or link ~ '^/[^/]'),   -- an in-app path, never another origin
  urgent boolean not null default false,                -- delivered through quiet hours
  created_at timestamptz not null default now(),
  read_at timestamptz,
  unique (user_id, source_key)
);
create index notifications_user_idx on traqora.notifications (user_id, id desc);
create index notifications_unread_idx on traqora.notifications (user_id) where read_at is null;

-- One row per notification and outside channel: pending (due at next_attempt_at), sending (a
-- worker holds its lease), sent, skipped (turned off or no address by the time it was due),
-- dead (out of attempts; an admin can send it back).
create table traqora.notification_deliveries (
  id bigint generated always as identity primary key,
  notification_id bigint not null references traqora.notifications on delete cascade,
  channel text not null check (channel in ('email', 'push', 'sms')),
  status text not null check (status in ('pending', 'sending', 'sent', 'skipped', 'dead')),
  attempts int not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  lease_owner text,
  lease_until timestamptz,
  last_error text,
  sent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (notification_id, channel),
  check ((status = 'sending') = (lease_owner is not null and lease_until is not null)),
  check ((status = 'sent') = (sent_at is not null))
);
create index notification_deliveries_due_idx on traqora.notification_deliveries (next_attempt_at) where status in ('pending', 'sending');
create index notification_deliveries_dead_idx on traqora.notification_deliveries (id desc) where status = 'dead';

-- The segments of a traveller's paid trips, as the booking events described them: what the
-- departure reminder needs without reading the bookings domain's tables.
create table traqora.notification_trip_segments (
  booking_id uuid not null,
  seq int not null,
  user_id uuid not null references traqora.users on delete cascade,
  pnr text not null,
  flight_id bigint not null,
  airline text not null,
  flight_number text not null,
  origin text not null,
  destination text not null,
  departs_at timestamptz not null,
  active boolean not null default true,
  updated_at timestamptz not null default now(),
  primary key (booking_id, seq)
);
create index notification_trip_segments_departs_idx on traqora.notification_trip_segments (departs_at) where active;
create index notification_trip_segments_flight_idx on traqora.notification_trip_segments (flight_id);

alter table traqora.notification_settings enable row level security;
alter table traqora.notification_preferences enable row level security;
alter table traqora.notifications enable row level security;
alter table traqora.notification_deliveries enable row level security;
alter table traqora.notification_trip_segments enable row level security;
