-- Identity: users, their roles, and linked wallets. Whoever signs in (Clerk, a wallet, or a
-- dev persona in local mode) maps to one row in traqora.users; roles live here, not in the
-- identity provider, so the server checks the same rules whatever the sign-in method.
--
-- Its functions, triggers and grants: supabase/routines/30_identity.sql (current definitions,
-- re-applied when they change; see supabase/README.md).

create table traqora.users (
  id uuid primary key default gen_random_uuid(),
  display_name text not null check (char_length(display_name) between 1 and 80),
  email text check (email is null or email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  clerk_user_id text unique,
  dev_persona_key text unique,        -- "<role>:<name>" for dev personas (local mode only)
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table traqora.user_roles (
  user_id uuid not null references traqora.users on delete cascade,
  role text not null check (role in ('traveller', 'operator', 'admin')),
  airline char(2) references traqora.airlines,
  granted_at timestamptz not null default now(),
  -- an operator always acts for one airline; other roles never carry one
  check ((role = 'operator') = (airline is not null))
);
create unique index user_roles_unique on traqora.user_roles (user_id, role, coalesce(airline, ''));

create table traqora.wallets (
  address text primary key check (address ~ '^G[A-Z2-7]{55}$'),
  user_id uuid not null references traqora.users on delete cascade,
  linked_at timestamptz not null default now()
);
create index wallets_user_idx on traqora.wallets (user_id);

alter table traqora.users enable row level security;
alter table traqora.user_roles enable row level security;
alter table traqora.wallets enable row level security;
