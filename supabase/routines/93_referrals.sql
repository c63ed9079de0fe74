-- Traqora Rewards referrals: a member's code invites a new traveller; the referee claims it
-- (POST /api/v1/loyalty/referrals), and their first flown trip pays both sides a governed bonus
-- (loyalty.referral_bonus.referrer / .referee), the referrer at most loyalty.referral_yearly_cap
-- times per calendar year. Refused: one's own code, a code of an account sharing a wallet with
-- the claimant's, a code of someone one referred oneself, a second referrer, and claims after the
-- claimant's first flown trip. Tables: supabase/migrations/20261208000300_loyalty_benefits.sql.
-- The reward runs inside loyalty_handle_event (95_loyalty.sql) when a booking becomes active, with
-- the referee's member row locked, then the referrer's (booking → referee → referrer).

-- loyalty_referrals took only the member before its referees paged.
drop function if exists public.loyalty_referrals(uuid);

-- The Stellar accounts a user is known by: wallets linked to them, and accounts that paid their
-- bookings on chain. Two users sharing one is one person with two accounts.
create or replace function traqora.loyalty_known_wallets(p_user uuid) returns setof text
language sql stable set search_path = '' as $$
  select address from traqora.wallets where user_id = p_user
  union
  select payer from traqora.chain_payments where user_id = p_user;
$$;

create or replace function traqora.loyalty_referral_json(r traqora.loyalty_referrals) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('referrer_id', r.referrer_id, 'referee_id', r.referee_id, 'code', r.code, 'status', r.status,
    'referee_points', r.referee_points, 'referrer_points', r.referrer_points, 'referrer_capped', r.referrer_capped,
    'booking_id', r.booking_id, 'claimed_at', r.claimed_at, 'rewarded_at', r.rewarded_at);
$$;

-- Claims a referral code for traveller p_user_id. Idempotent: claiming the same code again
-- answers the first claim (replayed). 400/404/409/422 naming `code` otherwise.
create or replace function public.loyalty_claim_referral(p_user_id uuid, p_code text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_code text := upper(trim(p_code));
  v_referrer traqora.loyalty_members;
  r traqora.loyalty_referrals;
begin
  if v_code is null or v_code !~ '^[0-9A-F]{8}$' then
    perform traqora.raise_problem('TQ400', 'code must be the 8 letters and digits of a referral link', 'code');
  end if;
  if not exists (select 1 from traqora.users where id = p_user_id) then perform traqora.raise_problem('TQ404', 'No such user.', 'user_id'); end if;
  select * into v_referrer from traqora.loyalty_members where referral_code = v_code;
  if v_referrer.user_id is null then perform traqora.raise_problem('TQ404', 'No member has this referral code.', 'code'); end if;
  if v_referrer.user_id = p_user_id then perform traqora.raise_problem('TQ422', 'This is your own referral code.', 'code'); end if;
  -- the claimant's row serialises their claims: two at once see each other
  perform traqora.loyalty_member_for_update(p_user_id);
  select * into r from traqora.loyalty_referrals where referee_id = p_user_id;
  if r.referee_id is not null then
    if r.referrer_id = v_referrer.user_id then return traqora.loyalty_referral_json(r) || jsonb_build_object('replayed', true); end if;
    perform traqora.raise_problem('TQ409', 'You already joined with another member''s referral code.', 'code');
  end if;
  if exists (select 1 from traqora.loyalty_bookings where member_id = p_user_id and status = 'active') then
    perform traqora.raise_problem('TQ409', 'Referral codes are for travellers who have not flown with Traqora yet.', 'code');
  end if;
  if exists (select 1 from traqora.loyalty_referrals where referee_id = v_referrer.user_id and referrer_id = p_user_id) then
    perform traqora.raise_problem('TQ422', 'You referred this member: you cannot also join with their code.', 'code');
  end if;
  if exists (select traqora.loyalty_known_wallets(p_user_id) intersect select traqora.loyalty_known_wallets(v_referrer.user_id)) then
    perform traqora.raise_problem('TQ422', 'This code belongs to an account that shares a wallet with yours.', 'code');
  end if;
  insert into traqora.loyalty_referrals (referee_id, referrer_id, code) values (p_user_id, v_referrer.user_id, v_code) returning * into r;
  perform traqora.emit_event('loyalty.referral_claimed', 'member', p_user_id::text,
    jsonb_build_object('referee_id', p_user_id, 'referrer_id', v_referrer.user_id, 'code', v_code), p_user_id);
  return traqora.loyalty_referral_json(r) || jsonb_build_object('replayed', false);
end $$;

-- The referee's first flown trip (booking p_booking, event p_event_id): both bonuses, the
-- referrer's within their yearly cap. The caller holds the referee's member row; this locks the
-- referrer's, so their yearly count is exact under concurrent completions. Answers the
-- loyalty.referral_rewarded payload, or null when there was nothing to reward.
create or replace function traqora.loyalty_referral_reward(p_referee uuid, p_booking uuid, p_event_id bigint) returns jsonb
language plpgsql set search_path = '' as $$
declare
  r traqora.loyalty_referrals;
  v_year_start timestamptz := date_trunc('year', now() at time zone 'UTC') at time zone 'UTC';
  v_paid int;
  v_referee bigint := traqora.parameter('loyalty.referral_bonus.referee')::bigint;
  v_referrer bigint := traqora.parameter('loyalty.referral_bonus.referrer')::bigint;
  v_capped boolean;
begin
  select * into r from traqora.loyalty_referrals where referee_id = p_referee and status = 'claimed' for update;
  if r.referee_id is null then return null; end if;
  perform traqora.loyalty_member_for_update(r.referrer_id);
  select count(*) into v_paid from traqora.loyalty_referrals
  where referrer_id = r.referrer_id and status = 'rewarded' and not referrer_capped and rewarded_at >= v_year_start;
  v_capped := v_paid >= traqora.parameter('loyalty.referral_yearly_cap');
  if v_capped then v_referrer := 0; end if;
  perform traqora.loyalty_post(p_referee, 'points', v_referee, 'active', 'Referral: welcome bonus for your first trip',
                               'referral', 'referral:' || p_referee, p_event_id, null);
  perform traqora.loyalty_post(r.referrer_id, 'points', v_referrer, 'active', 'Referral: a traveller you invited flew their first trip',
                               'referral', 'referral:' || p_referee, p_event_id, null);
  update traqora.loyalty_referrals set status = 'rewarded', referee_points = v_referee, referrer_points = v_referrer,
    referrer_capped = v_capped, booking_id = p_booking, rewarded_at = now()
  where referee_id = p_referee returning * into r;
  return traqora.loyalty_referral_json(r);
end $$;

-- A member's referral page: their code, who referred them, the travellers they referred (first
-- name and initial only) with each one's status, and this year's bonuses against the cap.
-- The referees page newest first (issue #14's cursors) on when each claimed the code, which no
-- row changes, tie-broken by a hash of the referee's id so the cursor never carries the id of
-- someone the page only names by first name: p_after is the last row's {claimed_at, tie},
-- referees_next the next page's (null on the last).
create or replace function public.loyalty_referrals(p_user_id uuid, p_after jsonb default null, p_limit int default 50) returns jsonb
language sql stable security definer set search_path = '' as $$
  with page as (
    select r.*, md5(r.referee_id::text) as tie,
           split_part(u.display_name, ' ', 1) || coalesce(' ' || nullif(left(split_part(u.display_name, ' ', 2), 1), '') || '.', '') as name
    from traqora.loyalty_referrals r join traqora.users u on u.id = r.referee_id
    where r.referrer_id = p_user_id
      and (p_after is null or (r.claimed_at, md5(r.referee_id::text)) < ((p_after ->> 'claimed_at')::timestamptz, p_after ->> 'tie'))
    order by r.claimed_at desc, md5(r.referee_id::text) desc
    limit least(greatest(coalesce(p_limit, 50), 1), 100) + 1
  ), shown as (
    select * from page order by claimed_at desc, tie desc limit least(greatest(coalesce(p_limit, 50), 1), 100)
  )
  select jsonb_build_object(
    'code', (select referral_code from traqora.loyalty_members where user_id = p_user_id),
    'referred_by', (select jsonb_build_object('status', r.status, 'claimed_at', r.claimed_at, 'points', r.referee_points)
                    from traqora.loyalty_referrals r where r.referee_id = p_user_id),
    'referees', coalesce((select jsonb_agg(jsonb_build_object(
        'name', r.name,
        'status', case when r.status = 'claimed' then 'joined' when r.referrer_capped then 'capped' else 'rewarded' end,
        'points', r.referrer_points, 'claimed_at', r.claimed_at, 'rewarded_at', r.rewarded_at) order by r.claimed_at desc, r.tie desc)
      from shown r), '[]'::jsonb),
    'referees_next', case when (select count(*) from page) > (select count(*) from shown)
      then (select jsonb_build_object('claimed_at', r.claimed_at, 'tie', r.tie) from shown r order by r.claimed_at, r.tie limit 1) end,
    'this_year', jsonb_build_object(
      'rewarded', (select count(*) from traqora.loyalty_referrals r where r.referrer_id = p_user_id and r.status = 'rewarded'
                   and not r.referrer_capped and r.rewarded_at >= date_trunc('year', now() at time zone 'UTC') at time zone 'UTC'),
      'cap', traqora.parameter('loyalty.referral_yearly_cap')::int),
    'bonus', jsonb_build_object('referrer', traqora.parameter('loyalty.referral_bonus.referrer')::bigint,
                                'referee', traqora.parameter('loyalty.referral_bonus.referee')::bigint));
$$;

revoke execute on function public.loyalty_claim_referral(uuid, text) from public, anon, authenticated;
revoke execute on function public.loyalty_referrals(uuid, jsonb, int) from public, anon, authenticated;
grant execute on function public.loyalty_claim_referral(uuid, text) to service_role;
grant execute on function public.loyalty_referrals(uuid, jsonb, int) to service_role;
