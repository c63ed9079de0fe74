-- Traqora Rewards: earning from booking events into the append-only loyalty ledger, and the
-- member's summary and history. The rates and multipliers are governed parameters
-- (12_parameters.sql), read in the transaction that posts the points; the inputs come from the
-- event's payload (docs/events.md), never from the booking tables.
-- Tables: supabase/migrations/20261206000300_loyalty.sql.
--
--   booking.paid       → points and tier credits earned, pending until the trip is flown
--   booking.completed  → the booking's pending points become active (earned now, active at
--                        once, if the booking was paid before it reached loyalty)
--   booking.cancelled  → of a paid booking: the pending points are reversed in proportion to the
--                        money refunded; the part for money the traveller did not get back
--                        becomes active (the penalty was paid). booking.refunded carries the
--                        same payload for the same cancellation and is not consumed.
-- Each is idempotent twice over: per booking (loyalty_bookings.status moves forward only) and
-- per event (a unique key on the ledger), under the member's row lock.

create or replace trigger loyalty_ledger_append_only before update or delete on traqora.loyalty_ledger
  for each row execute function traqora.refuse_history_change();
create or replace trigger loyalty_members_touch before update on traqora.loyalty_members
  for each row execute function traqora.touch_updated_at();
create or replace trigger loyalty_bookings_touch before update on traqora.loyalty_bookings
  for each row execute function traqora.touch_updated_at();

-- The member's row, enrolled on first use, locked: every change to one member's points is
-- serialised here, so concurrent deliveries of their events see each other's rows.
create or replace function traqora.loyalty_member_for_update(p_user uuid) returns traqora.loyalty_members
language plpgsql set search_path = '' as $$
declare
  m traqora.loyalty_members;
begin
  insert into traqora.loyalty_members (user_id) values (p_user) on conflict (user_id) do nothing;
  select * into m from traqora.loyalty_members where user_id = p_user for update;
  return m;
end $$;

-- One ledger row, and the member's derived balance moved by the same amount (their checks
-- refuse a balance below zero, so nothing can reverse more than was earned).
create or replace function traqora.loyalty_post(p_member uuid, p_currency text, p_amount bigint, p_state text, p_reason text,
                                                p_source text, p_source_ref text, p_event_id bigint, p_actor uuid)
returns void language plpgsql set search_path = '' as $$
begin
  if p_amount = 0 then return; end if;
  insert into traqora.loyalty_ledger (member_id, currency, amount, state, reason, source, source_ref, event_id, actor)
  values (p_member, p_currency, p_amount, p_state, p_reason, p_source, p_source_ref, p_event_id, p_actor);
  update traqora.loyalty_members set
    points_active = points_active + case when p_currency = 'points' and p_state = 'active' then p_amount else 0 end,
    points_pending = points_pending + case when p_currency = 'points' and p_state = 'pending' then p_amount else 0 end,
    tier_credits_active = tier_credits_active + case when p_currency = 'tier_credits' and p_state = 'active' then p_amount else 0 end,
    tier_credits_pending = tier_credits_pending + case when p_currency = 'tier_credits' and p_state = 'pending' then p_amount else 0 end,
    last_activity_at = case when p_currency = 'points' then now() else last_activity_at end
  where user_id = p_member;
end $$;

-- What a booking earns: points = fare in dollars (taxes excluded) × base rate × tier multiplier
-- × fare-family multiplier, rounded down; tier credits = fare in dollars × their rate. p_booking
-- is a booking event payload (base_minor, currency, fare_family).
create or replace function traqora.loyalty_earn(p_booking jsonb, p_tier text) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_fare bigint := coalesce((p_booking->>'base_minor')::bigint, 0);
  v_rate numeric := traqora.parameter('loyalty.earn_points_per_usd');
  v_tier numeric := traqora.parameter('loyalty.tier_multiplier.' || p_tier);
  v_family numeric := traqora.parameter('loyalty.fare_family_multiplier.' || (p_booking->>'fare_family'));
  v_credits numeric := traqora.parameter('loyalty.tier_credits_per_usd');
begin
  -- Rates are per US dollar and Traqora sells in dollars; a fare in another currency earns
  -- nothing until rates per currency exist, rather than a wrong amount.
  if p_booking->>'currency' is distinct from 'USD' then v_fare := 0; end if;
  return jsonb_build_object(
    'fare_minor', v_fare, 'currency', p_booking->>'currency', 'points_per_usd', v_rate,
    'tier', p_tier, 'tier_multiplier', v_tier, 'fare_family', p_booking->>'fare_family', 'fare_family_multiplier', v_family,
    'tier_credits_per_usd', v_credits,
    'points', floor(v_fare * v_rate * v_tier * v_family / 100)::bigint,
    'tier_credits', floor(v_fare * v_credits / 100)::bigint);
end $$;

-- Applies one booking event to its traveller's points (see the head of this file). Reads the
-- event from the outbox by id, so a caller cannot hand it a payload of its own. Answers what it
-- did: earned, activated, reversed, unchanged (already applied: a re-delivery) or ignored.
create or replace function public.loyalty_handle_event(p_event_id bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  e traqora.domain_events;
  b jsonb;
  m traqora.loyalty_members;
  lb traqora.loyalty_bookings;
  v_earn jsonb;
  v_state text;
  v_outcome text := 'unchanged';
  v_refund bigint;
  v_total bigint;
  v_rev_points bigint;
  v_rev_credits bigint;
  v_emit jsonb;
  v_ref text;
begin
  select * into e from traqora.domain_events where id = p_event_id;
  if e.id is null then perform traqora.raise_problem('TQ404', 'No such event.', 'event_id'); end if;
  b := e.payload;
  if e.type not in ('booking.paid', 'booking.completed', 'booking.cancelled') or b->>'user_id' is null or b->>'booking_id' is null
     or (e.type = 'booking.cancelled' and not coalesce((b->>'was_paid')::boolean, false)) then
    return jsonb_build_object('event_id', e.id, 'outcome', 'ignored');
  end if;
  v_ref := b->>'booking_id';

  m := traqora.loyalty_member_for_update((b->>'user_id')::uuid);
  select * into lb from traqora.loyalty_bookings where booking_id = v_ref::uuid for update;

  if e.type in ('booking.paid', 'booking.completed') and lb.booking_id is null then
    v_earn := traqora.loyalty_earn(b, m.tier);
    v_state := case when e.type = 'booking.paid' then 'pending' else 'active' end;
    insert into traqora.loyalty_bookings (booking_id, member_id, pnr, status, points, tier_credits, earn)
    values (v_ref::uuid, m.user_id, b->>'pnr', v_state, (v_earn->>'points')::bigint, (v_earn->>'tier_credits')::bigint, v_earn)
    returning * into lb;
    perform traqora.loyalty_post(m.user_id, 'points', lb.points, v_state,
      case when v_state = 'pending' then format('Booking %s: pending until the trip is flown', lb.pnr) else format('Booking %s, flown', lb.pnr) end,
      'booking', v_ref, e.id, e.actor);
    perform traqora.loyalty_post(m.user_id, 'tier_credits', lb.tier_credits, v_state,
      case when v_state = 'pending' then format('Booking %s: pending until the trip is flown', lb.pnr) else format('Booking %s, flown', lb.pnr) end,
      'booking', v_ref, e.id, e.actor);
    v_outcome := 'earned';
    v_emit := jsonb_build_object('type', 'loyalty.points_earned', 'state', v_state, 'earn', v_earn);
  elsif e.type = 'booking.completed' and lb.status = 'pending' then
    perform traqora.loyalty_post(m.user_id, 'points', -lb.points, 'pending', format('Booking %s flown: points now active', lb.pnr), 'booking', v_ref, e.id, e.actor);
    perform traqora.loyalty_post(m.user_id, 'points', lb.points, 'active', format('Booking %s, flown', lb.pnr), 'booking', v_ref, e.id, e.actor);
    perform traqora.loyalty_post(m.user_id, 'tier_credits', -lb.tier_credits, 'pending', format('Booking %s flown: tier credits now active', lb.pnr), 'booking', v_ref, e.id, e.actor);
    perform traqora.loyalty_post(m.user_id, 'tier_credits', lb.tier_credits, 'active', format('Booking %s, flown', lb.pnr), 'booking', v_ref, e.id, e.actor);
    update traqora.loyalty_bookings set status = 'active' where booking_id = lb.booking_id returning * into lb;
    v_outcome := 'activated';
    v_emit := jsonb_build_object('type', 'loyalty.points_activated');
  elsif e.type = 'booking.cancelled' and lb.status = 'pending' then
    -- In proportion to the money refunded (half-up), never more than was earned.
    v_refund := greatest(coalesce((b->>'refund_minor')::bigint, 0), 0);
    v_total := coalesce((b->>'total_minor')::bigint, 0);
    v_rev_points := case when v_total <= 0 then lb.points else round(lb.points * least(v_refund, v_total)::numeric / v_total)::bigint end;
    v_rev_credits := case when v_total <= 0 then lb.tier_credits else round(lb.tier_credits * least(v_refund, v_total)::numeric / v_total)::bigint end;
    perform traqora.loyalty_post(m.user_id, 'points', -v_rev_points, 'pending', format('Booking %s cancelled: reversed for the money refunded', lb.pnr), 'reversal', v_ref, e.id, e.actor);
    perform traqora.loyalty_post(m.user_id, 'tier_credits', -v_rev_credits, 'pending', format('Booking %s cancelled: reversed for the money refunded', lb.pnr), 'reversal', v_ref, e.id, e.actor);
    -- the rest was paid for and not refunded: it is earned
    perform traqora.loyalty_post(m.user_id, 'points', -(lb.points - v_rev_points), 'pending', format('Booking %s cancelled: points for the fare kept now active', lb.pnr), 'booking', v_ref, e.id, e.actor);
    perform traqora.loyalty_post(m.user_id, 'points', lb.points - v_rev_points, 'active', format('Booking %s cancelled: fare kept by the airline', lb.pnr), 'booking', v_ref, e.id, e.actor);
    perform traqora.loyalty_post(m.user_id, 'tier_credits', -(lb.tier_credits - v_rev_credits), 'pending', format('Booking %s cancelled: tier credits for the fare kept now active', lb.pnr), 'booking', v_ref, e.id, e.actor);
    perform traqora.loyalty_post(m.user_id, 'tier_credits', lb.tier_credits - v_rev_credits, 'active', format('Booking %s cancelled: fare kept by the airline', lb.pnr), 'booking', v_ref, e.id, e.actor);
    update traqora.loyalty_bookings set status = 'reversed', points_reversed = v_rev_points, tier_credits_reversed = v_rev_credits
    where booking_id = lb.booking_id returning * into lb;
    v_outcome := 'reversed';
    v_emit := jsonb_build_object('type', 'loyalty.points_reversed', 'refund_minor', v_refund, 'total_minor', v_total);
  end if;

  -- the event last, after every write (emit_event's lock)
  if v_emit is not null then
    perform traqora.emit_event(v_emit->>'type', 'member', m.user_id::text,
      jsonb_build_object('user_id', m.user_id, 'booking_id', lb.booking_id, 'pnr', lb.pnr, 'source_event_id', e.id,
                         'points', lb.points, 'tier_credits', lb.tier_credits, 'status', lb.status,
                         'points_reversed', lb.points_reversed, 'tier_credits_reversed', lb.tier_credits_reversed)
      || (v_emit - 'type'), e.actor);
  end if;
  return jsonb_build_object('event_id', e.id, 'outcome', v_outcome, 'booking_id', lb.booking_id, 'status', lb.status,
                            'points', lb.points, 'tier_credits', lb.tier_credits,
                            'points_reversed', lb.points_reversed, 'tier_credits_reversed', lb.tier_credits_reversed);
end $$;

-- What a fare would earn this member now (checkout's "you will earn"); reads, never enrols.
create or replace function public.loyalty_earn_preview(p_user_id uuid, p_base_minor bigint, p_fare_family text, p_currency text default 'USD')
returns jsonb language plpgsql stable security definer set search_path = '' as $$
begin
  if p_base_minor is null or p_base_minor < 0 then perform traqora.raise_problem('TQ400', 'base_minor must be zero or more', 'base_minor'); end if;
  if not exists (select 1 from traqora.fare_families where code = p_fare_family) then
    perform traqora.raise_problem('TQ400', 'Unknown fare family.', 'fare_family');
  end if;
  return traqora.loyalty_earn(jsonb_build_object('base_minor', p_base_minor, 'fare_family', p_fare_family, 'currency', p_currency),
                              coalesce((select tier from traqora.loyalty_members where user_id = p_user_id), 'blue'));
end $$;

-- The member's summary: balances by state, tier credits this calendar year, tier, referral code.
-- A traveller who never earned is a Blue member with nothing yet (read without enrolling).
create or replace function public.loyalty_summary(p_user_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'member', m.user_id is not null,
    'tier', coalesce(m.tier, 'blue'),
    'referral_code', m.referral_code,
    'points', jsonb_build_object('active', coalesce(m.points_active, 0), 'pending', coalesce(m.points_pending, 0)),
    'tier_credits', jsonb_build_object(
      'this_year', coalesce((select sum(l.amount) from traqora.loyalty_ledger l
                             where l.member_id = m.user_id and l.currency = 'tier_credits' and l.state = 'active'
                               and l.occurred_at >= date_trunc('year', now())), 0),
      'pending', coalesce(m.tier_credits_pending, 0),
      'window_ends_at', date_trunc('year', now()) + interval '1 year'),
    'last_activity_at', m.last_activity_at,
    'joined_at', m.joined_at)
  from (select 1) one left join traqora.loyalty_members m on m.user_id = p_user_id;
$$;

-- What a history row means for the member: points or credits that went pending, became
-- active (earned), left pending on activation (activated), or were reversed.
create or replace function traqora.loyalty_entry_kind(l traqora.loyalty_ledger) returns text
language sql immutable set search_path = '' as $$
  select case when l.source = 'reversal' then 'reversed'
              when l.state = 'pending' and l.amount > 0 then 'pending'
              when l.state = 'active' and l.amount > 0 then 'earned'
              when l.state = 'pending' then 'activated'
              else 'spent' end;
$$;

-- The member's ledger, newest first, p_limit rows before the cursor (a row id), optionally only
-- one kind: earned, pending or reversed. next_cursor is null on the last page.
create or replace function public.loyalty_history(p_user_id uuid, p_kind text default null, p_cursor bigint default null, p_limit int default 20)
returns jsonb language plpgsql stable security definer set search_path = '' as $$
declare
  v_rows jsonb;
  v_count int;
begin
  if p_kind is not null and p_kind not in ('earned', 'pending', 'reversed') then
    perform traqora.raise_problem('TQ400', 'kind must be earned, pending or reversed', 'kind');
  end if;
  if p_limit is null or p_limit not between 1 and 100 then
    perform traqora.raise_problem('TQ400', 'limit must be between 1 and 100', 'limit');
  end if;
  select coalesce(jsonb_agg(jsonb_build_object('id', l.id, 'kind', l.kind, 'currency', l.currency,
                                               'amount', l.amount, 'state', l.state, 'reason', l.reason, 'source', l.source,
                                               'source_ref', l.source_ref, 'occurred_at', l.occurred_at) order by l.id desc), '[]'::jsonb),
         count(*)
    into v_rows, v_count
  from (select x.*, k.kind from traqora.loyalty_ledger x cross join lateral (select traqora.loyalty_entry_kind(x) as kind) k
        where x.member_id = p_user_id and (p_cursor is null or x.id < p_cursor) and (p_kind is null or k.kind = p_kind)
        order by x.id desc limit p_limit + 1) l;
  if v_count > p_limit then
    -- one row more than asked for says there is a next page; drop it
    v_rows := v_rows - p_limit;
    return jsonb_build_object('data', v_rows, 'next_cursor', (v_rows->(p_limit - 1)->>'id')::bigint);
  end if;
  return jsonb_build_object('data', v_rows, 'next_cursor', null);
end $$;

-- The audit: every member's derived balances equal the sums of their ledger rows. Answers the
-- members checked and each disagreement (none, unless something wrote around loyalty_post).
create or replace function public.loyalty_balance_check() returns jsonb
language sql stable security definer set search_path = '' as $$
  with sums as (
    select m.user_id,
           m.points_active, m.points_pending, m.tier_credits_active, m.tier_credits_pending,
           coalesce(sum(l.amount) filter (where l.currency = 'points' and l.state = 'active'), 0) as l_points_active,
           coalesce(sum(l.amount) filter (where l.currency = 'points' and l.state = 'pending'), 0) as l_points_pending,
           coalesce(sum(l.amount) filter (where l.currency = 'tier_credits' and l.state = 'active'), 0) as l_tier_credits_active,
           coalesce(sum(l.amount) filter (where l.currency = 'tier_credits' and l.state = 'pending'), 0) as l_tier_credits_pending
    from traqora.loyalty_members m left join traqora.loyalty_ledger l on l.member_id = m.user_id
    group by m.user_id)
  select jsonb_build_object(
    'members', (select count(*) from sums),
    'mismatches', coalesce((select jsonb_agg(jsonb_build_object(
        'user_id', s.user_id,
        'stored', jsonb_build_object('points_active', s.points_active, 'points_pending', s.points_pending,
                                     'tier_credits_active', s.tier_credits_active, 'tier_credits_pending', s.tier_credits_pending),
        'ledger', jsonb_build_object('points_active', s.l_points_active, 'points_pending', s.l_points_pending,
                                     'tier_credits_active', s.l_tier_credits_active, 'tier_credits_pending', s.l_tier_credits_pending)))
      from sums s
      where (s.points_active, s.points_pending, s.tier_credits_active, s.tier_credits_pending)
            is distinct from (s.l_points_active, s.l_points_pending, s.l_tier_credits_active, s.l_tier_credits_pending)), '[]'::jsonb));
$$;

-- Only the server role may call these (default privileges: the platform migration).
revoke execute on function public.loyalty_handle_event(bigint) from public, anon, authenticated;
revoke execute on function public.loyalty_earn_preview(uuid, bigint, text, text) from public, anon, authenticated;
revoke execute on function public.loyalty_summary(uuid) from public, anon, authenticated;
revoke execute on function public.loyalty_history(uuid, text, bigint, int) from public, anon, authenticated;
revoke execute on function public.loyalty_balance_check() from public, anon, authenticated;
grant execute on function public.loyalty_handle_event(bigint) to service_role;
grant execute on function public.loyalty_earn_preview(uuid, bigint, text, text) to service_role;
grant execute on function public.loyalty_summary(uuid) to service_role;
grant execute on function public.loyalty_history(uuid, text, bigint, int) to service_role;
grant execute on function public.loyalty_balance_check() to service_role;
