-- Refund review: refunds outside the fare's rules (goodwill, a disruption's compensation, a
-- dispute's outcome) are requests one staff member proposes and a different finance or admin
-- user approves or denies (maker–checker). Approval executes through the booking's payment
-- rail in the same transaction. Functions: supabase/routines/66_refund_review.sql.

create table traqora.refund_requests (
  id uuid primary key default gen_random_uuid(),
  booking_id uuid not null references traqora.bookings,
  kind text not null check (kind in ('goodwill', 'disruption', 'dispute')),
  refund_minor bigint not null check (refund_minor > 0),
  currency char(3) not null,
  reason text not null check (char_length(reason) between 3 and 500),
  status text not null default 'pending' check (status in ('pending', 'approved', 'denied')),
  proposed_by uuid not null references traqora.users,
  proposed_role text not null references traqora.roles,
  decided_by uuid references traqora.users,
  decided_role text references traqora.roles,
  decision_reason text check (decision_reason is null or char_length(decision_reason) between 3 and 500),
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  check ((status = 'pending') = (decided_at is null)),
  check ((status = 'pending') = (decided_by is null)),
  -- maker–checker, in the schema as well as in the function that decides
  check (decided_by is distinct from proposed_by)
);
-- one open request per booking: a second proposal waits for the first decision
create unique index refund_requests_one_pending on traqora.refund_requests (booking_id) where status = 'pending';
create index refund_requests_queue_idx on traqora.refund_requests (status, created_at desc, id desc);
create index refund_requests_booking_idx on traqora.refund_requests (booking_id);
alter table traqora.refund_requests enable row level security;
