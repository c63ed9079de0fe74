-- Traqora Rewards: tier benefits applied, and referrals.
--
-- Benefits are governed parameters (routines/12_parameters.sql), read where they apply:
--   loyalty.fee_discount.<tier>         share of the platform fee given back to the traveller at
--                                       release (basis points of the fee), posted in the release's
--                                       ledger transaction (60_bookings.sql release_booking)
--   loyalty.extra_bags.<tier>           checked bags on top of the fare's, shown in the fare conditions
--   loyalty.free_seat_selection.<tier>  1 = any seat free to choose, shown in the fare conditions
-- Refund review priority follows the tier (traqora.loyalty_member_priority, a view the queue may join).
-- loyalty.badges_per_upgrade: badges a fare upgrade spends (20261208000310_loyalty_badges.sql).
--
-- Referrals: every member's code (loyalty_members.referral_code) invites a new traveller; a claim
-- records who invited whom, and the referee's first flown trip pays both sides a governed bonus
-- (source 'referral'), the referrer at most loyalty.referral_yearly_cap times a calendar year.
-- Functions: supabase/routines/93_referrals.sql; the trigger for completion: 95_loyalty.sql.

insert into traqora.governed_parameters (key, value, unit, min_value, max_value, integral, description) values
  ('loyalty.fee_discount.silver', 1000, 'bps', 0, 10000, true,
   'Share of the platform fee given back to Silver members when their flown booking is released (basis points of the fee: 1000 = a tenth).'),
  ('loyalty.fee_discount.gold', 2500, 'bps', 0, 10000, true,
   'Share of the platform fee given back to Gold members when their flown booking is released (basis points of the fee: 2500 = a quarter).'),
  ('loyalty.fee_discount.platinum', 5000, 'bps', 0, 10000, true,
   'Share of the platform fee given back to Platinum members when their flown booking is released (basis points of the fee: 5000 = half).'),
  ('loyalty.extra_bags.silver', 0, 'count', 0, 3, true, 'Checked bags Silver members get on top of the fare''s allowance.'),
  ('loyalty.extra_bags.gold', 1, 'count', 0, 3, true, 'Checked bags Gold members get on top of the fare''s allowance.'),
  ('loyalty.extra_bags.platinum', 1, 'count', 0, 3, true, 'Checked bags Platinum members get on top of the fare''s allowance.'),
  ('loyalty.free_seat_selection.silver', 0, 'count', 0, 1, true, 'Silver members choose any seat free (1) or as the fare allows (0).'),
  ('loyalty.free_seat_selection.gold', 1, 'count', 0, 1, true, 'Gold members choose any seat free (1) or as the fare allows (0).'),
  ('loyalty.free_seat_selection.platinum', 1, 'count', 0, 1, true, 'Platinum members choose any seat free (1) or as the fare allows (0).'),
  ('loyalty.referral_bonus.referrer', 2000, 'points', 0, 100000, true,
   'Points a member earns when a traveller they referred completes a first trip.'),
  ('loyalty.referral_bonus.referee', 1000, 'points', 0, 100000, true,
   'Points a referred traveller earns on completing their first trip.'),
  ('loyalty.referral_yearly_cap', 10, 'count', 0, 1000, true,
   'Referral bonuses one member can earn in a calendar year; referees beyond it still earn theirs.'),
  ('loyalty.badges_per_upgrade', 3, 'count', 1, 10, true,
   'Unspent badges a member spends on a one-time fare upgrade (Basic to Standard) at checkout.');

insert into traqora.parameter_changes (key, before_value, after_value, source)
select key, null, value, 'seed' from traqora.governed_parameters
where key like 'loyalty.fee_discount.%' or key like 'loyalty.extra_bags.%' or key like 'loyalty.free_seat_selection.%' or key like 'loyalty.referral_%' or key = 'loyalty.badges_per_upgrade';

-- Who invited whom: one row per referee (a traveller is referred once). The referrer's wallet at
-- claim time is kept so a later audit sees why a same-wallet claim was or was not refused.
create table traqora.loyalty_referrals (
  referee_id uuid primary key references traqora.loyalty_members,
  referrer_id uuid not null references traqora.loyalty_members,
  code text not null,
  status text not null default 'claimed' check (status in ('claimed', 'rewarded')),
  referee_points bigint not null default 0 check (referee_points >= 0),
  referrer_points bigint not null default 0 check (referrer_points >= 0),
  -- the referrer's bonus was not paid: their yearly cap was reached when the referee flew
  referrer_capped boolean not null default false,
  booking_id uuid,                                  -- the first flown trip that rewarded it
  claimed_at timestamptz not null default now(),
  rewarded_at timestamptz,
  check (referee_id <> referrer_id)
);
create index loyalty_referrals_referrer_idx on traqora.loyalty_referrals (referrer_id, claimed_at desc);

-- One referral credit per member and referral: a re-delivered completion cannot pay twice.
create unique index loyalty_ledger_referral_idx on traqora.loyalty_ledger (member_id, source_ref) where source = 'referral';

-- The outbox is a queue, not an archive: purge_domain_events deletes old events, so the ledger
-- keeps the id of the event that caused a row as a plain number (its unique index still makes a
-- re-delivered event post nothing twice), not a reference the purge would trip over.
alter table traqora.loyalty_ledger drop constraint if exists loyalty_ledger_event_id_fkey;

alter table traqora.loyalty_referrals enable row level security;
