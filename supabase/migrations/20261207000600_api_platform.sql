-- The public API platform: rate-limit counters shared by every app instance, the allow and deny
-- lists admins keep (CIDR), and API keys.
--
-- Functions, triggers and grants: supabase/routines/13_api_platform.sql.

-- rate-limiter-flexible's store on a server database (lib/rate-limit/store.ts). Unlogged: the
-- counters are worth losing in a crash (everyone starts a fresh window) and not worth WAL on
-- every request. `expire_at` null means "never" (a block of unlimited length).
create unlogged table traqora.rate_limit_counters (
  key text primary key check (char_length(key) between 1 and 255),
  points integer not null default 0,
  expire_at timestamptz
);
create index rate_limit_counters_expire_idx on traqora.rate_limit_counters (expire_at);

-- Addresses let through without counting (allow) or refused outright (deny). The server reads
-- the whole list (it is short) and matches in process.
create table traqora.rate_limit_rules (
  id bigint generated always as identity primary key,
  cidr cidr not null unique,
  action text not null check (action in ('allow', 'deny')),
  note text check (note is null or char_length(note) between 1 and 200),
  created_by uuid references traqora.users on delete set null,
  created_at timestamptz not null default now()
);

-- API keys: `trq_<prefix>_<secret>`. Only the SHA-256 of the whole key is kept (a key is 160
-- random bits: a slow hash buys nothing), with the prefix in clear so owners can tell keys apart.
-- Rotation makes a new key and gives the old one a short expiry (the overlap window).
create table traqora.api_keys (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references traqora.users on delete cascade,
  name text not null check (char_length(name) between 1 and 80),
  scope text not null check (scope in ('read', 'read_write')),
  prefix text not null unique check (prefix ~ '^[a-z0-9]{8}$'),
  secret_hash bytea not null check (octet_length(secret_hash) = 32),
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  rotated_to uuid references traqora.api_keys on delete set null,
  last_used_at timestamptz,
  last_used_ip text check (last_used_ip is null or char_length(last_used_ip) <= 64)
);
create index api_keys_user_idx on traqora.api_keys (user_id, created_at desc, id desc);

alter table traqora.rate_limit_counters enable row level security;
alter table traqora.rate_limit_rules enable row level security;
alter table traqora.api_keys enable row level security;
