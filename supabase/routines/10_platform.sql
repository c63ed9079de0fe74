-- Platform routines every domain uses: the updated_at stamp, the problem a function raises
-- for an HTTP 4xx, and the health probe.
--
-- supabase/routines/ holds the current definition of every database function, trigger, view
-- and grant, one domain per file, each object exactly once. lib/db/migrate.ts re-applies all
-- files in order, in one transaction, whenever their combined checksum changes; tables stay in
-- the forward-only supabase/migrations. Why and how: supabase/README.md.

-- Every row change stamps updated_at.
create or replace function traqora.touch_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end $$;

-- A problem raised by a database function, mapped by the server to an HTTP 4xx.
-- SQLSTATE class 'P0' with our own codes:  TQ400 bad input, TQ403 forbidden, TQ404 not found,
-- TQ409 conflict. The message is for people; `detail` names the field when there is one.
create or replace function traqora.raise_problem(p_code text, p_message text, p_field text default null)
returns void language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = p_code, message = p_message, detail = coalesce(p_field, '');
end $$;

-- Liveness probe used by /api/health (works through both drivers).
create or replace function public.health_check() returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('database', 'up', 'now', now(), 'server_version', current_setting('server_version'));
$$;

-- Only the server role may call these (default privileges: the platform migration).
revoke execute on function public.health_check() from public, anon, authenticated;
grant execute on function public.health_check() to service_role;
