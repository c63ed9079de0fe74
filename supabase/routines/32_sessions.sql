-- Sessions: the version the app's session cookie must name (table column:
-- supabase/migrations/20261207000700_session_version.sql). Clerk keeps its own sessions.

-- A suspension ends every session at once, by the same bump as "sign out everywhere", so a
-- cookie issued before the suspension stays dead after the user is reinstated.
create or replace function traqora.end_sessions_on_suspension() returns trigger
language plpgsql set search_path = '' as $$
begin
  if old.suspended_at is null and new.suspended_at is not null then
    new.session_version := old.session_version + 1;
  end if;
  return new;
end $$;

create or replace trigger users_end_sessions_on_suspension before update of suspended_at on traqora.users
  for each row execute function traqora.end_sessions_on_suspension();

-- The version a new session is issued with; null for an unknown or suspended user.
create or replace function public.session_version(p_user_id uuid) returns integer
language sql stable security definer set search_path = '' as $$
  select u.session_version from traqora.users u where u.id = p_user_id and u.suspended_at is null;
$$;

-- The viewer for a session cookie; null when the user is gone or suspended, or the cookie's
-- version is no longer current (signed out everywhere). Read on every request.
create or replace function public.session_viewer(p_user_id uuid, p_session_version integer) returns jsonb
language sql stable security definer set search_path = '' as $$
  select traqora.viewer_json(u.id) from traqora.users u
  where u.id = p_user_id and u.suspended_at is null and u.session_version = p_session_version;
$$;

-- Sign out everywhere: every session issued so far stops working. Returns the new version.
create or replace function public.revoke_sessions(p_user_id uuid) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  v_version integer;
begin
  update traqora.users set session_version = session_version + 1 where id = p_user_id
  returning session_version into v_version;
  if v_version is null then
    perform traqora.raise_problem('TQ404', 'no such user', 'user_id');
  end if;
  perform traqora.emit_event('user.sessions_revoked', 'user', p_user_id::text,
                             jsonb_build_object('user_id', p_user_id, 'session_version', v_version), p_user_id);
  return v_version;
end $$;

-- The viewer behind a SEP-10 token presented as a bearer: null unless the wallet still belongs to
-- the user the token was issued to, that user is not suspended, and the token's session version
-- is current. So "sign out everywhere" and a suspension end bearer tokens as they end cookies.
create or replace function public.wallet_bearer_viewer(p_account text, p_user_id uuid, p_session_version integer) returns jsonb
language sql stable security definer set search_path = '' as $$
  select traqora.viewer_json(u.id) from traqora.wallets w join traqora.users u on u.id = w.user_id
  where w.address = p_account and u.id = p_user_id and u.suspended_at is null and u.session_version = p_session_version;
$$;

-- Only the server role may call these (default privileges: the platform migration).
revoke execute on function public.session_version(uuid) from public, anon, authenticated;
revoke execute on function public.session_viewer(uuid, integer) from public, anon, authenticated;
revoke execute on function public.revoke_sessions(uuid) from public, anon, authenticated;
grant execute on function public.session_version(uuid) to service_role;
grant execute on function public.session_viewer(uuid, integer) to service_role;
grant execute on function public.revoke_sessions(uuid) to service_role;
revoke execute on function public.wallet_bearer_viewer(text, uuid, integer) from public, anon, authenticated;
grant execute on function public.wallet_bearer_viewer(text, uuid, integer) to service_role;
