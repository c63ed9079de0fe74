-- The ledger payment rail: money only moves as a transaction whose postings sum to zero per
-- currency (checked when the transaction commits); balances are derived from postings, never
-- stored. Tables: supabase/migrations/20261126000500_ledger.sql.

-- Every transaction balances: checked once per transaction at commit (deferred), so a
-- function may write its postings one by one.
create or replace function traqora.check_transaction_balances() returns trigger
language plpgsql set search_path = '' as $$
begin
  if exists (select 1 from traqora.ledger_postings p where p.transaction_id = new.transaction_id
             group by p.currency having sum(p.amount_minor) <> 0) then
    raise exception using errcode = '23514', message = 'ledger transaction ' || new.transaction_id || ' does not balance';
  end if;
  return null;
end $$;

-- A constraint trigger cannot be created `or replace`: dropped and created again, in the
-- routines' one transaction, so no commit ever sees the ledger without it.
drop trigger if exists ledger_postings_balance on traqora.ledger_postings;
create constraint trigger ledger_postings_balance after insert or update on traqora.ledger_postings
  deferrable initially deferred for each row execute function traqora.check_transaction_balances();

-- Postings are history: never changed or removed.
create or replace function traqora.refuse_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = '23514', message = tg_table_name || ' rows are append-only';
end $$;

create or replace trigger ledger_postings_append_only before update or delete on traqora.ledger_postings
  for each row execute function traqora.refuse_change();

create or replace trigger ledger_transactions_append_only before update or delete on traqora.ledger_transactions
  for each row execute function traqora.refuse_change();

create or replace function traqora.ledger_account(p_kind text, p_currency text, p_user uuid default null,
                                                  p_airline text default null, p_booking uuid default null)
returns bigint language plpgsql set search_path = '' as $$
declare
  v_id bigint;
begin
  select id into v_id from traqora.ledger_accounts
  where kind = p_kind and currency = p_currency and user_id is not distinct from p_user
    and airline is not distinct from p_airline and booking_id is not distinct from p_booking;
  if v_id is null then
    insert into traqora.ledger_accounts (kind, currency, user_id, airline, booking_id)
    values (p_kind, p_currency, p_user, p_airline, p_booking)
    on conflict do nothing
    returning id into v_id;
    if v_id is null then  -- a concurrent caller created it first
      select id into v_id from traqora.ledger_accounts
      where kind = p_kind and currency = p_currency and user_id is not distinct from p_user
        and airline is not distinct from p_airline and booking_id is not distinct from p_booking;
    end if;
  end if;
  return v_id;
end $$;

create or replace function traqora.account_balance(p_account bigint) returns bigint
language sql stable set search_path = '' as $$
  select coalesce(sum(amount_minor), 0)::bigint from traqora.ledger_postings where account_id = p_account;
$$;

-- Opens a transaction and returns its id; postings follow with traqora.post().
create or replace function traqora.ledger_transaction(p_kind text, p_booking uuid, p_memo text) returns bigint
language sql set search_path = '' as $$
  insert into traqora.ledger_transactions (kind, booking_id, memo) values (p_kind, p_booking, p_memo) returning id;
$$;

create or replace function traqora.post(p_transaction bigint, p_account bigint, p_amount bigint, p_currency text) returns void
language sql set search_path = '' as $$
  insert into traqora.ledger_postings (transaction_id, account_id, amount_minor, currency)
  select p_transaction, p_account, p_amount, p_currency where p_amount <> 0;
$$;

-- The whole ledger's trial balance: every currency must sum to zero.
create or replace function public.ledger_trial_balance() returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_object_agg(currency, total), '{}'::jsonb)
  from (select currency, sum(amount_minor)::bigint as total from traqora.ledger_postings group by currency) s;
$$;

-- Only the server role may call these (default privileges: the platform migration).
revoke execute on function public.ledger_trial_balance() from public, anon, authenticated;
grant execute on function public.ledger_trial_balance() to service_role;
