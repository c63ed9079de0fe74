-- TRQ on the ledger rail: balances, transfers, the treasury's mints and distributions (SEP-41
-- semantics: a transfer moves an exact positive amount between two holders or fails whole),
-- delegation, and the voting power checkpoints proposals read at their snapshot.
-- Tables: supabase/migrations/20261207000400_trq_governance.sql.
--
-- Invariants (trq_balance_check proves them): every holder's `votes` is the sum of the balances
-- and stakes whose effective delegate they are (a pool's balance votes for nobody), and equals
-- their latest power checkpoint; the latest supply checkpoint is the sum of the balances.

-- trq_treasury_summary took only a limit before its distributions paged.
drop function if exists public.trq_treasury_summary(int);
--
-- Lock order: every function that changes balances, delegation or power first takes one
-- transaction-scoped advisory lock (trq_lock_accounts), so TRQ writes run one at a time. They are
-- rare (airdrops, transfers, delegation; votes only read checkpoints), and a holder's change moves
-- power between accounts only known after reading their delegates, which no fixed row order can
-- cover without deadlocks (tests/db/governance-concurrency.test.ts staged one). Then the accounts,
-- the treasury row, the audit head (audit_append), and the event lock (emit_event) last.

create or replace trigger trq_movements_append_only before update or delete on traqora.trq_movements
  for each row execute function traqora.refuse_history_change();
create or replace trigger trq_power_checkpoints_append_only before update or delete on traqora.trq_power_checkpoints
  for each row execute function traqora.refuse_history_change();
create or replace trigger trq_supply_checkpoints_append_only before update or delete on traqora.trq_supply_checkpoints
  for each row execute function traqora.refuse_history_change();
create or replace trigger trq_accounts_touch before update on traqora.trq_accounts
  for each row execute function traqora.touch_updated_at();

-- Governance time: the wall clock plus the test clock's offset (0 outside in-memory test servers).
create or replace function traqora.governance_now() returns timestamptz
language sql volatile set search_path = '' as $$
  select clock_timestamp() + make_interval(secs => (select offset_seconds from traqora.governance_clock where singleton));
$$;

-- 1 TRQ in base units (7 decimals, as the trq contract).
create or replace function traqora.trq_unit() returns bigint
language sql immutable set search_path = '' as $$ select 10000000::bigint $$;

create or replace function traqora.trq_user_exists(p_user uuid, p_field text) returns void
language plpgsql stable set search_path = '' as $$
begin
  if p_user is null or not exists (select 1 from traqora.users where id = p_user) then
    perform traqora.raise_problem('TQ404', 'No such account.', p_field);
  end if;
end $$;

-- Takes the TRQ write lock (above), then locks the holders' accounts, creating missing ones.
-- Called again within a transaction it only adds accounts (advisory locks stack).
create or replace function traqora.trq_lock_accounts(p_holders uuid[]) returns void
language plpgsql set search_path = '' as $$
begin
  perform pg_advisory_xact_lock(7204130);
  insert into traqora.trq_accounts (holder)
  select distinct h from unnest(p_holders) h where h is not null order by 1 on conflict do nothing;
  perform 1 from traqora.trq_accounts where holder = any (p_holders) order by holder for update;
end $$;

-- Whose power a holder's TRQ is: their delegate, themself by default; nobody's for a pool (its
-- balance is others' stakes, which vote through their owners, and what slashing left).
create or replace function traqora.trq_effective_delegate(a traqora.trq_accounts) returns uuid
language sql immutable set search_path = '' as $$ select case when a.pool then null else coalesce(a.delegate, a.holder) end $$;

-- What a holder has staked in pools (it still votes through the holder's delegate).
create or replace function traqora.trq_staked(p_holder uuid) returns bigint
language sql stable set search_path = '' as $$
  select coalesce(sum(amount), 0)::bigint from traqora.trq_stakes where holder = p_holder;
$$;

-- Moves a delegate's power by p_delta and records the checkpoint. The caller holds the lock on
-- the delegate's account row.
create or replace function traqora.trq_move_votes(p_account uuid, p_delta bigint) returns void
language plpgsql set search_path = '' as $$
declare
  v_votes bigint;
begin
  if p_delta = 0 or p_account is null then return; end if;   -- null: a pool's TRQ, which votes for nobody
  insert into traqora.trq_accounts (holder) values (p_account) on conflict do nothing;
  update traqora.trq_accounts set votes = votes + p_delta where holder = p_account returning votes into v_votes;
  insert into traqora.trq_power_checkpoints (account, at, votes) values (p_account, traqora.governance_now(), v_votes);
end $$;

create or replace function traqora.trq_supply_checkpoint(p_delta bigint) returns void
language plpgsql set search_path = '' as $$
declare
  v_now bigint;
begin
  if p_delta = 0 then return; end if;
  -- callers hold the TRQ write lock (trq_lock_accounts): each checkpoint adds to the one before it
  perform pg_advisory_xact_lock(7204130);
  select circulating into v_now from traqora.trq_supply_checkpoints order by at desc, id desc limit 1;
  insert into traqora.trq_supply_checkpoints (at, circulating) values (traqora.governance_now(), v_now + p_delta);
end $$;

-- Voting power of an account at an instant: its last checkpoint at or before it.
create or replace function traqora.trq_votes_at(p_account uuid, p_at timestamptz) returns bigint
language sql stable set search_path = '' as $$
  select coalesce((select votes from traqora.trq_power_checkpoints
                   where account = p_account and at <= p_at order by at desc, id desc limit 1), 0);
$$;

create or replace function traqora.trq_supply_at(p_at timestamptz) returns bigint
language sql stable set search_path = '' as $$
  select coalesce((select circulating from traqora.trq_supply_checkpoints where at <= p_at order by at desc, id desc limit 1), 0);
$$;

-- Credits a holder (balance and their delegate's power), the caller holding both locks.
create or replace function traqora.trq_credit(p_holder uuid, p_amount bigint) returns void
language plpgsql set search_path = '' as $$
declare
  a traqora.trq_accounts;
begin
  update traqora.trq_accounts set balance = balance + p_amount where holder = p_holder returning * into a;
  perform traqora.trq_move_votes(traqora.trq_effective_delegate(a), p_amount);
end $$;

create or replace function traqora.trq_account_json(p_holder uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'holder', u.id, 'display_name', u.display_name,
    'balance', coalesce(a.balance, 0)::text,
    'delegate', case when a.delegate is null then null else jsonb_build_object('id', d.id, 'display_name', d.display_name) end,
    'delegates_to_self', a.delegate is null,
    'votes', coalesce(a.votes, 0)::text,
    'delegators', (select count(*) from traqora.trq_accounts x where x.delegate = u.id),
    'delegate_statement', a.delegate_statement,
    'staked', traqora.trq_staked(u.id)::text)
  from traqora.users u
  left join traqora.trq_accounts a on a.holder = u.id
  left join traqora.users d on d.id = a.delegate
  where u.id = p_holder;
$$;

-- A holder's balance, delegate (null: themself) and voting power now.
create or replace function public.trq_account(p_holder uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform traqora.trq_user_exists(p_holder, 'holder');
  return traqora.trq_account_json(p_holder);
end $$;

-- SEP-41 transfer between holders: the checks, the move and its movement row; the movement id.
-- Refused, moving nothing: a non-positive amount, an unknown recipient, sending to oneself, or
-- more than the balance (checked under the TRQ write lock, so concurrent transfers cannot
-- overspend). With an idempotency key, the caller has already looked it up under the same lock.
create or replace function traqora.trq_transfer_movement(p_from uuid, p_to uuid, p_amount bigint, p_memo text,
                                                         p_idempotency_key text, p_request_hash text) returns bigint
language plpgsql set search_path = '' as $$
declare
  f traqora.trq_accounts;
  t traqora.trq_accounts;
  v_id bigint;
begin
  perform traqora.trq_user_exists(p_from, 'from');
  perform traqora.trq_user_exists(p_to, 'to');
  if p_amount is null or p_amount <= 0 then perform traqora.raise_problem('TQ422', 'amount must be a positive number of base units', 'amount'); end if;
  if p_from = p_to then perform traqora.raise_problem('TQ422', 'Cannot transfer to yourself.', 'to'); end if;
  if p_memo is not null and char_length(p_memo) not between 1 and 200 then perform traqora.raise_problem('TQ400', 'memo is 1 to 200 characters', 'memo'); end if;
  perform traqora.trq_lock_accounts(array[p_from, p_to]);
  select * into f from traqora.trq_accounts where holder = p_from;
  select * into t from traqora.trq_accounts where holder = p_to;
  -- the delegates' rows too (their votes change), in uuid order
  perform traqora.trq_lock_accounts(array[traqora.trq_effective_delegate(f), traqora.trq_effective_delegate(t)]);
  if f.balance < p_amount then perform traqora.raise_problem('TQ409', 'Insufficient TRQ balance.', 'amount'); end if;
  -- a pool pays out only its free part: stakes leave by trq_unstake
  if f.pool and f.balance - (select coalesce(sum(amount), 0) from traqora.trq_stakes where pool = p_from) < p_amount then
    perform traqora.raise_problem('TQ409', 'The pool''s free TRQ (beyond its stakes) is less than this amount.', 'amount');
  end if;

  update traqora.trq_accounts set balance = balance - p_amount where holder = p_from;
  perform traqora.trq_move_votes(traqora.trq_effective_delegate(f), -p_amount);
  perform traqora.trq_credit(p_to, p_amount);
  insert into traqora.trq_movements (kind, from_holder, to_holder, amount, memo, actor, at, idempotency_key, request_hash)
  values ('transfer', p_from, p_to, p_amount, p_memo, p_from, traqora.governance_now(), p_idempotency_key, p_request_hash) returning id into v_id;
  perform traqora.emit_event('trq.transferred', 'trq_account', p_from::text,
    jsonb_build_object('movement_id', v_id, 'from', p_from, 'to', p_to, 'amount', p_amount::text), p_from);
  return v_id;
end $$;

-- SEP-41 transfer between holders (the sender's account after it).
create or replace function public.trq_transfer(p_from uuid, p_to uuid, p_amount bigint, p_memo text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  perform traqora.trq_transfer_movement(p_from, p_to, p_amount, p_memo, null, null);
  return traqora.trq_account_json(p_from);
end $$;

-- Stakes (the jury's, routines/68_jury.sql): TRQ a holder locks in a pool keeps voting through
-- the holder's delegate (Kleros-style): staking and unstaking move balances but no power; a slash
-- takes power away from then on (a checkpoint now), so a proposal's snapshot keeps what it read.
-- The pool is marked as one by its first stake; it votes with nothing from then on (votes it held
-- from plain transfers before leave it, checkpointed).

-- Moves p_amount from the holder's balance into the pool as their stake; the pool's stakes
-- after it. Refused: a non-positive amount, staking into oneself or into a holder who delegates
-- or is delegated to (not a pool), or more than the balance (409).
create or replace function public.trq_stake(p_holder uuid, p_pool uuid, p_amount bigint, p_memo text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  h traqora.trq_accounts;
  pl traqora.trq_accounts;
begin
  perform traqora.trq_user_exists(p_holder, 'holder');
  perform traqora.trq_user_exists(p_pool, 'pool');
  if p_amount is null or p_amount <= 0 then perform traqora.raise_problem('TQ422', 'amount must be a positive number of base units', 'amount'); end if;
  if p_holder = p_pool then perform traqora.raise_problem('TQ422', 'A holder cannot stake into themself.', 'pool'); end if;
  if p_memo is not null and char_length(p_memo) not between 1 and 200 then perform traqora.raise_problem('TQ400', 'memo is 1 to 200 characters', 'memo'); end if;
  perform traqora.trq_lock_accounts(array[p_holder, p_pool]);
  select * into h from traqora.trq_accounts where holder = p_holder;
  select * into pl from traqora.trq_accounts where holder = p_pool;
  if h.pool then perform traqora.raise_problem('TQ403', 'A pool cannot stake.', 'holder'); end if;
  if not pl.pool then
    if pl.delegate is not null or exists (select 1 from traqora.trq_accounts where delegate = p_pool) then
      perform traqora.raise_problem('TQ409', 'This account takes part in delegation and cannot become a pool.', 'pool');
    end if;
    perform traqora.trq_move_votes(p_pool, -pl.votes);   -- its own balance stops voting
    update traqora.trq_accounts set pool = true where holder = p_pool;
  end if;
  if h.balance < p_amount then perform traqora.raise_problem('TQ409', 'Insufficient TRQ balance.', 'amount'); end if;
  update traqora.trq_accounts set balance = balance - p_amount where holder = p_holder;
  update traqora.trq_accounts set balance = balance + p_amount where holder = p_pool;
  insert into traqora.trq_stakes (holder, pool, amount) values (p_holder, p_pool, p_amount)
  on conflict (holder, pool) do update set amount = traqora.trq_stakes.amount + excluded.amount, updated_at = now();
  insert into traqora.trq_movements (kind, from_holder, to_holder, amount, memo, actor, at)
  values ('transfer', p_holder, p_pool, p_amount, coalesce(p_memo, 'Stake'), p_holder, traqora.governance_now());
  perform traqora.emit_event('trq.staked', 'trq_account', p_holder::text,
    jsonb_build_object('holder', p_holder, 'pool', p_pool, 'amount', p_amount::text), p_holder);
  return traqora.trq_account_json(p_holder);
end $$;

-- Returns p_amount of the holder's stake from the pool to their balance (no power moves: it
-- voted all along). A stake made before pools existed (a plain transfer into the pool) comes back
-- as the pool's free TRQ, with its power. Refused: more than the stake and the free part (409).
create or replace function public.trq_unstake(p_pool uuid, p_holder uuid, p_amount bigint, p_memo text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  h traqora.trq_accounts;
  v_staked bigint;
  v_legacy bigint;
begin
  perform traqora.trq_user_exists(p_holder, 'holder');
  perform traqora.trq_user_exists(p_pool, 'pool');
  if p_amount is null or p_amount <= 0 then perform traqora.raise_problem('TQ422', 'amount must be a positive number of base units', 'amount'); end if;
  if p_memo is not null and char_length(p_memo) not between 1 and 200 then perform traqora.raise_problem('TQ400', 'memo is 1 to 200 characters', 'memo'); end if;
  perform traqora.trq_lock_accounts(array[p_holder, p_pool]);
  select * into h from traqora.trq_accounts where holder = p_holder;
  perform traqora.trq_lock_accounts(array[traqora.trq_effective_delegate(h)]);
  select coalesce((select amount from traqora.trq_stakes where holder = p_holder and pool = p_pool for update), 0) into v_staked;
  v_legacy := p_amount - least(v_staked, p_amount);
  if v_legacy > 0 and (select balance from traqora.trq_accounts where holder = p_pool)
                      - (select coalesce(sum(amount), 0) from traqora.trq_stakes where pool = p_pool) < v_legacy then
    perform traqora.raise_problem('TQ409', 'More than the stake in this pool.', 'amount');
  end if;
  update traqora.trq_stakes set amount = amount - least(v_staked, p_amount), updated_at = now() where holder = p_holder and pool = p_pool;
  update traqora.trq_accounts set balance = balance - p_amount where holder = p_pool;
  update traqora.trq_accounts set balance = balance + p_amount where holder = p_holder;
  perform traqora.trq_move_votes(traqora.trq_effective_delegate(h), v_legacy);
  insert into traqora.trq_movements (kind, from_holder, to_holder, amount, memo, actor, at)
  values ('transfer', p_pool, p_holder, p_amount, coalesce(p_memo, 'Stake returned'), p_holder, traqora.governance_now());
  perform traqora.emit_event('trq.unstaked', 'trq_account', p_holder::text,
    jsonb_build_object('holder', p_holder, 'pool', p_pool, 'amount', p_amount::text), p_holder);
  return traqora.trq_account_json(p_holder);
end $$;

-- Slashes p_amount of the holder's stake: it stays in the pool as free TRQ (for the pool to pay
-- out), and the holder's delegate loses that power from now on. Refused: more than the stake (409).
create or replace function public.trq_slash(p_pool uuid, p_holder uuid, p_amount bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  h traqora.trq_accounts;
  v_staked bigint;
begin
  perform traqora.trq_user_exists(p_holder, 'holder');
  if p_amount is null or p_amount <= 0 then perform traqora.raise_problem('TQ422', 'amount must be a positive number of base units', 'amount'); end if;
  perform traqora.trq_lock_accounts(array[p_holder, p_pool]);
  select * into h from traqora.trq_accounts where holder = p_holder;
  perform traqora.trq_lock_accounts(array[traqora.trq_effective_delegate(h)]);
  select amount into v_staked from traqora.trq_stakes where holder = p_holder and pool = p_pool for update;
  if coalesce(v_staked, 0) < p_amount then perform traqora.raise_problem('TQ409', 'More than the stake in this pool.', 'amount'); end if;
  update traqora.trq_stakes set amount = amount - p_amount, updated_at = now() where holder = p_holder and pool = p_pool;
  perform traqora.trq_move_votes(traqora.trq_effective_delegate(h), -p_amount);
  perform traqora.emit_event('trq.slashed', 'trq_account', p_holder::text,
    jsonb_build_object('holder', p_holder, 'pool', p_pool, 'amount', p_amount::text), null);
  return traqora.trq_account_json(p_holder);
end $$;

-- A movement as a holder sees it: direction, the other side (null: the treasury), amount, memo.
create or replace function traqora.trq_movement_json(m traqora.trq_movements, p_holder uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', m.id::text, 'kind', m.kind, 'direction', case when m.from_holder = p_holder then 'out' else 'in' end,
    'counterparty', (select jsonb_build_object('id', u.id, 'display_name', u.display_name) from traqora.users u
                     where u.id = case when m.from_holder = p_holder then m.to_holder else m.from_holder end),
    'amount', m.amount::text, 'memo', m.memo, 'at', m.at);
$$;

-- A holder's transfer from the API: with an Idempotency-Key, the same key and request again
-- answer the transfer it made (nothing moves twice, even when the retries race: the key is looked
-- up under the TRQ write lock); the same key with another request is a 422 naming the key.
create or replace function public.trq_send(p_from uuid, p_to uuid, p_amount bigint, p_memo text,
                                           p_idempotency_key text, p_request_hash text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_done traqora.trq_movements;
  v_id bigint;
begin
  perform traqora.trq_user_exists(p_from, 'from');
  if p_idempotency_key is null or p_request_hash is null then
    perform traqora.raise_problem('TQ400', 'A transfer needs an Idempotency-Key.', 'Idempotency-Key');
  end if;
  perform traqora.trq_lock_accounts(array[p_from]);
  select * into v_done from traqora.trq_movements where from_holder = p_from and idempotency_key = p_idempotency_key;
  if v_done.id is not null then
    if v_done.request_hash is distinct from p_request_hash then
      perform traqora.raise_problem('TQ422', 'This Idempotency-Key was used for another request.', 'Idempotency-Key');
    end if;
    return jsonb_build_object('transfer', traqora.trq_movement_json(v_done, p_from), 'account', traqora.trq_account_json(p_from), 'replayed', true);
  end if;
  v_id := traqora.trq_transfer_movement(p_from, p_to, p_amount, p_memo, p_idempotency_key, p_request_hash);
  select * into v_done from traqora.trq_movements where id = v_id;
  return jsonb_build_object('transfer', traqora.trq_movement_json(v_done, p_from), 'account', traqora.trq_account_json(p_from), 'replayed', false);
end $$;

-- A holder's TRQ history, newest first: transfers both ways and distributions received. Cursor:
-- the last movement id. Two index scans (sent, received) merged, so a long history stays cheap.
create or replace function public.trq_movements_of(p_holder uuid, p_cursor bigint default null, p_limit int default 20) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 20), 1), 100);
  v_rows jsonb;
begin
  perform traqora.trq_user_exists(p_holder, 'holder');
  select coalesce(jsonb_agg(traqora.trq_movement_json(m, p_holder) order by m.id desc), '[]'::jsonb) into v_rows
  from (select * from (
          (select * from traqora.trq_movements where to_holder = p_holder and (p_cursor is null or id < p_cursor) order by id desc limit v_limit + 1)
          union all
          (select * from traqora.trq_movements where from_holder = p_holder and (p_cursor is null or id < p_cursor) order by id desc limit v_limit + 1)
        ) both_ways order by id desc limit v_limit + 1) m;
  if jsonb_array_length(v_rows) > v_limit then
    return jsonb_build_object('data', v_rows - v_limit, 'nextCursor', v_rows -> (v_limit - 1) ->> 'id');
  end if;
  return jsonb_build_object('data', v_rows, 'nextCursor', null);
end $$;

-- Delegates the holder's whole balance to p_delegate (null or themself: back to self). Power moves
-- from the old delegate to the new one as a checkpoint now; proposals whose snapshot is earlier
-- keep the power they read.
create or replace function public.trq_delegate(p_holder uuid, p_delegate uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  a traqora.trq_accounts;
  v_new uuid := nullif(p_delegate, p_holder);
  v_old_eff uuid;
begin
  perform traqora.trq_user_exists(p_holder, 'holder');
  if v_new is not null then perform traqora.trq_user_exists(v_new, 'delegate'); end if;
  perform traqora.trq_lock_accounts(array[p_holder]);
  select * into a from traqora.trq_accounts where holder = p_holder;
  if a.pool then perform traqora.raise_problem('TQ403', 'A pool votes for nobody and cannot delegate.', 'holder'); end if;
  if v_new is not null and exists (select 1 from traqora.trq_accounts where holder = v_new and pool) then
    perform traqora.raise_problem('TQ422', 'A pool cannot be a delegate.', 'delegate');
  end if;
  if a.delegate is not distinct from v_new then
    return traqora.trq_account_json(p_holder) || jsonb_build_object('changed', false);
  end if;
  v_old_eff := traqora.trq_effective_delegate(a);
  perform traqora.trq_lock_accounts(array[v_old_eff, coalesce(v_new, p_holder)]);
  -- the balance and the holder's stakes: both vote through the delegate
  perform traqora.trq_move_votes(v_old_eff, -(a.balance + traqora.trq_staked(p_holder)));
  perform traqora.trq_move_votes(coalesce(v_new, p_holder), a.balance + traqora.trq_staked(p_holder));
  update traqora.trq_accounts set delegate = v_new where holder = p_holder;
  perform traqora.emit_event('trq.delegated', 'trq_account', p_holder::text,
    jsonb_build_object('holder', p_holder, 'from_delegate', v_old_eff, 'to_delegate', coalesce(v_new, p_holder), 'balance', a.balance::text), p_holder);
  return traqora.trq_account_json(p_holder) || jsonb_build_object('changed', true);
end $$;

-- A delegate's public statement (null clears it).
create or replace function public.trq_set_delegate_statement(p_holder uuid, p_statement text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v text := nullif(trim(p_statement), '');
begin
  perform traqora.trq_user_exists(p_holder, 'holder');
  if v is not null and char_length(v) > 2000 then perform traqora.raise_problem('TQ422', 'statement is at most 2000 characters', 'statement'); end if;
  perform traqora.trq_lock_accounts(array[p_holder]);
  update traqora.trq_accounts set delegate_statement = v where holder = p_holder;
  return traqora.trq_account_json(p_holder);
end $$;

-- Mints into the treasury (admin, audited).
create or replace function public.trq_mint(p_ctx jsonb, p_amount bigint, p_memo text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_before bigint;
  v_actor uuid := nullif(p_ctx ->> 'actor', '')::uuid;
begin
  if p_amount is null or p_amount <= 0 then perform traqora.raise_problem('TQ422', 'amount must be a positive number of base units', 'amount'); end if;
  if p_memo is null or char_length(trim(p_memo)) not between 3 and 200 then perform traqora.raise_problem('TQ422', 'memo is 3 to 200 characters', 'memo'); end if;
  select balance into v_before from traqora.trq_treasury where singleton for update;
  update traqora.trq_treasury set balance = balance + p_amount where singleton;
  insert into traqora.trq_movements (kind, amount, memo, actor, at) values ('mint', p_amount, trim(p_memo), v_actor, traqora.governance_now());
  perform traqora.audit_append(p_ctx, 'trq.minted', 'trq_treasury', 'treasury',
    jsonb_build_object('balance', v_before::text), jsonb_build_object('balance', (v_before + p_amount)::text, 'memo', trim(p_memo)));
  perform traqora.emit_event('trq.minted', 'trq_treasury', 'treasury', jsonb_build_object('amount', p_amount::text, 'memo', trim(p_memo)), v_actor);
  return jsonb_build_object('treasury', (v_before + p_amount)::text);
end $$;

-- An admin's distribution (airdrop) from the treasury: 1–50 distinct recipients, each a positive
-- amount; all or nothing, audited, one event per batch.
create or replace function public.trq_distribute(p_ctx jsonb, p_recipients jsonb, p_reason text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_actor uuid := nullif(p_ctx ->> 'actor', '')::uuid;
  v_batch uuid := gen_random_uuid();
  v_total numeric := 0;              -- numeric: 50 amounts near the bigint limit cannot overflow the sum
  v_count int;
  v_treasury bigint;
  v_now timestamptz := traqora.governance_now();
  r record;
  v_holders uuid[];
  v_delegates uuid[];
begin
  if v_actor is null then perform traqora.raise_problem('TQ403', 'A distribution needs an acting admin.', 'actor'); end if;
  if p_reason is null or char_length(trim(p_reason)) not between 3 and 500 then
    perform traqora.raise_problem('TQ422', 'reason is 3 to 500 characters', 'reason');
  end if;
  if p_recipients is null or jsonb_typeof(p_recipients) <> 'array' or jsonb_array_length(p_recipients) not between 1 and 50 then
    perform traqora.raise_problem('TQ422', 'recipients must list 1 to 50 holders', 'recipients');
  end if;
  v_count := jsonb_array_length(p_recipients);
  for r in select e.ordinality - 1 as i, e.value as v from jsonb_array_elements(p_recipients) with ordinality e loop
    if jsonb_typeof(r.v -> 'user_id') <> 'string' or (r.v ->> 'user_id') !~ '^[0-9a-fA-F-]{36}$'
       or not exists (select 1 from traqora.users where id = (r.v ->> 'user_id')::uuid) then
      perform traqora.raise_problem('TQ422', format('recipients[%s] is not an account', r.i), format('recipients[%s].user_id', r.i));
    end if;
    if (r.v ->> 'amount') !~ '^[1-9][0-9]{0,17}$' then
      perform traqora.raise_problem('TQ422', format('recipients[%s].amount must be a positive whole number of base units', r.i), format('recipients[%s].amount', r.i));
    end if;
    v_total := v_total + (r.v ->> 'amount')::bigint;
  end loop;
  v_holders := array(select (e ->> 'user_id')::uuid from jsonb_array_elements(p_recipients) e);
  if cardinality(v_holders) <> (select count(distinct h) from unnest(v_holders) h) then
    perform traqora.raise_problem('TQ422', 'Each recipient may appear once per batch.', 'recipients');
  end if;

  perform traqora.trq_lock_accounts(v_holders);
  v_delegates := array(select traqora.trq_effective_delegate(a) from traqora.trq_accounts a where a.holder = any (v_holders));
  perform traqora.trq_lock_accounts(v_delegates);
  select balance into v_treasury from traqora.trq_treasury where singleton for update;
  if v_treasury < v_total then perform traqora.raise_problem('TQ409', 'The treasury holds less than this batch.', 'recipients'); end if;
  update traqora.trq_treasury set balance = balance - v_total::bigint where singleton;

  insert into traqora.trq_distributions (id, actor, reason, recipients, total, at) values (v_batch, v_actor, trim(p_reason), v_count, v_total, v_now);
  for r in select (e ->> 'user_id')::uuid as holder, (e ->> 'amount')::bigint as amount from jsonb_array_elements(p_recipients) e loop
    perform traqora.trq_credit(r.holder, r.amount);
    insert into traqora.trq_movements (kind, to_holder, amount, batch_id, memo, actor, at)
    values ('distribution', r.holder, r.amount, v_batch, left(trim(p_reason), 200), v_actor, v_now);
  end loop;
  perform traqora.trq_supply_checkpoint(v_total::bigint);
  perform traqora.audit_append(p_ctx, 'trq.distributed', 'trq_distribution', v_batch::text,
    jsonb_build_object('treasury', v_treasury::text),
    jsonb_build_object('treasury', (v_treasury - v_total)::text, 'total', v_total::text, 'recipients', p_recipients, 'reason', trim(p_reason)));
  perform traqora.emit_event('trq.distributed', 'trq_distribution', v_batch::text,
    jsonb_build_object('batch_id', v_batch, 'total', v_total::text, 'recipients', p_recipients, 'reason', trim(p_reason)), v_actor);
  return jsonb_build_object('batch_id', v_batch, 'recipients', v_count, 'total', v_total::text, 'treasury', (v_treasury - v_total)::text);
end $$;

-- The treasury, supply and the latest distributions (admin page).
-- The distributions page newest first (issue #14's cursors) on (at, id), which no row changes:
-- p_after is the last row's {at, id}, distributions_next the next page's (null on the last).
create or replace function public.trq_treasury_summary(p_after jsonb default null, p_limit int default 20) returns jsonb
language sql stable security definer set search_path = '' as $$
  with page as (
    select * from traqora.trq_distributions d
    where p_after is null or (d.at, d.id) < ((p_after ->> 'at')::timestamptz, (p_after ->> 'id')::uuid)
    order by d.at desc, d.id desc limit least(greatest(coalesce(p_limit, 20), 1), 100) + 1
  ), shown as (
    select * from page order by at desc, id desc limit least(greatest(coalesce(p_limit, 20), 1), 100)
  )
  select jsonb_build_object(
    'treasury', (select balance from traqora.trq_treasury where singleton)::text,
    'circulating', (select circulating from traqora.trq_supply_checkpoints order by at desc, id desc limit 1)::text,
    'holders', (select count(*) from traqora.trq_accounts where balance > 0),
    'distributions', coalesce((select jsonb_agg(jsonb_build_object('id', d.id, 'at', d.at, 'reason', d.reason, 'recipients', d.recipients,
                                                                   'total', d.total::text, 'actor', u.display_name) order by d.at desc, d.id desc)
                               from shown d left join traqora.users u on u.id = d.actor), '[]'::jsonb),
    'distributions_next', case when (select count(*) from page) > (select count(*) from shown)
      then (select jsonb_build_object('at', d.at, 'id', d.id) from shown d order by d.at, d.id limit 1) end);
$$;

-- Dev personas start with TRQ, so a dev server has live governance from its first start: the
-- governance consumer calls this on user.created with source dev_persona. Idempotent per user.
create or replace function public.trq_seed_dev_persona(p_user uuid, p_role text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_amount bigint := case p_role when 'admin' then 250000 when 'operator' then 50000 else 120000 end * traqora.trq_unit();
  v_batch uuid := gen_random_uuid();
  v_now timestamptz := traqora.governance_now();
  a traqora.trq_accounts;
begin
  perform traqora.trq_user_exists(p_user, 'user_id');
  perform traqora.trq_lock_accounts(array[p_user]);
  if exists (select 1 from traqora.trq_movements where to_holder = p_user and kind = 'distribution' and memo = 'dev persona seed') then
    return jsonb_build_object('seeded', false);
  end if;
  select * into a from traqora.trq_accounts where holder = p_user;
  perform traqora.trq_lock_accounts(array[traqora.trq_effective_delegate(a)]);
  update traqora.trq_treasury set balance = balance - v_amount where singleton and balance >= v_amount;
  if not found then return jsonb_build_object('seeded', false); end if;
  insert into traqora.trq_distributions (id, actor, reason, recipients, total, at) values (v_batch, null, 'dev persona seed', 1, v_amount, v_now);
  perform traqora.trq_credit(p_user, v_amount);
  insert into traqora.trq_movements (kind, to_holder, amount, batch_id, memo, at)
  values ('distribution', p_user, v_amount, v_batch, 'dev persona seed', v_now);
  perform traqora.trq_supply_checkpoint(v_amount);
  perform traqora.emit_event('trq.distributed', 'trq_distribution', v_batch::text,
    jsonb_build_object('batch_id', v_batch, 'total', v_amount::text,
                       'recipients', jsonb_build_array(jsonb_build_object('user_id', p_user, 'amount', v_amount::text)), 'reason', 'dev persona seed'), null);
  return jsonb_build_object('seeded', true, 'amount', v_amount::text);
end $$;

-- A Stellar account's TRQ movements on the soroban rail, from the chain indexer's stored events of
-- the trq contract (OpenZeppelin's `transfer` [from, to] / `mint` [to] / `burn` [from], the amount
-- as the value), newest first; cursor "<ledger>:<event id>". Read-only: the indexer writes them.
create or replace function public.trq_chain_movements(p_address text, p_cursor text default null, p_limit int default 20) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 20), 1), 100);
  v_ledger int;
  v_id text;
  v_rows jsonb;
begin
  if p_address is null or p_address !~ '^[GC][A-Z2-7]{55}$' then perform traqora.raise_problem('TQ400', 'address must be a Stellar address', 'address'); end if;
  if p_cursor is not null then
    if p_cursor !~ '^[0-9]{1,10}:[0-9]{1,20}-[0-9]{1,10}$' then perform traqora.raise_problem('TQ400', 'cursor is not one this list gave', 'cursor'); end if;
    v_ledger := split_part(p_cursor, ':', 1)::int; v_id := split_part(p_cursor, ':', 2);
  end if;
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', e.id, 'ledger', e.ledger, 'at', e.closed_at, 'tx_hash', e.tx_hash, 'action', e.action,
           'direction', case when e.action = 'mint' or (e.action = 'transfer' and e.topics ->> 2 = p_address) then 'in' else 'out' end,
           'counterparty', case when e.action = 'transfer' then case when e.topics ->> 2 = p_address then e.topics ->> 1 else e.topics ->> 2 end end,
           'amount', coalesce(e.value ->> 'amount', e.value #>> '{}'),
           'cursor', e.ledger || ':' || e.id) order by e.ledger desc, e.id desc), '[]'::jsonb) into v_rows
  from (select * from traqora.chain_events c
        where c.contract = 'trq' and c.successful and c.action in ('transfer', 'mint', 'burn')
          and ((c.action = 'transfer' and (c.topics ->> 1 = p_address or c.topics ->> 2 = p_address))
               or (c.action in ('mint', 'burn') and c.topics ->> 1 = p_address))
          and (v_ledger is null or (c.ledger, c.id) < (v_ledger, v_id))
        order by c.ledger desc, c.id desc limit v_limit + 1) e;
  if jsonb_array_length(v_rows) > v_limit then
    return jsonb_build_object('data', v_rows - v_limit, 'nextCursor', v_rows -> (v_limit - 1) ->> 'cursor');
  end if;
  return jsonb_build_object('data', v_rows, 'nextCursor', null);
end $$;

-- Proves the invariants: votes = delegated balances and stakes (pools vote with nothing) = latest
-- checkpoint; supply = balances; every pool holds at least its stakes.
create or replace function public.trq_balance_check() returns jsonb
language sql stable security definer set search_path = '' as $$
  with expected as (
    select coalesce(a.delegate, a.holder) as account, sum(a.balance + traqora.trq_staked(a.holder)) as votes
    from traqora.trq_accounts a where not a.pool group by 1
  ), bad as (
    select a.holder from traqora.trq_accounts a left join expected e on e.account = a.holder
    where a.votes <> coalesce(e.votes, 0)
       or a.votes <> coalesce((select c.votes from traqora.trq_power_checkpoints c where c.account = a.holder order by c.at desc, c.id desc limit 1), 0)
  )
  select jsonb_build_object(
    'ok', not exists (select 1 from bad)
          and not exists (select 1 from traqora.trq_accounts a where a.pool
                          and a.balance < (select coalesce(sum(s.amount), 0) from traqora.trq_stakes s where s.pool = a.holder))
          and (select coalesce(sum(balance), 0) from traqora.trq_accounts)
              = (select circulating from traqora.trq_supply_checkpoints order by at desc, id desc limit 1),
    'bad_accounts', (select count(*) from bad),
    'circulating', (select coalesce(sum(balance), 0) from traqora.trq_accounts)::text);
$$;

revoke execute on function public.trq_account(uuid) from public, anon, authenticated;
revoke execute on function public.trq_transfer(uuid, uuid, bigint, text) from public, anon, authenticated;
revoke execute on function public.trq_stake(uuid, uuid, bigint, text) from public, anon, authenticated;
revoke execute on function public.trq_unstake(uuid, uuid, bigint, text) from public, anon, authenticated;
revoke execute on function public.trq_slash(uuid, uuid, bigint) from public, anon, authenticated;
revoke execute on function public.trq_chain_movements(text, text, int) from public, anon, authenticated;
revoke execute on function public.trq_send(uuid, uuid, bigint, text, text, text) from public, anon, authenticated;
revoke execute on function public.trq_movements_of(uuid, bigint, int) from public, anon, authenticated;
revoke execute on function public.trq_delegate(uuid, uuid) from public, anon, authenticated;
revoke execute on function public.trq_set_delegate_statement(uuid, text) from public, anon, authenticated;
revoke execute on function public.trq_mint(jsonb, bigint, text) from public, anon, authenticated;
revoke execute on function public.trq_distribute(jsonb, jsonb, text) from public, anon, authenticated;
revoke execute on function public.trq_treasury_summary(jsonb, int) from public, anon, authenticated;
revoke execute on function public.trq_seed_dev_persona(uuid, text) from public, anon, authenticated;
revoke execute on function public.trq_balance_check() from public, anon, authenticated;
grant execute on function public.trq_account(uuid) to service_role;
grant execute on function public.trq_transfer(uuid, uuid, bigint, text) to service_role;
grant execute on function public.trq_stake(uuid, uuid, bigint, text) to service_role;
grant execute on function public.trq_unstake(uuid, uuid, bigint, text) to service_role;
grant execute on function public.trq_slash(uuid, uuid, bigint) to service_role;
grant execute on function public.trq_chain_movements(text, text, int) to service_role;
grant execute on function public.trq_send(uuid, uuid, bigint, text, text, text) to service_role;
grant execute on function public.trq_movements_of(uuid, bigint, int) to service_role;
grant execute on function public.trq_delegate(uuid, uuid) to service_role;
grant execute on function public.trq_set_delegate_statement(uuid, text) to service_role;
grant execute on function public.trq_mint(jsonb, bigint, text) to service_role;
grant execute on function public.trq_distribute(jsonb, jsonb, text) to service_role;
grant execute on function public.trq_treasury_summary(jsonb, int) to service_role;
grant execute on function public.trq_seed_dev_persona(uuid, text) to service_role;
grant execute on function public.trq_balance_check() to service_role;
