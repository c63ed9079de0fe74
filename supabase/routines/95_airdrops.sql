-- Traqora Rewards airdrops (tables: supabase/migrations/20261208000320_loyalty_airdrops.sql): a
-- rewards manager's batch of up to 50 recipients receiving points or a badge. Created in one call
-- (audited; the same batch id and ask answers the batch again), then credited a few recipients
-- per call (loyalty_airdrop_run, from the console while it shows progress, and the
-- loyalty-airdrops job for batches left running), under the batch's row lock, each recipient
-- once: credited, unknown, duplicate (listed before in the batch) or refused with the reason.
-- Every credit is audited and a loyalty.airdrop_received event. Lock order: batch → member.
-- (plpgsql throughout: it calls loyalty functions from 94_badges.sql and 95_loyalty.sql.)

-- The member a recipient names: a linked Stellar account, an email (one account only) or a user id.
-- Null when none (or when an email names several accounts: who was meant is unknown).
create or replace function traqora.loyalty_airdrop_resolve(p_recipient text) returns uuid
language plpgsql stable set search_path = '' as $$
declare
  v text := trim(p_recipient);
  v_ids uuid[];
begin
  if v ~ '^G[A-Z2-7]{55}$' then return (select user_id from traqora.wallets where address = v); end if;
  if v ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then return (select id from traqora.users where id = v::uuid); end if;
  if position('@' in v) > 1 then
    select array_agg(id) into v_ids from traqora.users where lower(email) = lower(v);
    return case when cardinality(v_ids) = 1 then v_ids[1] end;
  end if;
  return null;
end $$;

create or replace function traqora.loyalty_airdrop_json(p_id uuid) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  a traqora.loyalty_airdrops;
begin
  select * into a from traqora.loyalty_airdrops where id = p_id;
  return jsonb_build_object('id', a.id, 'kind', a.kind, 'points', a.points, 'badge', a.badge, 'reason', a.reason, 'status', a.status,
    'created_by', a.created_by, 'created_at', a.created_at, 'finished_at', a.finished_at,
    'progress', (select jsonb_build_object('total', count(*), 'done', count(*) filter (where result <> 'queued'),
                   'credited', count(*) filter (where result = 'credited'), 'unknown', count(*) filter (where result = 'unknown'),
                   'duplicate', count(*) filter (where result = 'duplicate'), 'refused', count(*) filter (where result = 'refused'))
                 from traqora.loyalty_airdrop_recipients where airdrop_id = a.id),
    'recipients', (select coalesce(jsonb_agg(jsonb_build_object('seq', r.seq, 'recipient', r.recipient, 'user_id', r.user_id,
                     'result', r.result, 'reason', r.reason, 'entry_id', r.entry_id, 'done_at', r.done_at) order by r.seq), '[]'::jsonb)
                   from traqora.loyalty_airdrop_recipients r where r.airdrop_id = a.id));
end $$;

-- Creates batch p_batch: p_spec { kind: points|badge, points | badge, reason }, p_recipients a JSON
-- array of 1–50 strings. More than 50 is a 422 naming `recipients`; nothing is written. The same
-- id with the same ask answers the batch as it stands (replayed); with another ask, 409 `batch_id`.
create or replace function public.loyalty_airdrop_create(p_ctx jsonb, p_batch uuid, p_spec jsonb, p_recipients jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_kind text := p_spec->>'kind';
  v_reason text := trim(p_spec->>'reason');
  v_points bigint;
  v_badge text := p_spec->>'badge';
  v_count int;
  v_hash text;
  v_id uuid;
  a traqora.loyalty_airdrops;
begin
  if p_batch is null then perform traqora.raise_problem('TQ400', 'batch_id is required', 'batch_id'); end if;
  if v_kind is null or v_kind not in ('points', 'badge') then perform traqora.raise_problem('TQ400', 'kind must be points or badge', 'kind'); end if;
  if v_reason is null or char_length(v_reason) not between 3 and 300 then perform traqora.raise_problem('TQ400', 'reason must be 3 to 300 characters', 'reason'); end if;
  if v_kind = 'points' then
    if jsonb_typeof(p_spec->'points') is distinct from 'number' or (p_spec->>'points')::numeric <> trunc((p_spec->>'points')::numeric)
       or (p_spec->>'points')::numeric not between 1 and 1000000 then
      perform traqora.raise_problem('TQ400', 'points must be a whole number from 1 to 1,000,000', 'points');
    end if;
    v_points := (p_spec->>'points')::bigint;
    v_badge := null;
  elsif v_badge is null or not exists (select 1 from traqora.loyalty_badges where code = v_badge) then
    perform traqora.raise_problem('TQ400', 'badge must be one of the badge codes', 'badge');
  end if;
  if jsonb_typeof(p_recipients) is distinct from 'array' or jsonb_array_length(p_recipients) = 0 then
    perform traqora.raise_problem('TQ400', 'recipients must be a list of wallet addresses, emails or member ids', 'recipients');
  end if;
  v_count := jsonb_array_length(p_recipients);
  if v_count > 50 then
    perform traqora.raise_problem('TQ422', format('An airdrop goes to at most 50 recipients; this batch has %s. Split it into batches of 50.', v_count), 'recipients');
  end if;
  if exists (select 1 from jsonb_array_elements(p_recipients) x where jsonb_typeof(x) <> 'string' or char_length(trim(x #>> '{}')) not between 1 and 200) then
    perform traqora.raise_problem('TQ400', 'each recipient must be 1 to 200 characters', 'recipients');
  end if;
  v_hash := md5(jsonb_build_array(v_kind, v_points, v_badge, v_reason, p_recipients)::text);

  insert into traqora.loyalty_airdrops (id, kind, points, badge, reason, request_hash, recipients, created_by)
  values (p_batch, v_kind, v_points, v_badge, v_reason, v_hash, v_count, nullif(p_ctx->>'actor', '')::uuid)
  on conflict (id) do nothing returning id into v_id;
  if v_id is null then
    -- sent before (or at the same moment: the insert waited for it): the batch as it stands
    select * into a from traqora.loyalty_airdrops where id = p_batch;
    if a.request_hash <> v_hash then perform traqora.raise_problem('TQ409', 'This batch id was used for another airdrop.', 'batch_id'); end if;
    return traqora.loyalty_airdrop_json(p_batch) || jsonb_build_object('replayed', true);
  end if;
  insert into traqora.loyalty_airdrop_recipients (airdrop_id, seq, recipient)
  select p_batch, x.n, trim(x.v #>> '{}') from jsonb_array_elements(p_recipients) with ordinality as x(v, n);
  perform traqora.audit_append(p_ctx, 'loyalty.airdrop_created', 'loyalty_airdrop', p_batch::text, null,
    jsonb_build_object('kind', v_kind, 'points', v_points, 'badge', v_badge, 'recipients', v_count));
  return traqora.loyalty_airdrop_json(p_batch) || jsonb_build_object('replayed', false);
end $$;

-- Credits up to p_limit queued recipients of batch p_batch, in order; the batch is done when none
-- is left. A second runner waits for the first (the batch's row lock) and finds them handled.
create or replace function public.loyalty_airdrop_run(p_ctx jsonb, p_batch uuid, p_limit int default 10) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  a traqora.loyalty_airdrops;
  r traqora.loyalty_airdrop_recipients;
  v_actor uuid := nullif(p_ctx->>'actor', '')::uuid;
  v_user uuid;
  v_result text;
  v_reason text;
  v_entry bigint;
  v_first int;
  v_credited jsonb := '[]'::jsonb;
  v_row jsonb;
begin
  if p_limit is null or p_limit not between 1 and 50 then perform traqora.raise_problem('TQ400', 'limit must be between 1 and 50', 'limit'); end if;
  select * into a from traqora.loyalty_airdrops where id = p_batch for update;
  if a.id is null then perform traqora.raise_problem('TQ404', 'No such airdrop batch.', 'id'); end if;
  for r in select * from traqora.loyalty_airdrop_recipients where airdrop_id = a.id and result = 'queued' order by seq limit p_limit loop
    v_user := traqora.loyalty_airdrop_resolve(r.recipient);
    v_entry := null;
    v_reason := null;
    select min(seq) into v_first from traqora.loyalty_airdrop_recipients
    where airdrop_id = a.id and seq < r.seq and user_id = v_user and result <> 'unknown';
    if v_user is null then
      v_result := 'unknown'; v_reason := 'No member has this wallet, email or id.';
    elsif v_first is not null then
      v_result := 'duplicate'; v_reason := format('The same member as recipient %s.', v_first);
    elsif v_user = a.created_by then
      v_result := 'refused'; v_reason := 'A rewards manager cannot airdrop to themselves.';
    elsif exists (select 1 from traqora.users where id = v_user and suspended_at is not null) then
      v_result := 'refused'; v_reason := 'The account is suspended.';
    elsif a.kind = 'badge' and exists (select 1 from traqora.loyalty_member_badges where member_id = v_user and badge = a.badge) then
      v_result := 'refused'; v_reason := 'The member holds this badge already.';
    else
      perform traqora.loyalty_member_for_update(v_user);
      if a.kind = 'points' then
        perform traqora.loyalty_post(v_user, 'points', a.points, 'active', 'Airdrop: ' || a.reason, 'airdrop', 'airdrop:' || a.id, null, a.created_by);
        select id into v_entry from traqora.loyalty_ledger where member_id = v_user and source = 'airdrop' and source_ref = 'airdrop:' || a.id;
      else
        insert into traqora.loyalty_member_badges (member_id, badge, source, source_ref) values (v_user, a.badge, 'airdrop', 'airdrop:' || a.id);
      end if;
      perform traqora.audit_append(p_ctx, 'loyalty.airdrop_credited', 'member', v_user::text, null,
        jsonb_build_object('airdrop_id', a.id, 'seq', r.seq, 'kind', a.kind, 'points', a.points, 'badge', a.badge, 'entry_id', v_entry));
      v_result := 'credited';
      v_credited := v_credited || jsonb_build_object('user_id', v_user, 'airdrop_id', a.id, 'kind', a.kind, 'points', a.points,
                                                     'badge', a.badge, 'reason', a.reason, 'entry_id', v_entry);
    end if;
    update traqora.loyalty_airdrop_recipients set user_id = v_user, result = v_result, reason = v_reason, entry_id = v_entry, done_at = now()
    where airdrop_id = a.id and seq = r.seq;
  end loop;
  if not exists (select 1 from traqora.loyalty_airdrop_recipients where airdrop_id = a.id and result = 'queued') and a.status = 'running' then
    update traqora.loyalty_airdrops set status = 'done', finished_at = now() where id = a.id;
  end if;
  -- events last, after every write (emit_event's lock)
  for v_row in select value from jsonb_array_elements(v_credited) loop
    perform traqora.emit_event('loyalty.airdrop_received', 'member', v_row->>'user_id', v_row, v_actor);
  end loop;
  return traqora.loyalty_airdrop_json(a.id);
end $$;

-- One batch with every recipient's result (404 for an unknown id).
create or replace function public.loyalty_airdrop(p_batch uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  if not exists (select 1 from traqora.loyalty_airdrops where id = p_batch) then perform traqora.raise_problem('TQ404', 'No such airdrop batch.', 'id'); end if;
  return traqora.loyalty_airdrop_json(p_batch);
end $$;

-- Batches, newest first, p_limit before the cursor (the previous page's last id); without recipients.
create or replace function public.loyalty_airdrops(p_cursor uuid default null, p_limit int default 20) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_rows jsonb;
  v_count int;
  v_after traqora.loyalty_airdrops;
begin
  if p_limit is null or p_limit not between 1 and 100 then perform traqora.raise_problem('TQ400', 'limit must be between 1 and 100', 'limit'); end if;
  if p_cursor is not null then
    select * into v_after from traqora.loyalty_airdrops where id = p_cursor;
    if v_after.id is null then perform traqora.raise_problem('TQ400', 'cursor is not a batch from this list', 'cursor'); end if;
  end if;
  select coalesce(jsonb_agg(traqora.loyalty_airdrop_json(x.id) - 'recipients' order by x.created_at desc, x.id desc), '[]'::jsonb), count(*)
    into v_rows, v_count
  from (select id, created_at from traqora.loyalty_airdrops
        where p_cursor is null or (created_at, id) < (v_after.created_at, v_after.id)
        order by created_at desc, id desc limit p_limit + 1) x;
  if v_count > p_limit then
    v_rows := v_rows - p_limit;
    return jsonb_build_object('data', v_rows, 'next_cursor', v_rows->(p_limit - 1)->>'id');
  end if;
  return jsonb_build_object('data', v_rows, 'next_cursor', null);
end $$;

-- Job: finishes batches left running (the console closed mid-way), a few recipients each.
create or replace function public.loyalty_airdrops_finish(p_limit int default 10) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  a traqora.loyalty_airdrops;
  v_done int := 0;
begin
  for a in select * from traqora.loyalty_airdrops where status = 'running' and created_at < now() - interval '1 minute' order by created_at limit p_limit loop
    -- as the sender: the audit rows name them (their role checked as when they created it)
    perform public.loyalty_airdrop_run(jsonb_build_object('actor', a.created_by,
      'role', (select role from traqora.user_roles where user_id = a.created_by and role in ('admin', 'rewards_manager') order by role limit 1),
      'reason', 'airdrop finished by the loyalty-airdrops job'), a.id, 50);
    v_done := v_done + 1;
  end loop;
  return jsonb_build_object('batches', v_done);
end $$;

revoke execute on function public.loyalty_airdrop_create(jsonb, uuid, jsonb, jsonb) from public, anon, authenticated;
revoke execute on function public.loyalty_airdrop_run(jsonb, uuid, int) from public, anon, authenticated;
revoke execute on function public.loyalty_airdrop(uuid) from public, anon, authenticated;
revoke execute on function public.loyalty_airdrops(uuid, int) from public, anon, authenticated;
revoke execute on function public.loyalty_airdrops_finish(int) from public, anon, authenticated;
grant execute on function public.loyalty_airdrop_create(jsonb, uuid, jsonb, jsonb) to service_role;
grant execute on function public.loyalty_airdrop_run(jsonb, uuid, int) to service_role;
grant execute on function public.loyalty_airdrop(uuid) to service_role;
grant execute on function public.loyalty_airdrops(uuid, int) to service_role;
grant execute on function public.loyalty_airdrops_finish(int) to service_role;
