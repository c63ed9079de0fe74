-- Identity: the viewer (user, roles, wallets) and how users are provisioned by each sign-in
-- method. Tables: supabase/migrations/20261126000300_identity.sql.

create or replace trigger users_touch before update on traqora.users
  for each row execute function traqora.touch_updated_at();

create or replace function traqora.viewer_json(p_user_id uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', u.id,
    'name', u.display_name,
    'email', u.email,
    'roles', coalesce((select jsonb_agg(jsonb_build_object('role', r.role, 'airline', r.airline) order by r.role, r.airline)
                       from traqora.user_roles r where r.user_id = u.id), '[]'::jsonb),
    'wallets', coalesce((select jsonb_agg(w.address order by w.linked_at) from traqora.wallets w where w.user_id = u.id), '[]'::jsonb))
  from traqora.users u where u.id = p_user_id;
$$;

-- A user's roles as event payloads see them.
create or replace function traqora.user_roles_json(p_user uuid) returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('role', r.role, 'airline', r.airline) order by r.role, r.airline), '[]'::jsonb)
  from traqora.user_roles r where r.user_id = p_user;
$$;

-- user.created (when p_created) and one user.role_granted per role the user has now and did not
-- have in p_roles_before. Called last, after the user's rows are written (emit_event's lock).
create or replace function traqora.emit_user_events(p_user uuid, p_created boolean, p_source text, p_roles_before jsonb)
returns void language plpgsql set search_path = '' as $$
declare
  v_role jsonb;
begin
  if p_created then
    perform traqora.emit_event('user.created', 'user', p_user::text, jsonb_build_object(
      'user_id', u.id, 'display_name', u.display_name, 'source', p_source, 'roles', traqora.user_roles_json(u.id)), u.id)
    from traqora.users u where u.id = p_user;
  end if;
  for v_role in select value from jsonb_array_elements(traqora.user_roles_json(p_user))
                where not (coalesce(p_roles_before, '[]'::jsonb) @> jsonb_build_array(value)) loop
    perform traqora.emit_event('user.role_granted', 'user', p_user::text,
                               jsonb_build_object('user_id', p_user, 'source', p_source) || v_role, p_user);
  end loop;
end $$;

-- A suspended account cannot sign in, book or pay (suspension: routines/35_console.sql).
create or replace function traqora.refuse_suspended(p_user uuid) returns void
language plpgsql stable set search_path = '' as $$
begin
  if exists (select 1 from traqora.users where id = p_user and suspended_at is not null) then
    perform traqora.raise_problem('TQ403', 'This account is suspended. Contact support.', 'account');
  end if;
end $$;

-- The viewer for a session's user id; null when the user no longer exists or is suspended
-- (the session stops working; it works again when the user is reinstated).
create or replace function public.get_viewer(p_user_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select traqora.viewer_json(u.id) from traqora.users u where u.id = p_user_id and u.suspended_at is null;
$$;

-- Dev personas: one user per (role, name), created on first use and reused after.
-- Every persona is a traveller; operators act for p_airline. A suspended persona is refused.
create or replace function public.upsert_dev_persona(p_role text, p_name text, p_airline text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_user uuid;
  v_created boolean;
  v_roles jsonb;
  v_name text := trim(p_name);
  v_airline text := upper(nullif(trim(p_airline), ''));
begin
  if p_role is null or not exists (select 1 from traqora.roles where role = p_role) then
    perform traqora.raise_problem('TQ400', 'unknown role ' || coalesce(p_role, '(none)'), 'role');
  end if;
  if v_name is null or char_length(v_name) not between 1 and 80 then
    perform traqora.raise_problem('TQ400', 'name must be 1 to 80 characters', 'name');
  end if;
  if p_role = 'operator' then
    v_airline := coalesce(v_airline, 'DL');
    if not exists (select 1 from traqora.airlines where iata = v_airline) then
      perform traqora.raise_problem('TQ400', 'unknown airline ' || v_airline, 'airline');
    end if;
  else
    v_airline := null;
  end if;

  insert into traqora.users (display_name, dev_persona_key)
  values (v_name, p_role || ':' || lower(v_name))
  on conflict (dev_persona_key) do update set display_name = excluded.display_name
  returning id, xmax = 0 into v_user, v_created;     -- xmax = 0: the row was inserted, not updated
  perform traqora.refuse_suspended(v_user);          -- rolls the touch above back

  v_roles := traqora.user_roles_json(v_user);
  insert into traqora.user_roles (user_id, role) values (v_user, 'traveller') on conflict do nothing;
  if p_role <> 'traveller' then
    insert into traqora.user_roles (user_id, role, airline) values (v_user, p_role, v_airline) on conflict do nothing;
  end if;
  perform traqora.emit_user_events(v_user, v_created, 'dev_persona', v_roles);
  return traqora.viewer_json(v_user);
end $$;

-- Clerk users are provisioned on first sight as travellers; p_admin grants admin (used for the
-- operator-configured bootstrap list of Clerk user ids).
create or replace function public.ensure_clerk_user(p_clerk_user_id text, p_name text, p_email text default null, p_admin boolean default false) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_user uuid;
  v_created boolean := false;
  v_roles jsonb;                       -- the roles before this call changed any; null: unchanged
begin
  if p_clerk_user_id is null or p_clerk_user_id !~ '^[A-Za-z0-9_-]{1,100}$' then
    perform traqora.raise_problem('TQ400', 'invalid Clerk user id', 'clerk_user_id');
  end if;
  -- Called on every Clerk-authenticated request: read first, write only on first sight.
  select id into v_user from traqora.users where clerk_user_id = p_clerk_user_id;
  if v_user is null then
    insert into traqora.users (display_name, email, clerk_user_id)
    values (coalesce(nullif(left(trim(p_name), 80), ''), 'Traveller'), p_email, p_clerk_user_id)
    on conflict (clerk_user_id) do update set email = coalesce(excluded.email, traqora.users.email)
    returning id, xmax = 0 into v_user, v_created;
    v_roles := traqora.user_roles_json(v_user);
    insert into traqora.user_roles (user_id, role) values (v_user, 'traveller') on conflict do nothing;
  end if;
  -- Called on every request: a suspended user's requests are refused while suspended.
  perform traqora.refuse_suspended(v_user);
  if p_admin and not exists (select 1 from traqora.user_roles where user_id = v_user and role = 'admin') then
    v_roles := coalesce(v_roles, traqora.user_roles_json(v_user));
    insert into traqora.user_roles (user_id, role) values (v_user, 'admin') on conflict do nothing;
  end if;
  if v_roles is not null then
    perform traqora.emit_user_events(v_user, v_created, 'clerk', v_roles);
  end if;
  return traqora.viewer_json(v_user);
end $$;

-- Only the server role may call these (default privileges: the platform migration).
revoke execute on function public.get_viewer(uuid) from public, anon, authenticated;
revoke execute on function public.upsert_dev_persona(text, text, text) from public, anon, authenticated;
revoke execute on function public.ensure_clerk_user(text, text, text, boolean) from public, anon, authenticated;
grant execute on function public.get_viewer(uuid) to service_role;
grant execute on function public.upsert_dev_persona(text, text, text) to service_role;
grant execute on function public.ensure_clerk_user(text, text, text, boolean) to service_role;
