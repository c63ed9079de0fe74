-- The ledger payment rail: a double-entry ledger in Postgres. Money only moves as a
-- transaction whose postings sum to zero per currency (checked when the transaction
-- commits); balances are derived from postings, never stored. Amounts are integer minor units.

create table traqora.ledger_accounts (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('wallet', 'escrow', 'airline', 'platform_fees', 'external')),
  user_id uuid references traqora.users on delete restrict,
  airline char(2) references traqora.airlines,
  booking_id uuid,                       -- escrow accounts hold one booking's money
  currency char(3) not null,
  created_at timestamptz not null default now(),
  check ((kind = 'wallet') = (user_id is not null)),
  check ((kind = 'airline') = (airline is not null)),
  check ((kind = 'escrow') = (booking_id is not null))
);
create unique index ledger_accounts_wallet on traqora.ledger_accounts (user_id, currency) where kind = 'wallet';
create unique index ledger_accounts_airline on traqora.ledger_accounts (airline, currency) where kind = 'airline';
create unique index ledger_accounts_escrow on traqora.ledger_accounts (booking_id) where kind = 'escrow';
create unique index ledger_accounts_singletons on traqora.ledger_accounts (kind, currency) where kind in ('platform_fees', 'external');

create table traqora.ledger_transactions (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('demo_deposit', 'payment', 'release', 'refund', 'cancellation_fee')),
  booking_id uuid,
  memo text not null,
  created_at timestamptz not null default now()
);

create table traqora.ledger_postings (
  id bigint generated always as identity primary key,
  transaction_id bigint not null references traqora.ledger_transactions on delete restrict,
  account_id bigint not null references traqora.ledger_accounts on delete restrict,
  amount_minor bigint not null check (amount_minor <> 0),     -- + credit to the account, − debit
  currency char(3) not null
);
create index ledger_postings_account_idx on traqora.ledger_postings (account_id);
create index ledger_postings_transaction_idx on traqora.ledger_postings (transaction_id);

alter table traqora.ledger_accounts enable row level security;
alter table traqora.ledger_transactions enable row level security;
alter table traqora.ledger_postings enable row level security;

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
create constraint trigger ledger_postings_balance after insert or update on traqora.ledger_postings
  deferrable initially deferred for each row execute function traqora.check_transaction_balances();

-- Postings are history: never changed or removed.
create or replace function traqora.refuse_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = '23514', message = tg_table_name || ' rows are append-only';
end $$;
create trigger ledger_postings_append_only before update or delete on traqora.ledger_postings
  for each row execute function traqora.refuse_change();
create trigger ledger_transactions_append_only before update or delete on traqora.ledger_transactions
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
revoke execute on function public.ledger_trial_balance() from public, anon, authenticated;
grant execute on function public.ledger_trial_balance() to service_role;
