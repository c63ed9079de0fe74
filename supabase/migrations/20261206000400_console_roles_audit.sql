-- Operators' console, first slice: the roles staff act in, account suspension, and the
-- tamper-evident audit trail every admin mutation writes in its own transaction.
--
-- Functions, triggers and grants: supabase/routines/35_console.sql. Which role may do what is
-- lib/admin/permissions.ts (one table); the database knows only which roles exist.

create table traqora.roles (
  role text primary key check (role ~ '^[a-z_]{3,30}$'),
  description text not null
);
insert into traqora.roles (role, description) values
  ('traveller', 'books and pays for trips'),
  ('operator', 'acts for one airline (user_roles.airline)'),
  ('admin', 'everything in the console'),
  ('support', 'bookings, users, disputes'),
  ('finance', 'refunds, payouts, settlements, analytics'),
  ('ops', 'flights and disruptions'),
  ('rewards_manager', 'loyalty programme');

-- The role list moves from a check constraint to the table above.
alter table traqora.user_roles drop constraint if exists user_roles_role_check;
alter table traqora.user_roles add constraint user_roles_role_fkey foreign key (role) references traqora.roles;
alter table traqora.user_roles add column granted_by uuid references traqora.users on delete set null;

-- A suspended account cannot sign in, book or pay; its rows stay as they are.
alter table traqora.users
  add column suspended_at timestamptz,
  add column suspension_reason text,
  add constraint users_suspension_check check ((suspended_at is null) = (suspension_reason is null)),
  add constraint users_suspension_reason_check check (suspension_reason is null or char_length(suspension_reason) between 3 and 500);
create index users_suspended_idx on traqora.users (suspended_at) where suspended_at is not null;
create index users_created_idx on traqora.users (created_at desc, id desc);

-- Append-only, hash-chained: hash = sha256(prev_hash || canonical row), computed in SQL by
-- traqora.audit_append in the mutation's transaction. Appends are serialised on audit_head's
-- one row, so ids follow the chain and the chain is linear whatever runs concurrently.
create table traqora.audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor uuid references traqora.users on delete restrict,
  actor_role text references traqora.roles,
  action text not null check (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
  resource_type text not null,
  resource_id text not null,
  before jsonb,
  after jsonb,
  reason text,
  ip text,
  request_id text,
  prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text not null unique check (hash ~ '^[0-9a-f]{64}$')
);
create index audit_log_actor_idx on traqora.audit_log (actor, id desc);
create index audit_log_action_idx on traqora.audit_log (action, id desc);
create index audit_log_resource_idx on traqora.audit_log (resource_type, resource_id, id desc);
create index audit_log_at_idx on traqora.audit_log (at desc);

-- The chain's head: the last row's id and hash (a truncated tail is caught by comparing them).
create table traqora.audit_head (
  singleton boolean primary key default true check (singleton),
  last_id bigint,
  last_hash text not null
);
-- The genesis hash: 64 zeros.
insert into traqora.audit_head (last_id, last_hash) values (null, repeat('0', 64));

alter table traqora.roles enable row level security;
alter table traqora.audit_log enable row level security;
alter table traqora.audit_head enable row level security;
