-- Identity: users, their roles, and linked wallets. Whoever signs in (Clerk, a wallet, or a
-- dev persona in local mode) maps to one row in traqora.users; roles live here, not in the
-- identity provider, so the server checks the same rules whatever the sign-in method.

create table traqora.users (
  id uuid primary key default gen_random_uuid(),
  display_name text not null check (char_length(display_name) between 1 and 80),
  email text check (email is null or email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  clerk_user_id text unique,
  dev_persona_key text unique,        -- "<role>:<name>" for dev personas (local mode only)
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create trigger users_touch before update on traqora.users
  for each row execute function traqora.touch_updated_at();

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

-- The viewer for a session's user id; null when the user no longer exists.
create or replace function public.get_viewer(p_user_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select traqora.viewer_json(p_user_id);
$$;

-- Dev personas: one user per (role, name), created on first use and reused after.
-- Every persona is a traveller; operators act for p_airline.
create or replace function public.upsert_dev_persona(p_role text, p_name text, p_airline text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_user uuid;
  v_name text := trim(p_name);
  v_airline text := upper(nullif(trim(p_airline), ''));
begin
  if p_role is null or p_role not in ('traveller', 'operator', 'admin') then
    perform traqora.raise_problem('TQ400', 'role must be traveller, operator or admin', 'role');
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
  returning id into v_user;

  insert into traqora.user_roles (user_id, role) values (v_user, 'traveller') on conflict do nothing;
  if p_role <> 'traveller' then
    insert into traqora.user_roles (user_id, role, airline) values (v_user, p_role, v_airline) on conflict do nothing;
  end if;
  return traqora.viewer_json(v_user);
end $$;

-- Clerk users are provisioned on first sight as travellers; p_admin grants admin (used for the
-- operator-configured bootstrap list of Clerk user ids).
create or replace function public.ensure_clerk_user(p_clerk_user_id text, p_name text, p_email text default null, p_admin boolean default false) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_user uuid;
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
    returning id into v_user;
    insert into traqora.user_roles (user_id, role) values (v_user, 'traveller') on conflict do nothing;
  end if;
  if p_admin and not exists (select 1 from traqora.user_roles where user_id = v_user and role = 'admin') then
    insert into traqora.user_roles (user_id, role) values (v_user, 'admin') on conflict do nothing;
  end if;
  return traqora.viewer_json(v_user);
end $$;

revoke execute on function public.get_viewer(uuid) from public, anon, authenticated;
revoke execute on function public.upsert_dev_persona(text, text, text) from public, anon, authenticated;
revoke execute on function public.ensure_clerk_user(text, text, text, boolean) from public, anon, authenticated;
grant execute on function public.get_viewer(uuid) to service_role;
grant execute on function public.upsert_dev_persona(text, text, text) to service_role;
grant execute on function public.ensure_clerk_user(text, text, text, boolean) to service_role;
