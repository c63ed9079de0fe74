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
--
-- Tiers: active tier credits in a calendar year reach a governed threshold → the member is
-- upgraded at once; the status holds through the end of March two years on (the next year and
-- that March as grace). The year-end job (loyalty_year_end) requalifies members whose window
-- ended on the year before, falling at most one tier.
--
-- Redemption: pay_booking (60_bookings.sql) calls loyalty_redeem in the payment's transaction;
-- confirm_cancellation calls loyalty_return_redemption in the cancellation's. Both lock the
-- member's row after the booking's, as every path here does (booking → member → ledger).
-- On the soroban rail the points are held when the payment quote is signed
-- (loyalty_hold_for_quote) and spent when confirm_chain_payment records the payment
-- (loyalty_spend_quote_hold); see "Points held for a wallet payment" below and docs/loyalty.md.

-- loyalty_admin_member took only the member before its history paged.
drop function if exists public.loyalty_admin_member(uuid);

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

-- Enrols a traveller (a Blue member with nothing yet) so they have a referral code to share.
create or replace function public.loyalty_enrol(p_user_id uuid) returns void
language sql security definer set search_path = '' as $$
  insert into traqora.loyalty_members (user_id) select id from traqora.users where id = p_user_id on conflict (user_id) do nothing;
$$;

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

-- Points held for wallet payments (the soroban rail's quotes, below): a held point is still
-- active (the ledger has not moved) but not redeemable, so every path that takes active points
-- (redemption, adjustment, expiry) leaves the live holds' points in place.
create or replace trigger loyalty_quote_holds_touch before update on traqora.loyalty_quote_holds
  for each row execute function traqora.touch_updated_at();

create or replace function traqora.loyalty_points_held(p_member uuid) returns bigint
language sql stable set search_path = '' as $$
  select coalesce(sum(h.points), 0)::bigint from traqora.loyalty_quote_holds h where h.member_id = p_member and h.status = 'held';
$$;

-- Tier order, and the tier a number of tier credits in one calendar year reaches (thresholds are
-- governed parameters; set_governed_parameter keeps them rising).
create or replace function traqora.loyalty_tier_rank(p_tier text) returns int
language sql immutable set search_path = '' as $$
  select case p_tier when 'blue' then 0 when 'silver' then 1 when 'gold' then 2 when 'platinum' then 3 end;
$$;

create or replace function traqora.loyalty_tier_for(p_credits bigint) returns text
language sql stable set search_path = '' as $$
  select case when p_credits >= traqora.parameter('loyalty.tier_threshold.platinum') then 'platinum'
              when p_credits >= traqora.parameter('loyalty.tier_threshold.gold') then 'gold'
              when p_credits >= traqora.parameter('loyalty.tier_threshold.silver') then 'silver'
              else 'blue' end;
$$;

-- The tier below (Blue stays Blue): the most a year-end requalification takes away.
create or replace function traqora.loyalty_tier_below(p_tier text) returns text
language sql immutable set search_path = '' as $$
  select case p_tier when 'platinum' then 'gold' when 'gold' then 'silver' else 'blue' end;
$$;

-- What a tier gives, from the governed parameters (Blue: nothing beyond the fare). Refund
-- priority is the tier's rank: the refund review queue may order by it (loyalty_member_priority).
create or replace function traqora.loyalty_tier_benefits(p_tier text) returns jsonb
language sql stable set search_path = '' as $$
  select case when p_tier = 'blue' or p_tier is null then
           jsonb_build_object('tier', 'blue', 'fee_discount_bps', 0, 'extra_bags', 0, 'free_seat_selection', false, 'refund_priority', 0)
         else jsonb_build_object('tier', p_tier,
           'fee_discount_bps', traqora.parameter('loyalty.fee_discount.' || p_tier)::int,
           'extra_bags', traqora.parameter('loyalty.extra_bags.' || p_tier)::int,
           'free_seat_selection', traqora.parameter('loyalty.free_seat_selection.' || p_tier) = 1,
           'refund_priority', traqora.loyalty_tier_rank(p_tier)) end;
$$;

-- The part of a platform fee of p_fee_minor given back to traveller p_user at release, by their
-- tier now (rounded down: the platform never gives back more than the share). Called in the
-- release's transaction (60_bookings.sql release_booking): {tier, bps, amount_minor}.
create or replace function traqora.loyalty_fee_discount(p_user uuid, p_fee_minor bigint) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_tier text := coalesce((select tier from traqora.loyalty_members where user_id = p_user), 'blue');
  v_bps int := (traqora.loyalty_tier_benefits(v_tier)->>'fee_discount_bps')::int;
begin
  return jsonb_build_object('tier', v_tier, 'bps', v_bps, 'amount_minor', greatest(coalesce(p_fee_minor, 0), 0) * v_bps / 10000);
end $$;

-- Members by refund review priority (Platinum 3 … Blue 0): the refund queue joins this on the
-- requester to put higher tiers first; travellers who never earned are not here (priority 0).
create or replace view traqora.loyalty_member_priority as
  select m.user_id, m.tier, traqora.loyalty_tier_rank(m.tier) as refund_priority from traqora.loyalty_members m;

-- A member's active tier credits earned in one calendar year (UTC).
create or replace function traqora.loyalty_year_credits(p_member uuid, p_year int) returns bigint
language sql stable set search_path = '' as $$
  select coalesce(sum(amount), 0)::bigint from traqora.loyalty_ledger
  where member_id = p_member and currency = 'tier_credits' and state = 'active'
    and occurred_at >= make_timestamptz(p_year, 1, 1, 0, 0, 0, 'UTC') and occurred_at < make_timestamptz(p_year + 1, 1, 1, 0, 0, 0, 'UTC');
$$;

-- When status reached with year p_year's credits ends: the start of April, two years on.
create or replace function traqora.loyalty_tier_until(p_year int) returns timestamptz
language sql immutable set search_path = '' as $$
  select make_timestamptz(p_year + 2, 4, 1, 0, 0, 0, 'UTC');
$$;

-- After active tier credits were posted (the member's row locked by the caller): an upgrade when
-- this year's credits reached a higher tier, or the current tier's window extended when they
-- reached it again. Answers the loyalty.tier_changed payload for an upgrade, else null.
create or replace function traqora.loyalty_requalify(p_member uuid) returns jsonb
language plpgsql set search_path = '' as $$
declare
  m traqora.loyalty_members;
  v_year int := extract(year from now() at time zone 'UTC')::int;
  v_credits bigint;
  v_tier text;
begin
  select * into m from traqora.loyalty_members where user_id = p_member;
  v_credits := traqora.loyalty_year_credits(p_member, v_year);
  v_tier := traqora.loyalty_tier_for(v_credits);
  if traqora.loyalty_tier_rank(v_tier) > traqora.loyalty_tier_rank(m.tier) then
    update traqora.loyalty_members set tier = v_tier, tier_until = traqora.loyalty_tier_until(v_year) where user_id = p_member;
    insert into traqora.loyalty_tier_changes (member_id, from_tier, to_tier, kind, qualifying_year, tier_credits, tier_until)
    values (p_member, m.tier, v_tier, 'upgrade', v_year, v_credits, traqora.loyalty_tier_until(v_year));
    return jsonb_build_object('user_id', p_member, 'from', m.tier, 'to', v_tier, 'kind', 'upgrade', 'qualifying_year', v_year,
                              'tier_credits', v_credits, 'tier_until', traqora.loyalty_tier_until(v_year));
  elsif v_tier = m.tier and v_tier <> 'blue' and m.tier_until < traqora.loyalty_tier_until(v_year) then
    update traqora.loyalty_members set tier_until = traqora.loyalty_tier_until(v_year) where user_id = p_member;
  end if;
  return null;
end $$;

-- Job: requalifies every member whose status window ended by p_now on the credits of the year
-- before the window's end — keeping the tier those credits reach, but falling at most one tier
-- (soft landing). A window missed for several years falls one tier per year. Safe to re-run: a
-- requalified member's window moves a year on, and one change per member and year is all the
-- table accepts.
create or replace function public.loyalty_year_end(p_now timestamptz default now(), p_limit int default 1000) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  m traqora.loyalty_members;
  v_year int;
  v_credits bigint;
  v_to text;
  v_until timestamptz;
  v_changes jsonb := '[]'::jsonb;
  v_count int := 0;
  v_change jsonb;
begin
  if p_limit is null or p_limit not between 1 and 10000 then perform traqora.raise_problem('TQ400', 'limit must be between 1 and 10000', 'limit'); end if;
  for m in
    select * from traqora.loyalty_members where tier <> 'blue' and tier_until <= coalesce(p_now, now())
    order by tier_until limit p_limit for update skip locked
  loop
    while m.tier <> 'blue' and m.tier_until <= coalesce(p_now, now()) loop
      v_year := extract(year from m.tier_until at time zone 'UTC')::int - 1;   -- the status year just ended
      v_credits := traqora.loyalty_year_credits(m.user_id, v_year);
      v_to := traqora.loyalty_tier_for(v_credits);
      if traqora.loyalty_tier_rank(v_to) < traqora.loyalty_tier_rank(m.tier) then v_to := traqora.loyalty_tier_below(m.tier); end if;
      v_until := case when v_to = 'blue' then null else traqora.loyalty_tier_until(v_year) end;
      insert into traqora.loyalty_tier_changes (member_id, from_tier, to_tier, kind, qualifying_year, tier_credits, tier_until)
      values (m.user_id, m.tier, v_to, case when v_to = m.tier then 'requalified' when traqora.loyalty_tier_rank(v_to) < traqora.loyalty_tier_rank(m.tier) then 'downgrade' else 'requalified' end,
              v_year, v_credits, v_until)
      on conflict do nothing;
      v_changes := v_changes || jsonb_build_object('user_id', m.user_id, 'from', m.tier, 'to', v_to,
        'kind', case when traqora.loyalty_tier_rank(v_to) < traqora.loyalty_tier_rank(m.tier) then 'downgrade' else 'requalified' end,
        'qualifying_year', v_year, 'tier_credits', v_credits, 'tier_until', v_until);
      update traqora.loyalty_members set tier = v_to, tier_until = v_until where user_id = m.user_id returning * into m;
    end loop;
    v_count := v_count + 1;
  end loop;
  -- events last, after every member is written (emit_event's lock)
  for v_change in select value from jsonb_array_elements(v_changes) loop
    perform traqora.emit_event('loyalty.tier_changed', 'member', v_change->>'user_id', v_change, null);
  end loop;
  return jsonb_build_object('members', v_count, 'changes', jsonb_array_length(v_changes),
    'downgraded', (select count(*) from jsonb_array_elements(v_changes) c where c->>'kind' = 'downgrade'));
end $$;

-- When the member's active points expire: loyalty.points_expiry_months after their last earn or
-- spend (null when they hold none, or never had activity).
create or replace function traqora.loyalty_expires_at(m traqora.loyalty_members) returns timestamptz
language sql stable set search_path = '' as $$
  select case when m.points_active > 0 and m.last_activity_at is not null
              then m.last_activity_at + make_interval(months => traqora.parameter('loyalty.points_expiry_months')::int) end;
$$;

-- Job: the active points of every member with no earn or spend for loyalty.points_expiry_months
-- (as of p_now) expire — one 'expiry' row each, and a loyalty.points_expired event. Pending
-- points stay (they belong to a trip not flown yet), and so do points held for a wallet payment
-- in progress (the chain may still be paying with them; they expire, if still unspent, once the
-- hold lapsed). Safe to re-run: an expired member holds no unheld active points, and the expiry
-- row is not activity.
create or replace function public.loyalty_expire_points(p_now timestamptz default now(), p_limit int default 1000) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  m traqora.loyalty_members;
  v_expired bigint;
  v_done jsonb := '[]'::jsonb;
  v_row jsonb;
begin
  if p_limit is null or p_limit not between 1 and 10000 then perform traqora.raise_problem('TQ400', 'limit must be between 1 and 10000', 'limit'); end if;
  for m in
    select * from traqora.loyalty_members x
    where x.points_active > traqora.loyalty_points_held(x.user_id) and traqora.loyalty_expires_at(x) <= coalesce(p_now, now())
    order by x.last_activity_at limit p_limit for update skip locked
  loop
    -- the holds read under the member's lock (a hold is written under it)
    v_expired := m.points_active - traqora.loyalty_points_held(m.user_id);
    continue when v_expired <= 0;
    insert into traqora.loyalty_ledger (member_id, currency, amount, state, reason, source, source_ref)
    values (m.user_id, 'points', -v_expired, 'active',
            format('Expired: no points earned or spent for %s months', traqora.parameter('loyalty.points_expiry_months')::int), 'expiry', null);
    -- not loyalty_post: expiry is not activity, so last_activity_at stays
    update traqora.loyalty_members set points_active = points_active - v_expired where user_id = m.user_id;
    v_done := v_done || jsonb_build_object('user_id', m.user_id, 'points', v_expired, 'last_activity_at', m.last_activity_at);
  end loop;
  -- events last, after every member is written (emit_event's lock)
  for v_row in select value from jsonb_array_elements(v_done) loop
    perform traqora.emit_event('loyalty.points_expired', 'member', v_row->>'user_id', v_row, null);
  end loop;
  return jsonb_build_object('expired', jsonb_array_length(v_done));
end $$;

-- Redemption terms: p_points asked for a fare of p_base_minor. 100 points (the governed rate)
-- pay one dollar; only whole cents are bought, and only the points those cents cost are spent.
-- Points pay the fare, never the taxes. A 4xx naming `points` when the ask cannot be met.
-- p_balance is the member's redeemable balance: active points less those held for wallet payments.
create or replace function traqora.loyalty_redemption_terms(p_balance bigint, p_base_minor bigint, p_currency text, p_points bigint) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_rate numeric := traqora.parameter('loyalty.redemption_points_per_usd');
  v_discount bigint;
  v_spent bigint;
  v_max bigint;
begin
  if p_points is null or p_points < 0 then perform traqora.raise_problem('TQ400', 'points must be zero or more', 'points'); end if;
  if p_points > 0 and p_currency is distinct from 'USD' then
    perform traqora.raise_problem('TQ422', 'Points pay fares in US dollars only.', 'points');
  end if;
  -- the most this fare takes: its whole fare, or the balance, whichever is less
  v_max := least(ceil(p_base_minor * v_rate / 100), (floor(p_balance * 100 / v_rate) * v_rate / 100)::bigint)::bigint;
  v_discount := floor(p_points * 100 / v_rate)::bigint;
  v_spent := ceil(v_discount * v_rate / 100)::bigint;
  if v_discount > p_base_minor then
    perform traqora.raise_problem('TQ422', format('Points pay at most the fare (%s points here), not the taxes.', ceil(p_base_minor * v_rate / 100)), 'points');
  end if;
  if v_spent > p_balance then
    perform traqora.raise_problem('TQ409', format('You have %s points to spend.', p_balance), 'points');
  end if;
  return jsonb_build_object('points', v_spent, 'discount_minor', v_discount, 'currency', p_currency, 'points_per_usd', v_rate,
                            'balance', p_balance, 'max_points', greatest(v_max, 0));
end $$;

-- What p_points would take off a fare for this member now (the pay page's slider and the
-- quote's discount line), from the redeemable balance (points held for a wallet payment in
-- progress are not offered again); reads, never enrols.
create or replace function public.loyalty_redemption_quote(p_user_id uuid, p_base_minor bigint, p_currency text, p_points bigint default 0)
returns jsonb language plpgsql stable security definer set search_path = '' as $$
begin
  if p_base_minor is null or p_base_minor < 0 then perform traqora.raise_problem('TQ400', 'base_minor must be zero or more', 'base_minor'); end if;
  return traqora.loyalty_redemption_terms(coalesce((select points_active - traqora.loyalty_points_held(user_id) from traqora.loyalty_members where user_id = p_user_id), 0),
                                          p_base_minor, p_currency, p_points);
end $$;

-- Spends p_points on booking p_booking's fare, in the payment's transaction (pay_booking): the
-- member's row locked, the redeemable balance checked, one redemption per booking. Answers the terms.
create or replace function traqora.loyalty_redeem(p_user uuid, p_booking uuid, p_pnr text, p_base_minor bigint, p_currency text, p_points bigint) returns jsonb
language plpgsql set search_path = '' as $$
declare
  m traqora.loyalty_members;
  v_terms jsonb;
begin
  m := traqora.loyalty_member_for_update(p_user);
  v_terms := traqora.loyalty_redemption_terms(m.points_active - traqora.loyalty_points_held(m.user_id), p_base_minor, p_currency, p_points);
  if (v_terms->>'discount_minor')::bigint = 0 then
    perform traqora.raise_problem('TQ422', format('%s points buy less than a cent.', p_points), 'points');
  end if;
  if exists (select 1 from traqora.loyalty_redemptions where booking_id = p_booking) then
    perform traqora.raise_problem('TQ409', 'Points already paid part of this booking.', 'points');
  end if;
  insert into traqora.loyalty_redemptions (booking_id, member_id, pnr, points, discount_minor, currency, points_per_usd)
  values (p_booking, m.user_id, p_pnr, (v_terms->>'points')::bigint, (v_terms->>'discount_minor')::bigint, p_currency, (v_terms->>'points_per_usd')::numeric);
  perform traqora.loyalty_post(m.user_id, 'points', -(v_terms->>'points')::bigint, 'active',
    format('Booking %s: %s off the fare', p_pnr, to_char((v_terms->>'discount_minor')::bigint / 100.0, 'FM$999,999,990.00')),
    'redemption', p_booking::text, null, p_user);
  return v_terms;
end $$;

-- Gives back the points that paid booking p_booking's fare, in proportion to the money the
-- cancellation refunds (all of them on a full refund), in the cancellation's transaction.
-- Answers {points, returned_minor}: the money part goes back to the loyalty-liability account,
-- not to the traveller's wallet. Null when no points paid; a second call returns nothing more.
create or replace function traqora.loyalty_return_redemption(p_booking uuid, p_refund_minor bigint, p_total_minor bigint) returns jsonb
language plpgsql set search_path = '' as $$
declare
  r traqora.loyalty_redemptions;
  v_points bigint;
  v_minor bigint;
  v_share numeric;
begin
  select * into r from traqora.loyalty_redemptions where booking_id = p_booking;
  if r.booking_id is null then return null; end if;
  perform traqora.loyalty_member_for_update(r.member_id);
  select * into r from traqora.loyalty_redemptions where booking_id = p_booking for update;
  if r.points_returned > 0 or r.returned_minor > 0 then return jsonb_build_object('points', 0, 'returned_minor', 0); end if;
  v_share := case when p_total_minor <= 0 then 1 else least(greatest(p_refund_minor, 0), p_total_minor)::numeric / p_total_minor end;
  v_points := round(r.points * v_share)::bigint;
  v_minor := round(r.discount_minor * v_share)::bigint;
  update traqora.loyalty_redemptions set points_returned = v_points, returned_minor = v_minor where booking_id = p_booking;
  perform traqora.loyalty_post(r.member_id, 'points', v_points, 'active', format('Booking %s cancelled: redeemed points returned', r.pnr),
                               'redemption', p_booking::text, null, null);
  return jsonb_build_object('points', v_points, 'returned_minor', v_minor);
end $$;

-- Points held for a wallet payment (the soroban rail). The server signs a payment quote whose
-- sponsor part the platform's loyalty-liability account pays on chain, in the same transaction
-- as the traveller's wallet; the wallet sends it whenever it likes before the quote expires, and
-- the server learns of it afterwards. So the points are held when the quote is signed
-- (loyalty_hold_for_quote, in the quote's transaction), spent when the payment is confirmed
-- (loyalty_spend_quote_hold, in confirm_chain_payment's), and lapse once the quote can no longer
-- be paid (loyalty_lapse_quote_holds). Table: migrations/20261212000100_loyalty_quote_holds.sql.
-- Lock order as everywhere here: booking (the caller's) → member → hold rows.

create or replace function traqora.loyalty_quote_hold_json(h traqora.loyalty_quote_holds) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('hold_id', h.id, 'quote_ref', h.quote_ref, 'booking_id', h.booking_id, 'pnr', h.pnr,
    'points', h.points, 'discount_minor', h.discount_minor, 'currency', h.currency, 'points_per_usd', h.points_per_usd,
    'expires_at', h.expires_at, 'status', h.status, 'shortfall_points', h.shortfall_points);
$$;

-- Holds p_points of member p_user for one signed quote of booking p_booking: the redemption terms
-- (the same 4xx naming `points` as at checkout) applied to the redeemable balance, i.e. active
-- points less the member's live holds. Several live holds per booking may exist (each signed quote
-- can be sent until it expires); each holds its own points. Answers the terms, `hold_id` and
-- `balance` (redeemable after this hold). The quote's ref is unique (a signature over the whole
-- quote): the same ref again answers the hold it made (`replayed`); for another booking, a 409.
create or replace function traqora.loyalty_hold_for_quote(p_user uuid, p_booking uuid, p_pnr text, p_base_minor bigint,
                                                          p_currency text, p_points bigint, p_quote_ref text, p_expires_at timestamptz)
returns jsonb language plpgsql set search_path = '' as $$
declare
  m traqora.loyalty_members;
  h traqora.loyalty_quote_holds;
  v_redeemable bigint;
  v_terms jsonb;
begin
  if p_quote_ref is null or char_length(p_quote_ref) not between 1 and 200 then
    perform traqora.raise_problem('TQ400', 'quote_ref must be 1 to 200 characters', 'quote_ref');
  end if;
  if p_expires_at is null then perform traqora.raise_problem('TQ400', 'expires_at is required', 'expires_at'); end if;
  if p_base_minor is null or p_base_minor < 0 then perform traqora.raise_problem('TQ400', 'base_minor must be zero or more', 'base_minor'); end if;
  m := traqora.loyalty_member_for_update(p_user);
  select * into h from traqora.loyalty_quote_holds where quote_ref = p_quote_ref;
  if h.id is not null then
    if h.booking_id <> p_booking or h.member_id <> m.user_id then
      perform traqora.raise_problem('TQ409', 'This quote holds points for another booking.', 'quote_ref');
    end if;
    return traqora.loyalty_quote_hold_json(h)
      || jsonb_build_object('balance', m.points_active - traqora.loyalty_points_held(m.user_id), 'replayed', true);
  end if;
  v_redeemable := m.points_active - traqora.loyalty_points_held(m.user_id);
  v_terms := traqora.loyalty_redemption_terms(v_redeemable, p_base_minor, p_currency, p_points);
  if (v_terms->>'discount_minor')::bigint = 0 then
    perform traqora.raise_problem('TQ422', format('%s points buy less than a cent.', p_points), 'points');
  end if;
  insert into traqora.loyalty_quote_holds (quote_ref, booking_id, member_id, pnr, points, discount_minor, currency, points_per_usd, expires_at)
  values (p_quote_ref, p_booking, m.user_id, p_pnr, (v_terms->>'points')::bigint, (v_terms->>'discount_minor')::bigint, p_currency,
          (v_terms->>'points_per_usd')::numeric, p_expires_at)
  returning * into h;
  return v_terms || traqora.loyalty_quote_hold_json(h) || jsonb_build_object('balance', v_redeemable - h.points, 'replayed', false);
end $$;

-- The chain confirmed the payment of booking p_booking with the quote p_quote_ref, in
-- confirm_chain_payment's transaction (the booking row locked). That quote's hold is spent: the
-- redemption row (as loyalty_redeem writes it, so loyalty_return_redemption gives the points back
-- on a cancellation) and the member's ledger line. Every other live hold of the booking is
-- dropped, whether or not a hold was spent. Answers the terms spent, or null (no hold with that
-- ref: the quote carried no points).
--
-- The chain is the truth: the liability account paid the sponsor part, so the points are taken
-- even from a hold that lapsed but is still in the table. A hold still 'held' is covered by
-- construction (nothing takes held points), and if it is not, this fails loudly rather than
-- confirming a payment with points nobody paid. A lapsed hold's points were free to spend again;
-- holds lapse only after the quote's expiry plus loyalty.quote_hold_grace_seconds, when the
-- escrow refuses the quote, so a spend after a lapse means clocks disagreed by more than the
-- grace. Then the points are taken if the member's redeemable balance still covers them, and
-- otherwise none are: the hold is marked spent with its shortfall_points, no ledger line and
-- no redemption, for the liability's reconciliation (loyalty_quote_hold_shortfalls). Points are
-- never taken that the member does not have, and the payment is still recorded.
create or replace function traqora.loyalty_spend_quote_hold(p_booking uuid, p_quote_ref text) returns jsonb
language plpgsql set search_path = '' as $$
declare
  h traqora.loyalty_quote_holds;
  m traqora.loyalty_members;
  v_redeemable bigint;
  v_out jsonb;
begin
  select * into h from traqora.loyalty_quote_holds where quote_ref = p_quote_ref and booking_id = p_booking;
  if h.id is not null then
    m := traqora.loyalty_member_for_update(h.member_id);
    select * into h from traqora.loyalty_quote_holds where id = h.id for update;
    if h.status = 'spent' then
      v_out := traqora.loyalty_quote_hold_json(h) || jsonb_build_object('replayed', true);
    else
      if exists (select 1 from traqora.loyalty_redemptions where booking_id = p_booking) then
        raise exception 'booking % already has a points redemption; quote hold % cannot be spent', p_booking, h.id;
      end if;
      -- what the member could spend without this hold
      v_redeemable := m.points_active - traqora.loyalty_points_held(m.user_id) + case when h.status = 'held' then h.points else 0 end;
      if v_redeemable >= h.points then
        insert into traqora.loyalty_redemptions (booking_id, member_id, pnr, points, discount_minor, currency, points_per_usd)
        values (p_booking, h.member_id, h.pnr, h.points, h.discount_minor, h.currency, h.points_per_usd);
        perform traqora.loyalty_post(h.member_id, 'points', -h.points, 'active',
          format('Booking %s: %s off the fare', h.pnr, to_char(h.discount_minor / 100.0, 'FM$999,999,990.00')),
          'redemption', p_booking::text, null, h.member_id);
        update traqora.loyalty_quote_holds set status = 'spent', settled_at = now() where id = h.id returning * into h;
      elsif h.status = 'held' then
        raise exception 'quote hold % of member % holds % points the member no longer has (% redeemable)', h.id, h.member_id, h.points, v_redeemable;
      else
        update traqora.loyalty_quote_holds set status = 'spent', shortfall_points = points, settled_at = now() where id = h.id returning * into h;
      end if;
      v_out := traqora.loyalty_quote_hold_json(h) || jsonb_build_object('replayed', false);
    end if;
  end if;
  update traqora.loyalty_quote_holds set status = 'dropped', settled_at = now()
  where booking_id = p_booking and status = 'held' and id is distinct from h.id;
  return v_out;
end $$;

-- Job (loyalty-quote-holds, every minute): holds whose quote expired more than
-- loyalty.quote_hold_grace_seconds before p_now lapse, and their points are redeemable again.
-- The grace covers the ledger's close time trailing our clock: until then the escrow could still
-- accept the quote. Safe to re-run and to run on several instances (skip locked).
create or replace function public.loyalty_lapse_quote_holds(p_now timestamptz default now(), p_limit int default 1000) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_count int;
begin
  if p_limit is null or p_limit not between 1 and 10000 then perform traqora.raise_problem('TQ400', 'limit must be between 1 and 10000', 'limit'); end if;
  with due as (
    select h.id from traqora.loyalty_quote_holds h
    where h.status = 'held'
      and h.expires_at + make_interval(secs => traqora.parameter('loyalty.quote_hold_grace_seconds')::int) <= coalesce(p_now, now())
    order by h.expires_at limit p_limit for update skip locked)
  update traqora.loyalty_quote_holds h set status = 'lapsed', settled_at = now() from due where h.id = due.id;
  get diagnostics v_count = row_count;
  return jsonb_build_object('lapsed', v_count);
end $$;

-- Spends whose points were no longer there (see loyalty_spend_quote_hold): the liability paid
-- their money on chain with no points taken. Newest first; for the reconciliation.
create or replace function public.loyalty_quote_hold_shortfalls(p_limit int default 50) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(traqora.loyalty_quote_hold_json(h) || jsonb_build_object('member_id', h.member_id, 'settled_at', h.settled_at)
                            order by h.settled_at desc, h.id desc), '[]'::jsonb)
  from (select * from traqora.loyalty_quote_holds where shortfall_points > 0
        order by settled_at desc, id desc limit least(greatest(coalesce(p_limit, 50), 1), 200)) h;
$$;

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

-- The campaign bonus a booking earns on top of its p_points, from every campaign running at
-- p_at whose filters the booking (an event payload) matches: {bonus, campaigns: [{id, name, bonus}]}.
create or replace function traqora.loyalty_campaign_bonus(p_booking jsonb, p_points bigint, p_at timestamptz) returns jsonb
language sql stable set search_path = '' as $$
  with matched as (
    select c.id, c.name,
           case when c.kind = 'multiplier' then floor(p_points * (c.value - 1))::bigint else c.value::bigint end as bonus
    from traqora.loyalty_campaigns c
    where c.starts_at <= p_at and c.ends_at > p_at
      and (c.cabin is null or c.cabin = p_booking->>'cabin')
      and (c.fare_family is null or c.fare_family = p_booking->>'fare_family')
      and (c.airline is null or exists (select 1 from jsonb_array_elements(p_booking->'segments') s where s->>'airline' = c.airline))
      and (c.origin is null or exists (select 1 from jsonb_array_elements(p_booking->'segments') s
                                       where s->>'origin' = c.origin and s->>'destination' = c.destination)))
  select jsonb_build_object('bonus', coalesce(sum(bonus), 0),
                            'campaigns', coalesce(jsonb_agg(jsonb_build_object('id', id, 'name', name, 'bonus', bonus) order by id), '[]'::jsonb))
  from matched where bonus > 0;
$$;

create or replace function traqora.loyalty_campaign_json(c traqora.loyalty_campaigns) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('id', c.id, 'name', c.name, 'kind', c.kind, 'value', c.value, 'starts_at', c.starts_at, 'ends_at', c.ends_at,
    'origin', c.origin, 'destination', c.destination, 'airline', c.airline, 'cabin', c.cabin, 'fare_family', c.fare_family,
    'status', case when now() < c.starts_at then 'scheduled' when now() < c.ends_at then 'running' else 'ended' end,
    'created_by', c.created_by, 'created_at', c.created_at);
$$;

-- Creates a campaign (a rewards manager; p_ctx the audit context). p_campaign: name, kind,
-- value, starts_at, ends_at and the optional filters. The same idempotency key from the same
-- actor answers the first campaign. 400 naming the field for anything out of shape.
create or replace function public.loyalty_create_campaign(p_ctx jsonb, p_campaign jsonb, p_key text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  c traqora.loyalty_campaigns;
  v_actor uuid := nullif(p_ctx ->> 'actor', '')::uuid;
begin
  select * into c from traqora.loyalty_campaigns where created_by is not distinct from v_actor and idempotency_key = p_key;
  if c.id is not null then return traqora.loyalty_campaign_json(c) || jsonb_build_object('replayed', true); end if;
  if p_campaign->>'fare_family' is not null and not exists (select 1 from traqora.fare_families where code = p_campaign->>'fare_family') then
    perform traqora.raise_problem('TQ400', 'Unknown fare family.', 'fare_family');
  end if;
  if (p_campaign->>'ends_at')::timestamptz <= (p_campaign->>'starts_at')::timestamptz then
    perform traqora.raise_problem('TQ400', 'ends_at must be after starts_at', 'ends_at');
  end if;
  if (p_campaign->>'ends_at')::timestamptz <= now() then
    perform traqora.raise_problem('TQ400', 'ends_at must be in the future', 'ends_at');
  end if;
  insert into traqora.loyalty_campaigns (name, kind, value, starts_at, ends_at, origin, destination, airline, cabin, fare_family, created_by, idempotency_key)
  values (p_campaign->>'name', p_campaign->>'kind', (p_campaign->>'value')::numeric, (p_campaign->>'starts_at')::timestamptz,
          (p_campaign->>'ends_at')::timestamptz, p_campaign->>'origin', p_campaign->>'destination', p_campaign->>'airline',
          p_campaign->>'cabin', p_campaign->>'fare_family', v_actor, p_key)
  returning * into c;
  perform traqora.audit_append(p_ctx, 'loyalty.campaign_created', 'loyalty_campaign', c.id::text, null, traqora.loyalty_campaign_json(c));
  perform traqora.emit_event('loyalty.campaign_created', 'loyalty_campaign', c.id::text, traqora.loyalty_campaign_json(c), v_actor);
  return traqora.loyalty_campaign_json(c) || jsonb_build_object('replayed', false);
exception when check_violation then
  perform traqora.raise_problem('TQ400', 'The campaign is out of shape: multiplier value above 1 and at most 10, fixed value whole points 1–100000, route as two airport codes, airline a 2-character code, a known cabin.', 'body');
end $$;

-- Ends a running or scheduled campaign now (bookings paid from now on earn no bonus from it).
create or replace function public.loyalty_end_campaign(p_ctx jsonb, p_id bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  c traqora.loyalty_campaigns;
  v_before jsonb;
begin
  select * into c from traqora.loyalty_campaigns where id = p_id for update;
  if c.id is null then perform traqora.raise_problem('TQ404', 'No such campaign.', 'id'); end if;
  if c.ends_at <= now() then perform traqora.raise_problem('TQ409', 'This campaign has ended already.', 'id'); end if;
  v_before := traqora.loyalty_campaign_json(c);
  update traqora.loyalty_campaigns set ends_at = greatest(now(), starts_at + interval '1 microsecond'), starts_at = least(starts_at, now())
  where id = p_id returning * into c;
  perform traqora.audit_append(p_ctx, 'loyalty.campaign_ended', 'loyalty_campaign', c.id::text, v_before, traqora.loyalty_campaign_json(c));
  perform traqora.emit_event('loyalty.campaign_ended', 'loyalty_campaign', c.id::text, traqora.loyalty_campaign_json(c), nullif(p_ctx ->> 'actor', '')::uuid);
  return traqora.loyalty_campaign_json(c);
end $$;

-- Campaigns, newest first, p_limit before the cursor (a campaign id).
create or replace function public.loyalty_campaigns(p_cursor bigint default null, p_limit int default 50) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_rows jsonb;
  v_count int;
begin
  if p_limit is null or p_limit not between 1 and 200 then perform traqora.raise_problem('TQ400', 'limit must be between 1 and 200', 'limit'); end if;
  select coalesce(jsonb_agg(traqora.loyalty_campaign_json(c) order by c.id desc), '[]'::jsonb), count(*) into v_rows, v_count
  from (select * from traqora.loyalty_campaigns where p_cursor is null or id < p_cursor order by id desc limit p_limit + 1) c;
  if v_count > p_limit then
    v_rows := v_rows - p_limit;
    return jsonb_build_object('data', v_rows, 'next_cursor', (v_rows->(p_limit - 1)->>'id')::bigint);
  end if;
  return jsonb_build_object('data', v_rows, 'next_cursor', null);
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
  v_tier jsonb;
  v_bonus jsonb;
  v_rev_bonus bigint;
  v_ref text;
  v_referral jsonb;
  v_badges text[];
  v_referrer_badges text[];
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
    -- the part of the fare points paid earns nothing: earn on the money paid for it
    b := b || jsonb_build_object('base_minor', greatest(coalesce((b->>'base_minor')::bigint, 0)
           - coalesce((select discount_minor from traqora.loyalty_redemptions where booking_id = v_ref::uuid), 0), 0));
    v_earn := traqora.loyalty_earn(b, m.tier);
    -- campaigns running when the booking was paid (or completed, if loyalty never saw the payment)
    v_bonus := traqora.loyalty_campaign_bonus(b, (v_earn->>'points')::bigint, e.occurred_at);
    v_earn := v_earn || jsonb_build_object('bonus_points', v_bonus->'bonus', 'campaigns', v_bonus->'campaigns');
    v_state := case when e.type = 'booking.paid' then 'pending' else 'active' end;
    insert into traqora.loyalty_bookings (booking_id, member_id, pnr, status, points, tier_credits, bonus_points, earn)
    values (v_ref::uuid, m.user_id, b->>'pnr', v_state, (v_earn->>'points')::bigint, (v_earn->>'tier_credits')::bigint,
            (v_bonus->>'bonus')::bigint, v_earn)
    returning * into lb;
    perform traqora.loyalty_post(m.user_id, 'points', lb.bonus_points, v_state,
      format('Booking %s: campaign bonus (%s)', lb.pnr, (select string_agg(c->>'name', ', ') from jsonb_array_elements(v_bonus->'campaigns') c)),
      'campaign', v_ref, e.id, e.actor);
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
    perform traqora.loyalty_post(m.user_id, 'points', -lb.bonus_points, 'pending', format('Booking %s flown: campaign bonus now active', lb.pnr), 'campaign', v_ref, e.id, e.actor);
    perform traqora.loyalty_post(m.user_id, 'points', lb.bonus_points, 'active', format('Booking %s, flown: campaign bonus', lb.pnr), 'campaign', v_ref, e.id, e.actor);
    update traqora.loyalty_bookings set status = 'active' where booking_id = lb.booking_id returning * into lb;
    v_outcome := 'activated';
    v_emit := jsonb_build_object('type', 'loyalty.points_activated');
  elsif e.type = 'booking.cancelled' and lb.status = 'pending' then
    -- In proportion to the money refunded (half-up), never more than was earned.
    v_refund := greatest(coalesce((b->>'refund_minor')::bigint, 0), 0);
    v_total := coalesce((b->>'total_minor')::bigint, 0);
    v_rev_points := case when v_total <= 0 then lb.points else round(lb.points * least(v_refund, v_total)::numeric / v_total)::bigint end;
    v_rev_credits := case when v_total <= 0 then lb.tier_credits else round(lb.tier_credits * least(v_refund, v_total)::numeric / v_total)::bigint end;
    v_rev_bonus := case when v_total <= 0 then lb.bonus_points else round(lb.bonus_points * least(v_refund, v_total)::numeric / v_total)::bigint end;
    -- one reversal row per currency (the event's unique key): the fare's points and the bonus together
    perform traqora.loyalty_post(m.user_id, 'points', -(v_rev_points + v_rev_bonus), 'pending', format('Booking %s cancelled: reversed for the money refunded', lb.pnr), 'reversal', v_ref, e.id, e.actor);
    perform traqora.loyalty_post(m.user_id, 'points', -(lb.bonus_points - v_rev_bonus), 'pending', format('Booking %s cancelled: campaign bonus for the fare kept now active', lb.pnr), 'campaign', v_ref, e.id, e.actor);
    perform traqora.loyalty_post(m.user_id, 'points', lb.bonus_points - v_rev_bonus, 'active', format('Booking %s cancelled: campaign bonus kept', lb.pnr), 'campaign', v_ref, e.id, e.actor);
    perform traqora.loyalty_post(m.user_id, 'tier_credits', -v_rev_credits, 'pending', format('Booking %s cancelled: reversed for the money refunded', lb.pnr), 'reversal', v_ref, e.id, e.actor);
    -- the rest was paid for and not refunded: it is earned
    perform traqora.loyalty_post(m.user_id, 'points', -(lb.points - v_rev_points), 'pending', format('Booking %s cancelled: points for the fare kept now active', lb.pnr), 'booking', v_ref, e.id, e.actor);
    perform traqora.loyalty_post(m.user_id, 'points', lb.points - v_rev_points, 'active', format('Booking %s cancelled: fare kept by the airline', lb.pnr), 'booking', v_ref, e.id, e.actor);
    perform traqora.loyalty_post(m.user_id, 'tier_credits', -(lb.tier_credits - v_rev_credits), 'pending', format('Booking %s cancelled: tier credits for the fare kept now active', lb.pnr), 'booking', v_ref, e.id, e.actor);
    perform traqora.loyalty_post(m.user_id, 'tier_credits', lb.tier_credits - v_rev_credits, 'active', format('Booking %s cancelled: fare kept by the airline', lb.pnr), 'booking', v_ref, e.id, e.actor);
    update traqora.loyalty_bookings set status = 'reversed', points_reversed = v_rev_points, tier_credits_reversed = v_rev_credits,
                                        bonus_points_reversed = v_rev_bonus
    where booking_id = lb.booking_id returning * into lb;
    v_outcome := 'reversed';
    v_emit := jsonb_build_object('type', 'loyalty.points_reversed', 'refund_minor', v_refund, 'total_minor', v_total);
  end if;

  -- active tier credits may have reached a tier
  if v_outcome in ('earned', 'activated', 'reversed') then v_tier := traqora.loyalty_requalify(m.user_id); end if;
  if lb.status = 'active' and v_outcome in ('earned', 'activated') then
    -- a flown trip rewards the referral that brought this member, once (93_referrals.sql)
    v_referral := traqora.loyalty_referral_reward(m.user_id, lb.booking_id, e.id);
    -- its segments count towards badges (94_badges.sql); the referrer may reach Ambassador
    perform traqora.loyalty_record_trip(m.user_id, b, e.id);
    v_badges := traqora.loyalty_award_badges(m.user_id, 'booking:' || lb.booking_id);
    if v_referral is not null then
      v_referrer_badges := traqora.loyalty_award_badges((v_referral->>'referrer_id')::uuid, 'referral:' || m.user_id);
    end if;
  end if;

  -- the event last, after every write (emit_event's lock)
  if v_emit is not null then
    perform traqora.emit_event(v_emit->>'type', 'member', m.user_id::text,
      jsonb_build_object('user_id', m.user_id, 'booking_id', lb.booking_id, 'pnr', lb.pnr, 'source_event_id', e.id,
                         'points', lb.points, 'tier_credits', lb.tier_credits, 'bonus_points', lb.bonus_points, 'status', lb.status,
                         'points_reversed', lb.points_reversed, 'tier_credits_reversed', lb.tier_credits_reversed,
                         'bonus_points_reversed', lb.bonus_points_reversed)
      || (v_emit - 'type'), e.actor);
  end if;
  if v_tier is not null then perform traqora.emit_event('loyalty.tier_changed', 'member', m.user_id::text, v_tier, e.actor); end if;
  if v_referral is not null then perform traqora.emit_event('loyalty.referral_rewarded', 'member', m.user_id::text, v_referral, e.actor); end if;
  perform traqora.loyalty_emit_badges(m.user_id, v_badges, e.actor);
  if v_referral is not null then perform traqora.loyalty_emit_badges((v_referral->>'referrer_id')::uuid, v_referrer_badges, e.actor); end if;
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

-- The member's summary: balances by state, tier credits this calendar year, the tier with its
-- window, what the next tier needs and what keeps this one, referral code. A traveller who never
-- earned is a Blue member with nothing yet (read without enrolling).
create or replace function public.loyalty_summary(p_user_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  m traqora.loyalty_members;
  v_year int := extract(year from now() at time zone 'UTC')::int;
  v_credits bigint;
  v_tier text;
  v_next text;
  v_window_end timestamptz := make_timestamptz(v_year + 1, 1, 1, 0, 0, 0, 'UTC');
  v_held bigint;
begin
  select * into m from traqora.loyalty_members where user_id = p_user_id;
  v_held := case when m.user_id is null then 0 else traqora.loyalty_points_held(m.user_id) end;
  v_credits := case when m.user_id is null then 0 else traqora.loyalty_year_credits(m.user_id, v_year) end;
  v_tier := coalesce(m.tier, 'blue');
  v_next := case v_tier when 'blue' then 'silver' when 'silver' then 'gold' when 'gold' then 'platinum' end;
  return jsonb_build_object(
    'member', m.user_id is not null,
    'tier', v_tier,
    'tier_until', m.tier_until,
    'referral_code', m.referral_code,
    'points', jsonb_build_object('active', coalesce(m.points_active, 0), 'pending', coalesce(m.points_pending, 0)),
    -- active points held for wallet payments in progress, and what is left to spend
    'points_held', v_held,
    'points_redeemable', coalesce(m.points_active, 0) - v_held,
    'tier_credits', jsonb_build_object(
      'this_year', v_credits,
      'pending', coalesce(m.tier_credits_pending, 0),
      'window_ends_at', v_window_end,
      'days_left', ceil(extract(epoch from v_window_end - now()) / 86400)::int),
    'thresholds', jsonb_build_object('silver', traqora.parameter('loyalty.tier_threshold.silver'),
                                     'gold', traqora.parameter('loyalty.tier_threshold.gold'),
                                     'platinum', traqora.parameter('loyalty.tier_threshold.platinum')),
    -- the next tier up and the credits still needed for it this year (null at Platinum)
    'next_tier', case when v_next is null then null else jsonb_build_object('tier', v_next,
      'threshold', traqora.parameter('loyalty.tier_threshold.' || v_next),
      'needed', greatest(traqora.parameter('loyalty.tier_threshold.' || v_next) - v_credits, 0)) end,
    -- what keeps the current tier at the next requalification (null for Blue)
    'keep_tier', case when v_tier = 'blue' then null else jsonb_build_object('tier', v_tier,
      'threshold', traqora.parameter('loyalty.tier_threshold.' || v_tier),
      'needed', greatest(traqora.parameter('loyalty.tier_threshold.' || v_tier) - v_credits, 0)) end,
    'multipliers', jsonb_build_object('blue', traqora.parameter('loyalty.tier_multiplier.blue'),
                                      'silver', traqora.parameter('loyalty.tier_multiplier.silver'),
                                      'gold', traqora.parameter('loyalty.tier_multiplier.gold'),
                                      'platinum', traqora.parameter('loyalty.tier_multiplier.platinum')),
    'redemption', jsonb_build_object('points_per_usd', traqora.parameter('loyalty.redemption_points_per_usd')),
    -- what the tier gives now: applied at release (fee), shown in the fare conditions (bags, seats)
    'benefits', traqora.loyalty_tier_benefits(v_tier),
    -- when the active points expire without activity, and whether that is within 30 days (the
    -- dashboard's notice, until notifications send it)
    'points_expire_at', traqora.loyalty_expires_at(m),
    'expiry_notice', coalesce(traqora.loyalty_expires_at(m) <= now() + interval '30 days', false),
    'last_activity_at', m.last_activity_at,
    'joined_at', m.joined_at);
end $$;

-- The member's charts: points by month for the last 12 months, net by source (earned on
-- bookings, campaigns, referrals…; reversals and redemptions negative), both states together so
-- a pending → active move nets to zero in the month it happens; and active tier credits by month
-- of this calendar year, running total, against the thresholds.
create or replace function public.loyalty_stats(p_user_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  with months as (
    select generate_series(date_trunc('month', now() at time zone 'UTC') - interval '11 months',
                           date_trunc('month', now() at time zone 'UTC'), interval '1 month') as month),
  points as (
    select date_trunc('month', l.occurred_at at time zone 'UTC') as month, l.source, sum(l.amount)::bigint as amount
    from traqora.loyalty_ledger l
    where l.member_id = p_user_id and l.currency = 'points'
      and l.occurred_at >= (date_trunc('month', now() at time zone 'UTC') - interval '11 months') at time zone 'UTC'
    group by 1, 2 having sum(l.amount) <> 0),
  year_months as (
    select generate_series(date_trunc('year', now() at time zone 'UTC'), date_trunc('month', now() at time zone 'UTC'), interval '1 month') as month),
  credits as (
    select date_trunc('month', l.occurred_at at time zone 'UTC') as month, sum(l.amount)::bigint as amount
    from traqora.loyalty_ledger l
    where l.member_id = p_user_id and l.currency = 'tier_credits' and l.state = 'active'
      and l.occurred_at >= date_trunc('year', now() at time zone 'UTC') at time zone 'UTC'
    group by 1)
  select jsonb_build_object(
    'points_by_month', (select jsonb_agg(jsonb_build_object('month', to_char(m.month, 'YYYY-MM'),
                          'by_source', coalesce((select jsonb_object_agg(p.source, p.amount) from points p where p.month = m.month), '{}'::jsonb))
                        order by m.month) from months m),
    'tier_credits_by_month', (select jsonb_agg(jsonb_build_object('month', to_char(y.month, 'YYYY-MM'),
                                'earned', coalesce((select c.amount from credits c where c.month = y.month), 0),
                                'total', coalesce((select sum(c.amount) from credits c where c.month <= y.month), 0))
                              order by y.month) from year_months y));
$$;

-- What a history row means for the member: points or credits that went pending, became
-- active (earned), left pending on activation (activated), were reversed, paid a fare
-- (redeemed), came back from a cancelled redemption (returned), or expired.
create or replace function traqora.loyalty_entry_kind(l traqora.loyalty_ledger) returns text
language sql immutable set search_path = '' as $$
  select case when l.source = 'reversal' then 'reversed'
              when l.source = 'redemption' and l.amount < 0 then 'redeemed'
              when l.source = 'redemption' then 'returned'
              when l.source = 'expiry' then 'expired'
              when l.state = 'pending' and l.amount > 0 then 'pending'
              when l.state = 'active' and l.amount > 0 then 'earned'
              when l.state = 'pending' then 'activated'
              else 'spent' end;
$$;

-- The member's ledger, newest first, p_limit rows before the cursor (a row id), optionally only
-- one kind: earned, pending, redeemed, returned, expired or reversed. next_cursor is null on the last page.
create or replace function public.loyalty_history(p_user_id uuid, p_kind text default null, p_cursor bigint default null, p_limit int default 20)
returns jsonb language plpgsql stable security definer set search_path = '' as $$
declare
  v_rows jsonb;
  v_count int;
begin
  if p_kind is not null and p_kind not in ('earned', 'pending', 'redeemed', 'returned', 'expired', 'reversed') then
    perform traqora.raise_problem('TQ400', 'kind must be earned, pending, redeemed, returned, expired or reversed', 'kind');
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

-- A member as a rewards manager sees them: their summary and latest ledger rows. 404 for an id
-- that is no user (only the id is looked at: the console owns the rest of the account).
-- The history pages as the member's own does (issue #14's cursors): p_cursor is the previous
-- page's next_cursor (a ledger id; rows are append-only), p_limit 1–100.
create or replace function public.loyalty_admin_member(p_user_id uuid, p_cursor bigint default null, p_limit int default 20) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  if not exists (select 1 from traqora.users where id = p_user_id) then perform traqora.raise_problem('TQ404', 'No such user.', 'id'); end if;
  return jsonb_build_object('user_id', p_user_id, 'summary', public.loyalty_summary(p_user_id),
                            'history', public.loyalty_history(p_user_id, null, p_cursor, coalesce(p_limit, 20)));
end $$;

-- A manual adjustment of a member's active points by a rewards manager (p_ctx: the audit
-- context, its reason required): one ledger row (source 'adjustment', the actor recorded), an
-- audit row, a loyalty.points_adjusted event. p_key (the request's Idempotency-Key) makes a retry
-- answer the first result without posting again. Taking away more than the member has is a 409.
create or replace function public.loyalty_adjust(p_ctx jsonb, p_user_id uuid, p_points bigint, p_key text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  m traqora.loyalty_members;
  v_reason text := trim(p_ctx ->> 'reason');
  v_actor uuid := nullif(p_ctx ->> 'actor', '')::uuid;
  v_before bigint;
  l traqora.loyalty_ledger;
begin
  if v_reason is null or char_length(v_reason) not between 3 and 300 then
    perform traqora.raise_problem('TQ400', 'reason must be 3 to 300 characters', 'reason');
  end if;
  if p_points is null or p_points = 0 or abs(p_points) > 10000000 then
    perform traqora.raise_problem('TQ400', 'points must be a non-zero whole number up to 10,000,000 either way', 'points');
  end if;
  if p_key is null or char_length(p_key) not between 8 and 190 then
    perform traqora.raise_problem('TQ400', 'An idempotency key of 8 to 190 characters is required.', 'Idempotency-Key');
  end if;
  if not exists (select 1 from traqora.users where id = p_user_id) then perform traqora.raise_problem('TQ404', 'No such user.', 'id'); end if;
  m := traqora.loyalty_member_for_update(p_user_id);
  select * into l from traqora.loyalty_ledger where member_id = m.user_id and source = 'adjustment' and source_ref = 'adjustment:' || p_key;
  if l.id is not null then
    if l.amount <> p_points then
      perform traqora.raise_problem('TQ409', 'This Idempotency-Key was used for another adjustment.', 'Idempotency-Key');
    end if;
    return jsonb_build_object('entry_id', l.id, 'points', l.amount, 'points_active', m.points_active, 'replayed', true);
  end if;
  if m.points_active + p_points < 0 then
    perform traqora.raise_problem('TQ409', format('The member has %s active points; an adjustment cannot take more.', m.points_active), 'points');
  end if;
  -- points held for a wallet payment in progress may be spent by the chain at any moment
  if p_points < 0 and m.points_active + p_points < traqora.loyalty_points_held(m.user_id) then
    perform traqora.raise_problem('TQ409', format('%s of the member''s %s active points are held for a payment in progress; an adjustment cannot take them.',
                                                  traqora.loyalty_points_held(m.user_id), m.points_active), 'points');
  end if;
  v_before := m.points_active;
  perform traqora.loyalty_post(m.user_id, 'points', p_points, 'active', 'Adjustment: ' || v_reason, 'adjustment', 'adjustment:' || p_key, null, v_actor);
  select * into l from traqora.loyalty_ledger where member_id = m.user_id and source = 'adjustment' and source_ref = 'adjustment:' || p_key;
  perform traqora.audit_append(p_ctx, 'loyalty.adjusted', 'member', m.user_id::text,
    jsonb_build_object('points_active', v_before), jsonb_build_object('points_active', v_before + p_points, 'entry_id', l.id));
  perform traqora.emit_event('loyalty.points_adjusted', 'member', m.user_id::text,
    jsonb_build_object('user_id', m.user_id, 'points', p_points, 'reason', v_reason, 'entry_id', l.id, 'by', v_actor), v_actor);
  return jsonb_build_object('entry_id', l.id, 'points', p_points, 'points_active', v_before + p_points, 'replayed', false);
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

-- Public profiles and the leaderboard (migration 20261209000500_loyalty_public_profiles.sql).
-- Opt-in: a member is private until they publish under a handle. What is public is listed in
-- loyalty_public_json and nowhere else: handle, tier, badge names, trips count and this year's
-- tier credits. Not a name, email, wallet, booking, date of travel or when a badge was earned
-- (a night-flight badge's date would tell when they flew).

-- The viewer's own settings (read without enrolling).
create or replace function public.loyalty_profile_settings(p_user_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('public', coalesce(m.profile_public, false), 'handle', m.public_handle)
  from (select 1) one left join traqora.loyalty_members m on m.user_id = p_user_id;
$$;

-- Publishes or hides the member's profile, and sets or keeps its handle (p_handle null keeps it).
-- A handle stays reserved to its member while private. 422 naming `handle` when publishing
-- without one or with a malformed one; 409 naming `handle` when another member holds it.
create or replace function public.loyalty_set_profile(p_user_id uuid, p_public boolean, p_handle text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  m traqora.loyalty_members := traqora.loyalty_member_for_update(p_user_id);
  v_handle text := coalesce(p_handle, m.public_handle);
begin
  if p_handle is not null and p_handle !~ '^[a-z0-9][a-z0-9_-]{2,29}$' then
    perform traqora.raise_problem('TQ422', 'A handle is 3 to 30 lower-case letters, digits, _ or -, starting with a letter or digit.', 'handle');
  end if;
  if p_public and v_handle is null then
    perform traqora.raise_problem('TQ422', 'Choose a handle to publish your profile under.', 'handle');
  end if;
  if (m.profile_public, m.public_handle) is not distinct from (p_public, v_handle) then
    return public.loyalty_profile_settings(p_user_id);      -- nothing changes: no event
  end if;
  begin
    update traqora.loyalty_members set profile_public = p_public, public_handle = v_handle where user_id = p_user_id;
  exception when unique_violation then
    perform traqora.raise_problem('TQ409', 'This handle belongs to another member; choose another.', 'handle');
  end;
  perform traqora.emit_event('loyalty.profile_changed', 'member', p_user_id::text,
    jsonb_build_object('user_id', p_user_id, 'public', p_public, 'handle', v_handle), p_user_id);
  return public.loyalty_profile_settings(p_user_id);
end $$;

-- Everything a public profile shows, for one member (the caller checked they opted in).
create or replace function traqora.loyalty_public_json(m traqora.loyalty_members, p_year int) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'handle', m.public_handle,
    'tier', m.tier,
    'trips', (select count(distinct s.booking_id) from traqora.loyalty_flown_segments s where s.member_id = m.user_id),
    'tier_credits', jsonb_build_object('year', p_year, 'total', traqora.loyalty_year_credits(m.user_id, p_year)),
    'badges', coalesce((select jsonb_agg(jsonb_build_object('code', b.code, 'name', b.name, 'description', b.description) order by b.sort)
                        from traqora.loyalty_member_badges h join traqora.loyalty_badges b on b.code = h.badge
                        where h.member_id = m.user_id), '[]'::jsonb),
    'member_since', to_char(m.joined_at at time zone 'UTC', 'YYYY-MM'));
$$;

-- A published profile by handle (any case), or null: an unknown handle and a private profile
-- answer the same, so nobody learns that a private member exists.
create or replace function public.loyalty_public_profile(p_handle text) returns jsonb
language sql stable security definer set search_path = '' as $$
  select traqora.loyalty_public_json(m, extract(year from now() at time zone 'UTC')::int)
  from traqora.loyalty_members m where m.public_handle = lower(p_handle) and m.profile_public;
$$;

-- Published members by active tier credits earned in calendar year p_year (UTC), most first,
-- then by handle; keyset paging after (p_after_credits, p_after_handle). Rank is competition
-- ranking (equal credits, equal rank) over every published member, whatever the page.
create or replace function public.loyalty_leaderboard(p_year int, p_after_credits bigint default null, p_after_handle text default null, p_limit int default 50)
returns jsonb language sql stable security definer set search_path = '' as $$
  with board as (
    select m.public_handle as handle, m.tier,
           coalesce((select sum(l.amount) from traqora.loyalty_ledger l
                     where l.member_id = m.user_id and l.currency = 'tier_credits' and l.state = 'active'
                       and l.occurred_at >= make_timestamptz(p_year, 1, 1, 0, 0, 0, 'UTC')
                       and l.occurred_at < make_timestamptz(p_year + 1, 1, 1, 0, 0, 0, 'UTC')), 0)::bigint as tier_credits,
           (select count(distinct s.booking_id) from traqora.loyalty_flown_segments s where s.member_id = m.user_id) as trips
    from traqora.loyalty_members m where m.profile_public),
  ranked as (select b.*, rank() over (order by b.tier_credits desc) as rank from board b),
  page as (
    select r.* from ranked r
    where p_after_credits is null or r.tier_credits < p_after_credits or (r.tier_credits = p_after_credits and r.handle > p_after_handle)
    order by r.tier_credits desc, r.handle
    limit greatest(least(p_limit, 100), 1) + 1),
  numbered as (select p.*, row_number() over (order by p.tier_credits desc, p.handle) as n from page p)
  select jsonb_build_object(
    'year', p_year,
    'members', (select count(*) from board),
    'data', coalesce((select jsonb_agg(jsonb_build_object('rank', n.rank, 'handle', n.handle, 'tier', n.tier, 'tier_credits', n.tier_credits, 'trips', n.trips)
                                       order by n.n) from numbered n where n.n <= greatest(least(p_limit, 100), 1)), '[]'::jsonb),
    'next', (select jsonb_build_object('tier_credits', n.tier_credits, 'handle', n.handle) from numbered n
             where n.n = greatest(least(p_limit, 100), 1) and exists (select 1 from numbered x where x.n > n.n)));
$$;

-- The chain mirror (migration 20261209000510_loyalty_chain_sync.sql). The `loyalty-chain`
-- consumer calls loyalty_chain_sync_event for every event that can change a member's active
-- points or tier (or give them a wallet); the `loyalty-chain-sync` job (lib/loyalty/chain-sync.ts)
-- takes open rows, sends them, and reports back with mark_loyalty_chain_sync.

-- The Stellar account a member's points are mirrored to: their first linked wallet, else the
-- account that first paid one of their bookings on chain; null when they have neither.
create or replace function traqora.loyalty_chain_address(p_user uuid) returns text
language sql stable set search_path = '' as $$
  select coalesce(
    (select w.address from traqora.wallets w where w.user_id = p_user order by w.linked_at, w.address limit 1),
    (select p.payer from traqora.chain_payments p where p.user_id = p_user and p.status = 'confirmed' order by p.created_at limit 1));
$$;

-- Queues member p_user's state for the chain when it differs from what was last sent (a member
-- whose points and tier are already on chain, or on their way, costs no transaction).
create or replace function traqora.loyalty_chain_touch(p_user uuid) returns boolean
language plpgsql set search_path = '' as $$
declare
  m traqora.loyalty_members;
  s traqora.loyalty_chain_syncs;
begin
  select * into m from traqora.loyalty_members where user_id = p_user;
  if m.user_id is null then return false; end if;
  insert into traqora.loyalty_chain_syncs (member_id) values (p_user) on conflict (member_id) do nothing
  returning * into s;
  if s.member_id is not null then return true; end if;          -- a new row: version 1, pending
  select * into s from traqora.loyalty_chain_syncs where member_id = p_user for update;
  if s.status in ('confirmed', 'submitted') and (s.points, s.tier) is not distinct from (m.points_active, m.tier) then
    return false;
  end if;
  if s.status = 'pending' and s.sent_version is distinct from s.version then return false; end if;   -- queued already: the job reads the member as it is then
  update traqora.loyalty_chain_syncs
  set version = version + 1,
      -- in flight: the job re-checks that transaction first, then sends the newer version
      status = case when status = 'submitted' then 'submitted' else 'pending' end,
      attempts = case when status = 'submitted' then attempts else 0 end,
      error = case when status = 'submitted' then error else null end
  where member_id = p_user;
  return true;
end $$;

-- The consumer's handler: every member an event names (user_id; a referral's referee and
-- referrer). Idempotent: a re-delivered event finds the member queued or already in step.
create or replace function public.loyalty_chain_sync_event(p_event_id bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  e traqora.domain_events;
  v_user uuid;
  v_queued int := 0;
begin
  select * into e from traqora.domain_events where id = p_event_id;
  if e.id is null then perform traqora.raise_problem('TQ404', 'No such event.', 'event_id'); end if;
  for v_user in
    select distinct (x)::uuid from unnest(array[e.payload->>'user_id', e.payload->>'referee_id', e.payload->>'referrer_id']) x
    where x ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
  loop
    if traqora.loyalty_chain_touch(v_user) then v_queued := v_queued + 1; end if;
  end loop;
  return jsonb_build_object('queued', v_queued);
end $$;

create or replace function traqora.loyalty_chain_sync_json(s traqora.loyalty_chain_syncs) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('member_id', s.member_id, 'version', s.version, 'synced_version', s.synced_version, 'status', s.status,
    'sent_version', s.sent_version, 'address', s.address, 'points', s.points, 'tier', s.tier, 'tx_hash', s.tx_hash,
    'attempts', s.attempts, 'error', s.error, 'updated_at', s.updated_at);
$$;

-- Up to p_limit rows for the job, oldest first: submitted ones (to re-check their transaction)
-- and pending ones with what to send now — the member's active points and tier as they are, the
-- row's version as sync_seq, and the account (fixed at the first send: points never move between
-- accounts on chain). A member without an account waits as `no_wallet` until wallet.linked.
create or replace function public.open_loyalty_chain_syncs(p_limit int default 20) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_out jsonb;
begin
  update traqora.loyalty_chain_syncs s set status = 'no_wallet', error = 'The member has no Stellar account yet.'
  where s.status = 'pending' and s.address is null and traqora.loyalty_chain_address(s.member_id) is null;
  select coalesce(jsonb_agg(traqora.loyalty_chain_sync_json(s) || jsonb_build_object(
           'send', jsonb_build_object('address', coalesce(s.address, traqora.loyalty_chain_address(s.member_id)),
                                      'points', m.points_active, 'tier', m.tier, 'version', s.version)) order by s.updated_at, s.member_id), '[]'::jsonb)
  into v_out
  from (select * from traqora.loyalty_chain_syncs where status in ('pending', 'submitted')
        order by updated_at, member_id limit greatest(least(p_limit, 100), 1)) s
  join traqora.loyalty_members m on m.user_id = s.member_id;
  return v_out;
end $$;

-- The job reports on one member's row:
--   submitted  the transaction carrying p_sent (address, points, tier, version) was accepted
--   confirmed  version p_version is on chain: the row is done unless a newer version waits
--   pending    not sent or not landed (p_error says why): tried again, `failed` after p_max_attempts
--   failed     given up (p_error); the member's next change, or an admin's retry, queues it again
-- A confirmation or failure emits loyalty.chain_synced / loyalty.chain_sync_failed.
create or replace function public.mark_loyalty_chain_sync(p_member_id uuid, p_status text, p_version bigint default null, p_tx_hash text default null,
                                                          p_error text default null, p_sent jsonb default null, p_max_attempts int default 5)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  s traqora.loyalty_chain_syncs;
begin
  select * into s from traqora.loyalty_chain_syncs where member_id = p_member_id for update;
  if s.member_id is null then perform traqora.raise_problem('TQ404', 'No chain sync for this member.', 'member_id'); end if;
  case p_status
    when 'submitted' then
      update traqora.loyalty_chain_syncs set status = 'submitted', tx_hash = lower(p_tx_hash), sent_version = (p_sent->>'version')::bigint,
        address = p_sent->>'address', points = (p_sent->>'points')::bigint, tier = p_sent->>'tier', attempts = attempts + 1, error = null
      where member_id = p_member_id returning * into s;
    when 'confirmed' then
      update traqora.loyalty_chain_syncs set synced_version = greatest(synced_version, coalesce(p_version, sent_version)),
        status = case when version > coalesce(p_version, sent_version) then 'pending' else 'confirmed' end, attempts = 0, error = null
      where member_id = p_member_id returning * into s;
      perform traqora.emit_event('loyalty.chain_synced', 'member', p_member_id::text, jsonb_build_object('user_id', p_member_id,
        'address', s.address, 'points', s.points, 'tier', s.tier, 'sync_seq', s.synced_version, 'tx_hash', s.tx_hash));
    when 'pending', 'failed' then
      -- a transaction that was sent counted its attempt when submitted; a refused simulation counts here
      update traqora.loyalty_chain_syncs set error = p_error, attempts = attempts + case when status = 'submitted' then 0 else 1 end,
        status = case when p_status = 'failed' or attempts + case when status = 'submitted' then 0 else 1 end >= p_max_attempts then 'failed' else 'pending' end,
        tx_hash = case when p_tx_hash is not null then lower(p_tx_hash) else tx_hash end
      where member_id = p_member_id returning * into s;
      if s.status = 'failed' then
        perform traqora.emit_event('loyalty.chain_sync_failed', 'member', p_member_id::text, jsonb_build_object('user_id', p_member_id,
          'address', s.address, 'version', s.version, 'attempts', s.attempts, 'error', s.error, 'tx_hash', s.tx_hash));
      end if;
    else
      perform traqora.raise_problem('TQ422', 'Unknown chain sync status.', 'status');
  end case;
  return traqora.loyalty_chain_sync_json(s);
end $$;

-- For admins: rows by status (all when null), most recently changed first, keyset paging after
-- (p_after_updated_at, p_after_member); and how many rows are in each status.
create or replace function public.loyalty_chain_syncs(p_status text default null, p_after_updated_at timestamptz default null,
                                                      p_after_member uuid default null, p_limit int default 50)
returns jsonb language sql stable security definer set search_path = '' as $$
  with page as (
    select s as row, row_number() over (order by s.updated_at desc, s.member_id desc) as n
    from traqora.loyalty_chain_syncs s
    where (p_status is null or s.status = p_status)
      and (p_after_updated_at is null or (s.updated_at, s.member_id) < (p_after_updated_at, p_after_member))
    order by s.updated_at desc, s.member_id desc
    limit greatest(least(p_limit, 100), 1) + 1)
  select jsonb_build_object(
    'counts', (select coalesce(jsonb_object_agg(status, n), '{}'::jsonb) from (select status, count(*) as n from traqora.loyalty_chain_syncs group by status) c),
    'data', coalesce((select jsonb_agg(traqora.loyalty_chain_sync_json(p.row) order by p.n) from page p where p.n <= greatest(least(p_limit, 100), 1)), '[]'::jsonb),
    'next', (select jsonb_build_object('updated_at', (p.row).updated_at, 'member_id', (p.row).member_id) from page p
             where p.n = greatest(least(p_limit, 100), 1) and exists (select 1 from page y where y.n > p.n)));
$$;

-- An admin sends a failed (or stuck) row again: pending with its attempts reset. Audited.
create or replace function public.retry_loyalty_chain_sync(p_ctx jsonb, p_member_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  s traqora.loyalty_chain_syncs;
begin
  select * into s from traqora.loyalty_chain_syncs where member_id = p_member_id for update;
  if s.member_id is null then perform traqora.raise_problem('TQ404', 'No chain sync for this member.', 'member_id'); end if;
  if s.status not in ('failed', 'no_wallet') then
    perform traqora.raise_problem('TQ409', 'Only a failed sync, or one waiting for a wallet, can be retried.', 'member_id');
  end if;
  update traqora.loyalty_chain_syncs set status = 'pending', attempts = 0, error = null,
    version = case when synced_version = version then version + 1 else version end
  where member_id = p_member_id returning * into s;
  perform traqora.audit_append(p_ctx, 'loyalty.chain_sync_retried', 'member', p_member_id::text, null, traqora.loyalty_chain_sync_json(s));
  return traqora.loyalty_chain_sync_json(s);
end $$;

-- The tier discount on the soroban rail (migration 20261209000520_loyalty_fee_rebates.sql): the
-- escrow's PaymentReleased event, once indexed (chain.event_indexed, which names the booking's
-- traveller and PNR), queues a rebate of the traveller's tier share of the fee it took; the
-- loyalty-fee-rebates job (lib/loyalty/fee-rebates.ts) pays it and reports with
-- mark_loyalty_fee_rebate.

-- Who paid an app booking on chain, and in what currency: the rebate goes back to that account.
-- (The indexed event names the PNR, not the payer; like loyalty_known_wallets, read here.)
create or replace function traqora.loyalty_booking_payer(p_pnr text) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('payer', p.payer, 'currency', b.currency)
  from traqora.bookings b join traqora.chain_payments p on p.booking_id = b.id and p.status = 'confirmed'
  where b.pnr = p_pnr limit 1;
$$;

-- The consumer's handler. Idempotent: one rebate per escrow booking, whoever delivers the event
-- and however often. Nothing for a Blue member (no discount), another contract's event, a
-- release the app did not ask for (no PNR), or a fee of nothing.
create or replace function public.loyalty_fee_rebate_event(p_event_id bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  e traqora.domain_events;
  p jsonb;
  v_user uuid;
  v_fee bigint;
  v_discount jsonb;
  v_payer jsonb;
  r traqora.loyalty_fee_rebates;
begin
  select * into e from traqora.domain_events where id = p_event_id;
  if e.id is null then perform traqora.raise_problem('TQ404', 'No such event.', 'event_id'); end if;
  p := e.payload;
  if e.type <> 'chain.event_indexed' or p->>'contract' is distinct from 'escrow' or p->>'action' is distinct from 'released'
     or not coalesce((p->>'successful')::boolean, false) or p->>'user_id' is null or p->>'pnr' is null
     or coalesce(p->'fields'->>'fee', '') !~ '^[0-9]{1,30}$' then
    return jsonb_build_object('queued', false);
  end if;
  v_user := (p->>'user_id')::uuid;
  v_fee := ((p->'fields'->>'fee')::numeric / 100000)::bigint;      -- token base units (7 decimals) → minor units, dust dropped
  if exists (select 1 from traqora.loyalty_fee_rebates where chain_booking_id = p->>'chain_booking_id') then
    return jsonb_build_object('queued', false, 'replayed', true);
  end if;
  v_discount := traqora.loyalty_fee_discount(v_user, v_fee);
  v_payer := traqora.loyalty_booking_payer(p->>'pnr');
  if (v_discount->>'amount_minor')::bigint <= 0 or v_payer is null then
    return jsonb_build_object('queued', false, 'discount', v_discount);
  end if;
  perform traqora.loyalty_member_for_update(v_user);
  insert into traqora.loyalty_fee_rebates (chain_booking_id, member_id, pnr, release_tx, release_event_id, fee_minor, tier, bps, amount_minor, currency, address)
  values (p->>'chain_booking_id', v_user, p->>'pnr', p->>'tx_hash', p->>'chain_event_id', v_fee, v_discount->>'tier', (v_discount->>'bps')::int,
          (v_discount->>'amount_minor')::bigint, v_payer->>'currency', v_payer->>'payer')
  on conflict (chain_booking_id) do nothing
  returning * into r;
  return jsonb_build_object('queued', r.chain_booking_id is not null, 'discount', v_discount);
end $$;

create or replace function traqora.loyalty_fee_rebate_json(r traqora.loyalty_fee_rebates) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('chain_booking_id', r.chain_booking_id, 'member_id', r.member_id, 'pnr', r.pnr, 'release_tx', r.release_tx,
    'fee_minor', r.fee_minor, 'tier', r.tier, 'bps', r.bps, 'amount_minor', r.amount_minor, 'currency', r.currency, 'address', r.address,
    'status', r.status, 'tx_hash', r.tx_hash, 'submitted_at', r.submitted_at, 'attempts', r.attempts, 'error', r.error,
    'created_at', r.created_at, 'updated_at', r.updated_at);
$$;

-- Up to p_limit rebates for the job, oldest first: pending ones to pay, submitted ones to re-check.
create or replace function public.open_loyalty_fee_rebates(p_limit int default 20) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(traqora.loyalty_fee_rebate_json(r) order by r.created_at, r.chain_booking_id), '[]'::jsonb)
  from (select * from traqora.loyalty_fee_rebates where status in ('pending', 'submitted')
        order by created_at, chain_booking_id limit greatest(least(p_limit, 100), 1)) r;
$$;

-- The job reports on one rebate: submitted (with its hash, before waiting), confirmed (paid:
-- a loyalty.fee_rebate_paid event), pending (not sent or not landed; p_error says why; failed
-- after p_max_attempts, with loyalty.fee_rebate_failed).
create or replace function public.mark_loyalty_fee_rebate(p_chain_booking_id text, p_status text, p_tx_hash text default null,
                                                          p_error text default null, p_max_attempts int default 5)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  r traqora.loyalty_fee_rebates;
begin
  select * into r from traqora.loyalty_fee_rebates where chain_booking_id = p_chain_booking_id for update;
  if r.chain_booking_id is null then perform traqora.raise_problem('TQ404', 'No such rebate.', 'chain_booking_id'); end if;
  if r.status = 'confirmed' then return traqora.loyalty_fee_rebate_json(r); end if;   -- paid once: a late report changes nothing
  case p_status
    when 'submitted' then
      update traqora.loyalty_fee_rebates set status = 'submitted', tx_hash = lower(p_tx_hash), submitted_at = now(), attempts = attempts + 1, error = null
      where chain_booking_id = p_chain_booking_id returning * into r;
    when 'confirmed' then
      update traqora.loyalty_fee_rebates set status = 'confirmed', tx_hash = coalesce(lower(p_tx_hash), tx_hash), error = null
      where chain_booking_id = p_chain_booking_id returning * into r;
      perform traqora.emit_event('loyalty.fee_rebate_paid', 'member', r.member_id::text, jsonb_build_object('user_id', r.member_id,
        'pnr', r.pnr, 'chain_booking_id', r.chain_booking_id, 'tier', r.tier, 'bps', r.bps, 'fee_minor', r.fee_minor,
        'amount_minor', r.amount_minor, 'currency', r.currency, 'address', r.address, 'tx_hash', r.tx_hash, 'release_tx', r.release_tx));
    when 'pending' then
      update traqora.loyalty_fee_rebates set error = p_error, attempts = attempts + case when status = 'submitted' then 0 else 1 end,
        status = case when attempts + case when status = 'submitted' then 0 else 1 end >= p_max_attempts then 'failed' else 'pending' end
      where chain_booking_id = p_chain_booking_id returning * into r;
      if r.status = 'failed' then
        perform traqora.emit_event('loyalty.fee_rebate_failed', 'member', r.member_id::text, jsonb_build_object('user_id', r.member_id,
          'pnr', r.pnr, 'chain_booking_id', r.chain_booking_id, 'amount_minor', r.amount_minor, 'attempts', r.attempts, 'error', r.error));
      end if;
    else
      perform traqora.raise_problem('TQ422', 'Unknown rebate status.', 'status');
  end case;
  return traqora.loyalty_fee_rebate_json(r);
end $$;

-- A booking's rebates for its trip page (the owner's; the caller checked who may see the booking).
create or replace function public.loyalty_fee_rebates_for_booking(p_pnr text) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(traqora.loyalty_fee_rebate_json(r) order by r.chain_booking_id), '[]'::jsonb)
  from traqora.loyalty_fee_rebates r where r.pnr = p_pnr;
$$;

-- Only the server role may call these (default privileges: the platform migration).
revoke execute on function public.loyalty_handle_event(bigint) from public, anon, authenticated;
revoke execute on function public.loyalty_enrol(uuid) from public, anon, authenticated;
revoke execute on function public.loyalty_earn_preview(uuid, bigint, text, text) from public, anon, authenticated;
revoke execute on function public.loyalty_summary(uuid) from public, anon, authenticated;
revoke execute on function public.loyalty_history(uuid, text, bigint, int) from public, anon, authenticated;
revoke execute on function public.loyalty_balance_check() from public, anon, authenticated;
revoke execute on function public.loyalty_year_end(timestamptz, int) from public, anon, authenticated;
revoke execute on function public.loyalty_stats(uuid) from public, anon, authenticated;
revoke execute on function public.loyalty_create_campaign(jsonb, jsonb, text) from public, anon, authenticated;
revoke execute on function public.loyalty_end_campaign(jsonb, bigint) from public, anon, authenticated;
revoke execute on function public.loyalty_campaigns(bigint, int) from public, anon, authenticated;
revoke execute on function public.loyalty_expire_points(timestamptz, int) from public, anon, authenticated;
revoke execute on function public.loyalty_admin_member(uuid, bigint, int) from public, anon, authenticated;
revoke execute on function public.loyalty_adjust(jsonb, uuid, bigint, text) from public, anon, authenticated;
revoke execute on function public.loyalty_redemption_quote(uuid, bigint, text, bigint) from public, anon, authenticated;
grant execute on function public.loyalty_handle_event(bigint) to service_role;
grant execute on function public.loyalty_enrol(uuid) to service_role;
grant execute on function public.loyalty_earn_preview(uuid, bigint, text, text) to service_role;
grant execute on function public.loyalty_summary(uuid) to service_role;
grant execute on function public.loyalty_history(uuid, text, bigint, int) to service_role;
grant execute on function public.loyalty_balance_check() to service_role;
grant execute on function public.loyalty_year_end(timestamptz, int) to service_role;
grant execute on function public.loyalty_stats(uuid) to service_role;
grant execute on function public.loyalty_create_campaign(jsonb, jsonb, text) to service_role;
grant execute on function public.loyalty_end_campaign(jsonb, bigint) to service_role;
grant execute on function public.loyalty_campaigns(bigint, int) to service_role;
grant execute on function public.loyalty_expire_points(timestamptz, int) to service_role;
grant execute on function public.loyalty_admin_member(uuid, bigint, int) to service_role;
grant execute on function public.loyalty_adjust(jsonb, uuid, bigint, text) to service_role;
grant execute on function public.loyalty_redemption_quote(uuid, bigint, text, bigint) to service_role;
revoke execute on function public.loyalty_lapse_quote_holds(timestamptz, int) from public, anon, authenticated;
revoke execute on function public.loyalty_quote_hold_shortfalls(int) from public, anon, authenticated;
grant execute on function public.loyalty_lapse_quote_holds(timestamptz, int) to service_role;
grant execute on function public.loyalty_quote_hold_shortfalls(int) to service_role;
revoke execute on function public.loyalty_profile_settings(uuid) from public, anon, authenticated;
revoke execute on function public.loyalty_set_profile(uuid, boolean, text) from public, anon, authenticated;
revoke execute on function public.loyalty_public_profile(text) from public, anon, authenticated;
revoke execute on function public.loyalty_leaderboard(int, bigint, text, int) from public, anon, authenticated;
grant execute on function public.loyalty_profile_settings(uuid) to service_role;
grant execute on function public.loyalty_set_profile(uuid, boolean, text) to service_role;
grant execute on function public.loyalty_public_profile(text) to service_role;
grant execute on function public.loyalty_leaderboard(int, bigint, text, int) to service_role;
revoke execute on function public.loyalty_chain_sync_event(bigint) from public, anon, authenticated;
revoke execute on function public.open_loyalty_chain_syncs(int) from public, anon, authenticated;
revoke execute on function public.mark_loyalty_chain_sync(uuid, text, bigint, text, text, jsonb, int) from public, anon, authenticated;
revoke execute on function public.loyalty_chain_syncs(text, timestamptz, uuid, int) from public, anon, authenticated;
revoke execute on function public.retry_loyalty_chain_sync(jsonb, uuid) from public, anon, authenticated;
grant execute on function public.loyalty_chain_sync_event(bigint) to service_role;
grant execute on function public.open_loyalty_chain_syncs(int) to service_role;
grant execute on function public.mark_loyalty_chain_sync(uuid, text, bigint, text, text, jsonb, int) to service_role;
grant execute on function public.loyalty_chain_syncs(text, timestamptz, uuid, int) to service_role;
grant execute on function public.retry_loyalty_chain_sync(jsonb, uuid) to service_role;
revoke execute on function public.loyalty_fee_rebate_event(bigint) from public, anon, authenticated;
revoke execute on function public.open_loyalty_fee_rebates(int) from public, anon, authenticated;
revoke execute on function public.mark_loyalty_fee_rebate(text, text, text, text, int) from public, anon, authenticated;
revoke execute on function public.loyalty_fee_rebates_for_booking(text) from public, anon, authenticated;
grant execute on function public.loyalty_fee_rebate_event(bigint) to service_role;
grant execute on function public.open_loyalty_fee_rebates(int) to service_role;
grant execute on function public.mark_loyalty_fee_rebate(text, text, text, text, int) to service_role;
grant execute on function public.loyalty_fee_rebates_for_booking(text) to service_role;

-- For the notifications domain's expiry notice (lib/notifications/notices.ts): members whose
-- active points expire within p_within_seconds, soonest first. Read only; the notice's own key
-- (the expiry day) keeps it to one per expiry date, so activity that pushes the date back and a
-- later approach give a new notice.
create or replace function public.loyalty_points_expiring(p_within_seconds int, p_limit int default 1000) returns jsonb
language sql stable security definer set search_path = '' as $$
  -- points held for a payment in progress do not expire (loyalty_expire_points), so the notice
  -- does not count them
  select coalesce(jsonb_agg(jsonb_build_object('user_id', x.user_id, 'points', x.points, 'expires_at', x.expires_at) order by x.expires_at, x.user_id), '[]'::jsonb)
  from (select m.user_id, m.points_active - traqora.loyalty_points_held(m.user_id) as points, traqora.loyalty_expires_at(m) as expires_at
        from traqora.loyalty_members m
        where m.points_active > traqora.loyalty_points_held(m.user_id) and traqora.loyalty_expires_at(m) > now()
          and traqora.loyalty_expires_at(m) <= now() + make_interval(secs => greatest(coalesce(p_within_seconds, 0), 0))
        order by 3, 1 limit least(greatest(coalesce(p_limit, 1000), 1), 5000)) x;
$$;
revoke execute on function public.loyalty_points_expiring(int, int) from public, anon, authenticated;
grant execute on function public.loyalty_points_expiring(int, int) to service_role;

-- For the console's overview (36_admin_analytics.sql): the points outstanding at an instant
-- (pending and active, the ledger's sum of everything before p_at) and their money value at the
-- programme's redemption rate in force at that instant (the governed parameter's history,
-- traqora.parameter_at), in USD minor units, rounded down as a redemption would. Read only.
create or replace function traqora.loyalty_liability_at(p_at timestamptz) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('points', s.points, 'points_per_usd', r.rate,
    'value_minor', floor(s.points * 100 / r.rate)::bigint)
  from (select coalesce(sum(l.amount), 0)::bigint as points from traqora.loyalty_ledger l
        where l.currency = 'points' and l.occurred_at < p_at) s,
       -- the redemption rate in force at p_at (a governed change later does not revalue the past)
       (select traqora.parameter_at('loyalty.redemption_points_per_usd', p_at) as rate) r;
$$;
revoke execute on function traqora.loyalty_liability_at(timestamptz) from public, anon, authenticated;

-- Rebates as admins see them (rewards.manage; lib/loyalty/fee-rebates-admin.ts): by status, newest
-- first, keyset paging on (created_at, chain_booking_id), which no later change moves; and how
-- many are in each status.
create or replace trigger loyalty_fee_rebates_touch before update on traqora.loyalty_fee_rebates
  for each row execute function traqora.touch_updated_at();

create or replace function public.loyalty_fee_rebates_admin(p_status text default null, p_after_created_at timestamptz default null,
                                                           p_after_id text default null, p_limit int default 50)
returns jsonb language sql stable security definer set search_path = '' as $$
  with page as (
    select r as row, row_number() over (order by r.created_at desc, r.chain_booking_id desc) as n
    from traqora.loyalty_fee_rebates r
    where (p_status is null or r.status = p_status)
      and (p_after_created_at is null or (r.created_at, r.chain_booking_id) < (p_after_created_at, p_after_id))
    order by r.created_at desc, r.chain_booking_id desc
    limit greatest(least(p_limit, 100), 1) + 1)
  select jsonb_build_object(
    'counts', (select coalesce(jsonb_object_agg(status, n), '{}'::jsonb) from (select status, count(*) as n from traqora.loyalty_fee_rebates group by status) c),
    'data', coalesce((select jsonb_agg(traqora.loyalty_fee_rebate_json(p.row) order by p.n) from page p where p.n <= greatest(least(p_limit, 100), 1)), '[]'::jsonb),
    'next', (select jsonb_build_object('created_at', (p.row).created_at, 'chain_booking_id', (p.row).chain_booking_id) from page p
             where p.n = greatest(least(p_limit, 100), 1) and exists (select 1 from page y where y.n > p.n)));
$$;

-- An admin sends a failed rebate again: pending, attempts reset. The last transaction's hash
-- stays, so the job first asks the chain whether it landed after all (then it is confirmed and
-- nothing is paid again) or can no longer land, before it sends anything. Audited; a second
-- retry (the row is pending again) is a 409, so concurrent retries queue it once.
create or replace function public.retry_loyalty_fee_rebate(p_ctx jsonb, p_chain_booking_id text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  r traqora.loyalty_fee_rebates;
  v_before jsonb;
begin
  select * into r from traqora.loyalty_fee_rebates where chain_booking_id = p_chain_booking_id for update;
  if r.chain_booking_id is null then perform traqora.raise_problem('TQ404', 'No such rebate.', 'chain_booking_id'); end if;
  if r.status <> 'failed' then
    perform traqora.raise_problem('TQ409', 'Only a failed rebate can be retried; this one is ' || r.status || '.', 'chain_booking_id');
  end if;
  v_before := traqora.loyalty_fee_rebate_json(r);
  update traqora.loyalty_fee_rebates set status = 'pending', attempts = 0, error = null
  where chain_booking_id = p_chain_booking_id returning * into r;
  perform traqora.audit_append(p_ctx, 'loyalty.fee_rebate_retried', 'fee_rebate', p_chain_booking_id, v_before, traqora.loyalty_fee_rebate_json(r));
  return traqora.loyalty_fee_rebate_json(r);
end $$;

-- The reconciliation of the loyalty contract mirror (migration
-- 20261210000500_loyalty_chain_reconciliation.sql; lib/loyalty/chain-reconcile.ts reads the
-- chain). A run is opened, fed pages of what the contract holds, and closed.

create or replace function traqora.loyalty_chain_reconciliation_json(c traqora.loyalty_chain_reconciliations) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('id', c.id, 'source', c.source, 'status', c.status, 'checked', c.checked, 'in_step', c.in_step,
    'in_flight', c.in_flight, 'mismatched', c.mismatched, 'error', c.error, 'started_at', c.started_at, 'finished_at', c.finished_at);
$$;

-- Opens a run. A run left 'running' (a crashed process) is closed as failed when the next opens.
create or replace function public.loyalty_chain_reconcile_start(p_source text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  c traqora.loyalty_chain_reconciliations;
begin
  if p_source not in ('job', 'admin') then perform traqora.raise_problem('TQ422', 'Unknown reconciliation source.', 'source'); end if;
  update traqora.loyalty_chain_reconciliations set status = 'failed', error = 'The run stopped before it finished.', finished_at = now()
  where status = 'running';
  insert into traqora.loyalty_chain_reconciliations (source) values (p_source) returning * into c;
  return traqora.loyalty_chain_reconciliation_json(c);
end $$;

-- The members to read, in member order after p_after: every member the mirror has sent to an
-- account (a member waiting for a wallet has nothing on chain to compare).
create or replace function public.loyalty_chain_reconcile_members(p_after uuid default null, p_limit int default 100) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('member_id', s.member_id, 'address', s.address) order by s.member_id), '[]'::jsonb)
  from (select member_id, address from traqora.loyalty_chain_syncs
        where address is not null and (p_after is null or member_id > p_after)
        order by member_id limit greatest(least(p_limit, 500), 1)) s;
$$;

-- One page of what the contract holds: p_records = [{ member_id, address, chain: null | { points,
-- tier, sync_seq } }]. Each is judged against the engine as it is now, in this transaction: a
-- member whose sync is pending or submitted is in flight (the mirror is catching up; not judged),
-- one whose account changed since it was read is skipped, otherwise equal is in step and any
-- difference a mismatch kept with both sides.
create or replace function public.loyalty_chain_reconcile_page(p_run_id bigint, p_records jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  c traqora.loyalty_chain_reconciliations;
  x jsonb;
  s traqora.loyalty_chain_syncs;
  m traqora.loyalty_members;
  v_chain jsonb;
  v_kinds text[];
  v_in_step int := 0;
  v_in_flight int := 0;
  v_mismatched int := 0;
  v_checked int := 0;
begin
  select * into c from traqora.loyalty_chain_reconciliations where id = p_run_id for update;
  if c.id is null then perform traqora.raise_problem('TQ404', 'No such reconciliation.', 'run_id'); end if;
  if c.status <> 'running' then perform traqora.raise_problem('TQ409', 'The reconciliation has finished.', 'run_id'); end if;
  for x in select * from jsonb_array_elements(coalesce(p_records, '[]'::jsonb)) loop
    select * into s from traqora.loyalty_chain_syncs where member_id = (x->>'member_id')::uuid;
    if s.member_id is null or s.address is distinct from x->>'address' then continue; end if;
    select * into m from traqora.loyalty_members where user_id = s.member_id;
    v_checked := v_checked + 1;
    if s.status in ('pending', 'submitted') then v_in_flight := v_in_flight + 1; continue; end if;
    v_chain := nullif(x->'chain', 'null'::jsonb);
    v_kinds := array[]::text[];
    if v_chain is null then
      v_kinds := array['missing'];
    else
      if (v_chain->>'sync_seq')::bigint > s.version then v_kinds := v_kinds || 'chain_ahead'::text; end if;
      if (v_chain->>'sync_seq')::bigint < s.synced_version then v_kinds := v_kinds || 'chain_behind'::text; end if;
      if (v_chain->>'points')::bigint <> m.points_active then v_kinds := v_kinds || 'points'::text; end if;
      if v_chain->>'tier' is distinct from m.tier then v_kinds := v_kinds || 'tier'::text; end if;
    end if;
    if cardinality(v_kinds) = 0 then v_in_step := v_in_step + 1; continue; end if;
    insert into traqora.loyalty_chain_mismatches (run_id, member_id, kinds, address, engine_points, engine_tier, version, synced_version,
                                                  sync_status, chain_points, chain_tier, chain_sync_seq)
    values (p_run_id, s.member_id, v_kinds, s.address, m.points_active, m.tier, s.version, s.synced_version, s.status,
            (v_chain->>'points')::bigint, v_chain->>'tier', (v_chain->>'sync_seq')::bigint)
    on conflict (run_id, member_id) do nothing;
    if found then v_mismatched := v_mismatched + 1; end if;
  end loop;
  update traqora.loyalty_chain_reconciliations
  set checked = checked + v_checked, in_step = in_step + v_in_step, in_flight = in_flight + v_in_flight, mismatched = mismatched + v_mismatched
  where id = p_run_id returning * into c;
  return traqora.loyalty_chain_reconciliation_json(c);
end $$;

-- Closes a run: done, or failed with why (its pages so far are kept).
create or replace function public.loyalty_chain_reconcile_finish(p_run_id bigint, p_error text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  c traqora.loyalty_chain_reconciliations;
begin
  update traqora.loyalty_chain_reconciliations
  set status = case when p_error is null then 'done' else 'failed' end, error = p_error, finished_at = now()
  where id = p_run_id and status = 'running' returning * into c;
  if c.id is null then perform traqora.raise_problem('TQ409', 'No running reconciliation with this id.', 'run_id'); end if;
  return traqora.loyalty_chain_reconciliation_json(c);
end $$;

-- The report for admins: run p_run_id (else the latest finished run), its mismatches in member
-- order after p_after_member, each with both sides and the member's sync as it is now; and the
-- run in progress, if any.
create or replace function public.loyalty_chain_reconciliation(p_run_id bigint default null, p_after_member uuid default null, p_limit int default 50)
returns jsonb language plpgsql stable security definer set search_path = '' as $$
declare
  c traqora.loyalty_chain_reconciliations;
  v_limit int := greatest(least(coalesce(p_limit, 50), 100), 1);
  v_rows jsonb;
begin
  if p_run_id is null then
    select * into c from traqora.loyalty_chain_reconciliations where status <> 'running' order by id desc limit 1;
  else
    select * into c from traqora.loyalty_chain_reconciliations where id = p_run_id;
    if c.id is null then perform traqora.raise_problem('TQ404', 'No such reconciliation.', 'run'); end if;
  end if;
  select coalesce(jsonb_agg(jsonb_build_object('member_id', x.member_id, 'kinds', to_jsonb(x.kinds), 'address', x.address,
           'engine', jsonb_build_object('points', x.engine_points, 'tier', x.engine_tier, 'version', x.version, 'synced_version', x.synced_version, 'sync_status', x.sync_status),
           'chain', case when x.chain_sync_seq is null then null else jsonb_build_object('points', x.chain_points, 'tier', x.chain_tier, 'sync_seq', x.chain_sync_seq) end,
           'sync_status_now', s.status, 'requeued_at', x.requeued_at, 'requeued_by', x.requeued_by) order by x.member_id), '[]'::jsonb)
  into v_rows
  from (select * from traqora.loyalty_chain_mismatches
        where run_id = c.id and (p_after_member is null or member_id > p_after_member)
        order by member_id limit v_limit + 1) x
  left join traqora.loyalty_chain_syncs s on s.member_id = x.member_id;
  return jsonb_build_object(
    'run', case when c.id is null then null else traqora.loyalty_chain_reconciliation_json(c) end,
    'running', (select traqora.loyalty_chain_reconciliation_json(r) from traqora.loyalty_chain_reconciliations r where r.status = 'running' order by r.id desc limit 1),
    'data', coalesce((select jsonb_agg(e) from jsonb_array_elements(v_rows) with ordinality as t(e, n) where n <= v_limit), '[]'::jsonb),
    'next', case when jsonb_array_length(v_rows) > v_limit then jsonb_build_object('member_id', v_rows->(v_limit - 1)->>'member_id') end);
end $$;

-- An admin re-queues the sync of a member the report shows (the run p_run_id's mismatch): the
-- engine's state is sent again with a version above anything the chain holds (its sync_seq as
-- the report read it), so a chain ahead of this database is overwritten too. Audited. Refused
-- (409 naming member_id) while the member's sync is in flight or already queued, or when this
-- mismatch was re-queued before.
create or replace function public.requeue_loyalty_chain_sync(p_ctx jsonb, p_run_id bigint, p_member_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  x traqora.loyalty_chain_mismatches;
  s traqora.loyalty_chain_syncs;
  v_before jsonb;
begin
  select * into x from traqora.loyalty_chain_mismatches where run_id = p_run_id and member_id = p_member_id for update;
  if x.member_id is null then perform traqora.raise_problem('TQ404', 'This reconciliation reported no mismatch for this member.', 'member_id'); end if;
  if x.requeued_at is not null then perform traqora.raise_problem('TQ409', 'This mismatch was re-queued already.', 'member_id'); end if;
  select * into s from traqora.loyalty_chain_syncs where member_id = p_member_id for update;
  if s.status in ('pending', 'submitted') then
    perform traqora.raise_problem('TQ409', 'The member''s sync is ' || s.status || ' already.', 'member_id');
  end if;
  v_before := traqora.loyalty_chain_sync_json(s);
  update traqora.loyalty_chain_syncs
  set version = greatest(version, synced_version, coalesce(x.chain_sync_seq, 0)) + 1, status = 'pending', attempts = 0, error = null
  where member_id = p_member_id returning * into s;
  update traqora.loyalty_chain_mismatches set requeued_at = now(), requeued_by = nullif(p_ctx->>'actor', '')::uuid
  where run_id = p_run_id and member_id = p_member_id;
  perform traqora.audit_append(p_ctx, 'loyalty.chain_sync_requeued', 'member', p_member_id::text, v_before,
    traqora.loyalty_chain_sync_json(s) || jsonb_build_object('run_id', p_run_id, 'kinds', to_jsonb(x.kinds)));
  return traqora.loyalty_chain_sync_json(s);
end $$;

revoke execute on function public.loyalty_fee_rebates_admin(text, timestamptz, text, int) from public, anon, authenticated;
revoke execute on function public.retry_loyalty_fee_rebate(jsonb, text) from public, anon, authenticated;
revoke execute on function public.loyalty_chain_reconcile_start(text) from public, anon, authenticated;
revoke execute on function public.loyalty_chain_reconcile_members(uuid, int) from public, anon, authenticated;
revoke execute on function public.loyalty_chain_reconcile_page(bigint, jsonb) from public, anon, authenticated;
revoke execute on function public.loyalty_chain_reconcile_finish(bigint, text) from public, anon, authenticated;
revoke execute on function public.loyalty_chain_reconciliation(bigint, uuid, int) from public, anon, authenticated;
revoke execute on function public.requeue_loyalty_chain_sync(jsonb, bigint, uuid) from public, anon, authenticated;
grant execute on function public.loyalty_fee_rebates_admin(text, timestamptz, text, int) to service_role;
grant execute on function public.retry_loyalty_fee_rebate(jsonb, text) to service_role;
grant execute on function public.loyalty_chain_reconcile_start(text) to service_role;
grant execute on function public.loyalty_chain_reconcile_members(uuid, int) to service_role;
grant execute on function public.loyalty_chain_reconcile_page(bigint, jsonb) to service_role;
grant execute on function public.loyalty_chain_reconcile_finish(bigint, text) to service_role;
grant execute on function public.loyalty_chain_reconciliation(bigint, uuid, int) to service_role;
grant execute on function public.requeue_loyalty_chain_sync(jsonb, bigint, uuid) to service_role;

-- What points paid of booking p_booking's fare (cents), 0 when none: read by the soroban rail's
-- wallet history, whose payment is the wallet's part only (the liability account paid this).
create or replace function traqora.loyalty_redeemed_minor(p_booking uuid) returns bigint
language sql stable set search_path = '' as $$
  select coalesce((select r.discount_minor from traqora.loyalty_redemptions r where r.booking_id = p_booking), 0)::bigint;
$$;
