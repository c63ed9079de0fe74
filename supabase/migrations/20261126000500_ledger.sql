-- The ledger payment rail: a double-entry ledger in Postgres. Money only moves as a
-- transaction whose postings sum to zero per currency (checked when the transaction
-- commits); balances are derived from postings, never stored. Amounts are integer minor units.
--
-- Its functions, triggers and grants: supabase/routines/50_ledger.sql (current definitions,
-- re-applied when they change; see supabase/README.md).

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
