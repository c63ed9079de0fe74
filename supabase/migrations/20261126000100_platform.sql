-- Platform layout shared by every later migration.
--
-- Supabase exposes the `public` schema over its HTTP API. Traqora keeps every table in the
-- private `traqora` schema and exposes only database functions in `public`, executable by the
-- server's role (`service_role`) alone. On plain PostgreSQL and PGlite the Supabase roles do
-- not exist, so they are created here (NOLOGIN: nobody connects as them directly).
--
-- Its functions, triggers and grants: supabase/routines/10_platform.sql (current definitions,
-- re-applied when they change; see supabase/README.md).

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
-- migration owner from here on; supabase/routines grants each public function to service_role only.
alter default privileges revoke execute on functions from public;
alter default privileges in schema public revoke execute on functions from anon, authenticated;
