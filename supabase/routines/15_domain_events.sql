-- Domain events: emit_event, which every state-changing function calls in its own transaction,
-- and the functions the consumer runner (lib/events) drives: claim a batch under a lease, ack or
-- fail each event, release. Event types and payloads: docs/events.md.
-- Tables: supabase/migrations/20261206000100_domain_events.sql.

-- Appends an event and wakes listeners (NOTIFY is delivered on commit, never on rollback).
--
-- Ids must be handed out in commit order, or a consumer could read id 11, move its cursor past
-- it, and never see id 10 committed a moment later by a slower transaction. So emitting takes a
-- transaction-scoped lock before the id is drawn: between its first event and its commit, a
-- transaction excludes other emitters. Callers emit after their last write, so the lock is held
-- only for the commit (and never while waiting for a row another emitter holds).
create or replace function traqora.emit_event(p_type text, p_aggregate_type text, p_aggregate_id text,
                                              p_payload jsonb default '{}'::jsonb, p_actor uuid default null)
returns bigint language plpgsql set search_path = '' as $$
declare
  v_id bigint;
begin
  perform pg_advisory_xact_lock(7204118);
  insert into traqora.domain_events (type, aggregate_type, aggregate_id, payload, actor)
  values (p_type, p_aggregate_type, p_aggregate_id, coalesce(p_payload, '{}'::jsonb), p_actor)
  returning id into v_id;
  perform pg_notify('traqora_events', v_id::text);
  return v_id;
end $$;

create or replace function traqora.domain_event_json(e traqora.domain_events, p_attempt int) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('id', e.id, 'type', e.type, 'aggregate_type', e.aggregate_type, 'aggregate_id', e.aggregate_id,
                            'payload', e.payload, 'actor', e.actor, 'occurred_at', e.occurred_at, 'attempt', p_attempt);
$$;

-- The consumer's row, locked, if p_owner holds its lease; else a 409 (another runner took over
-- after the lease ran out, so this one must stop).
create or replace function traqora.leased_consumer(p_consumer text, p_owner text) returns traqora.event_consumers
language plpgsql set search_path = '' as $$
declare
  c traqora.event_consumers;
begin
  select * into c from traqora.event_consumers where name = p_consumer for update;
  if c.name is null or c.lease_owner is distinct from p_owner or c.lease_until <= now() then
    perform traqora.raise_problem('TQ409', 'This runner does not hold the consumer''s lease.', 'owner');
  end if;
  return c;
end $$;

-- Takes (or renews) a consumer's lease and returns what it should handle next, in id order:
--   events        — after its cursor, of p_types (a JSON array; all when null), at most p_limit; nothing while
--                   the event at the head of its queue waits for a retry (blocked_until);
--   redeliveries  — dead letters an operator sent back (retry_dead_domain_event), now due;
--   through       — the cursor once every returned event is acked (events of other types in
--                   between are skipped with them).
-- claimed is false, and nothing is returned, while another runner holds the lease: one
-- runner per consumer at a time, across every instance, through any driver.
create or replace function public.claim_domain_events(p_consumer text, p_owner text, p_types jsonb default null,
                                                      p_limit int default 100, p_lease_seconds int default 60)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  c traqora.event_consumers;
  v_head traqora.event_deliveries;
  v_max bigint;
  v_events jsonb;
  v_count int;
  v_last bigint;
  v_types text[];
begin
  if p_consumer is null or p_consumer !~ '^[a-z][a-z0-9_-]{0,62}$' then
    perform traqora.raise_problem('TQ400', 'consumer must be a lower-case name', 'consumer');
  end if;
  if p_owner is null or char_length(p_owner) not between 1 and 200 then
    perform traqora.raise_problem('TQ400', 'owner is required', 'owner');
  end if;
  if p_types is not null and jsonb_typeof(p_types) <> 'array' then
    perform traqora.raise_problem('TQ400', 'types must be a JSON array of event types', 'types');
  end if;
  v_types := case when p_types is not null then array(select jsonb_array_elements_text(p_types)) end;
  if p_limit is null or p_limit not between 1 and 1000 then
    perform traqora.raise_problem('TQ400', 'limit must be between 1 and 1000', 'limit');
  end if;
  if p_lease_seconds is null or p_lease_seconds not between 1 and 3600 then
    perform traqora.raise_problem('TQ400', 'lease must be between 1 and 3600 seconds', 'lease_seconds');
  end if;

  insert into traqora.event_consumers (name) values (p_consumer) on conflict (name) do nothing;
  -- Two runners claiming at once: the second waits for the first's row lock, then re-checks the
  -- condition against the lease the first just took, and gets nothing.
  update traqora.event_consumers
  set lease_owner = p_owner, lease_until = now() + make_interval(secs => p_lease_seconds), updated_at = now()
  where name = p_consumer and (lease_owner is null or lease_until <= now() or lease_owner = p_owner)
  returning * into c;
  if c.name is null then
    select * into c from traqora.event_consumers where name = p_consumer;
    return jsonb_build_object('claimed', false, 'lease_owner', c.lease_owner, 'lease_until', c.lease_until);
  end if;

  -- Everything up to the newest id is committed or rolled back (ids follow commit order).
  select coalesce(max(id), 0) into v_max from traqora.domain_events;
  select * into v_head from traqora.event_deliveries
  where consumer = c.name and event_id > c.last_event_id and status = 'retrying'
  order by event_id limit 1;

  if v_head.event_id is not null and v_head.next_attempt_at > now() then
    v_events := '[]'::jsonb; v_count := 0; v_last := c.last_event_id;
  else
    select coalesce(jsonb_agg(traqora.domain_event_json(e, coalesce(d.attempts, 0) + 1) order by e.id), '[]'::jsonb), count(*), max(e.id)
      into v_events, v_count, v_last
    from (select * from traqora.domain_events
          where id > c.last_event_id and id <= v_max and (v_types is null or type = any (v_types))
          order by id limit p_limit) e
    left join traqora.event_deliveries d on d.consumer = c.name and d.event_id = e.id;
  end if;

  return jsonb_build_object(
    'claimed', true, 'lease_until', c.lease_until, 'cursor', c.last_event_id,
    'through', case when v_head.event_id is not null and v_head.next_attempt_at > now() then c.last_event_id
                    when v_count = p_limit then v_last else v_max end,
    'blocked_until', case when v_head.next_attempt_at > now() then v_head.next_attempt_at end,
    'events', v_events,
    'redeliveries', coalesce((
      select jsonb_agg(traqora.domain_event_json(e, d.attempts + 1) order by e.id)
      from (select * from traqora.event_deliveries
            where consumer = c.name and status = 'retrying' and event_id <= c.last_event_id and next_attempt_at <= now()
            order by event_id limit p_limit) d
      join traqora.domain_events e on e.id = d.event_id), '[]'::jsonb));
end $$;

-- The consumer handled everything through p_event_id (or, for a redelivery, that event): the
-- cursor moves there, a retry or dead letter for it is cleared, and the lease is renewed.
create or replace function public.ack_domain_event(p_consumer text, p_owner text, p_event_id bigint, p_lease_seconds int default 60)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  c traqora.event_consumers;
begin
  c := traqora.leased_consumer(p_consumer, p_owner);
  if p_event_id is null or p_event_id < 0 or p_event_id > (select coalesce(max(id), 0) from traqora.domain_events) then
    perform traqora.raise_problem('TQ400', 'No such event.', 'event_id');
  end if;
  delete from traqora.event_deliveries where consumer = c.name and event_id = p_event_id;
  update traqora.event_consumers
  set last_event_id = greatest(last_event_id, p_event_id),
      lease_until = now() + make_interval(secs => greatest(1, least(coalesce(p_lease_seconds, 60), 3600))), updated_at = now()
  where name = c.name returning * into c;
  return jsonb_build_object('consumer', c.name, 'cursor', c.last_event_id, 'lease_until', c.lease_until);
end $$;

-- The consumer's handler failed on an event: retried after p_backoff_seconds · 2^(attempt − 1)
-- (at most a day), and after p_max_attempts it is dead-lettered and the cursor moves past it.
create or replace function public.fail_domain_event(p_consumer text, p_owner text, p_event_id bigint, p_error text,
                                                    p_max_attempts int default 5, p_backoff_seconds int default 5,
                                                    p_lease_seconds int default 60)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  c traqora.event_consumers;
  d traqora.event_deliveries;
begin
  c := traqora.leased_consumer(p_consumer, p_owner);
  if not exists (select 1 from traqora.domain_events where id = p_event_id) then
    perform traqora.raise_problem('TQ404', 'No such event.', 'event_id');
  end if;
  if p_max_attempts is null or p_max_attempts not between 1 and 100 then
    perform traqora.raise_problem('TQ400', 'max_attempts must be between 1 and 100', 'max_attempts');
  end if;
  insert into traqora.event_deliveries as x (consumer, event_id, status, attempts, next_attempt_at, last_error)
  values (c.name, p_event_id, 'retrying', 1, now(), coalesce(left(p_error, 2000), 'unknown error'))
  on conflict (consumer, event_id) do update
    set attempts = x.attempts + 1, last_error = excluded.last_error, updated_at = now()
  returning * into d;
  update traqora.event_deliveries
  set status = case when d.attempts >= p_max_attempts then 'dead' else 'retrying' end,
      next_attempt_at = now() + least(interval '1 day',
                                      make_interval(secs => greatest(coalesce(p_backoff_seconds, 5), 0) * power(2, least(d.attempts - 1, 30))))
  where consumer = d.consumer and event_id = d.event_id
  returning * into d;
  update traqora.event_consumers
  set last_event_id = case when d.status = 'dead' then greatest(last_event_id, d.event_id) else last_event_id end,
      lease_until = now() + make_interval(secs => greatest(1, least(coalesce(p_lease_seconds, 60), 3600))), updated_at = now()
  where name = c.name;
  return jsonb_build_object('consumer', d.consumer, 'event_id', d.event_id, 'status', d.status, 'attempts', d.attempts,
                            'next_attempt_at', d.next_attempt_at, 'error', d.last_error);
end $$;

-- Gives the lease up at the end of a run, so the next run (here or on another instance) need
-- not wait for it to run out. Only its holder can.
create or replace function public.release_event_consumer(p_consumer text, p_owner text) returns jsonb
language sql security definer set search_path = '' as $$
  update traqora.event_consumers set lease_owner = null, lease_until = null, updated_at = now()
  where name = p_consumer and lease_owner = p_owner
  returning jsonb_build_object('consumer', name, 'released', true);
$$;

-- Where every consumer stands: cursor, events still ahead of it (lag), retries and dead letters.
create or replace function public.event_consumer_status() returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'consumer', c.name, 'cursor', c.last_event_id,
           'lag', (select count(*) from traqora.domain_events e where e.id > c.last_event_id),
           'oldest_pending_at', (select min(e.occurred_at) from traqora.domain_events e where e.id > c.last_event_id),
           'retrying', (select count(*) from traqora.event_deliveries d where d.consumer = c.name and d.status = 'retrying'),
           'dead', (select count(*) from traqora.event_deliveries d where d.consumer = c.name and d.status = 'dead'),
           'lease_owner', c.lease_owner, 'lease_until', c.lease_until, 'updated_at', c.updated_at) order by c.name), '[]'::jsonb)
  from traqora.event_consumers c;
$$;

-- Dead letters, newest first, with the error that killed them (all consumers when null).
create or replace function public.dead_domain_events(p_consumer text default null, p_limit int default 100) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(x.j order by x.event_id desc), '[]'::jsonb)
  from (select d.event_id, traqora.domain_event_json(e, d.attempts) || jsonb_build_object(
                 'consumer', d.consumer, 'error', d.last_error, 'failed_at', d.updated_at) as j
        from traqora.event_deliveries d join traqora.domain_events e on e.id = d.event_id
        where d.status = 'dead' and (p_consumer is null or d.consumer = p_consumer)
        order by d.event_id desc limit greatest(1, least(coalesce(p_limit, 100), 1000))) x;
$$;

-- Sends a dead letter back to its consumer: redelivered on the next run, with fresh attempts.
create or replace function public.retry_dead_domain_event(p_consumer text, p_event_id bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  d traqora.event_deliveries;
begin
  update traqora.event_deliveries set status = 'retrying', attempts = 0, next_attempt_at = now(), updated_at = now()
  where consumer = p_consumer and event_id = p_event_id and status = 'dead'
  returning * into d;
  if d.event_id is null then
    perform traqora.raise_problem('TQ404', 'No dead letter for this consumer and event.', 'event_id');
  end if;
  return jsonb_build_object('consumer', d.consumer, 'event_id', d.event_id, 'status', d.status);
end $$;

-- Only the server role may call these (default privileges: the platform migration).
revoke execute on function public.claim_domain_events(text, text, jsonb, int, int) from public, anon, authenticated;
revoke execute on function public.ack_domain_event(text, text, bigint, int) from public, anon, authenticated;
revoke execute on function public.fail_domain_event(text, text, bigint, text, int, int, int) from public, anon, authenticated;
revoke execute on function public.release_event_consumer(text, text) from public, anon, authenticated;
revoke execute on function public.event_consumer_status() from public, anon, authenticated;
revoke execute on function public.dead_domain_events(text, int) from public, anon, authenticated;
revoke execute on function public.retry_dead_domain_event(text, bigint) from public, anon, authenticated;
grant execute on function public.claim_domain_events(text, text, jsonb, int, int) to service_role;
grant execute on function public.ack_domain_event(text, text, bigint, int) to service_role;
grant execute on function public.fail_domain_event(text, text, bigint, text, int, int, int) to service_role;
grant execute on function public.release_event_consumer(text, text) to service_role;
grant execute on function public.event_consumer_status() to service_role;
grant execute on function public.dead_domain_events(text, int) to service_role;
grant execute on function public.retry_dead_domain_event(text, bigint) to service_role;

-- Retention: the outbox is a queue, not an archive (the audit trail and each domain's own tables
-- are the history). Deletes events older than p_days that every consumer has passed and none
-- still retries or holds as a dead letter, oldest first, at most p_limit per call so a large
-- backlog is removed in short transactions. A consumer that has never run keeps nothing back:
-- it starts from the oldest retained event. Resuming a live stream (Last-Event-ID) across a gap
-- older than the retention starts from the oldest retained event too.
create or replace function public.purge_domain_events(p_days int default 90, p_limit int default 10000)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_below bigint;
  v_deleted int;
begin
  if p_days is null or p_days not between 1 and 3650 then
    perform traqora.raise_problem('TQ400', 'days must be between 1 and 3650', 'days');
  end if;
  if p_limit is null or p_limit not between 1 and 100000 then
    perform traqora.raise_problem('TQ400', 'limit must be between 1 and 100000', 'limit');
  end if;
  select coalesce(min(last_event_id), (select coalesce(max(id), 0) from traqora.domain_events))
    into v_below from traqora.event_consumers;
  with doomed as (
    select e.id from traqora.domain_events e
    where e.id <= v_below and e.occurred_at < now() - make_interval(days => p_days)
      and not exists (select 1 from traqora.event_deliveries d where d.event_id = e.id)
    order by e.id limit p_limit
  )
  delete from traqora.domain_events e using doomed where e.id = doomed.id;
  get diagnostics v_deleted = row_count;
  return jsonb_build_object('deleted', v_deleted, 'older_than_days', p_days, 'through_cursor', v_below);
end $$;
revoke execute on function public.purge_domain_events(int, int) from public, anon, authenticated;
grant execute on function public.purge_domain_events(int, int) to service_role;
