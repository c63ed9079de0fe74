-- The public API platform: the rate-limit store every instance shares, the allow/deny lists, and
-- API keys (create, list, rotate with an overlap window, revoke, authenticate).
-- Tables: supabase/migrations/20261207000600_api_platform.sql.

-- viewer_for_wallet trusted a SEP-10 bearer for as long as it lived; its check, now against the
-- user's session version, is wallet_bearer_viewer in 32_sessions.sql.
drop function if exists public.viewer_for_wallet(text);

-- ── Rate-limit store ────────────────────────────────────────────────────────────────────────
-- lib/rate-limit/store.ts plugs these into rate-limiter-flexible. One statement per request, so
-- two instances counting the same key serialise on its row and neither loses a point. Times are
-- the database's, so instances with skewed clocks still agree on when a window ends.

-- The counter after adding p_points: a window that has ended (or p_force, used by block/set)
-- starts again with p_points and a fresh expiry. {points, ms}: ms until the window ends, -1 never.
create or replace function public.rate_limit_consume(p_key text, p_points integer, p_duration_ms bigint, p_force boolean default false)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_now timestamptz := clock_timestamp();
  v_expire timestamptz := case when p_duration_ms > 0 then v_now + p_duration_ms * interval '1 millisecond' end;
  c traqora.rate_limit_counters;
begin
  insert into traqora.rate_limit_counters as r (key, points, expire_at) values (p_key, p_points, v_expire)
  on conflict (key) do update set
    points = case when p_force or r.expire_at <= v_now then excluded.points else r.points + excluded.points end,
    expire_at = case when p_force or r.expire_at <= v_now then excluded.expire_at else r.expire_at end
  returning r.* into c;
  -- Ended windows are dead weight; sweep now and then rather than on a timer every instance runs.
  if random() < 0.001 then
    delete from traqora.rate_limit_counters where expire_at < v_now - interval '1 minute';
  end if;
  return jsonb_build_object('points', c.points,
    'ms', case when c.expire_at is null then -1 else greatest(0, floor(extract(epoch from c.expire_at - v_now) * 1000))::bigint end);
end $$;

create or replace function public.rate_limit_get(p_key text) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('points', r.points,
    'ms', case when r.expire_at is null then -1 else greatest(0, floor(extract(epoch from r.expire_at - clock_timestamp()) * 1000))::bigint end)
  from traqora.rate_limit_counters r
  where r.key = p_key and (r.expire_at is null or r.expire_at > clock_timestamp());
$$;

create or replace function public.rate_limit_delete(p_key text) returns boolean
language plpgsql security definer set search_path = '' as $$
begin
  delete from traqora.rate_limit_counters where key = p_key;
  return found;
end $$;

-- ── Allow and deny lists ────────────────────────────────────────────────────────────────────

create or replace function traqora.rate_limit_rule_json(r traqora.rate_limit_rules) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('id', r.id, 'cidr', r.cidr::text, 'action', r.action, 'note', r.note,
    'created_by', r.created_by, 'created_at', r.created_at);
$$;

create or replace function public.rate_limit_rules() returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(traqora.rate_limit_rule_json(r) order by r.id), '[]'::jsonb) from traqora.rate_limit_rules r;
$$;

create or replace function public.add_rate_limit_rule(p_ctx jsonb, p_cidr text, p_action text, p_note text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_cidr cidr;
  r traqora.rate_limit_rules;
begin
  begin
    v_cidr := p_cidr::cidr;
  exception when others then
    perform traqora.raise_problem('TQ400', 'cidr must be an IPv4 or IPv6 network such as 203.0.113.0/24 (host bits zero)', 'cidr');
  end;
  if p_action is null or p_action not in ('allow', 'deny') then
    perform traqora.raise_problem('TQ400', 'action must be allow or deny', 'action');
  end if;
  if exists (select 1 from traqora.rate_limit_rules where cidr = v_cidr) then
    perform traqora.raise_problem('TQ409', 'There is already a rule for ' || v_cidr::text || '.', 'cidr');
  end if;
  insert into traqora.rate_limit_rules (cidr, action, note, created_by)
  values (v_cidr, p_action, nullif(trim(p_note), ''), nullif(p_ctx ->> 'actor', '')::uuid)
  returning * into r;
  perform traqora.audit_append(p_ctx, 'rate_limit_rule.added', 'rate_limit_rule', r.id::text, null, traqora.rate_limit_rule_json(r));
  -- Every instance listening drops its copy of the lists when this commits (lib/rate-limit/rules.ts).
  perform pg_notify('traqora_cache', 'rate_limit_rules');
  return traqora.rate_limit_rule_json(r);
end $$;

create or replace function public.remove_rate_limit_rule(p_ctx jsonb, p_id bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  r traqora.rate_limit_rules;
begin
  delete from traqora.rate_limit_rules where id = p_id returning * into r;
  if r.id is null then perform traqora.raise_problem('TQ404', 'There is no such rule.', 'id'); end if;
  perform traqora.audit_append(p_ctx, 'rate_limit_rule.removed', 'rate_limit_rule', r.id::text, traqora.rate_limit_rule_json(r), null);
  perform pg_notify('traqora_cache', 'rate_limit_rules');
  return traqora.rate_limit_rule_json(r);
end $$;

-- ── Job leases ──────────────────────────────────────────────────────────────────────────────
-- One run of a job at a time across every instance (lib/jobs/scheduler.ts): a run claims the
-- job's lease, and another instance's claim fails until it is released or has run out.

-- True when p_owner now holds the lease for p_seconds (free, expired, or already its own).
create or replace function public.claim_job_lease(p_job text, p_owner text, p_seconds integer) returns boolean
language plpgsql security definer set search_path = '' as $$
declare
  v_owner text;
begin
  insert into traqora.job_leases as l (job, owner, expires_at)
  values (p_job, p_owner, now() + make_interval(secs => greatest(coalesce(p_seconds, 60), 1)))
  on conflict (job) do update set owner = excluded.owner, expires_at = excluded.expires_at, taken_at = now()
    where l.expires_at <= now() or l.owner = excluded.owner
  returning owner into v_owner;
  return v_owner is not null;
end $$;

-- Gives the lease up (only its holder can).
create or replace function public.release_job_lease(p_job text, p_owner text) returns boolean
language sql security definer set search_path = '' as $$
  with gone as (delete from traqora.job_leases where job = p_job and owner = p_owner returning 1)
  select exists (select 1 from gone);
$$;

-- ── API keys ────────────────────────────────────────────────────────────────────────────────

create or replace function traqora.api_key_json(k traqora.api_keys) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('id', k.id, 'name', k.name, 'scope', k.scope, 'prefix', 'trq_' || k.prefix,
    'created_at', k.created_at, 'expires_at', k.expires_at, 'revoked_at', k.revoked_at, 'rotated_to', k.rotated_to,
    'last_used_at', k.last_used_at, 'last_used_ip', k.last_used_ip, 'plan', k.plan,
    'status', case when k.revoked_at is not null then 'revoked'
                   when k.expires_at is not null and k.expires_at <= clock_timestamp() then 'expired'
                   else 'active' end);
$$;

-- The caller's own key, locked; 404 for another user's (no hint that it exists).
create or replace function traqora.own_api_key(p_user_id uuid, p_key_id uuid) returns traqora.api_keys
language plpgsql set search_path = '' as $$
declare
  k traqora.api_keys;
begin
  select * into k from traqora.api_keys where id = p_key_id and user_id = p_user_id for update;
  if k.id is null then perform traqora.raise_problem('TQ404', 'There is no such API key.', 'id'); end if;
  return k;
end $$;

-- Makes a key from the prefix and hash the server generated (the secret never reaches the database).
create or replace function traqora.insert_api_key(p_user_id uuid, p_name text, p_scope text, p_expires_at timestamptz,
                                                  p_prefix text, p_secret_hash text) returns traqora.api_keys
language plpgsql set search_path = '' as $$
declare
  k traqora.api_keys;
begin
  if p_name is null or char_length(trim(p_name)) not between 1 and 80 then
    perform traqora.raise_problem('TQ400', 'name must be 1 to 80 characters', 'name');
  end if;
  if p_scope is null or p_scope not in ('read', 'read_write') then
    perform traqora.raise_problem('TQ400', 'scope must be read or read_write', 'scope');
  end if;
  if p_expires_at is not null and p_expires_at <= clock_timestamp() then
    perform traqora.raise_problem('TQ400', 'expires_at must be in the future', 'expires_at');
  end if;
  if (select count(*) from traqora.api_keys where user_id = p_user_id and revoked_at is null
        and (expires_at is null or expires_at > clock_timestamp())) >= 20 then
    perform traqora.raise_problem('TQ409', 'You have 20 active API keys; revoke one first.', 'name');
  end if;
  insert into traqora.api_keys (user_id, name, scope, expires_at, prefix, secret_hash)
  values (p_user_id, trim(p_name), p_scope, p_expires_at, p_prefix, decode(p_secret_hash, 'hex'))
  returning * into k;
  return k;
end $$;

create or replace function public.create_api_key(p_ctx jsonb, p_name text, p_scope text, p_expires_at timestamptz,
                                                 p_prefix text, p_secret_hash text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_user uuid := (p_ctx ->> 'actor')::uuid;
  k traqora.api_keys;
begin
  -- One key per user at a time: the active-key count above stays true under concurrency.
  perform 1 from traqora.users where id = v_user for update;
  k := traqora.insert_api_key(v_user, p_name, p_scope, p_expires_at, p_prefix, p_secret_hash);
  perform traqora.audit_append(p_ctx, 'api_key.created', 'api_key', k.id::text, null, traqora.api_key_json(k));
  perform traqora.emit_event('api_key.created', 'api_key', k.id::text,
    jsonb_build_object('user_id', v_user, 'key_id', k.id, 'name', k.name, 'scope', k.scope, 'prefix', 'trq_' || k.prefix), v_user);
  return traqora.api_key_json(k);
end $$;

-- A new key with the old one's name and scope; the old one keeps working for p_overlap_seconds.
create or replace function public.rotate_api_key(p_ctx jsonb, p_key_id uuid, p_overlap_seconds integer,
                                                 p_prefix text, p_secret_hash text, p_expires_at timestamptz default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_user uuid := (p_ctx ->> 'actor')::uuid;
  v_now timestamptz := clock_timestamp();
  old traqora.api_keys;
  k traqora.api_keys;
begin
  perform 1 from traqora.users where id = v_user for update;
  old := traqora.own_api_key(v_user, p_key_id);
  if old.revoked_at is not null or old.rotated_to is not null or (old.expires_at is not null and old.expires_at <= v_now) then
    perform traqora.raise_problem('TQ409', 'Only an active key that has not been rotated can be rotated.', 'id');
  end if;
  if p_overlap_seconds is null or p_overlap_seconds not between 0 and 604800 then
    perform traqora.raise_problem('TQ400', 'overlap_seconds must be between 0 and 604800 (7 days)', 'overlap_seconds');
  end if;
  k := traqora.insert_api_key(v_user, old.name, old.scope, p_expires_at, p_prefix, p_secret_hash);
  -- The new key is the same integration: it keeps the plan an admin gave the old one.
  update traqora.api_keys set plan = old.plan where id = k.id returning * into k;
  update traqora.api_keys
     set rotated_to = k.id,
         expires_at = least(coalesce(expires_at, 'infinity'), v_now + p_overlap_seconds * interval '1 second')
   where id = old.id returning * into old;
  perform traqora.audit_append(p_ctx, 'api_key.rotated', 'api_key', old.id::text, traqora.api_key_json(old), traqora.api_key_json(k));
  perform traqora.emit_event('api_key.rotated', 'api_key', old.id::text,
    jsonb_build_object('user_id', v_user, 'key_id', old.id, 'new_key_id', k.id, 'old_expires_at', old.expires_at), v_user);
  return jsonb_build_object('key', traqora.api_key_json(k), 'previous', traqora.api_key_json(old));
end $$;

create or replace function public.revoke_api_key(p_ctx jsonb, p_key_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_user uuid := (p_ctx ->> 'actor')::uuid;
  k traqora.api_keys := traqora.own_api_key(v_user, p_key_id);
begin
  if k.revoked_at is not null then return traqora.api_key_json(k); end if;   -- already: same answer
  update traqora.api_keys set revoked_at = clock_timestamp() where id = k.id returning * into k;
  perform traqora.audit_append(p_ctx, 'api_key.revoked', 'api_key', k.id::text, null, traqora.api_key_json(k));
  perform traqora.emit_event('api_key.revoked', 'api_key', k.id::text,
    jsonb_build_object('user_id', v_user, 'key_id', k.id), v_user);
  return traqora.api_key_json(k);
end $$;

-- The caller's keys, newest first, keyset-paged on (created_at, id).
create or replace function public.list_api_keys(p_user_id uuid, p_after_created_at timestamptz default null,
                                                p_after_id uuid default null, p_limit integer default 50) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 50), 1), 100);
  v_rows jsonb;
  v_count int;
begin
  select coalesce(jsonb_agg(traqora.api_key_json(k) order by k.created_at desc, k.id desc), '[]'::jsonb), count(*)
    into v_rows, v_count
  from traqora.api_keys k
  where k.id in (select f.id from traqora.api_keys f
                 where f.user_id = p_user_id
                   and (p_after_created_at is null or (f.created_at, f.id) < (p_after_created_at, p_after_id))
                 order by f.created_at desc, f.id desc limit v_limit + 1);
  if v_count > v_limit then
    v_rows := v_rows - v_limit;        -- drop the look-ahead row
    return jsonb_build_object('data', v_rows, 'next', jsonb_build_object(
      'created_at', v_rows -> (v_limit - 1) -> 'created_at', 'id', v_rows -> (v_limit - 1) -> 'id'));
  end if;
  return jsonb_build_object('data', v_rows, 'next', null);
end $$;

-- Who a presented key belongs to, or null (unknown, wrong secret, revoked, expired, suspended
-- owner). Records the last use at most once a minute, and audits use at most once an hour per
-- key, so a busy key does not turn every request into a write.
create or replace function public.authenticate_api_key(p_prefix text, p_secret_hash text, p_ip text default null,
                                                       p_request_id text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_now timestamptz := clock_timestamp();
  k traqora.api_keys;
  v_role text;
begin
  select * into k from traqora.api_keys where prefix = p_prefix;
  if k.id is null or k.secret_hash <> decode(p_secret_hash, 'hex') or k.revoked_at is not null
     or (k.expires_at is not null and k.expires_at <= v_now)
     or exists (select 1 from traqora.users u where u.id = k.user_id and u.suspended_at is not null) then
    return null;
  end if;
  if k.last_used_at is null or k.last_used_at < v_now - interval '1 minute' then
    if k.last_used_at is null or k.last_used_at < v_now - interval '1 hour' then
      select r.role into v_role from traqora.user_roles r where r.user_id = k.user_id order by r.role limit 1;
      -- The owner acts in a role they hold (audit_append checks it); with none, the row has no actor.
      perform traqora.audit_append(jsonb_build_object('actor', case when v_role is not null then k.user_id end, 'role', v_role,
                                                      'ip', p_ip, 'request_id', p_request_id),
                                   'api_key.used', 'api_key', k.id::text, null, jsonb_build_object('prefix', 'trq_' || k.prefix));
    end if;
    update traqora.api_keys set last_used_at = v_now, last_used_ip = left(p_ip, 64)
     where id = k.id and (last_used_at is null or last_used_at < v_now - interval '1 minute');
  end if;
  -- The plan is read here, on every request, so a change counts from the key's next request on
  -- every instance (no instance keeps a copy of it).
  return jsonb_build_object('key_id', k.id, 'user_id', k.user_id, 'scope', k.scope, 'plan', k.plan);
end $$;

-- ── API-key plans (admins) ──────────────────────────────────────────────────────────────────
-- Which plan each key is on; the plans and their quotas are configuration (lib/rate-limit/plans.ts),
-- so the server checks a plan exists before it calls these, and the database checks its shape.

-- A key as the console lists it: the owner's view of it plus who the owner is.
create or replace function traqora.admin_api_key_json(k traqora.api_keys) returns jsonb
language sql stable set search_path = '' as $$
  select traqora.api_key_json(k) || jsonb_build_object('owner',
    (select jsonb_build_object('id', u.id, 'name', u.display_name, 'email', u.email) from traqora.users u where u.id = k.user_id));
$$;

-- Every user's keys, newest first, keyset-paged on (created_at, id). p_q matches the key's name
-- or prefix (with or without trq_), or its owner's name, email or id; p_plan keeps one plan's.
create or replace function public.admin_list_api_keys(p_q text default null, p_plan text default null,
  p_after_created timestamptz default null, p_after_id uuid default null, p_limit int default 50) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 50), 1), 200);
  v_q text := nullif(trim(p_q), '');
  v_like text;
  v_ids uuid[];
  v_last traqora.api_keys;
begin
  v_like := '%' || replace(replace(replace(v_q, '\', '\\'), '%', '\%'), '_', '\_') || '%';
  select array_agg(id order by created_at desc, id desc) into v_ids
  from (select k.id, k.created_at from traqora.api_keys k
        where (p_plan is null or k.plan = p_plan)
          and (v_q is null or k.name ilike v_like or k.prefix = lower(regexp_replace(v_q, '^trq_', '', 'i'))
               or k.user_id::text = lower(v_q)
               or exists (select 1 from traqora.users u where u.id = k.user_id and (u.display_name ilike v_like or u.email ilike v_like)))
          and (p_after_created is null or (k.created_at, k.id) < (p_after_created, p_after_id))
        order by k.created_at desc, k.id desc limit v_limit + 1) s;
  v_ids := coalesce(v_ids, '{}');
  if cardinality(v_ids) > v_limit then
    v_ids := v_ids[1:v_limit];
    select * into v_last from traqora.api_keys where id = v_ids[v_limit];
  end if;
  return jsonb_build_object(
    'data', coalesce((select jsonb_agg(traqora.admin_api_key_json(k) order by o)
                      from unnest(v_ids) with ordinality as t(i, o) join traqora.api_keys k on k.id = t.i), '[]'::jsonb),
    'next', case when v_last.id is null then null
                 else jsonb_build_object('created_at', v_last.created_at, 'id', v_last.id) end);
end $$;

-- Moves a key to another plan, audited (before/after, the admin's reason) and emitted to its
-- owner. Asking for the plan it is already on changes nothing and writes nothing. Only a key that
-- still works and has not been replaced can move: a replaced key's successor is the one to move
-- (it kept the plan when it was made).
create or replace function public.admin_set_api_key_plan(p_ctx jsonb, p_key_id uuid, p_plan text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  k traqora.api_keys;
  v_before jsonb;
begin
  if p_plan is null or p_plan !~ '^[a-z][a-z0-9-]{0,31}$' then
    perform traqora.raise_problem('TQ400', 'plan must be a plan name such as partner', 'plan');
  end if;
  select * into k from traqora.api_keys where id = p_key_id for update;
  if k.id is null then perform traqora.raise_problem('TQ404', 'There is no such API key.', 'id'); end if;
  if k.plan = p_plan then return traqora.admin_api_key_json(k); end if;
  if k.revoked_at is not null or (k.expires_at is not null and k.expires_at <= clock_timestamp()) then
    perform traqora.raise_problem('TQ409', 'This key no longer works (revoked or expired); its plan cannot change.', 'id');
  end if;
  if k.rotated_to is not null then
    perform traqora.raise_problem('TQ409', 'This key was replaced by rotation; change the plan of the key that replaced it.', 'id');
  end if;
  v_before := jsonb_build_object('plan', k.plan);
  update traqora.api_keys set plan = p_plan where id = k.id returning * into k;
  perform traqora.audit_append(p_ctx, 'api_key.plan_changed', 'api_key', k.id::text, v_before,
                               jsonb_build_object('plan', k.plan, 'prefix', 'trq_' || k.prefix, 'owner', k.user_id));
  perform traqora.emit_event('api_key.plan_changed', 'api_key', k.id::text,
    jsonb_build_object('user_id', k.user_id, 'key_id', k.id, 'plan', k.plan, 'previous_plan', v_before ->> 'plan',
                       'by', nullif(p_ctx ->> 'actor', '')::uuid), nullif(p_ctx ->> 'actor', '')::uuid);
  return traqora.admin_api_key_json(k);
end $$;


revoke execute on function public.rate_limit_consume(text, integer, bigint, boolean) from public, anon, authenticated;
revoke execute on function public.rate_limit_get(text) from public, anon, authenticated;
revoke execute on function public.rate_limit_delete(text) from public, anon, authenticated;
revoke execute on function public.rate_limit_rules() from public, anon, authenticated;
revoke execute on function public.add_rate_limit_rule(jsonb, text, text, text) from public, anon, authenticated;
revoke execute on function public.remove_rate_limit_rule(jsonb, bigint) from public, anon, authenticated;
revoke execute on function public.claim_job_lease(text, text, integer) from public, anon, authenticated;
revoke execute on function public.release_job_lease(text, text) from public, anon, authenticated;
revoke execute on function public.create_api_key(jsonb, text, text, timestamptz, text, text) from public, anon, authenticated;
revoke execute on function public.rotate_api_key(jsonb, uuid, integer, text, text, timestamptz) from public, anon, authenticated;
revoke execute on function public.revoke_api_key(jsonb, uuid) from public, anon, authenticated;
revoke execute on function public.list_api_keys(uuid, timestamptz, uuid, integer) from public, anon, authenticated;
revoke execute on function public.authenticate_api_key(text, text, text, text) from public, anon, authenticated;
revoke execute on function public.admin_list_api_keys(text, text, timestamptz, uuid, int) from public, anon, authenticated;
revoke execute on function public.admin_set_api_key_plan(jsonb, uuid, text) from public, anon, authenticated;
grant execute on function public.rate_limit_consume(text, integer, bigint, boolean) to service_role;
grant execute on function public.rate_limit_get(text) to service_role;
grant execute on function public.rate_limit_delete(text) to service_role;
grant execute on function public.rate_limit_rules() to service_role;
grant execute on function public.add_rate_limit_rule(jsonb, text, text, text) to service_role;
grant execute on function public.remove_rate_limit_rule(jsonb, bigint) to service_role;
grant execute on function public.claim_job_lease(text, text, integer) to service_role;
grant execute on function public.release_job_lease(text, text) to service_role;
grant execute on function public.create_api_key(jsonb, text, text, timestamptz, text, text) to service_role;
grant execute on function public.rotate_api_key(jsonb, uuid, integer, text, text, timestamptz) to service_role;
grant execute on function public.revoke_api_key(jsonb, uuid) to service_role;
grant execute on function public.list_api_keys(uuid, timestamptz, uuid, integer) to service_role;
grant execute on function public.authenticate_api_key(text, text, text, text) to service_role;
grant execute on function public.admin_list_api_keys(text, text, timestamptz, uuid, int) to service_role;
grant execute on function public.admin_set_api_key_plan(jsonb, uuid, text) to service_role;
