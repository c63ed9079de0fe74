-- Notifications: creating them (idempotent per user and source), the outside-channel delivery
-- queue (claim under a lease, complete with retries and backoff, dead letters an admin can send
-- back), the notification centre (list, unread count, mark read), preferences and quiet hours,
-- and the trip segments the departure reminder reads.
-- What a notification says is decided in TypeScript (lib/notifications/catalogue.ts); the
-- database decides who gets what through which channel and when, in one transaction each.
-- Tables: supabase/migrations/20261207000500_notifications.sql and 20261207000510_push_subscriptions.sql.

create or replace trigger notification_settings_touch before update on traqora.notification_settings
  for each row execute function traqora.touch_updated_at();
create or replace trigger notification_preferences_touch before update on traqora.notification_preferences
  for each row execute function traqora.touch_updated_at();
create or replace trigger notification_deliveries_touch before update on traqora.notification_deliveries
  for each row execute function traqora.touch_updated_at();
create or replace trigger notification_trip_segments_touch before update on traqora.notification_trip_segments
  for each row execute function traqora.touch_updated_at();

-- When p_at falls inside the quiet hours [p_start, p_end) in p_tz, the moment they end; else
-- p_at. Quiet hours may wrap midnight (22:00–07:00). Wall-clock arithmetic in the zone, so a
-- DST change moves the end with the clock, as the traveller expects.
create or replace function traqora.after_quiet_hours(p_at timestamptz, p_tz text, p_start time, p_end time)
returns timestamptz language plpgsql stable set search_path = '' as $$
declare
  v_local timestamp;
  v_t time;
  v_day date;
begin
  if p_start is null or p_end is null then
    return p_at;
  end if;
  v_local := p_at at time zone p_tz;
  v_t := v_local::time;
  v_day := v_local::date;
  if p_start < p_end then
    if v_t >= p_start and v_t < p_end then
      return (v_day + p_end) at time zone p_tz;
    end if;
  elsif v_t >= p_start then
    return (v_day + 1 + p_end) at time zone p_tz;
  elsif v_t < p_end then
    return (v_day + p_end) at time zone p_tz;
  end if;
  return p_at;
end $$;

create or replace function traqora.valid_time_zone(p_tz text) returns boolean
language plpgsql stable set search_path = '' as $$
begin
  perform now() at time zone p_tz;
  return true;
exception when others then
  return false;
end $$;

create or replace function traqora.unread_notifications(p_user uuid) returns int
language sql stable set search_path = '' as $$
  select count(*)::int from traqora.notifications where user_id = p_user and read_at is null;
$$;

create or replace function traqora.notification_json(n traqora.notifications) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('id', n.id, 'type', n.type, 'title', n.title, 'body', n.body, 'link', n.link,
                            'urgent', n.urgent, 'event_id', n.event_id, 'created_at', n.created_at, 'read_at', n.read_at);
$$;

-- Creates notifications and their outside-channel deliveries. p_items: [{user_id, type,
-- source_key, event_id?, title, body, link?, urgent?, channels: {email: <default on?>, …}}].
-- The channels object lists what the app can deliver and each channel's default for the type;
-- the user's explicit preference wins. An item whose (user_id, source_key) exists already is
-- skipped whole: a re-delivered event creates, and so sends, nothing twice.
-- Emits notification.created per new notification (for the live bell), after the last write.
create or replace function public.create_notifications(p_items jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_item jsonb;
  v_id bigint;
  v_user uuid;
  v_urgent boolean;
  v_channel text;
  v_default boolean;
  v_enabled boolean;
  v_settings traqora.notification_settings;
  v_address text;
  v_created jsonb := '[]'::jsonb;
  v_new traqora.notifications;
begin
  if p_items is null or jsonb_typeof(p_items) <> 'array' then
    perform traqora.raise_problem('TQ400', 'items must be an array', 'items');
  end if;
  for v_item in select value from jsonb_array_elements(p_items) loop
    v_user := (v_item ->> 'user_id')::uuid;
    v_urgent := coalesce((v_item ->> 'urgent')::boolean, false);
    insert into traqora.notifications (user_id, type, source_key, event_id, title, body, link, urgent)
    values (v_user, v_item ->> 'type', v_item ->> 'source_key', (v_item ->> 'event_id')::bigint,
            left(v_item ->> 'title', 200), left(v_item ->> 'body', 2000), v_item ->> 'link', v_urgent)
    on conflict (user_id, source_key) do nothing
    returning id into v_id;
    continue when v_id is null;
    v_created := v_created || to_jsonb(v_id);

    select * into v_settings from traqora.notification_settings where user_id = v_user;
    for v_channel, v_default in
      select key, value::boolean from jsonb_each_text(coalesce(v_item -> 'channels', '{}'::jsonb))
      where key in ('email', 'push', 'sms')
    loop
      select coalesce((select p.enabled from traqora.notification_preferences p
                       where p.user_id = v_user and p.type = v_item ->> 'type' and p.channel = v_channel), v_default)
        into v_enabled;
      continue when not v_enabled;
      v_address := case v_channel when 'email' then v_settings.email when 'sms' then v_settings.phone
                     else (select 'subscriptions' where exists (select 1 from traqora.push_subscriptions ps where ps.user_id = v_user)) end;
      -- No phone or browser: nothing to record. No email address is recorded (skipped), since
      -- email is the channel people expect and support is asked about.
      continue when v_address is null and v_channel <> 'email';
      insert into traqora.notification_deliveries (notification_id, channel, status, next_attempt_at, last_error)
      values (v_id, v_channel,
              case when v_address is null then 'skipped' else 'pending' end,
              case when v_urgent or v_settings.user_id is null then now()
                   else traqora.after_quiet_hours(now(), v_settings.time_zone, v_settings.quiet_start, v_settings.quiet_end) end,
              case when v_address is null then 'no ' || v_channel || ' address' end);
    end loop;
  end loop;

  for v_new in select * from traqora.notifications
               where id in (select value::bigint from jsonb_array_elements_text(v_created)) order by id loop
    perform traqora.emit_event('notification.created', 'user', v_new.user_id::text,
      jsonb_build_object('notification_id', v_new.id, 'user_id', v_new.user_id, 'type', v_new.type, 'title', v_new.title,
                         'link', v_new.link, 'urgent', v_new.urgent, 'unread', traqora.unread_notifications(v_new.user_id)));
  end loop;
  return jsonb_build_object('created', v_created);
end $$;

-- Takes up to p_limit due deliveries for p_owner under a lease (skip locked: concurrent workers
-- never take the same row). A delivery whose lease ran out (its worker died) is due again. Rows
-- whose channel the user has since turned off, or lost the address for, become skipped here.
-- Answers what the worker needs to send: the notification, the address, the user's zone.
create or replace function public.claim_notification_deliveries(p_owner text, p_limit int default 20, p_lease_seconds int default 60)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_claimed jsonb;
begin
  if p_owner is null or char_length(p_owner) not between 1 and 200 then
    perform traqora.raise_problem('TQ400', 'owner must be 1 to 200 characters', 'owner');
  end if;
  with due as (
    select d.id from traqora.notification_deliveries d
    where (d.status = 'pending' and d.next_attempt_at <= now()) or (d.status = 'sending' and d.lease_until < now())
    order by d.next_attempt_at, d.id
    limit least(greatest(coalesce(p_limit, 20), 1), 500)
    for update skip locked
  ), taken as (
    update traqora.notification_deliveries d
    set status = 'sending', lease_owner = p_owner, lease_until = now() + make_interval(secs => greatest(coalesce(p_lease_seconds, 60), 5)),
        attempts = d.attempts + 1
    from due where d.id = due.id
    returning d.*
  )
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', t.id, 'channel', t.channel, 'attempts', t.attempts, 'user_id', n.user_id,
           'address', case t.channel when 'email' then s.email when 'sms' then s.phone end,
           'time_zone', coalesce(s.time_zone, 'UTC'),
           'off', coalesce((select not p.enabled from traqora.notification_preferences p
                            where p.user_id = n.user_id and p.type = n.type and p.channel = t.channel), false),
           'notification', traqora.notification_json(n)) order by t.id), '[]'::jsonb)
    into v_claimed
  from taken t join traqora.notifications n on n.id = t.notification_id
  left join traqora.notification_settings s on s.user_id = n.user_id;

  -- Turned off (or no address) since it was queued: nothing to send, not a failure.
  update traqora.notification_deliveries d
  set status = 'skipped', lease_owner = null, lease_until = null,
      last_error = case when (c ->> 'off')::boolean then 'turned off' else 'no ' || d.channel || ' address' end
  from jsonb_array_elements(v_claimed) c
  where d.id = (c ->> 'id')::bigint and ((c ->> 'off')::boolean or (c ->> 'address' is null and d.channel in ('email', 'sms')));

  return coalesce((select jsonb_agg(c - 'off') from jsonb_array_elements(v_claimed) c
                   where not (c ->> 'off')::boolean and not (c ->> 'address' is null and c ->> 'channel' in ('email', 'sms'))), '[]'::jsonb);
end $$;

-- The worker's verdict on one claimed delivery: sent, or failed with p_error — retried after
-- p_backoff_seconds · 2^(attempts-1), dead after p_max_attempts. A worker that lost its lease
-- (another took the row over) changes nothing: 'lost'.
create or replace function public.complete_notification_delivery(p_id bigint, p_owner text, p_error text default null,
                                                                 p_max_attempts int default 5, p_backoff_seconds int default 30)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  d traqora.notification_deliveries;
  v_status text;
begin
  select * into d from traqora.notification_deliveries where id = p_id for update;
  if not found then
    perform traqora.raise_problem('TQ404', 'no such delivery', 'id');
  end if;
  if d.status <> 'sending' or d.lease_owner is distinct from p_owner then
    return jsonb_build_object('id', p_id, 'status', 'lost');
  end if;
  if p_error is null then
    v_status := 'sent';
    update traqora.notification_deliveries
    set status = 'sent', sent_at = now(), lease_owner = null, lease_until = null, last_error = null where id = p_id;
  elsif d.attempts >= greatest(coalesce(p_max_attempts, 5), 1) then
    v_status := 'dead';
    update traqora.notification_deliveries
    set status = 'dead', lease_owner = null, lease_until = null, last_error = left(p_error, 1000) where id = p_id;
  else
    v_status := 'pending';
    update traqora.notification_deliveries
    set status = 'pending', lease_owner = null, lease_until = null, last_error = left(p_error, 1000),
        next_attempt_at = now() + make_interval(secs => greatest(coalesce(p_backoff_seconds, 30), 1) * power(2, d.attempts - 1))
    where id = p_id;
  end if;
  return jsonb_build_object('id', p_id, 'status', v_status, 'attempts', d.attempts);
end $$;

-- Admin: deliveries by status (dead letters by default), newest first, cursor paged.
create or replace function public.notification_deliveries_list(p_status text default 'dead', p_cursor bigint default null, p_limit int default 50)
returns jsonb language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 50), 1), 200);
  v_rows jsonb;
begin
  if p_status is not null and p_status not in ('pending', 'sending', 'sent', 'skipped', 'dead') then
    perform traqora.raise_problem('TQ400', 'status must be pending, sending, sent, skipped or dead', 'status');
  end if;
  select coalesce(jsonb_agg(r order by (r ->> 'id')::bigint desc), '[]'::jsonb) into v_rows from (
    select jsonb_build_object('id', d.id, 'channel', d.channel, 'status', d.status, 'attempts', d.attempts,
                              'last_error', d.last_error, 'next_attempt_at', d.next_attempt_at, 'sent_at', d.sent_at,
                              'created_at', d.created_at, 'updated_at', d.updated_at, 'user_id', n.user_id,
                              'notification_id', n.id, 'type', n.type, 'title', n.title, 'event_id', n.event_id) r
    from traqora.notification_deliveries d join traqora.notifications n on n.id = d.notification_id
    where (p_status is null or d.status = p_status) and (p_cursor is null or d.id < p_cursor)
    order by d.id desc limit v_limit + 1) x;
  return jsonb_build_object(
    'data', coalesce((select jsonb_agg(e) from (select e from jsonb_array_elements(v_rows) with ordinality a(e, i) where i <= v_limit order by i) y), '[]'::jsonb),
    'next_cursor', case when jsonb_array_length(v_rows) > v_limit then (v_rows -> (v_limit - 1) ->> 'id')::bigint end);
end $$;

-- Admin: sends a dead delivery back to the queue with fresh attempts (audited).
create or replace function public.admin_retry_notification_delivery(p_ctx jsonb, p_id bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  d traqora.notification_deliveries;
begin
  select * into d from traqora.notification_deliveries where id = p_id for update;
  if not found then
    perform traqora.raise_problem('TQ404', 'no such delivery', 'id');
  end if;
  if d.status <> 'dead' then
    perform traqora.raise_problem('TQ409', 'only a dead delivery can be retried', 'id');
  end if;
  update traqora.notification_deliveries
  set status = 'pending', attempts = 0, next_attempt_at = now(), last_error = null where id = p_id;
  perform traqora.audit_append(p_ctx, 'notification.delivery_retried', 'notification_delivery', p_id::text,
                               jsonb_build_object('status', 'dead', 'attempts', d.attempts, 'last_error', d.last_error),
                               jsonb_build_object('status', 'pending', 'attempts', 0));
  return jsonb_build_object('id', p_id, 'status', 'pending');
end $$;

-- The notification centre: the user's notifications, newest first, cursor paged, with the
-- unread count.
create or replace function public.list_notifications(p_user_id uuid, p_cursor bigint default null, p_limit int default 20,
                                                     p_unread_only boolean default false)
returns jsonb language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 20), 1), 100);
  v_rows jsonb;
begin
  select coalesce(jsonb_agg(traqora.notification_json(n) order by n.id desc), '[]'::jsonb) into v_rows
  from (select * from traqora.notifications
        where user_id = p_user_id and (p_cursor is null or id < p_cursor) and (not coalesce(p_unread_only, false) or read_at is null)
        order by id desc limit v_limit + 1) n;
  return jsonb_build_object(
    'data', coalesce((select jsonb_agg(e order by i) from jsonb_array_elements(v_rows) with ordinality a(e, i) where i <= v_limit), '[]'::jsonb),
    'next_cursor', case when jsonb_array_length(v_rows) > v_limit then (v_rows -> (v_limit - 1) ->> 'id')::bigint end,
    'unread', traqora.unread_notifications(p_user_id));
end $$;

create or replace function public.notification_unread_count(p_user_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('unread', traqora.unread_notifications(p_user_id));
$$;

-- Marks the user's notifications read: the listed ids (others' ids are ignored), or all when
-- p_ids is null. Emits notification.read when anything changed, so other tabs update the bell.
create or replace function public.mark_notifications_read(p_user_id uuid, p_ids jsonb default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_updated int;
  v_unread int;
begin
  if p_ids is not null and jsonb_typeof(p_ids) <> 'array' then
    perform traqora.raise_problem('TQ400', 'ids must be an array of notification ids', 'ids');
  end if;
  update traqora.notifications set read_at = now()
  where user_id = p_user_id and read_at is null
    and (p_ids is null or id in (select value::bigint from jsonb_array_elements_text(p_ids)));
  get diagnostics v_updated = row_count;
  v_unread := traqora.unread_notifications(p_user_id);
  if v_updated > 0 then
    perform traqora.emit_event('notification.read', 'user', p_user_id::text,
      jsonb_build_object('user_id', p_user_id, 'ids', p_ids, 'updated', v_updated, 'unread', v_unread), p_user_id);
  end if;
  return jsonb_build_object('updated', v_updated, 'unread', v_unread);
end $$;

create or replace function traqora.notification_settings_json(p_user uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'email', s.email, 'phone', s.phone, 'time_zone', coalesce(s.time_zone, 'UTC'),
    'quiet_start', to_char(s.quiet_start, 'HH24:MI'), 'quiet_end', to_char(s.quiet_end, 'HH24:MI'),
    'preferences', coalesce((select jsonb_agg(jsonb_build_object('type', p.type, 'channel', p.channel, 'enabled', p.enabled)
                                              order by p.type, p.channel)
                             from traqora.notification_preferences p where p.user_id = p_user), '[]'::jsonb))
  from (select 1) one left join traqora.notification_settings s on s.user_id = p_user;
$$;

create or replace function public.get_notification_settings(p_user_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select traqora.notification_settings_json(p_user_id);
$$;

-- Saves the contact details, zone and quiet hours (p_settings, all keys) and explicit choices
-- (p_preferences: [{type, channel, enabled}]; the types are the app's to check).
create or replace function public.set_notification_settings(p_user_id uuid, p_settings jsonb, p_preferences jsonb default '[]'::jsonb)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_tz text := coalesce(nullif(p_settings ->> 'time_zone', ''), 'UTC');
begin
  if not traqora.valid_time_zone(v_tz) then
    perform traqora.raise_problem('TQ400', 'time_zone is not a time zone this server knows', 'time_zone');
  end if;
  if ((p_settings ->> 'quiet_start') is null) <> ((p_settings ->> 'quiet_end') is null)
     or (p_settings ->> 'quiet_start') = (p_settings ->> 'quiet_end') then
    perform traqora.raise_problem('TQ400', 'quiet hours need a start and a different end', 'quiet_end');
  end if;
  insert into traqora.notification_settings (user_id, email, phone, time_zone, quiet_start, quiet_end)
  values (p_user_id, nullif(p_settings ->> 'email', ''), nullif(p_settings ->> 'phone', ''), v_tz,
          (p_settings ->> 'quiet_start')::time, (p_settings ->> 'quiet_end')::time)
  on conflict (user_id) do update set email = excluded.email, phone = excluded.phone, time_zone = excluded.time_zone,
                                      quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end;
  insert into traqora.notification_preferences (user_id, type, channel, enabled)
  select p_user_id, e ->> 'type', e ->> 'channel', (e ->> 'enabled')::boolean
  from jsonb_array_elements(coalesce(p_preferences, '[]'::jsonb)) e
  on conflict (user_id, type, channel) do update set enabled = excluded.enabled;
  return traqora.notification_settings_json(p_user_id);
end $$;

-- The unsubscribe link (a signed token the app checked): turns one type off on one channel.
create or replace function public.unsubscribe_notifications(p_user_id uuid, p_type text, p_channel text) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  insert into traqora.notification_preferences (user_id, type, channel, enabled)
  values (p_user_id, p_type, p_channel, false)
  on conflict (user_id, type, channel) do update set enabled = false;
  return jsonb_build_object('user_id', p_user_id, 'type', p_type, 'channel', p_channel, 'enabled', false);
end $$;

-- Keeps the segments of a paid booking (from a booking event's payload) for the departure
-- reminder; p_active false when the booking is cancelled.
create or replace function public.notification_track_trip(p_booking jsonb, p_active boolean) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_count int;
begin
  insert into traqora.notification_trip_segments (booking_id, seq, user_id, pnr, flight_id, airline, flight_number,
                                                 origin, destination, departs_at, active)
  select (p_booking ->> 'booking_id')::uuid, (s ->> 'seq')::int, (p_booking ->> 'user_id')::uuid, p_booking ->> 'pnr',
         (s ->> 'flight_id')::bigint, s ->> 'airline', s ->> 'flight_number', s ->> 'origin', s ->> 'destination',
         (s ->> 'departs_at')::timestamptz, p_active
  from jsonb_array_elements(coalesce(p_booking -> 'segments', '[]'::jsonb)) s
  on conflict (booking_id, seq) do update set active = excluded.active, departs_at = excluded.departs_at;
  get diagnostics v_count = row_count;
  return jsonb_build_object('segments', v_count);
end $$;

-- A flight's new times (flight.status_changed): reminders follow a delay.
create or replace function public.notification_flight_moved(p_flight_id bigint, p_departs_at timestamptz, p_cancelled boolean)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_count int;
begin
  update traqora.notification_trip_segments
  set departs_at = coalesce(p_departs_at, departs_at), active = active and not coalesce(p_cancelled, false)
  where flight_id = p_flight_id;
  get diagnostics v_count = row_count;
  return jsonb_build_object('segments', v_count);
end $$;

-- Segments departing within p_hours that have no reminder yet (the reminder's source_key is
-- `reminder:<booking>:<seq>`; creating it is what marks it done).
create or replace function public.due_departure_reminders(p_hours int default 24, p_limit int default 500) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('booking_id', s.booking_id, 'seq', s.seq, 'user_id', s.user_id, 'pnr', s.pnr,
                                               'flight_id', s.flight_id, 'airline', s.airline, 'flight_number', s.flight_number,
                                               'origin', s.origin, 'destination', s.destination, 'departs_at', s.departs_at)
                            order by s.departs_at), '[]'::jsonb)
  from (select * from traqora.notification_trip_segments s
        where s.active and s.departs_at > now() and s.departs_at <= now() + make_interval(hours => least(greatest(coalesce(p_hours, 24), 1), 168))
          and not exists (select 1 from traqora.notifications n
                          where n.user_id = s.user_id and n.source_key = 'reminder:' || s.booking_id || ':' || s.seq)
        order by s.departs_at limit least(greatest(coalesce(p_limit, 500), 1), 5000)) s;
$$;

-- Live updates (GET /api/v1/events): outbox events after p_after that concern a user, for the
-- per-user SSE stream and its Last-Event-ID resume. A user is concerned when the payload names
-- them (user_id) or, for a flight (status change, diversion), one of their bookings is on it.
-- p_user_id null: every event, each with its audience (one read fans out to all of an
-- instance's connections). The data sent is the payload without other travellers' bookings.
-- `seats` lists the flights whose seat inventory the event changed (a hold taken or given back):
-- the hub tells every other connection just that, so review pages show seats left live.
create or replace function public.live_events_after(p_after bigint, p_limit int default 200, p_user_id uuid default null)
returns jsonb language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'head', (select coalesce(max(id), 0) from traqora.domain_events),
    'events', coalesce(jsonb_agg(jsonb_build_object(
      'id', e.id, 'type', e.type, 'aggregate_type', e.aggregate_type, 'aggregate_id', e.aggregate_id, 'occurred_at', e.occurred_at,
      'users', case when e.aggregate_type = 'flight' and e.payload ? 'bookings'
                    then coalesce((select jsonb_agg(distinct b ->> 'user_id') from jsonb_array_elements(e.payload -> 'bookings') b), '[]'::jsonb)
                    when e.payload ? 'user_id' then jsonb_build_array(e.payload ->> 'user_id')
                    else '[]'::jsonb end,
      'seats', case when e.type in ('booking.held', 'booking.cancelled', 'booking.expired', 'booking.refunded')
                    then coalesce((select jsonb_agg(distinct (s ->> 'flight_id')::bigint) from jsonb_array_elements(e.payload -> 'segments') s), '[]'::jsonb)
                    else '[]'::jsonb end,
      'data', case when e.aggregate_type = 'flight' then e.payload - 'bookings' else e.payload end) order by e.id), '[]'::jsonb))
  from (select * from traqora.domain_events d
        where d.id > coalesce(p_after, 0)
          and (p_user_id is null
               or d.payload ->> 'user_id' = p_user_id::text
               or (d.aggregate_type = 'flight' and d.payload -> 'bookings' @> jsonb_build_array(jsonb_build_object('user_id', p_user_id::text))))
        order by d.id limit least(greatest(coalesce(p_limit, 200), 1), 1000)) e;
$$;

-- Web push: a browser's subscription saved (or moved to this user), removed, and the user's
-- subscriptions for the push sender; a push service's 404/410 removes one.
create or replace function public.save_push_subscription(p_user_id uuid, p_endpoint text, p_p256dh text, p_auth text, p_user_agent text default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
begin
  insert into traqora.push_subscriptions (endpoint, user_id, p256dh, auth, user_agent)
  values (p_endpoint, p_user_id, p_p256dh, p_auth, left(p_user_agent, 300))
  on conflict (endpoint) do update set user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth, user_agent = excluded.user_agent;
  return jsonb_build_object('endpoint', p_endpoint, 'subscriptions', (select count(*) from traqora.push_subscriptions where user_id = p_user_id));
end $$;

create or replace function public.delete_push_subscription(p_user_id uuid, p_endpoint text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_count int;
begin
  delete from traqora.push_subscriptions where endpoint = p_endpoint and (p_user_id is null or user_id = p_user_id);
  get diagnostics v_count = row_count;
  return jsonb_build_object('deleted', v_count);
end $$;

create or replace function public.push_subscriptions_for(p_user_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('endpoint', endpoint, 'keys', jsonb_build_object('p256dh', p256dh, 'auth', auth)) order by created_at), '[]'::jsonb)
  from traqora.push_subscriptions where user_id = p_user_id;
$$;

-- Only the server role may call these (default privileges: the platform migration).
revoke execute on function public.create_notifications(jsonb) from public, anon, authenticated;
revoke execute on function public.claim_notification_deliveries(text, int, int) from public, anon, authenticated;
revoke execute on function public.complete_notification_delivery(bigint, text, text, int, int) from public, anon, authenticated;
revoke execute on function public.notification_deliveries_list(text, bigint, int) from public, anon, authenticated;
revoke execute on function public.admin_retry_notification_delivery(jsonb, bigint) from public, anon, authenticated;
revoke execute on function public.list_notifications(uuid, bigint, int, boolean) from public, anon, authenticated;
revoke execute on function public.notification_unread_count(uuid) from public, anon, authenticated;
revoke execute on function public.mark_notifications_read(uuid, jsonb) from public, anon, authenticated;
revoke execute on function public.get_notification_settings(uuid) from public, anon, authenticated;
revoke execute on function public.set_notification_settings(uuid, jsonb, jsonb) from public, anon, authenticated;
revoke execute on function public.unsubscribe_notifications(uuid, text, text) from public, anon, authenticated;
revoke execute on function public.notification_track_trip(jsonb, boolean) from public, anon, authenticated;
revoke execute on function public.notification_flight_moved(bigint, timestamptz, boolean) from public, anon, authenticated;
revoke execute on function public.due_departure_reminders(int, int) from public, anon, authenticated;
revoke execute on function public.live_events_after(bigint, int, uuid) from public, anon, authenticated;
revoke execute on function public.save_push_subscription(uuid, text, text, text, text) from public, anon, authenticated;
revoke execute on function public.delete_push_subscription(uuid, text) from public, anon, authenticated;
revoke execute on function public.push_subscriptions_for(uuid) from public, anon, authenticated;
grant execute on function public.create_notifications(jsonb) to service_role;
grant execute on function public.claim_notification_deliveries(text, int, int) to service_role;
grant execute on function public.complete_notification_delivery(bigint, text, text, int, int) to service_role;
grant execute on function public.notification_deliveries_list(text, bigint, int) to service_role;
grant execute on function public.admin_retry_notification_delivery(jsonb, bigint) to service_role;
grant execute on function public.list_notifications(uuid, bigint, int, boolean) to service_role;
grant execute on function public.notification_unread_count(uuid) to service_role;
grant execute on function public.mark_notifications_read(uuid, jsonb) to service_role;
grant execute on function public.get_notification_settings(uuid) to service_role;
grant execute on function public.set_notification_settings(uuid, jsonb, jsonb) to service_role;
grant execute on function public.unsubscribe_notifications(uuid, text, text) to service_role;
grant execute on function public.notification_track_trip(jsonb, boolean) to service_role;
grant execute on function public.notification_flight_moved(bigint, timestamptz, boolean) to service_role;
grant execute on function public.due_departure_reminders(int, int) to service_role;
grant execute on function public.live_events_after(bigint, int, uuid) to service_role;
grant execute on function public.save_push_subscription(uuid, text, text, text, text) to service_role;
grant execute on function public.delete_push_subscription(uuid, text) to service_role;
grant execute on function public.push_subscriptions_for(uuid) to service_role;
