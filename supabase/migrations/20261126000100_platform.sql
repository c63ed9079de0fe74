-- Platform layout shared by every later migration.
--
-- Supabase exposes the `public` schema over its HTTP API. Traqora keeps every table in the
-- private `traqora` schema and exposes only database functions in `public`, executable by the
-- server's role (`service_role`) alone. On plain PostgreSQL and PGlite the Supabase roles do
-- not exist, so they are created here (NOLOGIN: nobody connects as them directly).

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then create role anon nologin; end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then create role authenticated nologin; end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then create role service_role nologin bypassrls; end if;
end $$;

create schema if not exists traqora;
revoke all on schema traqora from public;

-- Functions are created with EXECUTE for PUBLIC by default; Supabase additionally grants
-- anon/authenticated through default privileges. Revoke both for everything created by the
-- migration owner from here on, and re-grant per function to service_role only.
alter default privileges revoke execute on functions from public;
alter default privileges in schema public revoke execute on functions from anon, authenticated;

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
revoke execute on function public.health_check() from public, anon, authenticated;
grant execute on function public.health_check() to service_role;
