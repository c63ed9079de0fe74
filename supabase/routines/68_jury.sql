-- The dispute jury: juror stakes (real TRQ, moved with public.trq_stake into the jury pool
-- account; a stake keeps its owner's voting power until slashed, 96_trq.sql), rounds opened with a committed seed, the stake-weighted draw anyone can recompute
-- (docs/governance.md "Recomputing a jury draw"), commit–reveal voting in governed windows, the
-- tally (majority decides, majority rewarded from what non-revealers lose), one appeal to a larger
-- jury, and the verdict paid once through traqora.settle_dispute (routines/67_disputes.sql).
-- Time is traqora.governance_now() (the governance test clock). Tables:
-- supabase/migrations/20261208000110_jury.sql.
--
-- Lock order: the dispute row, the round row, the seats, the juror rows; then the TRQ write lock
-- (trq_stake / trq_unstake / trq_slash / trq_transfer), the booking (settle_dispute), the audit head and the event lock last.

-- Signature changes (supabase/README.md, "Changing a function"): the cases list became keyset-paged.
drop function if exists public.chain_dispute_cases(int);

create or replace trigger jurors_touch before update on traqora.jurors
  for each row execute function traqora.touch_updated_at();

create or replace function traqora.jury_pool() returns uuid
language sql immutable set search_path = '' as $$ select '00000000-0000-4000-8000-0000000d15e5'::uuid $$;

-- The pool's TRQ holder: a system user nobody signs in as (no roles, no wallet, no Clerk id),
-- created by the first stake.
create or replace function traqora.ensure_jury_pool() returns void
language sql set search_path = '' as $$
  insert into traqora.users (id, display_name) values (traqora.jury_pool(), 'Jury stake pool') on conflict (id) do nothing;
$$;

-- A juror's hidden vote: sha256(round as 4 bytes big-endian ‖ option as 4 bytes big-endian ‖
-- salt (32 bytes) ‖ the juror's user id (16 bytes)), as the disputes contract binds the juror's
-- address. Binding the juror stops one juror from copying another's commitment.
create or replace function traqora.jury_commitment(p_round int, p_option int, p_salt bytea, p_juror uuid) returns bytea
language sql immutable set search_path = '' as $$
  select sha256(int4send(p_round) || int4send(p_option) || p_salt || uuid_send(p_juror));
$$;

-- The draw: for seat i (0-based), h = sha256(seed ‖ i as 4 bytes big-endian); r = the first 7
-- bytes of h as an unsigned integer, modulo the remaining candidates' total weight; the seat goes
-- to the first remaining candidate (in user-id order) whose running weight exceeds r, who then
-- leaves the list. lib/disputes/draw.ts is the same algorithm for anyone to check.
create or replace function traqora.jury_draw_seats(p_seed bytea, p_candidates jsonb, p_size int) returns uuid[]
language plpgsql immutable set search_path = '' as $$
declare
  v_ids uuid[] := array(select (c ->> 'user_id')::uuid from jsonb_array_elements(p_candidates) c);
  v_w bigint[] := array(select (c ->> 'weight')::bigint from jsonb_array_elements(p_candidates) c);
  v_out uuid[] := '{}';
  v_total bigint;
  v_r bigint;
  v_cum bigint;
  v_pick int;
begin
  for i in 0 .. least(p_size, cardinality(v_ids)) - 1 loop
    select sum(w) into v_total from unnest(v_w) w;
    v_r := mod(('x' || encode(substring(sha256(p_seed || int4send(i)) from 1 for 7), 'hex'))::bit(56)::bigint, v_total);
    v_cum := 0;
    for k in 1 .. cardinality(v_ids) loop
      v_cum := v_cum + v_w[k];
      if v_cum > v_r then v_pick := k; exit; end if;
    end loop;
    v_out := v_out || v_ids[v_pick];
    v_ids := v_ids[1:v_pick - 1] || v_ids[v_pick + 1:];
    v_w := v_w[1:v_pick - 1] || v_w[v_pick + 1:];
  end loop;
  return v_out;
end $$;

create or replace function traqora.jury_rounds_json(p_dispute uuid) returns jsonb
language sql stable set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'round', r.round, 'jury_size', r.jury_size, 'seed_hash', encode(r.seed_hash, 'hex'), 'seed', encode(r.seed, 'hex'),
    'candidates', r.candidates, 'options', r.options, 'stake_at_risk', r.stake_at_risk::text,
    'opened_at', r.opened_at, 'drawn_at', r.drawn_at, 'commit_ends_at', r.commit_ends_at, 'reveal_ends_at', r.reveal_ends_at,
    'reveal_opened_at', r.reveal_opened_at, 'tallied_at', r.tallied_at, 'winning_option', r.winning_option, 'appeal_ends_at', r.appeal_ends_at,
    'seats', coalesce((select jsonb_agg(jsonb_build_object(
                'seat', s.seat, 'juror', s.juror, 'juror_name', u.display_name, 'committed', s.committed_at is not null,
                'revealed', s.revealed_at is not null, 'option', s.revealed_option, 'outcome', s.outcome,
                'reward', s.reward::text, 'slashed', s.slashed::text) order by s.seat)
              from traqora.jury_seats s join traqora.users u on u.id = s.juror where s.round_id = r.id), '[]'::jsonb))
    order by r.round), '[]'::jsonb)
  from traqora.jury_rounds r where r.dispute_id = p_dispute;
$$;

create or replace function traqora.juror_json(p_user uuid) returns jsonb
language plpgsql stable set search_path = '' as $$
begin
  return jsonb_build_object(
    'user_id', p_user,
    'now', traqora.governance_now(),   -- jury time (the windows' clock), for countdowns
    'staked', coalesce((select staked from traqora.jurors where user_id = p_user), 0)::text,
    'active', coalesce((select active from traqora.jurors where user_id = p_user), false),
    'min_stake', (traqora.parameter('disputes.juror_stake_trq')::bigint * traqora.trq_unit())::text,
    'balance', coalesce((traqora.trq_account_json(p_user) ->> 'balance'), '0'),
    'cases', coalesce((select jsonb_agg(jsonb_build_object(
               'dispute_id', r.dispute_id, 'round', r.round, 'pnr', b.pnr, 'status', d.status, 'held_minor', d.held_minor, 'currency', d.currency,
               'options', r.options, 'commit_ends_at', r.commit_ends_at, 'reveal_ends_at', r.reveal_ends_at,
               'tallied_at', r.tallied_at, 'winning_option', r.winning_option, 'appeal_ends_at', r.appeal_ends_at,
               'appealed', exists (select 1 from traqora.jury_rounds a where a.dispute_id = r.dispute_id and a.round > r.round),
               'committed', s.committed_at is not null, 'revealed', s.revealed_at is not null, 'option', s.revealed_option,
               'outcome', s.outcome, 'reward', s.reward::text, 'slashed', s.slashed::text) order by r.drawn_at desc, r.id desc)
             from traqora.jury_seats s join traqora.jury_rounds r on r.id = s.round_id
             join traqora.disputes d on d.id = r.dispute_id join traqora.bookings b on b.id = d.booking_id
             where s.juror = p_user), '[]'::jsonb));
end $$;

-- A holder's juror standing: stake, whether they are in the pool, and the cases they sit on.
create or replace function public.juror_status(p_user_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform traqora.trq_user_exists(p_user_id, 'user_id');
  return traqora.juror_json(p_user_id);
end $$;

-- Opts in (or tops up) with p_amount base units of TRQ moved from the holder's balance to the
-- jury pool. The stake after it must reach the governed minimum (422 naming amount); more than
-- the balance is 409.
create or replace function public.jury_opt_in(p_user_id uuid, p_amount bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  j traqora.jurors;
  v_min bigint := traqora.parameter('disputes.juror_stake_trq')::bigint * traqora.trq_unit();
begin
  perform traqora.trq_user_exists(p_user_id, 'user_id');
  if p_user_id = traqora.jury_pool() then perform traqora.raise_problem('TQ403', 'The pool cannot stake.', 'user_id'); end if;
  if p_amount is null or p_amount <= 0 then perform traqora.raise_problem('TQ422', 'amount must be a positive number of base units', 'amount'); end if;
  insert into traqora.jurors (user_id, staked, active) values (p_user_id, 0, true) on conflict (user_id) do nothing;
  select * into j from traqora.jurors where user_id = p_user_id for update;
  if j.staked + p_amount < v_min then
    perform traqora.raise_problem('TQ422', format('A juror stakes at least %s base units (%s TRQ).', v_min, v_min / traqora.trq_unit()), 'amount');
  end if;
  update traqora.jurors set staked = staked + p_amount, active = true where user_id = p_user_id;
  perform traqora.ensure_jury_pool();
  perform public.trq_stake(p_user_id, traqora.jury_pool(), p_amount, 'Juror stake');
  perform traqora.emit_event('jury.staked', 'juror', p_user_id::text,
    jsonb_build_object('user_id', p_user_id, 'amount', p_amount::text, 'staked', (j.staked + p_amount)::text), p_user_id);
  return traqora.juror_json(p_user_id);
end $$;

-- Leaves the pool and takes the whole stake back; refused (409) while sitting on a round not yet
-- tallied.
create or replace function public.jury_withdraw(p_user_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  j traqora.jurors;
begin
  select * into j from traqora.jurors where user_id = p_user_id for update;
  if j.user_id is null or not j.active then perform traqora.raise_problem('TQ409', 'You are not in the juror pool.', 'user_id'); end if;
  if exists (select 1 from traqora.jury_seats s join traqora.jury_rounds r on r.id = s.round_id
             where s.juror = p_user_id and r.tallied_at is null) then
    perform traqora.raise_problem('TQ409', 'You sit on a jury still deciding: withdraw after its tally.', 'user_id');
  end if;
  update traqora.jurors set staked = 0, active = false where user_id = p_user_id;
  if j.staked > 0 then perform public.trq_unstake(traqora.jury_pool(), p_user_id, j.staked, 'Juror stake returned'); end if;
  perform traqora.emit_event('jury.withdrawn', 'juror', p_user_id::text,
    jsonb_build_object('user_id', p_user_id, 'amount', j.staked::text), p_user_id);
  return traqora.juror_json(p_user_id);
end $$;

-- Opens a round: the eligible jurors now (active, staking at least the per-case stake, not the
-- traveller, not on an earlier round of this dispute) with their stakes as weights, and sha256 of
-- a fresh 32-byte seed. 409 when fewer candidates than seats.
create or replace function traqora.jury_open_round(d traqora.disputes, p_round int, p_size int, p_options jsonb) returns bigint
language plpgsql set search_path = '' as $$
declare
  v_risk bigint := traqora.parameter('disputes.juror_stake_trq')::bigint * traqora.trq_unit();
  v_candidates jsonb;
  v_seed bytea := sha256(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()));
  v_id bigint;
begin
  select coalesce(jsonb_agg(jsonb_build_object('user_id', j.user_id, 'weight', j.staked::text) order by j.user_id::text), '[]'::jsonb)
  into v_candidates
  from traqora.jurors j
  where j.active and j.staked >= v_risk and j.user_id <> d.opened_by
    and not exists (select 1 from traqora.jury_seats s join traqora.jury_rounds r on r.id = s.round_id
                    where r.dispute_id = d.id and s.juror = j.user_id);
  if jsonb_array_length(v_candidates) < p_size then
    perform traqora.raise_problem('TQ409', format('The juror pool has %s eligible jurors; this jury needs %s.', jsonb_array_length(v_candidates), p_size), 'id');
  end if;
  -- the seed is kept here, unpublished, until draw_jury reveals it
  insert into traqora.jury_rounds (dispute_id, round, jury_size, seed_hash, candidates, options, stake_at_risk, opened_at, seed_secret)
  values (d.id, p_round, p_size, sha256(v_seed), v_candidates, p_options, v_risk, traqora.governance_now(), v_seed)
  returning id into v_id;
  return v_id;
end $$;

-- Support escalates an open dispute to the jury. The options are a full refund, a release to the
-- airline (less the platform fee on the ledger rail), and support's proposed split when given
-- (checked like a resolution). Opens round 1; draw_jury then draws it.
create or replace function public.escalate_dispute(p_ctx jsonb, p_id uuid, p_refund_minor bigint default null,
  p_airline_minor bigint default null, p_fee_minor bigint default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  d traqora.disputes;
  v_actor uuid := nullif(p_ctx ->> 'actor', '')::uuid;
  v_rail text;
  v_fee bigint;
  v_options jsonb;
  v_round bigint;
begin
  select * into d from traqora.disputes where id = p_id for update;
  if d.id is null then perform traqora.raise_problem('TQ404', 'No dispute with that id.', 'id'); end if;
  if d.status not in ('open', 'awaiting_evidence') then
    perform traqora.raise_problem('TQ409', format('This dispute is %s: only an open dispute is escalated.', d.status), 'id');
  end if;
  if d.held_minor = 0 then
    perform traqora.raise_problem('TQ409', 'Nothing is held for this booking: there is no split for a jury to decide. Resolve it instead.', 'id');
  end if;
  select payment_rail into v_rail from traqora.bookings where id = d.booking_id;
  v_fee := case when v_rail = 'soroban' then 0 else d.held_minor * traqora.platform_fee_bps() / 10000 end;
  v_options := jsonb_build_array(
    jsonb_build_object('label', 'Full refund to the traveller', 'refund_minor', d.held_minor, 'airline_minor', 0, 'fee_minor', 0),
    jsonb_build_object('label', case when v_rail = 'soroban' then 'Release to the airline (the escrow takes its fee)' else 'Release to the airline' end,
                       'refund_minor', 0, 'airline_minor', d.held_minor - v_fee, 'fee_minor', v_fee));
  if p_refund_minor is not null or p_airline_minor is not null or p_fee_minor is not null then
    perform traqora.check_split(d, p_refund_minor, p_airline_minor, p_fee_minor);
    if not exists (select 1 from jsonb_array_elements(v_options) o
                   where (o ->> 'refund_minor')::bigint = p_refund_minor and (o ->> 'airline_minor')::bigint = p_airline_minor) then
      v_options := v_options || jsonb_build_object('label', 'Support''s proposed split', 'refund_minor', p_refund_minor,
                                                   'airline_minor', p_airline_minor, 'fee_minor', p_fee_minor);
    end if;
  end if;
  v_round := traqora.jury_open_round(d, 1, traqora.parameter('disputes.jury_size')::int, v_options);
  update traqora.disputes set status = 'escalated', escalated_by = v_actor, escalated_at = now() where id = d.id;
  perform traqora.audit_append(p_ctx, 'dispute.escalated', 'dispute', d.id::text, jsonb_build_object('status', d.status),
    jsonb_build_object('status', 'escalated', 'options', v_options, 'seed_hash', (select encode(seed_hash, 'hex') from traqora.jury_rounds where id = v_round)));
  perform traqora.emit_event('dispute.escalated', 'dispute', d.id::text, jsonb_build_object(
    'dispute_id', d.id, 'booking_id', d.booking_id, 'user_id', d.opened_by, 'round', 1,
    'seed_hash', (select encode(seed_hash, 'hex') from traqora.jury_rounds where id = v_round)), v_actor);
  return traqora.dispute_json(d.id);
end $$;

-- Draws the dispute's latest round from its committed seed and publishes the seed; opens the
-- commit window. A round already drawn is 409 (a second draw changes nothing).
create or replace function public.draw_jury(p_dispute_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  r traqora.jury_rounds;
  v_seats uuid[];
  v_now timestamptz := traqora.governance_now();
  v_commit timestamptz;
begin
  select * into r from traqora.jury_rounds where dispute_id = p_dispute_id order by round desc limit 1 for update;
  if r.id is null then perform traqora.raise_problem('TQ404', 'This dispute has no jury round.', 'id'); end if;
  if r.drawn_at is not null then perform traqora.raise_problem('TQ409', 'This round''s jury is already drawn.', 'id'); end if;
  if sha256(r.seed_secret) <> r.seed_hash then raise exception 'jury round % seed does not match its commitment', r.id; end if;
  v_seats := traqora.jury_draw_seats(r.seed_secret, r.candidates, r.jury_size);
  insert into traqora.jury_seats (round_id, juror, seat) select r.id, j, o - 1 from unnest(v_seats) with ordinality as t(j, o);
  v_commit := v_now + make_interval(secs => traqora.parameter('disputes.commit_window_seconds'));
  update traqora.jury_rounds set seed = seed_secret, drawn_at = v_now, commit_ends_at = v_commit,
    reveal_ends_at = v_commit + make_interval(secs => traqora.parameter('disputes.reveal_window_seconds'))
  where id = r.id;
  perform traqora.emit_event('jury.drawn', 'dispute', p_dispute_id::text, jsonb_build_object(
    'dispute_id', p_dispute_id, 'round', r.round, 'jurors', to_jsonb(v_seats), 'seed', encode(r.seed_secret, 'hex'),
    'commit_ends_at', v_commit), null);
  return traqora.dispute_json(p_dispute_id);
end $$;

-- The caller's seat on the dispute's latest drawn round (locked), or 404.
create or replace function traqora.jury_seat_of(p_dispute uuid, p_user uuid, out r traqora.jury_rounds, out s traqora.jury_seats)
language plpgsql set search_path = '' as $$
declare
  v_r traqora.jury_rounds;
  v_s traqora.jury_seats;
begin
  select * into v_r from traqora.jury_rounds where dispute_id = p_dispute and drawn_at is not null order by round desc limit 1;
  if v_r.id is not null then
    select * into v_s from traqora.jury_seats where round_id = v_r.id and juror = p_user for update;
  end if;
  if v_s.round_id is null then perform traqora.raise_problem('TQ404', 'You do not sit on this dispute''s jury.', 'id'); end if;
  r := v_r;
  s := v_s;
end $$;

-- A juror commits sha256(round ‖ option ‖ salt ‖ juror) (64 hex characters) in the commit window.
create or replace function public.jury_commit(p_user_id uuid, p_dispute_id uuid, p_commitment text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  x record;
begin
  if p_commitment is null or p_commitment !~ '^[0-9a-fA-F]{64}$' then
    perform traqora.raise_problem('TQ422', 'commitment must be a sha256 hash (64 hex characters)', 'commitment');
  end if;
  select * into x from traqora.jury_seat_of(p_dispute_id, p_user_id);
  if (x.r).tallied_at is not null or traqora.governance_now() >= (x.r).commit_ends_at then
    perform traqora.raise_problem('TQ409', 'The commit window is closed.', 'commitment');
  end if;
  if (x.s).committed_at is not null then perform traqora.raise_problem('TQ409', 'You have already committed your vote.', 'commitment'); end if;
  update traqora.jury_seats set commitment = decode(lower(p_commitment), 'hex'), committed_at = traqora.governance_now()
  where round_id = (x.r).id and juror = p_user_id;
  perform traqora.emit_event('jury.committed', 'dispute', p_dispute_id::text,
    jsonb_build_object('dispute_id', p_dispute_id, 'round', (x.r).round, 'juror', p_user_id), p_user_id);
  return traqora.juror_json(p_user_id);
end $$;

-- A juror reveals their option and salt (64 hex characters) in the reveal window; a pair that
-- does not hash to the commitment is refused (422 naming salt) and changes nothing.
create or replace function public.jury_reveal(p_user_id uuid, p_dispute_id uuid, p_option int, p_salt text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  x record;
  v_now timestamptz := traqora.governance_now();
begin
  if p_salt is null or p_salt !~ '^[0-9a-fA-F]{64}$' then
    perform traqora.raise_problem('TQ422', 'salt must be 32 bytes as 64 hex characters', 'salt');
  end if;
  select * into x from traqora.jury_seat_of(p_dispute_id, p_user_id);
  if p_option is null or p_option < 0 or p_option >= jsonb_array_length((x.r).options) then
    perform traqora.raise_problem('TQ422', format('option must be 0 to %s', jsonb_array_length((x.r).options) - 1), 'option');
  end if;
  if v_now < (x.r).commit_ends_at then perform traqora.raise_problem('TQ409', 'The reveal window opens when the commit window closes.', 'option'); end if;
  if (x.r).tallied_at is not null or v_now >= (x.r).reveal_ends_at then perform traqora.raise_problem('TQ409', 'The reveal window is closed.', 'option'); end if;
  if (x.s).committed_at is null then perform traqora.raise_problem('TQ409', 'You did not commit a vote in this round.', 'option'); end if;
  if (x.s).revealed_at is not null then perform traqora.raise_problem('TQ409', 'You have already revealed your vote.', 'option'); end if;
  if traqora.jury_commitment((x.r).round, p_option, decode(lower(p_salt), 'hex'), p_user_id) <> (x.s).commitment then
    perform traqora.raise_problem('TQ422', 'This option and salt do not match your commitment.', 'salt');
  end if;
  update traqora.jury_seats set revealed_option = p_option, revealed_at = v_now where round_id = (x.r).id and juror = p_user_id;
  perform traqora.emit_event('jury.revealed', 'dispute', p_dispute_id::text,
    jsonb_build_object('dispute_id', p_dispute_id, 'round', (x.r).round, 'juror', p_user_id, 'option', p_option), p_user_id);
  return traqora.juror_json(p_user_id);
end $$;

-- After the reveal window: the option most revealed wins (a tie, or no reveal at all, goes to the
-- lowest-numbered option among the tied: a full refund first). Jurors who committed nothing or
-- did not reveal lose disputes.slash_bps of the per-case stake (it stays in the pool); the
-- majority shares that pot equally (whole base units, paid to their balances; the remainder stays
-- in the pool). A round is tallied once (409 after).
create or replace function public.jury_tally(p_ctx jsonb, p_dispute_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  r traqora.jury_rounds;
  v_now timestamptz := traqora.governance_now();
  v_win int;
  v_pot bigint := 0;
  v_majority int;
  v_share bigint;
  s record;
  v_slash bigint;
  v_tracked bigint;
begin
  select * into r from traqora.jury_rounds where dispute_id = p_dispute_id and drawn_at is not null order by round desc limit 1 for update;
  if r.id is null then perform traqora.raise_problem('TQ404', 'This dispute has no drawn jury.', 'id'); end if;
  if r.tallied_at is not null then perform traqora.raise_problem('TQ409', 'This round is already tallied.', 'id'); end if;
  if v_now < r.reveal_ends_at then perform traqora.raise_problem('TQ409', 'The reveal window is still open.', 'id'); end if;
  select o into v_win from (
    select o, (select count(*) from traqora.jury_seats js where js.round_id = r.id and js.revealed_option = o) as n
    from generate_series(0, jsonb_array_length(r.options) - 1) o) t
  order by n desc, o limit 1;
  for s in select * from traqora.jury_seats where round_id = r.id order by seat for update loop
    if s.revealed_at is null then
      select least(r.stake_at_risk * traqora.parameter('disputes.slash_bps')::bigint / 10000, staked) into v_slash
      from traqora.jurors where user_id = s.juror for update;
      update traqora.jurors set staked = staked - v_slash where user_id = s.juror;
      -- The stake's voting power goes with the slash (96_trq.sql); a stake made before stakes were
      -- tracked (a plain transfer into the pool) carried no power here, so only the tracked part is slashed there.
      v_tracked := least(v_slash, coalesce((select amount from traqora.trq_stakes where holder = s.juror and pool = traqora.jury_pool()), 0));
      if v_tracked > 0 then perform public.trq_slash(traqora.jury_pool(), s.juror, v_tracked); end if;
      update traqora.jury_seats set outcome = 'slashed', slashed = v_slash where round_id = r.id and juror = s.juror;
      v_pot := v_pot + v_slash;
    else
      update traqora.jury_seats set outcome = case when s.revealed_option = v_win then 'majority' else 'minority' end
      where round_id = r.id and juror = s.juror;
    end if;
  end loop;
  select count(*) into v_majority from traqora.jury_seats where round_id = r.id and outcome = 'majority';
  v_share := case when v_majority > 0 then v_pot / v_majority else 0 end;
  update traqora.jury_rounds set tallied_at = v_now, winning_option = v_win,
    appeal_ends_at = case when r.round = 1 then v_now + make_interval(secs => traqora.parameter('disputes.appeal_window_seconds')) end
  where id = r.id;
  if v_share > 0 then
    update traqora.jury_seats set reward = v_share where round_id = r.id and outcome = 'majority';
    for s in select juror from traqora.jury_seats where round_id = r.id and outcome = 'majority' order by juror loop
      perform public.trq_transfer(traqora.jury_pool(), s.juror, v_share, 'Juror reward');
    end loop;
  end if;
  perform traqora.audit_append(coalesce(p_ctx, '{}'::jsonb), 'jury.tallied', 'dispute', p_dispute_id::text, null, jsonb_build_object(
    'round', r.round, 'winning_option', v_win, 'slashed_total', v_pot::text, 'reward_each', v_share::text));
  perform traqora.emit_event('jury.tallied', 'dispute', p_dispute_id::text, jsonb_build_object(
    'dispute_id', p_dispute_id, 'round', r.round, 'winning_option', v_win, 'option', r.options -> v_win,
    'slashed_total', v_pot::text, 'reward_each', v_share::text), nullif(p_ctx ->> 'actor', '')::uuid);
  return traqora.dispute_json(p_dispute_id);
end $$;

-- The traveller appeals a first-round verdict once, inside the appeal window: round 2, a larger
-- jury (disputes.appeal_jury_size) drawn from jurors who did not sit on round 1.
create or replace function public.appeal_dispute(p_user_id uuid, p_dispute_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  d traqora.disputes;
  r traqora.jury_rounds;
begin
  select * into d from traqora.disputes where id = p_dispute_id and opened_by = p_user_id for update;
  if d.id is null then perform traqora.raise_problem('TQ404', 'No dispute of yours with that id.', 'id'); end if;
  select * into r from traqora.jury_rounds where dispute_id = d.id order by round desc limit 1;
  if d.status <> 'escalated' or r.id is null or r.tallied_at is null then
    perform traqora.raise_problem('TQ409', 'Only a jury''s verdict can be appealed.', 'id');
  end if;
  if r.round >= 2 then perform traqora.raise_problem('TQ409', 'This dispute was already appealed once.', 'id'); end if;
  if traqora.governance_now() >= r.appeal_ends_at then perform traqora.raise_problem('TQ409', 'The appeal window is closed.', 'id'); end if;
  perform traqora.jury_open_round(d, 2, traqora.parameter('disputes.appeal_jury_size')::int, r.options);
  perform traqora.audit_append(jsonb_build_object('actor', p_user_id, 'role', 'traveller'), 'dispute.appealed', 'dispute', d.id::text,
    jsonb_build_object('round', 1, 'winning_option', r.winning_option), jsonb_build_object('round', 2));
  perform traqora.emit_event('dispute.appealed', 'dispute', d.id::text, jsonb_build_object(
    'dispute_id', d.id, 'booking_id', d.booking_id, 'user_id', p_user_id, 'round', 2), p_user_id);
  return traqora.dispute_json(d.id);
end $$;

-- Pays the final verdict through the booking's rail: after round 1's appeal window, or after the
-- appeal round's tally. Exactly once: the dispute row is locked and a resolved dispute is 409,
-- so of any number of concurrent executions one pays. Anyone (a job, support) may call it.
create or replace function public.execute_dispute_verdict(p_ctx jsonb, p_dispute_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  d traqora.disputes;
  r traqora.jury_rounds;
  o jsonb;
begin
  select * into d from traqora.disputes where id = p_dispute_id for update;
  if d.id is null then perform traqora.raise_problem('TQ404', 'No dispute with that id.', 'id'); end if;
  if d.status in ('resolved', 'closed') then perform traqora.raise_problem('TQ409', format('This dispute is already %s.', d.status), 'id'); end if;
  select * into r from traqora.jury_rounds where dispute_id = d.id order by round desc limit 1;
  if d.status <> 'escalated' or r.id is null or r.tallied_at is null then
    perform traqora.raise_problem('TQ409', 'This dispute has no verdict to execute yet.', 'id');
  end if;
  if r.round = 1 and traqora.governance_now() < r.appeal_ends_at then
    perform traqora.raise_problem('TQ409', 'The appeal window is still open.', 'id');
  end if;
  o := r.options -> r.winning_option;
  perform traqora.settle_dispute(p_ctx, d, 'jury', (o ->> 'refund_minor')::bigint, (o ->> 'airline_minor')::bigint,
    (o ->> 'fee_minor')::bigint, format('Jury verdict, round %s: %s', r.round, o ->> 'label'));
  return traqora.dispute_json(d.id);
end $$;

-- The jury clock (the `jury-clock` job): moves every case whose window has passed one step, so
-- nobody has to press a button; support's buttons stay as overrides. Per run:
--   1. draws a round opened in an earlier transaction but not drawn (its seed's hash was
--      committed before: escalation and appeal draw in a second transaction, which may not have
--      happened);
--   2. when a round's commit window has ended, tells its committed jurors that the reveal window
--      is open (`jury.reveal_opened`, once: reveal_opened_at);
--   3. tallies a round whose reveal window has ended (jury_tally);
--   4. executes a verdict once it is final: after round 1's appeal window, or after the appeal
--      round's tally (execute_dispute_verdict, which pays through the booking's rail).
-- Each row is claimed FOR UPDATE SKIP LOCKED and each step re-checks its state under the lock,
-- so concurrent runs act once and a re-run finds nothing left to do. A step that fails is
-- counted with its message and left for the next run; it never holds up the other cases.
create or replace function public.jury_clock(p_limit int default 50) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 50), 1), 500);
  v_now timestamptz := traqora.governance_now();
  v_ctx jsonb := jsonb_build_object('actor', null, 'role', null, 'reason', 'jury clock', 'ip', null, 'request_id', 'jury-clock');
  c record;
  v_drawn int := 0;
  v_opened int := 0;
  v_tallied int := 0;
  v_executed int := 0;
  v_errors jsonb := '[]'::jsonb;
begin
  for c in select r.id, r.dispute_id from traqora.jury_rounds r join traqora.disputes d on d.id = r.dispute_id
           where r.drawn_at is null and d.status = 'escalated'
           order by r.id limit v_limit for update of r skip locked loop
    begin
      perform public.draw_jury(c.dispute_id);
      v_drawn := v_drawn + 1;
    exception when others then
      v_errors := v_errors || jsonb_build_object('dispute_id', c.dispute_id, 'step', 'draw', 'error', sqlerrm);
    end;
  end loop;

  for c in select r.id, r.dispute_id, r.round, r.reveal_ends_at from traqora.jury_rounds r
           where r.drawn_at is not null and r.tallied_at is null and r.reveal_opened_at is null
             and r.commit_ends_at <= v_now and r.reveal_ends_at > v_now
           order by r.id limit v_limit for update skip locked loop
    update traqora.jury_rounds set reveal_opened_at = v_now where id = c.id;
    perform traqora.emit_event('jury.reveal_opened', 'dispute', c.dispute_id::text, jsonb_build_object(
      'dispute_id', c.dispute_id, 'round', c.round, 'reveal_ends_at', c.reveal_ends_at,
      'jurors', coalesce((select jsonb_agg(s.juror order by s.seat) from traqora.jury_seats s
                          where s.round_id = c.id and s.committed_at is not null and s.revealed_at is null), '[]'::jsonb)), null);
    v_opened := v_opened + 1;
  end loop;

  for c in select r.id, r.dispute_id from traqora.jury_rounds r join traqora.disputes d on d.id = r.dispute_id
           where r.drawn_at is not null and r.tallied_at is null and r.reveal_ends_at <= v_now and d.status = 'escalated'
           order by r.id limit v_limit for update of r skip locked loop
    begin
      perform public.jury_tally(v_ctx, c.dispute_id);
      v_tallied := v_tallied + 1;
    exception when others then
      v_errors := v_errors || jsonb_build_object('dispute_id', c.dispute_id, 'step', 'tally', 'error', sqlerrm);
    end;
  end loop;

  for c in select d.id from traqora.disputes d
           join lateral (select r.round, r.tallied_at, r.appeal_ends_at from traqora.jury_rounds r
                         where r.dispute_id = d.id order by r.round desc limit 1) r on true
           where d.status = 'escalated' and r.tallied_at is not null and (r.round >= 2 or r.appeal_ends_at <= v_now)
           order by r.tallied_at, d.id limit v_limit for update of d skip locked loop
    begin
      perform public.execute_dispute_verdict(v_ctx, c.id);
      v_executed := v_executed + 1;
    exception when others then
      v_errors := v_errors || jsonb_build_object('dispute_id', c.id, 'step', 'verdict', 'error', sqlerrm);
    end;
  end loop;

  return jsonb_build_object('drawn', v_drawn, 'reveal_opened', v_opened, 'tallied', v_tallied, 'executed', v_executed,
                            'failed', jsonb_array_length(v_errors), 'errors', v_errors);
end $$;

-- Proves the pool's TRQ covers every stake: pool balance = sum of stakes + the undistributed rest.
create or replace function public.jury_pool_check() returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'pool', coalesce((select balance from traqora.trq_accounts where holder = traqora.jury_pool()), 0)::text,
    'staked', coalesce((select sum(staked) from traqora.jurors), 0)::text,
    'ok', coalesce((select balance from traqora.trq_accounts where holder = traqora.jury_pool()), 0) >= coalesce((select sum(staked) from traqora.jurors), 0));
$$;

revoke execute on function public.juror_status(uuid) from public, anon, authenticated;
revoke execute on function public.jury_opt_in(uuid, bigint) from public, anon, authenticated;
revoke execute on function public.jury_withdraw(uuid) from public, anon, authenticated;
revoke execute on function public.escalate_dispute(jsonb, uuid, bigint, bigint, bigint) from public, anon, authenticated;
revoke execute on function public.draw_jury(uuid) from public, anon, authenticated;
revoke execute on function public.jury_commit(uuid, uuid, text) from public, anon, authenticated;
revoke execute on function public.jury_reveal(uuid, uuid, int, text) from public, anon, authenticated;
revoke execute on function public.jury_tally(jsonb, uuid) from public, anon, authenticated;
revoke execute on function public.appeal_dispute(uuid, uuid) from public, anon, authenticated;
revoke execute on function public.execute_dispute_verdict(jsonb, uuid) from public, anon, authenticated;
revoke execute on function public.jury_pool_check() from public, anon, authenticated;
revoke execute on function public.jury_clock(int) from public, anon, authenticated;
grant execute on function public.juror_status(uuid) to service_role;
grant execute on function public.jury_opt_in(uuid, bigint) to service_role;
grant execute on function public.jury_withdraw(uuid) to service_role;
grant execute on function public.escalate_dispute(jsonb, uuid, bigint, bigint, bigint) to service_role;
grant execute on function public.draw_jury(uuid) to service_role;
grant execute on function public.jury_commit(uuid, uuid, text) to service_role;
grant execute on function public.jury_reveal(uuid, uuid, int, text) to service_role;
grant execute on function public.jury_tally(jsonb, uuid) to service_role;
grant execute on function public.appeal_dispute(uuid, uuid) to service_role;
grant execute on function public.execute_dispute_verdict(jsonb, uuid) to service_role;
grant execute on function public.jury_pool_check() to service_role;
grant execute on function public.jury_clock(int) to service_role;

-- ---- The on-chain jury (the `disputes` contract) ----------------------------------------------
-- A soroban-rail booking's party may file with the contract instead of the app's jury
-- (docs/governance.md, "Which disputes go on chain"): full refund or full release, decided by TRQ
-- holders voting on chain with their checkpointed votes. The contract is the source of truth; the
-- app keeps a record (traqora.chain_disputes, migration 20261211000100) fed from three places,
-- each idempotent: the filer's confirmed transaction (record_chain_dispute_filing), the indexed
-- contract events (chain_dispute_event, the `chain-disputes` consumer) and the keeper's reads of
-- get_dispute (sync_chain_dispute). When the record says executed, the app dispute is resolved and
-- the booking settled in the app, with the escrow settlement marked as carried out by the
-- contract's transaction (nothing is queued for the server signer to send).

create or replace trigger chain_disputes_touch before update on traqora.chain_disputes
  for each row execute function traqora.touch_updated_at();

create or replace function traqora.chain_dispute_json(p_dispute uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'chain_dispute_id', c.chain_dispute_id::text, 'chain_booking_id', c.chain_booking_id, 'filer', c.filer,
    'claim', case c.claim when 1 then 'refund' else 'release' end, 'stake', c.stake::text, 'status', c.status, 'round', c.round,
    'commit_end', c.commit_end, 'reveal_end', c.reveal_end,
    'refund_weight', c.refund_weight::text, 'release_weight', c.release_weight::text,
    'verdict', case c.verdict when 1 then 'refund' when 2 then 'release' end, 'appeal_deadline', c.appeal_deadline, 'applied', c.applied,
    'committed', (select count(*) from traqora.chain_dispute_events e where e.dispute_id = c.dispute_id and e.action = 'committed' and e.round = c.round),
    'revealed', (select count(*) from traqora.chain_dispute_events e where e.dispute_id = c.dispute_id and e.action = 'revealed' and e.round = c.round),
    'transactions', jsonb_build_object('filed', c.filed_tx, 'tally', c.tally_tx, 'execute', c.execute_tx),
    'keeper', jsonb_build_object('step', c.keeper_step, 'round', c.keeper_round, 'tx_hash', c.keeper_tx, 'sent_at', c.keeper_sent_at,
                                 'attempts', c.keeper_attempts, 'error', c.keeper_error),
    'events', coalesce((select jsonb_agg(jsonb_build_object('id', e.chain_event_id, 'action', e.action, 'round', e.round, 'account', e.account,
                                                            'vote', case e.vote when 1 then 'refund' when 2 then 'release' end,
                                                            'weight', e.weight::text, 'tx_hash', e.tx_hash, 'ledger', e.ledger, 'closed_at', e.closed_at,
                                                            -- what a claim paid (the contract's RewardClaimed.amount): no read needed to show it
                                                            'amount', case when e.action = 'reward_claimed' then e.fields ->> 'amount' end)
                                         order by e.ledger, e.chain_event_id)
                        from traqora.chain_dispute_events e where e.dispute_id = c.dispute_id), '[]'::jsonb))
  from traqora.chain_disputes c where c.dispute_id = p_dispute;
$$;

-- What a party needs to file on chain for a booking, and the refusals before anything is signed:
-- the booking is the caller's (p_user_id) or, for an operator (p_airline), flown by that airline;
-- paid on the soroban rail; one flight (the contract disputes one escrow booking); no dispute in
-- progress. Answers the escrow booking id the transaction must name.
create or replace function public.chain_dispute_terms(p_user_id uuid, p_pnr text, p_airline text default null) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v traqora.bookings;
  v_segments int;
begin
  select * into v from traqora.bookings b where b.pnr = upper(coalesce(p_pnr, ''))
    and (b.user_id = p_user_id or (p_airline is not null and exists (select 1 from traqora.booking_segments s where s.booking_id = b.id and s.airline = p_airline)));
  if v.id is null then perform traqora.raise_problem('TQ404', 'No booking of yours with that reference.', 'pnr'); end if;
  if v.payment_rail <> 'soroban' then
    perform traqora.raise_problem('TQ409', 'Only a booking paid on chain can go to the on-chain jury; open a dispute with support instead.', 'pnr');
  end if;
  if v.status <> 'paid' then
    perform traqora.raise_problem('TQ409', format('This booking is %s: the escrow no longer holds it.', v.status), 'pnr');
  end if;
  select count(*) into v_segments from traqora.booking_segments where booking_id = v.id;
  if v_segments <> 1 then
    perform traqora.raise_problem('TQ409', 'The on-chain jury decides one flight; a booking of several flights goes to support.', 'pnr');
  end if;
  if traqora.booking_frozen(v.id) then
    perform traqora.raise_problem('TQ409', 'This booking already has a dispute in progress.', 'pnr');
  end if;
  return jsonb_build_object('booking_id', v.id, 'pnr', v.pnr, 'user_id', v.user_id, 'total_minor', v.total_minor, 'currency', v.currency,
                            'chain_booking_id', traqora.chain_booking_id(v.id, 1));
end $$;

-- Opens (or finds) the app's record of a contract dispute from its DisputeFiled fields
-- ({dispute_id, booking_id, filer, claim, stake, commit_end, reveal_end}; integers as decimal
-- strings, times as unix seconds). Null when the escrow booking is not one of the app's, or the
-- booking already has an app dispute in progress (the contract froze it anyway; support sees both).
create or replace function traqora.chain_dispute_open(p_fields jsonb, p_tx text, p_reason text, p_actor uuid) returns uuid
language plpgsql set search_path = '' as $$
declare
  v traqora.bookings;
  v_id uuid;
  v_reason text := coalesce(nullif(trim(p_reason), ''), 'Filed with the on-chain jury of the disputes contract.');
begin
  -- the booking's row lock first: the filer's confirmation and the indexed event may race here
  select b.* into v from traqora.booking_segments s join traqora.bookings b on b.id = s.booking_id
  where traqora.chain_booking_id(s.booking_id, s.seq) = p_fields ->> 'booking_id' for update of b;
  select dispute_id into v_id from traqora.chain_disputes where chain_dispute_id = (p_fields ->> 'dispute_id')::numeric;
  if v_id is not null then
    update traqora.chain_disputes set filed_tx = coalesce(filed_tx, lower(p_tx)) where dispute_id = v_id;
    return v_id;
  end if;
  if v.id is null or traqora.booking_frozen(v.id) then return null; end if;
  insert into traqora.disputes (booking_id, opened_by, reason, status, held_minor, currency, escalated_at, jury)
  values (v.id, v.user_id, left(v_reason, 2000), 'escalated', case when v.status = 'paid' then v.total_minor else 0 end, v.currency, now(), 'chain')
  returning id into v_id;
  insert into traqora.chain_disputes (dispute_id, chain_dispute_id, chain_booking_id, filer, claim, stake, filed_tx, commit_end, reveal_end)
  values (v_id, (p_fields ->> 'dispute_id')::numeric, p_fields ->> 'booking_id', p_fields ->> 'filer', (p_fields ->> 'claim')::int,
          (p_fields ->> 'stake')::numeric, lower(p_tx), to_timestamp((p_fields ->> 'commit_end')::bigint), to_timestamp((p_fields ->> 'reveal_end')::bigint));
  perform traqora.audit_append(jsonb_build_object('actor', p_actor, 'role', case when p_actor is null then null else 'traveller' end,
      'reason', left(v_reason, 500), 'ip', null, 'request_id', 'chain-dispute'),
    'dispute.chain_filed', 'dispute', v_id::text, null,
    jsonb_build_object('pnr', v.pnr, 'chain_dispute_id', p_fields ->> 'dispute_id', 'filer', p_fields ->> 'filer', 'claim', p_fields -> 'claim', 'tx_hash', lower(p_tx)));
  perform traqora.emit_event('dispute.chain_filed', 'dispute', v_id::text, jsonb_build_object(
    'dispute_id', v_id, 'booking_id', v.id, 'pnr', v.pnr, 'user_id', v.user_id, 'chain_dispute_id', p_fields ->> 'dispute_id',
    'filer', p_fields ->> 'filer', 'claim', case (p_fields ->> 'claim')::int when 1 then 'refund' else 'release' end,
    'held_minor', v.total_minor, 'currency', v.currency, 'tx_hash', lower(p_tx)), p_actor);
  return v_id;
end $$;

-- The server read the filer's transaction from RPC (lib/disputes/chain/file.ts): record it.
-- Idempotent by the contract's dispute id (a repeat, or the indexer first, answers the same record).
create or replace function public.record_chain_dispute_filing(p_user_id uuid, p_pnr text, p_fields jsonb, p_tx_hash text, p_reason text,
                                                              p_airline text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v traqora.bookings;
  v_id uuid;
begin
  if p_fields is null or coalesce(p_fields ->> 'dispute_id', '') !~ '^[0-9]{1,20}$' or coalesce(p_fields ->> 'booking_id', '') !~ '^[0-9]{1,20}$' then
    perform traqora.raise_problem('TQ422', 'The filing names no dispute.', 'tx_hash');
  end if;
  select * into v from traqora.bookings b where b.pnr = upper(coalesce(p_pnr, ''))
    and (b.user_id = p_user_id or (p_airline is not null and exists (select 1 from traqora.booking_segments s where s.booking_id = b.id and s.airline = p_airline)));
  if v.id is null then perform traqora.raise_problem('TQ404', 'No booking of yours with that reference.', 'pnr'); end if;
  if traqora.chain_booking_id(v.id, 1) <> p_fields ->> 'booking_id' then
    perform traqora.raise_problem('TQ422', 'The transaction disputes another booking.', 'tx_hash');
  end if;
  -- found or opened under the booking's lock (the indexer may have recorded it first)
  v_id := traqora.chain_dispute_open(p_fields, p_tx_hash, p_reason, p_user_id);
  if v_id is null then perform traqora.raise_problem('TQ409', 'This booking already has a dispute in progress.', 'pnr'); end if;
  return traqora.dispute_json(v_id);
end $$;

-- Resolves the app dispute once the contract has executed its verdict: a full refund or a full
-- release of what was held, through settle_dispute (the booking, the audit row, the events), and
-- the booking's escrow settlement recorded as carried out by the execute_verdict transaction.
create or replace function traqora.chain_dispute_settle(p_dispute uuid) returns void
language plpgsql set search_path = '' as $$
declare
  d traqora.disputes;
  c traqora.chain_disputes;
  v_ctx jsonb := jsonb_build_object('actor', null, 'role', null, 'reason', 'on-chain verdict', 'ip', null, 'request_id', 'chain-dispute');
begin
  select * into d from traqora.disputes where id = p_dispute for update;
  select * into c from traqora.chain_disputes where dispute_id = p_dispute;
  if d.status in ('resolved', 'closed') or c.status <> 'executed' or c.verdict is null then return; end if;
  perform traqora.settle_dispute(v_ctx, d,
    'jury', case when c.verdict = 1 then d.held_minor else 0 end, case when c.verdict = 1 then 0 else d.held_minor end, 0,
    format('On-chain jury (disputes contract #%s), round %s: %s', c.chain_dispute_id, c.round,
           case when c.verdict = 1 then 'full refund to the passenger' else 'full release to the airline' end));
  if c.execute_tx is not null then
    perform traqora.chain_settlements_carried_out(d.booking_id, c.execute_tx);
  end if;
end $$;

-- The contract's state as get_dispute reads it (the keeper, before and after each send):
-- {status: 0 voting | 1 decided | 2 executed, round, claim, stake, commit_end, reveal_end,
-- refund_weight, release_weight, verdict, appeal_deadline}; p_execute_tx names the transaction that executed it.
create or replace function public.sync_chain_dispute(p_dispute_id uuid, p_state jsonb, p_execute_tx text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  c traqora.chain_disputes;
  v_status text;
begin
  select * into c from traqora.chain_disputes where dispute_id = p_dispute_id for update;
  if c.dispute_id is null then perform traqora.raise_problem('TQ404', 'No on-chain dispute with that id.', 'id'); end if;
  v_status := case (p_state ->> 'status')::int when 0 then 'voting' when 1 then 'decided' when 2 then 'executed' end;
  if v_status is null then perform traqora.raise_problem('TQ422', 'Unknown dispute status.', 'state'); end if;
  if c.status = 'executed' then return traqora.chain_dispute_json(c.dispute_id); end if;   -- final: a stale read changes nothing
  update traqora.chain_disputes set
    status = v_status, round = (p_state ->> 'round')::int,
    -- the round's staker's claim and stake (an appeal's are the appellant's, larger)
    claim = coalesce((p_state ->> 'claim')::int, claim), stake = coalesce((p_state ->> 'stake')::numeric, stake),
    commit_end = to_timestamp((p_state ->> 'commit_end')::bigint), reveal_end = to_timestamp((p_state ->> 'reveal_end')::bigint),
    refund_weight = (p_state ->> 'refund_weight')::numeric, release_weight = (p_state ->> 'release_weight')::numeric,
    verdict = nullif((p_state ->> 'verdict')::int, 0),
    appeal_deadline = case when (p_state ->> 'appeal_deadline')::bigint > 0 then to_timestamp((p_state ->> 'appeal_deadline')::bigint) end,
    execute_tx = coalesce(execute_tx, lower(p_execute_tx))
  where dispute_id = c.dispute_id;
  if v_status = 'executed' then perform traqora.chain_dispute_settle(c.dispute_id); end if;
  return traqora.chain_dispute_json(c.dispute_id);
end $$;

-- Applies one indexed `disputes` contract event (the `chain-disputes` consumer offers every
-- chain.event_indexed): recorded once by its RPC id, the record updated, one dispute.chain_<action>
-- event. A DisputeFiled for an app booking filed outside the app opens the record here.
create or replace function public.chain_dispute_event(p_event_id bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  e traqora.domain_events;
  p jsonb;
  f jsonb;
  v_action text;
  v_dispute uuid;
  v_closed timestamptz;
  c traqora.chain_disputes;
  v_new text;
begin
  select * into e from traqora.domain_events where id = p_event_id;
  if e.id is null then perform traqora.raise_problem('TQ404', 'No such event.', 'event_id'); end if;
  p := e.payload;
  f := p -> 'fields';
  v_action := p ->> 'action';
  if e.type <> 'chain.event_indexed' or p ->> 'contract' is distinct from 'disputes' or not coalesce((p ->> 'successful')::boolean, false)
     or f is null or coalesce(f ->> 'dispute_id', '') !~ '^[0-9]{1,20}$'
     or v_action not in ('filed', 'evidence', 'committed', 'revealed', 'decided', 'appealed', 'executed', 'reward_claimed') then
    return jsonb_build_object('applied', false);
  end if;
  if v_action = 'filed' then
    v_dispute := traqora.chain_dispute_open(f, p ->> 'tx_hash', null, null);
  else
    select dispute_id into v_dispute from traqora.chain_disputes where chain_dispute_id = (f ->> 'dispute_id')::numeric;
  end if;
  if v_dispute is null then return jsonb_build_object('applied', false); end if;
  select * into c from traqora.chain_disputes where dispute_id = v_dispute for update;
  v_closed := (p ->> 'closed_at')::timestamptz;
  insert into traqora.chain_dispute_events (chain_event_id, dispute_id, action, round, account, vote, weight, tx_hash, ledger, closed_at, fields)
  values (p ->> 'chain_event_id', v_dispute, v_action,
          case when v_action in ('filed', 'evidence') then c.round else (f ->> 'round')::int end,
          coalesce(f ->> 'juror', f ->> 'party', f ->> 'appellant', f ->> 'filer'),
          case when v_action in ('revealed', 'decided', 'executed') then coalesce((f ->> 'vote')::int, (f ->> 'verdict')::int) end,
          (f ->> 'weight')::numeric, lower(p ->> 'tx_hash'), (p ->> 'ledger')::int, v_closed, f)
  on conflict (chain_event_id) do nothing
  returning chain_event_id into v_new;
  if v_new is null then return jsonb_build_object('applied', false, 'replayed', true); end if;

  if c.status <> 'executed' then
    if v_action = 'revealed' and (f ->> 'round')::int = c.round then
      update traqora.chain_disputes set refund_weight = refund_weight + case when (f ->> 'vote')::int = 1 then (f ->> 'weight')::numeric else 0 end,
                                        release_weight = release_weight + case when (f ->> 'vote')::int = 2 then (f ->> 'weight')::numeric else 0 end
      where dispute_id = v_dispute;
    elsif v_action = 'decided' then
      update traqora.chain_disputes set status = 'decided', round = (f ->> 'round')::int, verdict = (f ->> 'verdict')::int,
        refund_weight = (f ->> 'refund_weight')::numeric, release_weight = (f ->> 'release_weight')::numeric, tally_tx = lower(p ->> 'tx_hash')
      where dispute_id = v_dispute;
    elsif v_action = 'appealed' then
      -- the new round's windows are the contract's (the keeper reads them); until then it is due for a read
      update traqora.chain_disputes set status = 'voting', round = (f ->> 'round')::int, verdict = null, appeal_deadline = null,
        stake = coalesce((f ->> 'stake')::numeric, stake),
        refund_weight = 0, release_weight = 0, commit_end = v_closed, reveal_end = v_closed
      where dispute_id = v_dispute;
    elsif v_action = 'executed' then
      update traqora.chain_disputes set status = 'executed', verdict = (f ->> 'verdict')::int, applied = (f ->> 'applied')::boolean,
        execute_tx = lower(p ->> 'tx_hash')
      where dispute_id = v_dispute;
    end if;
  end if;
  if v_action <> 'filed' then
    perform traqora.emit_event('dispute.chain_' || v_action, 'dispute', v_dispute::text, jsonb_build_object(
      'dispute_id', v_dispute, 'chain_dispute_id', f ->> 'dispute_id', 'round', (f ->> 'round')::int,
      'account', coalesce(f ->> 'juror', f ->> 'party', f ->> 'appellant'), 'tx_hash', lower(p ->> 'tx_hash'), 'fields', f), null);
  end if;
  if v_action = 'executed' then perform traqora.chain_dispute_settle(v_dispute); end if;
  return jsonb_build_object('applied', true, 'dispute_id', v_dispute, 'action', v_action);
end $$;

-- The keeper's work list: rounds whose reveal window has passed (tally) and decided disputes
-- (execute once the appeal window has passed, or read again after an appeal).
create or replace function public.chain_disputes_due(p_limit int default 20) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('dispute_id', c.dispute_id, 'chain_dispute_id', c.chain_dispute_id::text, 'status', c.status,
                                               'round', c.round, 'reveal_end', c.reveal_end, 'appeal_deadline', c.appeal_deadline,
                                               'keeper_step', c.keeper_step, 'keeper_round', c.keeper_round, 'keeper_tx', c.keeper_tx,
                                               'keeper_sent_at', c.keeper_sent_at, 'keeper_attempts', c.keeper_attempts) order by c.reveal_end), '[]'::jsonb)
  from (select * from traqora.chain_disputes
        where (status = 'voting' and reveal_end <= now()) or status = 'decided'
        order by reveal_end limit least(greatest(coalesce(p_limit, 20), 1), 200)) c;
$$;

-- The keeper reports a send (submitted, with its hash, audited), a landed one (confirmed,
-- audited) or a send that can no longer land / was refused (pending, with why).
create or replace function public.mark_chain_dispute_keeper(p_dispute_id uuid, p_step text, p_round int, p_status text,
                                                            p_tx_hash text default null, p_error text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  c traqora.chain_disputes;
  v_ctx jsonb := jsonb_build_object('actor', null, 'role', null, 'reason', 'chain dispute keeper', 'ip', null, 'request_id', 'chain-dispute-keeper');
begin
  if p_step not in ('tally', 'execute') then perform traqora.raise_problem('TQ422', 'step must be tally or execute', 'step'); end if;
  if p_status not in ('submitted', 'confirmed', 'pending') then perform traqora.raise_problem('TQ422', 'Unknown keeper status.', 'status'); end if;
  select * into c from traqora.chain_disputes where dispute_id = p_dispute_id for update;
  if c.dispute_id is null then perform traqora.raise_problem('TQ404', 'No on-chain dispute with that id.', 'id'); end if;
  if p_status = 'submitted' then
    update traqora.chain_disputes set keeper_step = p_step, keeper_round = p_round, keeper_tx = lower(p_tx_hash), keeper_sent_at = now(),
      keeper_attempts = keeper_attempts + 1, keeper_error = null where dispute_id = c.dispute_id;
    perform traqora.audit_append(v_ctx, 'dispute.chain_' || p_step || '_sent', 'dispute', c.dispute_id::text, null,
      jsonb_build_object('chain_dispute_id', c.chain_dispute_id::text, 'round', p_round, 'tx_hash', lower(p_tx_hash)));
  elsif p_status = 'confirmed' then
    -- landed: no send is open any more (its hash stays as the step's transaction)
    update traqora.chain_disputes set keeper_error = null, keeper_tx = null, keeper_sent_at = null,
      tally_tx = case when p_step = 'tally' then coalesce(tally_tx, lower(p_tx_hash)) else tally_tx end,
      execute_tx = case when p_step = 'execute' then coalesce(execute_tx, lower(p_tx_hash)) else execute_tx end
    where dispute_id = c.dispute_id;
    perform traqora.audit_append(v_ctx, 'dispute.chain_' || p_step || '_confirmed', 'dispute', c.dispute_id::text, null,
      jsonb_build_object('chain_dispute_id', c.chain_dispute_id::text, 'round', p_round, 'tx_hash', lower(p_tx_hash)));
  else
    update traqora.chain_disputes set keeper_error = left(p_error, 1000),
      keeper_tx = case when p_tx_hash is null then keeper_tx else null end,
      keeper_sent_at = case when p_tx_hash is null then keeper_sent_at else null end
    where dispute_id = c.dispute_id;
  end if;
  return traqora.chain_dispute_json(c.dispute_id);
end $$;

-- The on-chain jury's cases for /disputes: any TRQ holder with votes at a case's snapshot may
-- serve, so every signed-in user sees the cases (the filer's statement, the amount held, the
-- contract's state; not the booking's passengers or evidence files): those in progress first,
-- then executed ones (a majority juror claims a round's reward from them), newest first.
-- Keyset-paged on (executed, created_at, dispute_id): p_after_* is the last row of the previous
-- page. A case filed while a client pages lands above its first page. The one part of the key that
-- changes is `executed`, and only once, forwards: a case that finishes while a client pages moves
-- from the in-progress part to the executed part, so it can be listed twice (the page keeps the
-- newer copy) but never skipped — a case not yet reached is still ahead of the cursor wherever
-- it moves, and an executed case never moves back.
create or replace function public.chain_dispute_cases(p_after_executed boolean default null, p_after_created timestamptz default null,
                                                      p_after_id uuid default null, p_limit int default 20) returns jsonb
language sql stable security definer set search_path = '' as $$
  with lim as (select least(greatest(coalesce(p_limit, 20), 1), 100) as n),
  page as (   -- one row more than asked: whether another page exists
    select c.dispute_id, c.status = 'executed' as executed, c.created_at
    from traqora.chain_disputes c
    where p_after_executed is null
       or (c.status = 'executed') > p_after_executed
       or ((c.status = 'executed') = p_after_executed and (c.created_at, c.dispute_id) < (p_after_created, p_after_id))
    order by c.status = 'executed', c.created_at desc, c.dispute_id desc
    limit (select n + 1 from lim)),
  numbered as (select p.*, row_number() over (order by p.executed, p.created_at desc, p.dispute_id desc) as n from page p)
  select jsonb_build_object(
    'data', coalesce((select jsonb_agg(jsonb_build_object(
                        'dispute_id', d.id, 'reason', d.reason, 'held_minor', d.held_minor, 'currency', d.currency,
                        'route', (select f.origin || '–' || f.destination from traqora.booking_segments s
                                  join traqora.flights f on f.id = s.flight_id where s.booking_id = d.booking_id order by s.seq limit 1),
                        'chain', traqora.chain_dispute_json(d.id), 'now', now()) order by x.n)
                      from numbered x join traqora.disputes d on d.id = x.dispute_id where x.n <= (select n from lim)), '[]'::jsonb),
    'next', (select jsonb_build_object('executed', x.executed, 'created_at', x.created_at, 'id', x.dispute_id)
             from numbered x where x.n = (select n from lim) and exists (select 1 from numbered y where y.n > (select n from lim))));
$$;

revoke execute on function public.chain_dispute_terms(uuid, text, text) from public, anon, authenticated;
revoke execute on function public.record_chain_dispute_filing(uuid, text, jsonb, text, text, text) from public, anon, authenticated;
revoke execute on function public.sync_chain_dispute(uuid, jsonb, text) from public, anon, authenticated;
revoke execute on function public.chain_dispute_event(bigint) from public, anon, authenticated;
revoke execute on function public.chain_disputes_due(int) from public, anon, authenticated;
revoke execute on function public.chain_dispute_cases(boolean, timestamptz, uuid, int) from public, anon, authenticated;
revoke execute on function public.mark_chain_dispute_keeper(uuid, text, int, text, text, text) from public, anon, authenticated;
grant execute on function public.chain_dispute_terms(uuid, text, text) to service_role;
grant execute on function public.record_chain_dispute_filing(uuid, text, jsonb, text, text, text) to service_role;
grant execute on function public.sync_chain_dispute(uuid, jsonb, text) to service_role;
grant execute on function public.chain_dispute_event(bigint) to service_role;
grant execute on function public.chain_disputes_due(int) to service_role;
grant execute on function public.chain_dispute_cases(boolean, timestamptz, uuid, int) to service_role;
grant execute on function public.mark_chain_dispute_keeper(uuid, text, int, text, text, text) to service_role;
