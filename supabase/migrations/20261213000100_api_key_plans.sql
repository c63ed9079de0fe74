-- API-key plans: each key is counted against its plan's quota (lib/rate-limit/plans.ts). The
-- plans and their quotas are configuration (RATE_LIMIT_API_PLANS); the database keeps which plan
-- a key is on. Every key made so far stays on the default plan, standard, whose quota is the one
-- all keys shared until now (RATE_LIMIT_API_KEY): nothing changes for them.
--
-- The name is checked for shape only: which names exist is the configuration's to say, and a key
-- left on a plan the configuration no longer has is counted on the default one, not refused.
alter table traqora.api_keys
  add column plan text not null default 'standard' check (plan ~ '^[a-z][a-z0-9-]{0,31}$');

-- The console's list of every key, newest first (keyset-paged on created_at, id).
create index api_keys_created_idx on traqora.api_keys (created_at desc, id desc);
