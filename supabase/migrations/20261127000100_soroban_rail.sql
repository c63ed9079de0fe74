-- The soroban payment rail: a booking paid into the on-chain escrow instead of the ledger.
--
-- The chain holds the money; these tables record what the server has verified about it and
-- what it still has to tell the chain:
--   chain_payments    — payment transactions a traveller submitted; confirmed only after the
--                       server read the successful result from RPC (lib/payments/soroban).
--   chain_settlements — an outbox of release / cancellation settlements the server signer must
--                       submit. The app's state change and the outbox row commit together, so
--                       the chain is told exactly once per decision, however often the job runs.
-- Ledger postings never happen for soroban bookings: there is one copy of the money.

alter table traqora.bookings add column payment_rail text check (payment_rail in ('ledger', 'soroban'));
update traqora.bookings set payment_rail = 'ledger' where paid_at is not null;
alter table traqora.bookings add constraint bookings_paid_has_rail check (paid_at is null or payment_rail is not null);

-- Where each airline's share is paid on chain. Airlines without their own account are paid to
-- the platform's clearing account (configured in the app), which settles with them off chain,
-- the way IATA's clearing house does for airlines that are not on a payment network.
create table traqora.airline_payout_accounts (
  airline char(2) primary key references traqora.airlines,
  address text not null check (address ~ '^[GC][A-Z2-7]{55}$'),
  updated_at timestamptz not null default now()
);
alter table traqora.airline_payout_accounts enable row level security;

create table traqora.chain_payments (
  tx_hash text primary key check (tx_hash ~ '^[0-9a-f]{64}$'),
  booking_id uuid not null references traqora.bookings on delete cascade,
  user_id uuid not null references traqora.users,
  payer text not null check (payer ~ '^G[A-Z2-7]{55}$'),
  status text not null default 'submitted' check (status in ('submitted', 'confirmed', 'failed')),
  error text,
  ledger int check (ledger > 0),
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'confirmed') = (ledger is not null))
);
create index chain_payments_booking_idx on traqora.chain_payments (booking_id, created_at);
-- A booking is paid once: a second confirmed payment for it cannot be written.
create unique index chain_payments_one_confirmed on traqora.chain_payments (booking_id) where status = 'confirmed';
create trigger chain_payments_touch before update on traqora.chain_payments for each row execute function traqora.touch_updated_at();
alter table traqora.chain_payments enable row level security;

create table traqora.chain_settlements (
  id bigint generated always as identity primary key,
  booking_id uuid not null references traqora.bookings on delete cascade,
  seq int not null,                                   -- the booking segment = one escrow booking
  chain_booking_id text not null check (chain_booking_id ~ '^[0-9]{1,20}$'),
  kind text not null check (kind in ('release', 'cancellation')),
  refund_minor bigint not null default 0 check (refund_minor >= 0),   -- cancellation: to the traveller
  status text not null default 'pending' check (status in ('pending', 'submitted', 'confirmed', 'failed')),
  tx_hash text check (tx_hash ~ '^[0-9a-f]{64}$'),
  attempts int not null default 0,
  error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (booking_id, seq)                            -- an escrow booking is settled once
);
create index chain_settlements_open_idx on traqora.chain_settlements (status, id) where status in ('pending', 'submitted');
create trigger chain_settlements_touch before update on traqora.chain_settlements for each row execute function traqora.touch_updated_at();
alter table traqora.chain_settlements enable row level security;

-- booking_json, plus the rail and the chain's part of the story.
create or replace function traqora.booking_chain_json(p_booking uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'payment_rail', b.payment_rail,
    'chain_payments', coalesce((select jsonb_agg(jsonb_build_object('tx_hash', p.tx_hash, 'payer', p.payer, 'status', p.status,
                                  'error', p.error, 'ledger', p.ledger, 'closed_at', p.closed_at, 'at', p.created_at) order by p.created_at)
                                from traqora.chain_payments p where p.booking_id = b.id), '[]'::jsonb),
    'chain_settlements', coalesce((select jsonb_agg(jsonb_build_object('seq', s.seq, 'kind', s.kind, 'refund_minor', s.refund_minor,
                                     'status', s.status, 'tx_hash', s.tx_hash, 'error', s.error, 'at', s.updated_at) order by s.seq)
                                   from traqora.chain_settlements s where s.booking_id = b.id), '[]'::jsonb))
  from traqora.bookings b where b.id = p_booking;
$$;

-- What the server needs to sign a payment quote for a held booking: one item per segment, with
-- its on-chain id, share and times, and the payout account of its airline (null: the clearing
-- account). For a new payment (p_for_payment) it refuses what could not be paid now, with the
-- same problems pay_booking gives; to check a payment already made it answers whatever the status.
create or replace function public.chain_payment_terms(p_user_id uuid, p_pnr text, p_for_payment boolean default true) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v traqora.bookings;
begin
  v := traqora.lock_booking(p_user_id, p_pnr);
  if not p_for_payment then
    null;
  elsif v.status <> 'held' then
    perform traqora.raise_problem('TQ409', format('This booking is %s and cannot be paid.', v.status), 'status');
  elsif v.hold_expires_at <= now() then
    perform traqora.raise_problem('TQ409', 'The seat hold has expired; search again to book.', 'hold_expires_at');
  end if;
  return jsonb_build_object(
    'status', v.status, 'booking_id', v.id, 'pnr', v.pnr, 'currency', v.currency, 'total_minor', v.total_minor, 'hold_expires_at', v.hold_expires_at,
    'items', (select jsonb_agg(jsonb_build_object(
                'seq', s.seq, 'chain_booking_id', traqora.chain_booking_id(s.booking_id, s.seq),
                'flight_id', s.flight_id, 'flight_number', f.airline || f.flight_number::text, 'airline', s.airline,
                'payout_address', pa.address, 'share_minor', s.share_minor,
                'departs_at', f.departs_at, 'arrives_at', f.arrives_at) order by s.seq)
              from traqora.booking_segments s
              join traqora.flights f on f.id = s.flight_id
              left join traqora.airline_payout_accounts pa on pa.airline = s.airline
              where s.booking_id = v.id));
end $$;

-- Records a payment transaction the traveller submitted (before the server has seen its
-- result). Idempotent per hash. While it is pending the hold is not expired (see expire_holds).
create or replace function public.record_chain_payment(p_user_id uuid, p_pnr text, p_tx_hash text, p_payer text)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v traqora.bookings;
  p traqora.chain_payments;
begin
  v := traqora.lock_booking(p_user_id, p_pnr);
  select * into p from traqora.chain_payments where tx_hash = lower(p_tx_hash);
  if p.tx_hash is not null then
    if p.booking_id <> v.id then
      perform traqora.raise_problem('TQ409', 'This transaction is recorded for another booking.', 'tx_hash');
    end if;
    return jsonb_build_object('payment', to_jsonb(p) - 'user_id', 'booking', traqora.booking_json(v.id) || traqora.booking_chain_json(v.id));
  end if;
  if v.status <> 'held' then
    perform traqora.raise_problem('TQ409', format('This booking is %s and cannot be paid.', v.status), 'status');
  end if;
  insert into traqora.chain_payments (tx_hash, booking_id, user_id, payer)
  values (lower(p_tx_hash), v.id, p_user_id, p_payer) returning * into p;
  return jsonb_build_object('payment', to_jsonb(p) - 'user_id', 'booking', traqora.booking_json(v.id) || traqora.booking_chain_json(v.id));
end $$;

-- The server read this transaction's successful result from RPC and checked it paid every
-- segment of the booking in full (lib/payments/soroban/verify.ts): the booking is paid.
-- Confirming again is a no-op. A booking that left 'held' meanwhile (only possible if nobody
-- reported the payment until long after the hold) is refused: reconciliation shows it, and
-- the money can only go back to the payer.
create or replace function public.confirm_chain_payment(p_tx_hash text, p_ledger int, p_closed_at timestamptz, p_payer text)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  p traqora.chain_payments;
  v traqora.bookings;
begin
  select * into p from traqora.chain_payments where tx_hash = lower(p_tx_hash) for update;
  if p.tx_hash is null then perform traqora.raise_problem('TQ404', 'No such payment transaction.', 'tx_hash'); end if;
  select * into v from traqora.bookings where id = p.booking_id for update;
  if p.status = 'confirmed' then
    return jsonb_build_object('booking', traqora.booking_json(v.id) || traqora.booking_chain_json(v.id), 'replayed', true);
  end if;
  if v.status <> 'held' then
    perform traqora.raise_problem('TQ409', format('This booking is %s; the on-chain payment must be refunded.', v.status), 'status');
  end if;
  update traqora.chain_payments set status = 'confirmed', error = null, ledger = p_ledger, closed_at = p_closed_at, payer = p_payer where tx_hash = p.tx_hash;
  update traqora.bookings set paid_at = coalesce(p_closed_at, now()), payment_rail = 'soroban' where id = v.id;
  perform traqora.set_status(v.id, 'paid', 'Paid into the on-chain escrow');
  return jsonb_build_object('booking', traqora.booking_json(v.id) || traqora.booking_chain_json(v.id));
end $$;

-- The transaction failed on chain (or never made it): the booking stays held and payable.
create or replace function public.fail_chain_payment(p_tx_hash text, p_error text)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  p traqora.chain_payments;
begin
  update traqora.chain_payments set status = 'failed', error = left(p_error, 500)
  where tx_hash = lower(p_tx_hash) and status = 'submitted' returning * into p;
  if p.tx_hash is null then
    select * into p from traqora.chain_payments where tx_hash = lower(p_tx_hash);
    if p.tx_hash is null then perform traqora.raise_problem('TQ404', 'No such payment transaction.', 'tx_hash'); end if;
  end if;
  return jsonb_build_object('booking', traqora.booking_json(p.booking_id) || traqora.booking_chain_json(p.booking_id));
end $$;

-- Payments submitted but not yet confirmed or failed: the confirm-chain-payments job asks RPC
-- about them, so a traveller who closed the tab after signing still gets their booking.
create or replace function public.submitted_chain_payments(p_limit int default 50) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('tx_hash', p.tx_hash, 'pnr', b.pnr, 'user_id', p.user_id, 'created_at', p.created_at)
                            order by p.created_at), '[]'::jsonb)
  from (select * from traqora.chain_payments where status = 'submitted' order by created_at limit p_limit) p
  join traqora.bookings b on b.id = p.booking_id;
$$;

-- Settlement outbox rows for a booking's segments: the refund split by segment share (the last
-- segment takes the rounding remainder, so the parts add up to the total exactly).
create or replace function traqora.queue_chain_settlement(p_booking uuid, p_kind text, p_refund_minor bigint) returns void
language plpgsql set search_path = '' as $$
declare
  v traqora.bookings;
  s record;
  v_done bigint := 0;
  v_part bigint;
begin
  select * into v from traqora.bookings where id = p_booking;
  for s in select seq, share_minor, count(*) over () as n from traqora.booking_segments where booking_id = p_booking order by seq loop
    v_part := case when s.seq = s.n then p_refund_minor - v_done
                   else p_refund_minor * s.share_minor / greatest(v.total_minor, 1) end;
    v_done := v_done + v_part;
    insert into traqora.chain_settlements (booking_id, seq, chain_booking_id, kind, refund_minor)
    values (p_booking, s.seq, traqora.chain_booking_id(p_booking, s.seq), p_kind, v_part)
    on conflict (booking_id, seq) do nothing;   -- an escrow booking is settled once; the first decision stands
  end loop;
end $$;

-- Settlements for the server signer to submit (pending, or submitted and not yet resolved),
-- each with the amount the escrow holds for that segment.
create or replace function public.open_chain_settlements(p_limit int default 20) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'pnr', b.pnr, 'seq', c.seq, 'chain_booking_id', c.chain_booking_id,
                                               'kind', c.kind, 'refund_minor', c.refund_minor, 'share_minor', s.share_minor,
                                               'status', c.status, 'tx_hash', c.tx_hash, 'attempts', c.attempts) order by c.id), '[]'::jsonb)
  from (select * from traqora.chain_settlements where status in ('pending', 'submitted') order by id limit p_limit) c
  join traqora.bookings b on b.id = c.booking_id
  join traqora.booking_segments s on s.booking_id = c.booking_id and s.seq = c.seq;
$$;

-- The settlement job reports what happened to one outbox row.
create or replace function public.mark_chain_settlement(p_id bigint, p_status text, p_tx_hash text default null, p_error text default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  c traqora.chain_settlements;
begin
  if p_status not in ('submitted', 'confirmed', 'failed', 'pending') then
    perform traqora.raise_problem('TQ422', 'Unknown settlement status.', 'status');
  end if;
  update traqora.chain_settlements
  set status = p_status, tx_hash = coalesce(lower(p_tx_hash), tx_hash), error = p_error,
      attempts = attempts + case when p_status in ('submitted', 'failed') or p_error is not null then 1 else 0 end
  where id = p_id and status <> 'confirmed' returning * into c;
  if c.id is null then
    select * into c from traqora.chain_settlements where id = p_id;
    if c.id is null then perform traqora.raise_problem('TQ404', 'No such settlement.', 'id'); end if;
  end if;
  return to_jsonb(c);
end $$;

-- Sets (or clears, with a null address) where an airline is paid on chain. Admin tooling.
create or replace function public.set_airline_payout_account(p_airline text, p_address text) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  if not exists (select 1 from traqora.airlines where iata = upper(p_airline)) then
    perform traqora.raise_problem('TQ404', 'No airline has this code.', 'iata');
  end if;
  if p_address is null then
    delete from traqora.airline_payout_accounts where airline = upper(p_airline);
  else
    insert into traqora.airline_payout_accounts (airline, address) values (upper(p_airline), p_address)
    on conflict (airline) do update set address = excluded.address, updated_at = now();
  end if;
  return jsonb_build_object('airline', upper(p_airline), 'address', p_address);
end $$;

-- A traveller's on-chain money, newest first: payments their wallets sent (with the verdict) and
-- the refunds the escrow sends back on cancellation (per segment, as the settlement outbox has them).
create or replace function public.chain_wallet_history(p_user_id uuid, p_limit int default 100) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(e order by e ->> 'at' desc), '[]'::jsonb) from (
   select e from (
    select jsonb_build_object('kind', 'payment', 'pnr', b.pnr, 'tx_hash', p.tx_hash, 'account', p.payer, 'status', p.status,
                              'error', p.error, 'amount_minor', b.total_minor, 'currency', b.currency,
                              'at', coalesce(p.closed_at, p.created_at)) as e
    from traqora.chain_payments p join traqora.bookings b on b.id = p.booking_id
    where p.user_id = p_user_id
    union all
    select jsonb_build_object('kind', 'refund', 'pnr', b.pnr, 'tx_hash', c.tx_hash,
                              'account', (select p.payer from traqora.chain_payments p where p.booking_id = b.id and p.status = 'confirmed'),
                              'status', c.status, 'error', c.error, 'amount_minor', c.refund_minor, 'currency', b.currency, 'at', c.updated_at)
    from traqora.chain_settlements c join traqora.bookings b on b.id = c.booking_id
    where b.user_id = p_user_id and c.kind = 'cancellation' and c.refund_minor > 0
   ) all_entries(e) order by e ->> 'at' desc limit p_limit
  ) newest;
$$;

-- ---- the existing booking functions learn about the rail -----------------------------------

create or replace function public.get_booking(p_user_id uuid, p_pnr text, p_admin boolean default false) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_id uuid;
  v_owner uuid;
begin
  select id, user_id into v_id, v_owner from traqora.bookings where pnr = upper(p_pnr);
  if v_id is null or (v_owner <> p_user_id and not p_admin) then
    perform traqora.raise_problem('TQ404', 'No booking with that reference.', 'pnr');
  end if;
  return traqora.booking_json(v_id) || traqora.booking_chain_json(v_id);
end $$;

-- The ledger rail's payment, unchanged but for recording its rail.
create or replace function public.pay_booking(p_user_id uuid, p_pnr text, p_demo_funding_minor bigint default 0)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v traqora.bookings;
  v_wallet bigint;
  v_escrow bigint;
  v_tx bigint;
begin
  v := traqora.lock_booking(p_user_id, p_pnr);
  if v.status = 'paid' or (v.status = 'completed' and v.paid_at is not null) then
    return jsonb_build_object('booking', traqora.booking_json(v.id), 'replayed', true);
  end if;
  if v.status <> 'held' then
    perform traqora.raise_problem('TQ409', format('This booking is %s and cannot be paid.', v.status), 'status');
  end if;
  if v.hold_expires_at <= now() then
    perform traqora.raise_problem('TQ409', 'The seat hold has expired; search again to book.', 'hold_expires_at');
  end if;
  if exists (select 1 from traqora.chain_payments where booking_id = v.id and status = 'submitted') then
    perform traqora.raise_problem('TQ409', 'An on-chain payment for this booking is being confirmed.', 'status');
  end if;

  v_wallet := traqora.ledger_account('wallet', v.currency, p_user_id);
  if p_demo_funding_minor > 0 and not exists (select 1 from traqora.ledger_postings where account_id = v_wallet) then
    v_tx := traqora.ledger_transaction('demo_deposit', null, 'Demo funds for the ledger rail');
    perform traqora.post(v_tx, traqora.ledger_account('external', v.currency), -p_demo_funding_minor, v.currency);
    perform traqora.post(v_tx, v_wallet, p_demo_funding_minor, v.currency);
  end if;
  perform 1 from traqora.ledger_accounts where id = v_wallet for update;
  if traqora.account_balance(v_wallet) < v.total_minor then
    perform traqora.raise_problem('TQ409', 'Your wallet balance is too low to pay this booking.', 'wallet');
  end if;

  v_escrow := traqora.ledger_account('escrow', v.currency, null, null, v.id);
  v_tx := traqora.ledger_transaction('payment', v.id, 'Payment into escrow for ' || v.pnr);
  perform traqora.post(v_tx, v_wallet, -v.total_minor, v.currency);
  perform traqora.post(v_tx, v_escrow, v.total_minor, v.currency);
  update traqora.bookings set paid_at = now(), payment_rail = 'ledger' where id = v.id;
  perform traqora.set_status(v.id, 'paid', 'Paid into escrow');
  return jsonb_build_object('booking', traqora.booking_json(v.id));
end $$;

-- Release after the flight: the ledger rail moves the money here; the soroban rail queues one
-- release per segment for the server signer (the escrow pays the airline and the fee).
create or replace function traqora.release_booking(p_booking uuid, p_fee_bps int) returns void
language plpgsql set search_path = '' as $$
declare
  v traqora.bookings;
  v_escrow bigint;
  v_balance bigint;
  v_tx bigint;
  v_fee bigint;
  s record;
  v_paid bigint := 0;
begin
  select * into v from traqora.bookings where id = p_booking for update;
  if v.status <> 'paid' then return; end if;
  if v.payment_rail = 'soroban' then
    perform traqora.queue_chain_settlement(v.id, 'release', 0);
    perform traqora.set_status(v.id, 'completed', 'Flown; release to the airline sent to the escrow contract');
    return;
  end if;
  v_escrow := traqora.ledger_account('escrow', v.currency, null, null, v.id);
  v_balance := traqora.account_balance(v_escrow);
  v_fee := v_balance * p_fee_bps / 10000;
  v_tx := traqora.ledger_transaction('release', v.id, 'Released to the airline after the flight, ' || v.pnr);
  perform traqora.post(v_tx, v_escrow, -v_balance, v.currency);
  perform traqora.post(v_tx, traqora.ledger_account('platform_fees', v.currency), v_fee, v.currency);
  for s in select seq, airline, share_minor, count(*) over () as n from traqora.booking_segments where booking_id = v.id order by seq loop
    declare v_part bigint := case when s.seq = s.n then v_balance - v_fee - v_paid
                                  else (v_balance - v_fee) * s.share_minor / greatest(v.total_minor, 1) end;
    begin
      perform traqora.post(v_tx, traqora.ledger_account('airline', v.currency, null, s.airline), v_part, v.currency);
      v_paid := v_paid + v_part;
    end;
  end loop;
  perform traqora.set_status(v.id, 'completed', 'Flown; escrow released to the airline');
end $$;

-- Holds with an on-chain payment still being confirmed are not expired for another 30 minutes:
-- the quote the traveller signed ends with the hold, so a payment that lands did so in time.
create or replace function public.expire_holds(p_limit int default 1000) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid;
  v_count int := 0;
begin
  for v_id in
    select b.id from traqora.bookings b
    where b.status = 'held' and b.hold_expires_at <= now()
      and not exists (select 1 from traqora.chain_payments p where p.booking_id = b.id and p.status = 'submitted'
                      and b.hold_expires_at > now() - interval '30 minutes')
    order by b.hold_expires_at limit p_limit for update of b skip locked
  loop
    perform traqora.release_seats(v_id);
    perform traqora.set_status(v_id, 'expired', 'Seat hold expired unpaid');
    v_count := v_count + 1;
  end loop;
  return jsonb_build_object('expired', v_count);
end $$;

-- Executes exactly a quote. Ledger rail: moves the money here. Soroban rail: queues one
-- cancellation settlement per segment (refund to the payer, the rest to the airline less the
-- fee), which the server signer submits; the booking's state changes now, the chain follows.
create or replace function public.confirm_cancellation(p_user_id uuid, p_pnr text, p_quote_id uuid, p_admin boolean default false)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v traqora.bookings;
  q traqora.cancellation_quotes;
  v_escrow bigint;
  v_tx bigint;
  s record;
  v_paid bigint := 0;
begin
  v := traqora.lock_booking(p_user_id, p_pnr, p_admin);
  select * into q from traqora.cancellation_quotes where id = p_quote_id and booking_id = v.id;
  if q.id is null then perform traqora.raise_problem('TQ404', 'No such cancellation quote for this booking.', 'quote_id'); end if;
  if q.confirmed_at is not null then
    return jsonb_build_object('quote', traqora.quote_json(q.id), 'booking', traqora.booking_json(v.id) || traqora.booking_chain_json(v.id), 'replayed', true);
  end if;
  if q.superseded_at is not null then perform traqora.raise_problem('TQ409', 'A newer quote replaced this one; confirm the latest quote.', 'quote_id'); end if;
  if q.expires_at <= now() then perform traqora.raise_problem('TQ409', 'This quote has expired; ask for a new one.', 'quote_id'); end if;
  if v.status not in ('held', 'paid') or (v.status = 'paid') <> (q.refund_to = 'wallet') then
    perform traqora.raise_problem('TQ409', format('This booking is %s; ask for a new quote.', v.status), 'status');
  end if;
  if v.status = 'held' and exists (select 1 from traqora.chain_payments where booking_id = v.id and status = 'submitted') then
    perform traqora.raise_problem('TQ409', 'An on-chain payment for this booking is being confirmed; cancel once it is.', 'status');
  end if;

  if v.status = 'paid' and v.payment_rail = 'soroban' then
    perform traqora.queue_chain_settlement(v.id, 'cancellation', q.refund_minor);
    update traqora.bookings set refund_minor = q.refund_minor where id = v.id;
  elsif v.status = 'paid' then
    v_escrow := traqora.ledger_account('escrow', v.currency, null, null, v.id);
    v_tx := traqora.ledger_transaction('refund', v.id, 'Refund for cancelled booking ' || v.pnr);
    perform traqora.post(v_tx, v_escrow, -q.refund_minor, v.currency);
    perform traqora.post(v_tx, traqora.ledger_account('wallet', v.currency, v.user_id), q.refund_minor, v.currency);
    if q.penalty_minor > 0 then
      v_tx := traqora.ledger_transaction('cancellation_fee', v.id, 'Cancellation fee for ' || v.pnr);
      perform traqora.post(v_tx, v_escrow, -q.penalty_minor, v.currency);
      for s in select seq, airline, share_minor, count(*) over () as n from traqora.booking_segments where booking_id = v.id order by seq loop
        declare v_part bigint := case when s.seq = s.n then q.penalty_minor - v_paid
                                      else q.penalty_minor * s.share_minor / greatest(v.total_minor, 1) end;
        begin
          perform traqora.post(v_tx, traqora.ledger_account('airline', v.currency, null, s.airline), v_part, v.currency);
          v_paid := v_paid + v_part;
        end;
      end loop;
    end if;
    update traqora.bookings set refund_minor = q.refund_minor where id = v.id;
  end if;
  perform traqora.release_seats(v.id);
  update traqora.cancellation_quotes set confirmed_at = now() where id = q.id;
  perform traqora.set_status(v.id, case when q.refund_minor > 0 then 'refunded' else 'cancelled' end,
                             case when v.status = 'held' then 'Cancelled before payment'
                                  when q.refund_minor > 0 and v.payment_rail = 'soroban' then 'Cancelled by the traveller; refund from the on-chain escrow to the paying wallet'
                                  when q.refund_minor > 0 then 'Cancelled by the traveller; refund to wallet'
                                  else 'Cancelled by the traveller; fare not refundable' end);
  return jsonb_build_object('quote', traqora.quote_json(q.id), 'booking', traqora.booking_json(v.id) || traqora.booking_chain_json(v.id));
end $$;

-- Reconciliation learns the escrow's settle_cancellation event (`cancelled`: part refunded,
-- the rest to the airline): money has left the escrow as a cancellation, like a refund. And now
-- that bookings record their rail, a booking paid on chain that the escrow never saw is flagged.
create or replace function public.chain_reconciliation() returns jsonb
language sql stable security definer set search_path = '' as $$
  with escrow as (
    select e.* from traqora.chain_events e
    where e.contract = 'escrow' and e.booking_id is not null and e.successful
      and e.action in ('paid', 'released', 'refunded', 'cancelled', 'refund_requested', 'refund_cancelled', 'disputed')
  ), latest as (
    select distinct on (booking_id) booking_id, action, fields, ledger, id, closed_at
    from escrow order by booking_id, ledger desc, id desc
  ), paid as (
    select distinct on (booking_id) booking_id, fields ->> 'amount' as amount
    from escrow where action = 'paid' order by booking_id, ledger, id
  ), seen as (
    select l.booking_id,
           case l.action
             when 'paid' then 'paid'
             when 'refund_cancelled' then 'paid'
             when 'refund_requested' then 'refund_requested'
             when 'disputed' then 'disputed'
             when 'released' then 'released'
             when 'cancelled' then 'refunded'
             when 'refunded' then case when l.fields ->> 'reason' = '3' then 'expired' else 'refunded' end
           end as chain_state,
           p.amount as chain_amount, l.id as last_event_id, l.ledger as last_ledger, l.closed_at as last_event_at,
           s.booking_id as app_booking, s.seq, s.flight_id
    from latest l
    left join paid p on p.booking_id = l.booking_id
    left join traqora.booking_segments s on traqora.chain_booking_id(s.booking_id, s.seq) = l.booking_id
  ), unseen as (
    select traqora.chain_booking_id(s.booking_id, s.seq) as booking_id, null::text as chain_state, null::text as chain_amount,
           null::text as last_event_id, null::int as last_ledger, null::timestamptz as last_event_at,
           s.booking_id as app_booking, s.seq, s.flight_id
    from traqora.booking_segments s
    where (s.booking_id in (select app_booking from seen where app_booking is not null)
           -- a booking the app says was paid on chain, which the index still has not seen after
           -- five minutes (time enough for the indexer to catch up)
           or s.booking_id in (select b.id from traqora.bookings b where b.payment_rail = 'soroban' and b.paid_at < now() - interval '5 minutes'))
      and not exists (select 1 from latest l where l.booking_id = traqora.chain_booking_id(s.booking_id, s.seq))
  )
  select coalesce(jsonb_agg(jsonb_build_object(
      'booking_id', r.booking_id, 'chain_state', r.chain_state, 'chain_amount', r.chain_amount,
      'last_event_id', r.last_event_id, 'last_ledger', r.last_ledger, 'last_event_at', r.last_event_at,
      'app_booking_id', r.app_booking, 'pnr', b.pnr, 'segment_seq', r.seq, 'flight_id', r.flight_id,
      'app_status', b.status, 'app_total_minor', b.total_minor, 'app_currency', b.currency)
    order by r.last_ledger nulls last, r.last_event_id, b.pnr, r.seq), '[]'::jsonb)
  from (select * from seen union all select * from unseen) r
  left join traqora.bookings b on b.id = r.app_booking;
$$;
do $$
declare
  f text;
begin
  foreach f in array array[
    'public.chain_payment_terms(uuid, text, boolean)', 'public.record_chain_payment(uuid, text, text, text)',
    'public.confirm_chain_payment(text, int, timestamptz, text)', 'public.fail_chain_payment(text, text)',
    'public.submitted_chain_payments(int)', 'public.open_chain_settlements(int)',
    'public.mark_chain_settlement(bigint, text, text, text)', 'public.chain_wallet_history(uuid, int)', 'public.set_airline_payout_account(text, text)',
    'public.get_booking(uuid, text, boolean)', 'public.pay_booking(uuid, text, bigint)',
    'public.expire_holds(int)', 'public.confirm_cancellation(uuid, text, uuid, boolean)'] loop
    execute format('revoke execute on function %s from public, anon, authenticated', f);
    execute format('grant execute on function %s to service_role', f);
  end loop;
end $$;
