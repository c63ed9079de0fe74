-- The flight-status feed: one entry point for every provider's report (polled or pushed by
-- webhook), normalised in TypeScript (lib/flight-status) to scheduled, delayed (with new
-- times), departed, landed, cancelled or diverted.
--
-- A report is recorded once per (provider, event id): the same event again is a replay and
-- changes nothing (the caller answers 409). A report older than the one in force for its flight
-- (provider timestamp, then provider priority) is stale and kept only for the record. An
-- accepted delay or cancellation goes through public.admin_set_flight_status, so the
-- disruption policy (refunds, waivers, audit, events) is the console's, applied once; departed
-- and landed move the flight's status (its trigger emits flight.status_changed), a landing with
-- the actual times the provider gives (when the flight completed); a diversion
-- emits flight.diverted. Tables: supabase/migrations/20261208000510_flight_status_feed.sql.

create or replace function public.ingest_flight_status(p_provider text, p_report jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_provider traqora.flight_status_providers;
  v_event text := p_report ->> 'event_id';
  v_status text := p_report ->> 'status';
  v_at timestamptz := (p_report ->> 'provider_at')::timestamptz;
  v_departs timestamptz := (p_report ->> 'departs_at')::timestamptz;
  v_arrives timestamptz := (p_report ->> 'arrives_at')::timestamptz;
  v_flight traqora.flights;
  v_current traqora.flight_status_current;
  v_report bigint;
  v_outcome text;
  v_detail text;
  v_result jsonb;
  v_reason text;
begin
  select * into v_provider from traqora.flight_status_providers where code = p_provider and enabled;
  if v_provider.code is null then perform traqora.raise_problem('TQ404', 'No such flight-status provider.', 'provider'); end if;
  if v_event is null or char_length(v_event) not between 1 and 200 then
    perform traqora.raise_problem('TQ400', 'event_id must be 1 to 200 characters', 'event_id');
  end if;
  if v_status is null or v_status not in ('scheduled', 'delayed', 'departed', 'landed', 'cancelled', 'diverted') then
    perform traqora.raise_problem('TQ400', 'status must be scheduled, delayed, departed, landed, cancelled or diverted', 'status');
  end if;
  if v_at is null then perform traqora.raise_problem('TQ400', 'provider_at is required', 'provider_at'); end if;
  if v_status = 'delayed' and v_departs is null then
    perform traqora.raise_problem('TQ400', 'a delay needs the new departure time', 'departs_at');
  end if;

  -- Replay first: the event id is the provider's promise of uniqueness.
  if exists (select 1 from traqora.flight_status_reports where provider = p_provider and event_id = v_event) then
    return jsonb_build_object('replayed', true, 'event_id', v_event);
  end if;

  select * into v_flight from traqora.flights f
  where f.airline = upper(p_report ->> 'airline') and f.flight_number = (p_report ->> 'flight_number')::int
    -- a provider that knows the scheduled departure names the flight by it (no time-zone doubt
    -- about the day); else by the day our schedule keys it
    and case when p_report ? 'scheduled_departs_at'
             then coalesce(f.scheduled_departs_at, f.departs_at) = (p_report ->> 'scheduled_departs_at')::timestamptz
             else f.departure_date = (p_report ->> 'departure_date')::date end
  for no key update;
  if v_flight.id is null then
    v_outcome := 'unknown_flight';
  else
    select * into v_current from traqora.flight_status_current where flight_id = v_flight.id for update;
    if v_current.flight_id is not null and (v_at, v_provider.priority) <= (v_current.provider_at, v_current.priority) then
      v_outcome := 'stale';
      v_detail := format('%s reported %s at %s', v_current.provider, v_current.status, v_current.provider_at);
    end if;
  end if;

  insert into traqora.flight_status_reports (provider, event_id, flight_id, status, departs_at, arrives_at, diverted_to, provider_at, outcome, detail)
  values (p_provider, v_event, v_flight.id, v_status, v_departs, v_arrives, upper(nullif(p_report ->> 'diverted_to', '')), v_at,
          coalesce(v_outcome, 'applied'), v_detail)
  on conflict (provider, event_id) do nothing
  returning id into v_report;
  if v_report is null then   -- the same event arrived concurrently and the other call recorded it
    return jsonb_build_object('replayed', true, 'event_id', v_event);
  end if;
  if v_outcome is not null then
    return jsonb_build_object('replayed', false, 'event_id', v_event, 'outcome', v_outcome, 'detail', v_detail, 'flight_id', v_flight.id);
  end if;

  v_reason := format('Flight-status feed (%s): %s', v_provider.name, coalesce(nullif(p_report ->> 'reason', ''), v_status));
  begin
    if v_status in ('delayed', 'cancelled') then
      v_result := public.admin_set_flight_status(
        jsonb_build_object('reason', left(v_reason, 500), 'request_id', left(p_provider || ':' || v_event, 128)),
        v_flight.id, v_status, v_departs, v_arrives);
      v_outcome := case when (v_result ->> 'changed')::boolean then 'applied' else 'unchanged' end;
    elsif v_status in ('departed', 'landed') then
      if v_flight.status = 'cancelled' then
        perform traqora.raise_problem('TQ409', 'The flight is cancelled.', 'status');
      elsif v_flight.status = v_status or (v_flight.status = 'landed' and v_status = 'departed') then
        v_outcome := 'unchanged';
      else
        -- A landing reported with its actual times (arrival, and departure where the provider
        -- gives it) records them, the timetable staying in scheduled_*: the flight completed
        -- then, which is what releases its escrow (release_flown_bookings) and so activates the
        -- points it earned. A departure report moves only the status.
        if v_status = 'landed' and v_arrives is not null then
          if v_arrives <= coalesce(v_departs, v_flight.departs_at) then
            perform traqora.raise_problem('TQ422', 'The reported landing is before the departure.', 'arrives_at');
          end if;
          update traqora.flights set status = v_status,
            scheduled_departs_at = coalesce(scheduled_departs_at, departs_at), scheduled_arrives_at = coalesce(scheduled_arrives_at, arrives_at),
            departs_at = coalesce(v_departs, departs_at), arrives_at = v_arrives
          where id = v_flight.id;
        else
          update traqora.flights set status = v_status where id = v_flight.id;
        end if;
        v_outcome := 'applied';
      end if;
    elsif v_status = 'diverted' then
      if v_current.status = 'diverted' and v_current.diverted_to is not distinct from upper(nullif(p_report ->> 'diverted_to', '')) then
        v_outcome := 'unchanged';
      else
        perform traqora.emit_event('flight.diverted', 'flight', v_flight.id::text, jsonb_build_object(
          'flight_id', v_flight.id, 'airline', v_flight.airline, 'flight_number', v_flight.flight_number,
          'origin', v_flight.origin, 'destination', v_flight.destination, 'departure_date', v_flight.departure_date,
          'diverted_to', upper(nullif(p_report ->> 'diverted_to', '')), 'provider', p_provider,
          -- the travellers to tell, as flight.status_changed carries them (routines/20_reference_data.sql)
          'bookings', coalesce((select jsonb_agg(jsonb_build_object('booking_id', b.id, 'pnr', b.pnr, 'user_id', b.user_id, 'status', b.status) order by b.pnr)
                                from traqora.booking_segments s join traqora.bookings b on b.id = s.booking_id
                                where s.flight_id = v_flight.id and b.status in ('held', 'paid')), '[]'::jsonb)));
        v_outcome := 'applied';
      end if;
    else
      v_outcome := 'unchanged';   -- "scheduled": as planned, nothing to change
    end if;
  exception when sqlstate 'TQ409' or sqlstate 'TQ422' or sqlstate 'TQ400' then
    -- the flight's own rules refuse this report (a delay to an earlier time, a flown flight
    -- cancelled): recorded, not applied, and not in force
    get stacked diagnostics v_detail = message_text;
    update traqora.flight_status_reports set outcome = 'refused', detail = left(v_detail, 500) where id = v_report;
    return jsonb_build_object('replayed', false, 'event_id', v_event, 'outcome', 'refused', 'detail', v_detail, 'flight_id', v_flight.id);
  end;

  update traqora.flight_status_reports set outcome = v_outcome where id = v_report;
  insert into traqora.flight_status_current (flight_id, report_id, provider, priority, provider_at, status, diverted_to)
  values (v_flight.id, v_report, p_provider, v_provider.priority, v_at, v_status, upper(nullif(p_report ->> 'diverted_to', '')))
  on conflict (flight_id) do update set report_id = excluded.report_id, provider = excluded.provider, priority = excluded.priority,
    provider_at = excluded.provider_at, status = excluded.status, diverted_to = excluded.diverted_to, updated_at = now();
  return jsonb_build_object('replayed', false, 'event_id', v_event, 'outcome', v_outcome, 'flight_id', v_flight.id);
end $$;

-- The flights a polling provider is asked about: those departing or in the air between p_from
-- and p_to that have not landed or been cancelled, designator and date (what an API is asked by).
create or replace function public.flights_to_track(p_from timestamptz, p_to timestamptz, p_limit int default 500) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('flight_id', f.id, 'airline', f.airline, 'flight_number', f.flight_number,
                                                'departure_date', f.departure_date, 'origin', f.origin, 'destination', f.destination,
                                                'departs_at', f.departs_at, 'arrives_at', f.arrives_at, 'status', f.status,
                                                'scheduled_departs_at', coalesce(f.scheduled_departs_at, f.departs_at),
                                                'scheduled_arrives_at', coalesce(f.scheduled_arrives_at, f.arrives_at))
                            order by f.departs_at, f.id), '[]'::jsonb)
  from (select * from traqora.flights f
        where f.status not in ('landed', 'cancelled') and f.arrives_at >= p_from and f.departs_at < p_to
        order by f.departs_at, f.id limit least(greatest(coalesce(p_limit, 500), 1), 5000)) f;
$$;

-- What the feed knows about one flight (the trip page and the admin view): the report in force
-- and the last reports received.
create or replace function public.flight_status_feed(p_flight_id bigint) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'current', (select jsonb_build_object('provider', c.provider, 'status', c.status, 'provider_at', c.provider_at, 'diverted_to', c.diverted_to)
                from traqora.flight_status_current c where c.flight_id = p_flight_id),
    'reports', coalesce((select jsonb_agg(jsonb_build_object('provider', r.provider, 'event_id', r.event_id, 'status', r.status,
                                  'departs_at', r.departs_at, 'arrives_at', r.arrives_at, 'provider_at', r.provider_at,
                                  'received_at', r.received_at, 'outcome', r.outcome, 'detail', r.detail) order by r.id desc)
                         from (select * from traqora.flight_status_reports where flight_id = p_flight_id order by id desc limit 20) r), '[]'::jsonb));
$$;

revoke execute on function public.ingest_flight_status(text, jsonb) from public, anon, authenticated;
revoke execute on function public.flights_to_track(timestamptz, timestamptz, int) from public, anon, authenticated;
revoke execute on function public.flight_status_feed(bigint) from public, anon, authenticated;
grant execute on function public.ingest_flight_status(text, jsonb) to service_role;
grant execute on function public.flights_to_track(timestamptz, timestamptz, int) to service_role;
grant execute on function public.flight_status_feed(bigint) to service_role;
