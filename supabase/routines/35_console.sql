-- Operators' console: the tamper-evident audit trail, role grants, suspension, and the lists
-- the console reads. Tables: supabase/migrations/20261206000400_console_roles_audit.sql.
-- Which role may call which of these is decided before the call, by lib/admin/permissions.ts;
-- here the database checks that the audit row it writes is true (the actor holds the role it
-- acted in, and is not suspended).
--
-- Replaced by traqora.admin_booking_rows(uuid[]) (one query per page).
drop function if exists traqora.admin_booking_row(uuid);
-- Gained p_walk_above (the prefix search's two routes).
drop function if exists traqora.admin_booking_page(jsonb, text, text, jsonb, int);

-- Lock order: an admin function appends its audit row (locking audit_head) before it emits
-- (emit_event's lock), never the other way round, so two such transactions cannot deadlock.

-- ── Audit trail ──────────────────────────────────────────────────────────────────────────

-- The row as hashed: every column but the two hashes, as jsonb text (jsonb prints keys in one
-- fixed order), the time in UTC to the microsecond so the session's TimeZone cannot change it.
create or replace function traqora.audit_canonical(a traqora.audit_log) returns text
language sql immutable set search_path = '' as $$
  select jsonb_build_object(
    'id', a.id, 'at', to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'actor', a.actor, 'actor_role', a.actor_role, 'action', a.action,
    'resource_type', a.resource_type, 'resource_id', a.resource_id,
    'before', a.before, 'after', a.after, 'reason', a.reason, 'ip', a.ip, 'request_id', a.request_id)::text;
$$;

-- sha256(prev_hash ‖ canonical row), hex.
create or replace function traqora.audit_hash(p_prev_hash text, a traqora.audit_log) returns text
language sql immutable set search_path = '' as $$
  select encode(sha256(convert_to(p_prev_hash || traqora.audit_canonical(a), 'UTF8')), 'hex');
$$;

-- Appends one row to the chain, in the caller's transaction. p_ctx: {actor, role, reason, ip,
-- request_id} (what the server knows about the request). Locking the head row serialises
-- appends: a second transaction waits here until the first commits or rolls back, then reads
-- the head the first left (READ COMMITTED re-reads a locked row), so every row's prev_hash is
-- the hash of the row before it in id order.
create or replace function traqora.audit_append(p_ctx jsonb, p_action text, p_resource_type text, p_resource_id text,
                                                p_before jsonb, p_after jsonb) returns bigint
language plpgsql set search_path = '' as $$
declare
  h traqora.audit_head;
  a traqora.audit_log;
  v_actor uuid := nullif(p_ctx ->> 'actor', '')::uuid;
  v_role text := nullif(p_ctx ->> 'role', '');
begin
  if v_actor is not null then
    if not exists (select 1 from traqora.users u where u.id = v_actor and u.suspended_at is null) then
      perform traqora.raise_problem('TQ403', 'The acting user does not exist or is suspended.', 'actor');
    end if;
    if v_role is null or not exists (select 1 from traqora.user_roles r where r.user_id = v_actor and r.role = v_role) then
      perform traqora.raise_problem('TQ403', 'The acting user does not hold the role ' || coalesce(v_role, '(none)') || '.', 'role');
    end if;
  end if;

  select * into h from traqora.audit_head where singleton for update;
  a.id := nextval(pg_get_serial_sequence('traqora.audit_log', 'id'));
  a.at := clock_timestamp();           -- after the lock: times follow the chain
  a.actor := v_actor;
  a.actor_role := v_role;
  a.action := p_action;
  a.resource_type := p_resource_type;
  a.resource_id := p_resource_id;
  a.before := p_before;
  a.after := p_after;
  a.reason := nullif(trim(p_ctx ->> 'reason'), '');
  a.ip := left(nullif(p_ctx ->> 'ip', ''), 64);
  a.request_id := left(nullif(p_ctx ->> 'request_id', ''), 128);
  a.prev_hash := h.last_hash;
  a.hash := traqora.audit_hash(h.last_hash, a);
  insert into traqora.audit_log overriding system value select a.*;
  update traqora.audit_head set last_id = a.id, last_hash = a.hash where singleton;
  return a.id;
end $$;

create or replace function traqora.refuse_audit_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  perform traqora.raise_problem('TQ403', 'The audit log is append-only.', null);
  return null;
end $$;

create or replace trigger audit_log_append_only before update or delete on traqora.audit_log
  for each row execute function traqora.refuse_audit_change();
create or replace trigger audit_log_no_truncate before truncate on traqora.audit_log
  for each statement execute function traqora.refuse_audit_change();

create or replace function traqora.audit_json(a traqora.audit_log) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('id', a.id, 'at', a.at, 'actor', a.actor,
    'actor_name', (select u.display_name from traqora.users u where u.id = a.actor),
    'actor_role', a.actor_role, 'action', a.action, 'resource_type', a.resource_type, 'resource_id', a.resource_id,
    'before', a.before, 'after', a.after, 'reason', a.reason, 'ip', a.ip, 'request_id', a.request_id,
    'prev_hash', a.prev_hash, 'hash', a.hash);
$$;

-- One page of the audit trail, newest first: the rows matching the filters below p_before_id
-- (the last id of the previous page), p_limit of them. Plain SQL without settings, so the
-- planner inlines it into the list and the CSV, which share it.
create or replace function traqora.audit_page(p_actor uuid, p_action text, p_resource_type text, p_resource_id text,
  p_from timestamptz, p_to timestamptz, p_before_id bigint, p_limit int) returns setof traqora.audit_log
language sql stable as $$
  select f.* from traqora.audit_log f
  where (p_actor is null or f.actor = p_actor)
    and (p_action is null or f.action = p_action)
    and (p_resource_type is null or f.resource_type = p_resource_type)
    and (p_resource_id is null or f.resource_id = p_resource_id)
    and (p_from is null or f.at >= p_from)
    and (p_to is null or f.at < p_to)
    and (p_before_id is null or f.id < p_before_id)
  order by f.id desc limit p_limit;
$$;

-- Newest first; p_before_id is the cursor (the last id of the previous page).
create or replace function public.list_audit_log(p_actor uuid default null, p_action text default null,
  p_resource_type text default null, p_resource_id text default null, p_from timestamptz default null,
  p_to timestamptz default null, p_before_id bigint default null, p_limit int default 50) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 50), 1), 200);
  v_rows jsonb;
  v_count int;
begin
  select coalesce(jsonb_agg(traqora.audit_json(a) order by a.id desc), '[]'::jsonb), count(*)
    into v_rows, v_count
  from traqora.audit_page(p_actor, p_action, p_resource_type, p_resource_id, p_from, p_to, p_before_id, v_limit + 1) a;
  if v_count > v_limit then
    v_rows := v_rows - v_limit;        -- drop the look-ahead row
    return jsonb_build_object('data', v_rows, 'next_before_id', (v_rows -> (v_limit - 1) ->> 'id')::bigint);
  end if;
  return jsonb_build_object('data', v_rows, 'next_before_id', null);
end $$;

-- A JSON value as JavaScript's JSON.stringify writes it after JSON.parse (no spaces), which is
-- how the audit CSV's before/after columns were written when the server formatted them: keys in
-- jsonb's order except array-index keys ("0", "12"), which a JavaScript object puts first in
-- ascending order; integers (below 1e15) without a fraction, other numbers in shortest form
-- (float8's, the same digits as JavaScript's for 1e-4 <= |x| < 1e15; outside that the two
-- spell exponents differently, and numeric's text is kept). Strings escape as jsonb does,
-- which is what JSON.stringify does too (\b \f \n \r \t, other controls as \u00xx).
-- The walk, for values json_compact cannot take the short way.
create or replace function traqora.json_compact_walk(p jsonb) returns text
language plpgsql immutable parallel safe set search_path = '' as $$
declare
  v numeric;
begin
  if p is null then return 'null'; end if;   -- an absent before/after: JSON null, as the API sends it
  case jsonb_typeof(p)
    when 'object' then
      return '{' || coalesce((
        select string_agg(to_jsonb(e.key)::text || ':' || traqora.json_compact_walk(e.value), ',' order by
                 (e.key ~ '^(0|[1-9][0-9]{0,9})$' and e.key::bigint < 4294967295) desc,
                 case when e.key ~ '^(0|[1-9][0-9]{0,9})$' and e.key::bigint < 4294967295 then e.key::bigint end, e.n)
        from jsonb_each(p) with ordinality e(key, value, n)), '') || '}';
    when 'array' then
      return '[' || coalesce((select string_agg(traqora.json_compact_walk(e.value), ',' order by e.n)
                              from jsonb_array_elements(p) with ordinality e(value, n)), '') || ']';
    when 'number' then
      v := p::text::numeric;
      if v = trunc(v) and abs(v) < 1e15 then return trunc(v)::text; end if;
      if abs(v) >= 1e-4 and abs(v) < 1e15 then return v::float8::text; end if;
      return p::text;
    else
      return p::text;
  end case;
end $$;

-- The short way, for almost every audit value: jsonb's own text without the space after each
-- separator outside strings, when it holds no array-index key and no number with a fraction,
-- an exponent or 16+ digits (text outside strings checked; a false alarm only takes the walk).
-- Plain SQL without settings, so the planner inlines it into the export's query.
create or replace function traqora.json_compact(p jsonb) returns text
language sql immutable parallel safe as $$
  select case
    when p is null then 'null'
    when p::text !~ '"(0|[1-9][0-9]{0,9})": '
         and regexp_replace(p::text, '"(?:[^"\\]|\\.)*"', '', 'g') !~ '[0-9][.eE]|[0-9]{16}'
      then regexp_replace(p::text, '("(?:[^"\\]|\\.)*")|([,:]) ', '\1\2', 'g')
    else traqora.json_compact_walk(p)
  end;
$$;

-- One page of the audit CSV (list_audit_log's filters and order, lib/admin/audit-csv.ts's
-- columns): {csv, next_before_id}, the page's CRLF-terminated lines written here, quoted and
-- guarded by csv_field, so an export moves text rather than per-row JSON.
create or replace function public.admin_audit_csv(p_actor uuid default null, p_action text default null,
  p_resource_type text default null, p_resource_id text default null, p_from timestamptz default null,
  p_to timestamptz default null, p_before_id bigint default null, p_limit int default 5000) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 5000), 1), 5000);
  v_csv text;
  v_count int;
  v_last bigint;
begin
  select string_agg(concat_ws(',', a.id::text, traqora.csv_instant(a.at), coalesce(a.actor::text, ''),
             traqora.csv_field((select u.display_name from traqora.users u where u.id = a.actor)), traqora.csv_field(a.actor_role),
             traqora.csv_field(a.action), traqora.csv_field(a.resource_type), traqora.csv_field(a.resource_id), traqora.csv_field(a.reason),
             traqora.csv_field(traqora.json_compact(a.before)), traqora.csv_field(traqora.json_compact(a.after)), traqora.csv_field(a.ip),
             traqora.csv_field(a.request_id), traqora.csv_field(a.prev_hash), traqora.csv_field(a.hash)) || e'\r\n', '' order by a.id desc)
           filter (where a.rn <= v_limit),
         count(*), min(a.id) filter (where a.rn <= v_limit)
    into v_csv, v_count, v_last
  from (select f.*, row_number() over (order by f.id desc) as rn
        from traqora.audit_page(p_actor, p_action, p_resource_type, p_resource_id, p_from, p_to, p_before_id, v_limit + 1) f) a;
  return jsonb_build_object('csv', coalesce(v_csv, ''), 'next_before_id', case when v_count > v_limit then v_last end);
end $$;

-- Walks the whole chain: each row's hash recomputed from its columns and the previous row's
-- hash, and the head compared with the last row (a removed tail leaves the head ahead).
create or replace function public.verify_audit_chain() returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_checked bigint;
  v_broken bigint;
  v_last traqora.audit_log;
  h traqora.audit_head;
begin
  select count(*), min(c.id) filter (where c.hash <> c.recomputed or c.prev_hash <> c.expected_prev)
    into v_checked, v_broken
  from (select a.id, a.hash, a.prev_hash, traqora.audit_hash(a.prev_hash, a) as recomputed,
               lag(a.hash, 1, repeat('0', 64)) over (order by a.id) as expected_prev
        from traqora.audit_log a) c;
  if v_broken is null then
    select * into h from traqora.audit_head where singleton;
    select * into v_last from traqora.audit_log order by id desc limit 1;
    if h.last_id is distinct from v_last.id or h.last_hash <> coalesce(v_last.hash, repeat('0', 64)) then
      v_broken := coalesce(h.last_id, v_last.id);
    end if;
  end if;
  return jsonb_build_object('ok', v_broken is null, 'checked', v_checked, 'first_broken_id', v_broken);
end $$;

-- ── Users: roles and suspension ──────────────────────────────────────────────────────────

create or replace function traqora.admin_user_json(p_user uuid) returns jsonb
language sql stable set search_path = '' as $$
  select traqora.viewer_json(u.id) || jsonb_build_object(
    'status', case when u.suspended_at is null then 'active' else 'suspended' end,
    'suspended_at', u.suspended_at, 'suspension_reason', u.suspension_reason, 'created_at', u.created_at)
  from traqora.users u where u.id = p_user;
$$;

-- The user row, locked (role changes and suspensions of one user queue behind each other).
create or replace function traqora.lock_user(p_user uuid) returns traqora.users
language plpgsql set search_path = '' as $$
declare
  u traqora.users;
begin
  select * into u from traqora.users where id = p_user for update;
  if u.id is null then
    perform traqora.raise_problem('TQ404', 'No such user.', 'id');
  end if;
  return u;
end $$;

-- (role, airline) checked against the role table: an operator names an existing airline,
-- no other role carries one. Returns the normalised airline.
create or replace function traqora.checked_role_airline(p_role text, p_airline text) returns text
language plpgsql stable set search_path = '' as $$
declare
  v_airline text := upper(nullif(trim(p_airline), ''));
begin
  if p_role is null or not exists (select 1 from traqora.roles where role = p_role) then
    perform traqora.raise_problem('TQ400', 'unknown role ' || coalesce(p_role, '(none)'), 'role');
  end if;
  if p_role = 'operator' then
    if v_airline is null or not exists (select 1 from traqora.airlines where iata = v_airline) then
      perform traqora.raise_problem('TQ400', 'an operator role needs a known airline', 'airline');
    end if;
  elsif v_airline is not null then
    perform traqora.raise_problem('TQ400', 'only the operator role carries an airline', 'airline');
  end if;
  return v_airline;
end $$;

create or replace function public.admin_grant_role(p_ctx jsonb, p_user_id uuid, p_role text, p_airline text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_airline text := traqora.checked_role_airline(p_role, p_airline);
  v_before jsonb;
begin
  perform traqora.lock_user(p_user_id);
  v_before := traqora.user_roles_json(p_user_id);
  insert into traqora.user_roles (user_id, role, airline, granted_by)
  values (p_user_id, p_role, v_airline, nullif(p_ctx ->> 'actor', '')::uuid) on conflict do nothing;
  if not found then
    perform traqora.raise_problem('TQ409', 'The user already has this role.', 'role');
  end if;
  perform traqora.audit_append(p_ctx, 'user.role_granted', 'user', p_user_id::text,
                               jsonb_build_object('roles', v_before), jsonb_build_object('roles', traqora.user_roles_json(p_user_id)));
  perform traqora.emit_event('user.role_granted', 'user', p_user_id::text,
    jsonb_build_object('user_id', p_user_id, 'source', 'admin', 'role', p_role, 'airline', v_airline, 'by', p_ctx -> 'actor'),
    nullif(p_ctx ->> 'actor', '')::uuid);
  return traqora.admin_user_json(p_user_id);
end $$;

create or replace function public.admin_revoke_role(p_ctx jsonb, p_user_id uuid, p_role text, p_airline text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_airline text := traqora.checked_role_airline(p_role, p_airline);
  v_before jsonb;
begin
  perform traqora.lock_user(p_user_id);
  v_before := traqora.user_roles_json(p_user_id);
  if p_role = 'admin' then
    -- Serialise admin revocations so two cannot each see the other as the remaining admin.
    perform pg_advisory_xact_lock(7204119);
    if not exists (select 1 from traqora.user_roles r join traqora.users u on u.id = r.user_id
                   where r.role = 'admin' and r.user_id <> p_user_id and u.suspended_at is null) then
      perform traqora.raise_problem('TQ409', 'This is the last active admin; grant admin to someone else first.', 'role');
    end if;
  end if;
  delete from traqora.user_roles where user_id = p_user_id and role = p_role and airline is not distinct from v_airline;
  if not found then
    perform traqora.raise_problem('TQ404', 'The user does not have this role.', 'role');
  end if;
  perform traqora.audit_append(p_ctx, 'user.role_revoked', 'user', p_user_id::text,
                               jsonb_build_object('roles', v_before), jsonb_build_object('roles', traqora.user_roles_json(p_user_id)));
  perform traqora.emit_event('user.role_revoked', 'user', p_user_id::text,
    jsonb_build_object('user_id', p_user_id, 'source', 'admin', 'role', p_role, 'airline', v_airline, 'by', p_ctx -> 'actor'),
    nullif(p_ctx ->> 'actor', '')::uuid);
  return traqora.admin_user_json(p_user_id);
end $$;

create or replace function public.admin_suspend_user(p_ctx jsonb, p_user_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  u traqora.users := traqora.lock_user(p_user_id);
  v_reason text := trim(p_ctx ->> 'reason');
begin
  if v_reason is null or char_length(v_reason) not between 3 and 500 then
    perform traqora.raise_problem('TQ400', 'reason must be 3 to 500 characters', 'reason');
  end if;
  if p_user_id = nullif(p_ctx ->> 'actor', '')::uuid then
    perform traqora.raise_problem('TQ409', 'You cannot suspend yourself.', 'id');
  end if;
  if u.suspended_at is not null then
    perform traqora.raise_problem('TQ409', 'The user is already suspended.', 'id');
  end if;
  update traqora.users set suspended_at = now(), suspension_reason = v_reason where id = p_user_id;
  perform traqora.audit_append(p_ctx, 'user.suspended', 'user', p_user_id::text,
                               jsonb_build_object('status', 'active'), jsonb_build_object('status', 'suspended'));
  perform traqora.emit_event('user.suspended', 'user', p_user_id::text,
    jsonb_build_object('user_id', p_user_id, 'reason', v_reason, 'by', p_ctx -> 'actor'), nullif(p_ctx ->> 'actor', '')::uuid);
  return traqora.admin_user_json(p_user_id);
end $$;

create or replace function public.admin_reinstate_user(p_ctx jsonb, p_user_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  u traqora.users := traqora.lock_user(p_user_id);
begin
  if u.suspended_at is null then
    perform traqora.raise_problem('TQ409', 'The user is not suspended.', 'id');
  end if;
  update traqora.users set suspended_at = null, suspension_reason = null where id = p_user_id;
  perform traqora.audit_append(p_ctx, 'user.reinstated', 'user', p_user_id::text,
    jsonb_build_object('status', 'suspended', 'suspension_reason', u.suspension_reason), jsonb_build_object('status', 'active'));
  perform traqora.emit_event('user.reinstated', 'user', p_user_id::text,
    jsonb_build_object('user_id', p_user_id, 'by', p_ctx -> 'actor'), nullif(p_ctx ->> 'actor', '')::uuid);
  return traqora.admin_user_json(p_user_id);
end $$;

-- One user as the console shows it (roles, wallets, status).
create or replace function public.admin_get_user(p_user_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v jsonb := traqora.admin_user_json(p_user_id);
begin
  if v is null then perform traqora.raise_problem('TQ404', 'No such user.', 'id'); end if;
  return v;
end $$;

-- Newest first, keyset-paged on (created_at, id). p_q matches name, email, a wallet address
-- or the user id.
create or replace function public.admin_list_users(p_role text default null, p_status text default null, p_q text default null,
  p_after_created timestamptz default null, p_after_id uuid default null, p_limit int default 50) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 50), 1), 200);
  v_q text := nullif(trim(p_q), '');
  v_like text;
  v_ids uuid[];
  v_last traqora.users;
begin
  if p_status is not null and p_status not in ('active', 'suspended') then
    perform traqora.raise_problem('TQ400', 'status must be active or suspended', 'status');
  end if;
  v_like := '%' || replace(replace(replace(v_q, '\', '\\'), '%', '\%'), '_', '\_') || '%';
  select array_agg(id order by created_at desc, id desc) into v_ids
  from (select u.id, u.created_at from traqora.users u
        where (p_role is null or exists (select 1 from traqora.user_roles r where r.user_id = u.id and r.role = p_role))
          and (p_status is null or (p_status = 'suspended') = (u.suspended_at is not null))
          and (v_q is null or u.display_name ilike v_like or u.email ilike v_like or u.id::text = lower(v_q)
               or exists (select 1 from traqora.wallets w where w.user_id = u.id and w.address = upper(v_q)))
          and (p_after_created is null or (u.created_at, u.id) < (p_after_created, p_after_id))
        order by u.created_at desc, u.id desc limit v_limit + 1) s;
  v_ids := coalesce(v_ids, '{}');
  if cardinality(v_ids) > v_limit then
    v_ids := v_ids[1:v_limit];
    select * into v_last from traqora.users where id = v_ids[v_limit];
  end if;
  return jsonb_build_object(
    'data', coalesce((select jsonb_agg(traqora.admin_user_json(i) order by o) from unnest(v_ids) with ordinality as t(i, o)), '[]'::jsonb),
    'next', case when v_last.id is null then null
                 else jsonb_build_object('created_at', v_last.created_at, 'id', v_last.id) end);
end $$;

-- ── Airlines ────────────────────────────────────────────────────────────────────────────

-- The audited form of set_airline_payout_account (routines/90_soroban_rail.sql), which writes
-- and emits airline.payout_account_set after this function's audit row (the lock order above).
create or replace function public.admin_set_airline_payout_account(p_ctx jsonb, p_airline text, p_address text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_airline text := upper(trim(p_airline));
  v_before text;
  v_result jsonb;
begin
  -- no key update: serialises changes to one airline without blocking bookings' foreign keys
  perform 1 from traqora.airlines where iata = v_airline for no key update;
  if not found then
    perform traqora.raise_problem('TQ404', 'No airline has this code.', 'iata');
  end if;
  select address into v_before from traqora.airline_payout_accounts where airline = v_airline;
  perform traqora.audit_append(p_ctx, case when p_address is null then 'airline.payout_account_cleared' else 'airline.payout_account_set' end,
                               'airline', v_airline, jsonb_build_object('address', v_before), jsonb_build_object('address', p_address));
  v_result := public.set_airline_payout_account(v_airline, p_address);
  return v_result;
end $$;

-- ── Bookings ────────────────────────────────────────────────────────────────────────────
-- The console reads bookings across travellers (bookings.read) and cancels for them with an
-- audited reason (bookings.cancel); money moves only through the bookings functions
-- (routines/60_bookings.sql), which route by rail.

-- The bookings table's rows (and its CSV's), in the order of p_ids (column o): the booking, its
-- lead passenger, route, airlines and the paying wallet. One set-based query per page: a per-row
-- function would be planned once per row (SQL functions have no plan cache), which dominated
-- the CSV export's time. Read by admin_booking_rows (JSON for the list) and admin_bookings_csv.
create or replace function traqora.admin_booking_records(p_ids uuid[])
returns table (o bigint, id uuid, pnr text, status text, created_at timestamptz, paid_at timestamptz, closed_at timestamptz,
               currency text, total_minor bigint, refund_minor bigint, payment_rail text, cabin text, email text, user_id uuid,
               user_name text, passenger text, passengers int, origin text, destination text, departs_at timestamptz,
               airlines text[], wallet text, tx_hash text)
language sql stable set search_path = '' as $$
  select t.o, b.id, b.pnr::text, b.status::text, b.created_at, b.paid_at, b.closed_at, b.currency::text, b.total_minor::bigint,
         b.refund_minor::bigint, b.payment_rail::text, b.cabin::text, b.contact ->> 'email', b.user_id, u.display_name::text,
         lp.name, (b.adults + b.children + b.infants)::int, seg.origin::text, seg.destination::text, seg.departs_at, seg.airlines,
         cp.payer::text, cp.tx_hash::text
  from unnest(p_ids) with ordinality as t(id, o)
  join traqora.bookings b on b.id = t.id
  join traqora.users u on u.id = b.user_id
  left join lateral (
    select p.given_name || ' ' || p.family_name as name from traqora.booking_passengers p where p.booking_id = b.id order by p.seq limit 1) lp on true
  left join lateral (
    select (array_agg(f.origin order by s.seq))[1] as origin,
           (array_agg(f.destination order by s.seq desc) filter (where s.slice = 1))[1] as destination,
           min(f.departs_at) as departs_at,
           array_agg(distinct s.airline::text) as airlines
    from traqora.booking_segments s join traqora.flights f on f.id = s.flight_id where s.booking_id = b.id) seg on true
  left join lateral (
    select c.payer, c.tx_hash from traqora.chain_payments c where c.booking_id = b.id
    order by (c.status = 'confirmed') desc, c.created_at desc limit 1) cp on true;
$$;

create or replace function traqora.admin_booking_rows(p_ids uuid[]) returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', r.id, 'pnr', r.pnr, 'status', r.status, 'created_at', r.created_at, 'paid_at', r.paid_at, 'closed_at', r.closed_at,
    'currency', r.currency, 'total_minor', r.total_minor, 'refund_minor', r.refund_minor, 'payment_rail', r.payment_rail,
    'cabin', r.cabin, 'email', r.email, 'user_id', r.user_id, 'user_name', r.user_name,
    'passenger', r.passenger, 'passengers', r.passengers,
    'origin', r.origin, 'destination', r.destination, 'departs_at', r.departs_at, 'airlines', to_jsonb(r.airlines),
    'wallet', r.wallet, 'tx_hash', r.tx_hash) order by r.o), '[]'::jsonb)
  from traqora.admin_booking_records(p_ids) r;
$$;

-- One CSV field (RFC 4180), as lib/admin/csv.ts's csvField writes text: quoted when it holds a
-- comma, quote or line break; text a spreadsheet would run as a formula (=, +, -, @, tab, CR
-- first) gets a leading apostrophe (OWASP's CSV injection advice); null is empty. Plain SQL
-- without settings, so the planner inlines it: 2 million fields must not be 2 million calls.
create or replace function traqora.csv_field(p text) returns text
language sql immutable parallel safe as $$
  select case when p is null then ''
              when p ~ '[",\r\n]' then '"' || case when p ~ '^[=+@\t\r-]' then '''' else '' end || replace(p, '"', '""') || '"'
              when p ~ '^[=+@\t\r-]' then '''' || p
              else p end;
$$;

-- An instant as the JSON API writes it (jsonb's rendering), so the CSV and the list agree.
create or replace function traqora.csv_instant(p timestamptz) returns text
language sql stable parallel safe as $$
  select coalesce(to_jsonb(p) #>> '{}', '');
$$;

-- The bookings table: filters (p_filter: status [array], from/to on created_at, origin,
-- destination, airline, rail, min_total/max_total, q), sort (created_at | total, asc | desc),
-- keyset-paged on (sort value, id): p_after is the previous page's `next`. q matches a PNR or a
-- transaction hash or a wallet exactly, else an email or a passenger's given/family name by
-- prefix (case-insensitive). The SQL is assembled from the filters present, so each query gets
-- a plan for what it asks; every value is a bound parameter.
-- A prefix search takes one of two exact routes, chosen by how many bookings match it: up to
-- p_walk_above, their ids (from the prefix indexes) are filtered and sorted; above it, a match
-- is common enough that walking the sort order's index and testing each booking finds a page
-- sooner than sorting thousands of matches. Both give the same rows (tests/db/admin-bookings).
create or replace function traqora.admin_booking_page(p_filter jsonb, p_sort text, p_dir text, p_after jsonb, p_limit int,
  p_walk_above int default 2000, out ids uuid[], out next jsonb)
language plpgsql stable set search_path = '' as $$
declare
  f jsonb := coalesce(p_filter, '{}');
  v_limit int := least(greatest(coalesce(p_limit, 50), 1), 5000);   -- the API caps pages at 200; the CSV export reads 5,000 at a time
  v_col text;
  v_cmp text;
  v_where text := 'true';
  v_q text := nullif(trim(f ->> 'q'), '');
  v_match text[] := '{}';
  v_test text[] := '{}';
  v_exact boolean := false;
  v_like text;
  v_hits uuid[];
  v_status text[];
  v_ids uuid[];
  v_next jsonb;
begin
  v_col := case p_sort when 'created_at' then 'b.created_at' when 'total' then 'b.total_minor' end;
  if v_col is null then perform traqora.raise_problem('TQ400', 'sort must be created_at or total', 'sort'); end if;
  if p_dir is null or p_dir not in ('asc', 'desc') then perform traqora.raise_problem('TQ400', 'dir must be asc or desc', 'dir'); end if;
  v_cmp := case p_dir when 'asc' then '>' else '<' end;

  if f ? 'status' then
    v_status := array(select jsonb_array_elements_text(f -> 'status'));
    if exists (select 1 from unnest(v_status) s where s not in ('held', 'paid', 'completed', 'expired', 'cancelled', 'refunded')) then
      perform traqora.raise_problem('TQ400', 'status must be held, paid, completed, expired, cancelled or refunded', 'status');
    end if;
    v_where := v_where || ' and b.status = any($1)';
  end if;
  if f ? 'from' then v_where := v_where || ' and b.created_at >= $2'; end if;
  if f ? 'to' then v_where := v_where || ' and b.created_at < $3'; end if;
  if f ? 'origin' or f ? 'destination' then
    v_where := v_where || ' and exists (select 1 from traqora.booking_segments s join traqora.flights fl on fl.id = s.flight_id
      where s.booking_id = b.id and s.slice = 1 and ($4 is null or fl.origin = $4::bpchar)) and exists (select 1 from traqora.booking_segments s
      join traqora.flights fl on fl.id = s.flight_id where s.booking_id = b.id and s.slice = 1 and ($5 is null or fl.destination = $5::bpchar))';
  end if;
  if f ? 'airline' then
    -- $6 is text and airline char(2): compared as bpchar, or the (airline, booking_id) index is not used
    v_where := v_where || ' and b.id in (select s.booking_id from traqora.booking_segments s where s.airline = $6::bpchar)';
  end if;
  if f ? 'rail' then v_where := v_where || ' and b.payment_rail = $7'; end if;
  if f ? 'user_id' then v_where := v_where || ' and b.user_id = $15'; end if;
  if f ? 'min_total' then v_where := v_where || ' and b.total_minor >= $8'; end if;
  if f ? 'max_total' then v_where := v_where || ' and b.total_minor <= $9'; end if;
  if v_q is not null then
    v_like := replace(replace(replace(lower(v_q), '\', '\\'), '%', '\%'), '_', '\_') || '%';
    if upper(v_q) ~ '^[A-HJ-NP-Z2-9]{6}$' then
      v_match := array_append(v_match, 'select x.id from traqora.bookings x where x.pnr = upper($10)');
      v_test := array_append(v_test, 'b.pnr = upper($10)');
    end if;
    if v_q ~* '^[0-9a-f]{64}$' then
      v_exact := true;
      v_match := v_match || array['select c.booking_id from traqora.chain_payments c where c.tx_hash = lower($10)',
                                  'select c.booking_id from traqora.chain_settlements c where c.tx_hash = lower($10)'];
    elsif upper(v_q) ~ '^G[A-Z2-7]{55}$' then
      v_exact := true;
      v_match := v_match || array['select c.booking_id from traqora.chain_payments c where c.payer = upper($10)',
                                  'select x.id from traqora.bookings x join traqora.wallets w on w.user_id = x.user_id where w.address = upper($10)'];
    else
      v_match := v_match || array['select x.id from traqora.bookings x where lower(x.contact ->> ''email'') like $11',
                                  'select p.booking_id from traqora.booking_passengers p where lower(p.family_name) like $11 or lower(p.given_name) like $11',
                                  'select p.booking_id from traqora.booking_passengers p where lower(p.given_name || '' '' || p.family_name) like $11'];
      v_test := v_test || array['lower(b.contact ->> ''email'') like $11',
                                'exists (select 1 from traqora.booking_passengers p where p.booking_id = b.id and (lower(p.family_name) like $11
                                   or lower(p.given_name) like $11 or lower(p.given_name || '' '' || p.family_name) like $11))'];
    end if;
    if v_exact then
      v_where := v_where || ' and b.id in (' || array_to_string(v_match, ' union ') || ')';
    else
      -- at most p_walk_above + 1 matches (union all: a booking may count twice, which only walks sooner)
      execute format('select array(select m.id from (%s) m limit %s)',
                     replace(replace(array_to_string(v_match, ' union all '), '$11', '$2'), '$10', '$1'), greatest(p_walk_above, 0) + 1)
        into v_hits using v_q, v_like;
      if cardinality(v_hits) <= p_walk_above then
        v_where := v_where || ' and b.id = any($16)';
      else
        v_where := v_where || ' and (' || array_to_string(v_test, ' or ') || ')';
      end if;
    end if;
  end if;
  if p_after is not null then
    v_where := v_where || format(' and (%s, b.id) %s ($12::%s, $13)', v_col, v_cmp, case p_sort when 'total' then 'bigint' else 'timestamptz' end);
  end if;

  execute format('select array_agg(id) from (select b.id from traqora.bookings b where %s order by %s %s, b.id %s limit $14) s',
                 v_where, v_col, p_dir, p_dir)
    into v_ids
    using v_status, (f ->> 'from')::timestamptz, (f ->> 'to')::timestamptz, upper(f ->> 'origin'), upper(f ->> 'destination'),
          upper(f ->> 'airline'), f ->> 'rail', (f ->> 'min_total')::bigint, (f ->> 'max_total')::bigint,
          v_q, v_like, p_after ->> 'v', (p_after ->> 'id')::uuid, v_limit + 1, (f ->> 'user_id')::uuid, v_hits;
  v_ids := coalesce(v_ids, '{}');
  if cardinality(v_ids) > v_limit then
    v_ids := v_ids[1:v_limit];
    select jsonb_build_object('v', case p_sort when 'total' then b.total_minor::text
                                               else to_char(b.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') end,
                              'id', b.id)
      into v_next from traqora.bookings b where b.id = v_ids[v_limit];
  end if;
  ids := v_ids;
  next := v_next;
end $$;

create or replace function public.admin_list_bookings(p_filter jsonb default '{}', p_sort text default 'created_at', p_dir text default 'desc',
  p_after jsonb default null, p_limit int default 50) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('data', traqora.admin_booking_rows(p.ids), 'next', p.next)
  from traqora.admin_booking_page(p_filter, p_sort, p_dir, p_after, p_limit) p;
$$;

-- One page of the bookings CSV (the list's filters, order and cursor): {csv, next}, csv being
-- the page's lines (CRLF-terminated; lib/admin/bookings-csv.ts's columns) built here, so an
-- export of 100,000 rows moves text instead of per-row JSON the server would format again.
create or replace function public.admin_bookings_csv(p_filter jsonb default '{}', p_sort text default 'created_at', p_dir text default 'desc',
  p_after jsonb default null, p_limit int default 5000) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('csv', coalesce((
    select string_agg(concat_ws(',', traqora.csv_field(r.pnr), traqora.csv_field(r.status), traqora.csv_instant(r.created_at),
        traqora.csv_instant(r.paid_at), traqora.csv_instant(r.closed_at), traqora.csv_field(r.currency), r.total_minor::text,
        coalesce(r.refund_minor::text, ''), traqora.csv_field(r.payment_rail), traqora.csv_field(r.cabin),
        traqora.csv_field(r.origin), traqora.csv_field(r.destination), traqora.csv_instant(r.departs_at),
        traqora.csv_field(array_to_string(r.airlines, ' ')), traqora.csv_field(r.passenger), r.passengers::text,
        traqora.csv_field(r.email), r.user_id::text, traqora.csv_field(r.wallet), traqora.csv_field(r.tx_hash)) || e'\r\n', '' order by r.o)
    from traqora.admin_booking_records(p.ids) r), ''), 'next', p.next)
  from traqora.admin_booking_page(p_filter, p_sort, p_dir, p_after, p_limit) p;
$$;

-- A booking as the console shows it: the traveller's view (timeline, payments, chain records)
-- plus who booked it and the audit rows about it.
create or replace function public.admin_get_booking(p_pnr text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v traqora.bookings;
begin
  select * into v from traqora.bookings where pnr = upper(trim(p_pnr));
  if v.id is null then perform traqora.raise_problem('TQ404', 'No booking with that reference.', 'pnr'); end if;
  return traqora.booking_json(v.id) || traqora.booking_chain_json(v.id) || jsonb_build_object(
    'user', traqora.admin_user_json(v.user_id),
    'audit', coalesce((select jsonb_agg(traqora.audit_json(a) order by a.id desc) from traqora.audit_log a
                       where a.resource_type = 'booking' and a.resource_id in (v.pnr, v.id::text)), '[]'::jsonb));
end $$;

-- Cancels a booking on the traveller's behalf: executes a quote the console obtained
-- (quote_cancellation with p_admin), under the fare's rules, with the staff member's reason.
-- The audit row is written before confirm_cancellation emits its events (the lock order at the
-- top of this file); confirming an already-confirmed quote replays without a second row.
create or replace function public.admin_cancel_booking(p_ctx jsonb, p_pnr text, p_quote_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_actor uuid := nullif(p_ctx ->> 'actor', '')::uuid;
  v_reason text := trim(p_ctx ->> 'reason');
  v traqora.bookings;
  q traqora.cancellation_quotes;
begin
  if v_reason is null or char_length(v_reason) not between 3 and 500 then
    perform traqora.raise_problem('TQ400', 'reason must be 3 to 500 characters', 'reason');
  end if;
  v := traqora.lock_booking(v_actor, p_pnr, true);
  select * into q from traqora.cancellation_quotes where id = p_quote_id and booking_id = v.id;
  if q.id is null then perform traqora.raise_problem('TQ404', 'No such cancellation quote for this booking.', 'quote_id'); end if;
  if q.confirmed_at is null then
    perform traqora.audit_append(p_ctx, 'booking.cancelled', 'booking', v.pnr,
      jsonb_build_object('status', v.status, 'total_minor', v.total_minor, 'refund_minor', v.refund_minor),
      jsonb_build_object('status', case when q.refund_minor > 0 then 'refunded' else 'cancelled' end,
                         'refund_minor', q.refund_minor, 'penalty_minor', q.penalty_minor, 'quote_id', q.id));
  end if;
  return public.confirm_cancellation(v_actor, v.pnr, q.id, true);
end $$;

revoke execute on function public.list_audit_log(uuid, text, text, text, timestamptz, timestamptz, bigint, int) from public, anon, authenticated;
revoke execute on function public.verify_audit_chain() from public, anon, authenticated;
revoke execute on function public.admin_grant_role(jsonb, uuid, text, text) from public, anon, authenticated;
revoke execute on function public.admin_revoke_role(jsonb, uuid, text, text) from public, anon, authenticated;
revoke execute on function public.admin_suspend_user(jsonb, uuid) from public, anon, authenticated;
revoke execute on function public.admin_reinstate_user(jsonb, uuid) from public, anon, authenticated;
revoke execute on function public.admin_list_users(text, text, text, timestamptz, uuid, int) from public, anon, authenticated;
revoke execute on function public.admin_set_airline_payout_account(jsonb, text, text) from public, anon, authenticated;
revoke execute on function public.admin_get_user(uuid) from public, anon, authenticated;
revoke execute on function public.admin_list_bookings(jsonb, text, text, jsonb, int) from public, anon, authenticated;
revoke execute on function public.admin_bookings_csv(jsonb, text, text, jsonb, int) from public, anon, authenticated;
revoke execute on function public.admin_audit_csv(uuid, text, text, text, timestamptz, timestamptz, bigint, int) from public, anon, authenticated;
revoke execute on function public.admin_get_booking(text) from public, anon, authenticated;
revoke execute on function public.admin_cancel_booking(jsonb, text, uuid) from public, anon, authenticated;
grant execute on function public.list_audit_log(uuid, text, text, text, timestamptz, timestamptz, bigint, int) to service_role;
grant execute on function public.verify_audit_chain() to service_role;
grant execute on function public.admin_grant_role(jsonb, uuid, text, text) to service_role;
grant execute on function public.admin_revoke_role(jsonb, uuid, text, text) to service_role;
grant execute on function public.admin_suspend_user(jsonb, uuid) to service_role;
grant execute on function public.admin_reinstate_user(jsonb, uuid) to service_role;
grant execute on function public.admin_list_users(text, text, text, timestamptz, uuid, int) to service_role;
grant execute on function public.admin_set_airline_payout_account(jsonb, text, text) to service_role;
grant execute on function public.admin_get_user(uuid) to service_role;
grant execute on function public.admin_list_bookings(jsonb, text, text, jsonb, int) to service_role;
grant execute on function public.admin_bookings_csv(jsonb, text, text, jsonb, int) to service_role;
grant execute on function public.admin_audit_csv(uuid, text, text, text, timestamptz, timestamptz, bigint, int) to service_role;
grant execute on function public.admin_get_booking(text) to service_role;
grant execute on function public.admin_cancel_booking(jsonb, text, uuid) to service_role;
