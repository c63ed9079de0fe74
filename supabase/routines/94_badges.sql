-- Traqora Rewards badges (tables: supabase/migrations/20261208000310_loyalty_badges.sql).
-- A completed trip records its segments (loyalty_record_trip, from loyalty_handle_event in
-- 95_loyalty.sql, under the member's row lock); badges whose measure reaches its goal are then
-- awarded once (loyalty_award_badges), each a loyalty.badge_earned event. Airdrops give a badge
-- directly (96_airdrops.sql). Three unspent badges pay a one-time Basic → Standard fare upgrade on
-- a held booking (upgrade_booking_fare in 60_bookings.sql calls loyalty_spend_badges).

-- How far member p_member is on each measure (the badge catalogue's `rule` applied).
create or replace function traqora.loyalty_badge_measure(p_member uuid, b traqora.loyalty_badges) returns int
language sql stable set search_path = '' as $$
  select case b.measure
    when 'trips' then (select count(distinct booking_id) from traqora.loyalty_flown_segments where member_id = p_member)
    when 'flights' then (select count(*) from traqora.loyalty_flown_segments where member_id = p_member)
    when 'countries' then (select count(distinct destination_country) from traqora.loyalty_flown_segments where member_id = p_member)
    when 'long_haul' then (select count(*) from traqora.loyalty_flown_segments
                           where member_id = p_member and minutes >= coalesce((b.rule->>'min_minutes')::int, 360))
    when 'night_flights' then (select count(*) from traqora.loyalty_flown_segments
                               where member_id = p_member and departs_local_hour >= coalesce((b.rule->>'from_hour')::int, 0)
                                 and departs_local_hour < coalesce((b.rule->>'to_hour')::int, 5))
    when 'referrals' then (select count(*) from traqora.loyalty_referrals where referrer_id = p_member and status = 'rewarded')
    else (select count(*) from traqora.loyalty_member_badges where member_id = p_member and badge = b.code)
  end::int;
$$;

-- Records a completed booking's segments (p_booking: the event payload) for its member.
-- `minutes` is the flight's scheduled length (Long haul is "a flight scheduled for six hours or
-- more": a 5 h 50 flight that lands two hours late is not one, a 6 h 05 one that lands early is),
-- from the payload's scheduled_* times, which a delay or a landing report leaves as the timetable
-- had them; events written before the payload carried them fall back to departs_at/arrives_at.
-- The night hour is when it took off (departs_at: the actual time once reported), as Night owl says.
create or replace function traqora.loyalty_record_trip(p_member uuid, p_booking jsonb, p_event_id bigint) returns void
language sql set search_path = '' as $$
  insert into traqora.loyalty_flown_segments (booking_id, member_id, seq, origin, destination, destination_country, minutes, departs_local_hour, event_id)
  select (p_booking->>'booking_id')::uuid, p_member, (s->>'seq')::int, s->>'origin', s->>'destination', a.country_code,
         greatest(extract(epoch from coalesce(s->>'scheduled_arrives_at', s->>'arrives_at')::timestamptz
                                   - coalesce(s->>'scheduled_departs_at', s->>'departs_at')::timestamptz) / 60, 0)::int,
         extract(hour from (s->>'departs_at')::timestamptz at time zone o.time_zone)::int, p_event_id
  from jsonb_array_elements(coalesce(p_booking->'segments', '[]'::jsonb)) s
  left join traqora.airports a on a.iata = s->>'destination'
  left join traqora.airports o on o.iata = s->>'origin'
  on conflict do nothing;
$$;

-- Awards every badge member p_member has reached and does not hold (not the manual ones).
-- Answers the new badges' codes; the caller emits loyalty.badge_earned for each after its writes.
create or replace function traqora.loyalty_award_badges(p_member uuid, p_source_ref text) returns text[]
language plpgsql set search_path = '' as $$
declare
  v_new text[];
begin
  with reached as (
    insert into traqora.loyalty_member_badges (member_id, badge, source, source_ref)
    select p_member, b.code, 'earned', p_source_ref from traqora.loyalty_badges b
    where b.measure <> 'manual'
      and not exists (select 1 from traqora.loyalty_member_badges h where h.member_id = p_member and h.badge = b.code)
      and traqora.loyalty_badge_measure(p_member, b) >= b.goal
    on conflict do nothing
    returning badge)
  select coalesce(array_agg(badge order by badge), '{}') into v_new from reached;
  return v_new;
end $$;

create or replace function traqora.loyalty_emit_badges(p_member uuid, p_badges text[], p_actor uuid) returns void
language plpgsql set search_path = '' as $$
declare
  v_code text;
begin
  foreach v_code in array coalesce(p_badges, '{}') loop
    perform traqora.emit_event('loyalty.badge_earned', 'member', p_member::text,
      jsonb_build_object('user_id', p_member, 'badge', v_code, 'source', 'earned'), p_actor);
  end loop;
end $$;

-- The member's badges grid: every badge with its progress (capped at the goal), when it was
-- earned and whether it was spent; and how many unspent badges a fare upgrade needs.
create or replace function public.loyalty_badges(p_user_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'data', coalesce(jsonb_agg(jsonb_build_object('code', b.code, 'name', b.name, 'description', b.description, 'measure', b.measure,
              'goal', b.goal, 'progress', least(case when h.badge is not null then b.goal else traqora.loyalty_badge_measure(p_user_id, b) end, b.goal),
              'earned_at', h.earned_at, 'source', h.source, 'spent', h.spent_at is not null) order by b.sort), '[]'::jsonb),
    'unspent', (select count(*) from traqora.loyalty_member_badges where member_id = p_user_id and spent_at is null),
    'upgrade_cost', traqora.parameter('loyalty.badges_per_upgrade')::int)
  from traqora.loyalty_badges b
  left join traqora.loyalty_member_badges h on h.member_id = p_user_id and h.badge = b.code;
$$;

-- Spends p_count unspent badges (oldest first) of member p_user on booking p_booking's fare
-- upgrade, under the member's row lock, once per booking. 409 naming `badges` when they hold fewer.
create or replace function traqora.loyalty_spend_badges(p_user uuid, p_booking uuid, p_from text, p_to text) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_count int := traqora.parameter('loyalty.badges_per_upgrade')::int;
  v_badges text[];
begin
  perform traqora.loyalty_member_for_update(p_user);
  if exists (select 1 from traqora.loyalty_fare_upgrades where booking_id = p_booking) then
    perform traqora.raise_problem('TQ409', 'This booking was upgraded already.', 'badges');
  end if;
  select array_agg(badge order by earned_at, badge) into v_badges
  from (select badge, earned_at from traqora.loyalty_member_badges where member_id = p_user and spent_at is null
        order by earned_at, badge limit v_count) x;
  if coalesce(cardinality(v_badges), 0) < v_count then
    perform traqora.raise_problem('TQ409', format('A fare upgrade takes %s unspent badges; you have %s.', v_count, coalesce(cardinality(v_badges), 0)), 'badges');
  end if;
  update traqora.loyalty_member_badges set spent_booking_id = p_booking, spent_at = now() where member_id = p_user and badge = any(v_badges);
  insert into traqora.loyalty_fare_upgrades (booking_id, member_id, badges, from_family, to_family) values (p_booking, p_user, v_badges, p_from, p_to);
  return jsonb_build_object('badges', to_jsonb(v_badges), 'from', p_from, 'to', p_to);
end $$;

-- The badge upgrade of booking p_booking, or null when it had none.
create or replace function traqora.loyalty_fare_upgrade(p_booking uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('badges', to_jsonb(u.badges), 'from', u.from_family, 'to', u.to_family, 'created_at', u.created_at)
  from traqora.loyalty_fare_upgrades u where u.booking_id = p_booking;
$$;

revoke execute on function public.loyalty_badges(uuid) from public, anon, authenticated;
grant execute on function public.loyalty_badges(uuid) to service_role;
