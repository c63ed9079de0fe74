-- Disputes (issue 10): a traveller disputes a paid or completed booking with a reason and up to
-- five evidence files (PDF, PNG or JPEG, judged by their bytes, ≤ 5 MB each, stored here as
-- bytea). Support asks for more evidence, resolves with a split of the held amount (refund +
-- airline share + fee = held), or escalates to the token-holder jury (20261208000110_jury.sql).
-- While a dispute is open the booking's escrow is frozen: the release job skips it.
-- Functions: supabase/routines/67_disputes.sql.

create table traqora.disputes (
  id uuid primary key default gen_random_uuid(),
  booking_id uuid not null references traqora.bookings,
  opened_by uuid not null references traqora.users,
  reason text not null check (char_length(reason) between 10 and 2000),
  -- open: with support; awaiting_evidence: support asked the traveller for more; escalated: with
  -- the jury; resolved: a split was paid (or recorded, when nothing was held); closed: the
  -- booking was settled elsewhere (e.g. a cancelled flight's policy refund) before a verdict.
  status text not null default 'open' check (status in ('open', 'awaiting_evidence', 'escalated', 'resolved', 'closed')),
  -- what the escrow held when the dispute opened (0 for a completed booking: already released)
  held_minor bigint not null check (held_minor >= 0),
  currency char(3) not null,
  evidence_request text check (evidence_request is null or char_length(evidence_request) between 3 and 1000),
  evidence_requested_at timestamptz,
  escalated_by uuid references traqora.users,
  escalated_at timestamptz,
  -- the split that settled it, from support's resolution or the jury's verdict
  resolution_source text check (resolution_source in ('support', 'jury')),
  refund_minor bigint check (refund_minor >= 0),
  airline_minor bigint check (airline_minor >= 0),
  fee_minor bigint check (fee_minor >= 0),
  resolution_note text check (resolution_note is null or char_length(resolution_note) between 3 and 1000),
  resolved_by uuid references traqora.users,
  resolved_at timestamptz,
  -- the opening request's Idempotency-Key and body fingerprint: a retry answers the same dispute
  idempotency_key text check (idempotency_key is null or char_length(idempotency_key) between 8 and 255),
  request_hash text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'resolved') = (resolved_at is not null)),
  check (resolved_at is null or refund_minor + airline_minor + fee_minor = held_minor)
);
-- one dispute in progress per booking
create unique index disputes_one_open on traqora.disputes (booking_id) where status in ('open', 'awaiting_evidence', 'escalated');
create unique index disputes_idempotency_idx on traqora.disputes (opened_by, idempotency_key) where idempotency_key is not null;
create index disputes_queue_idx on traqora.disputes (status, created_at desc, id desc);
create index disputes_created_idx on traqora.disputes (created_at desc, id desc);
create index disputes_opened_by_idx on traqora.disputes (opened_by, created_at desc, id desc);
create index disputes_booking_idx on traqora.disputes (booking_id);

create table traqora.dispute_evidence (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity unique,   -- upload order
  dispute_id uuid not null references traqora.disputes,
  uploaded_by uuid not null references traqora.users,
  file_name text not null check (char_length(file_name) between 1 and 200),
  -- detected from the bytes, never the name or the type the browser claimed
  content_type text not null check (content_type in ('application/pdf', 'image/png', 'image/jpeg')),
  size_bytes int not null check (size_bytes between 1 and 5242880),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  created_at timestamptz not null default now(),
  check (octet_length(content) = size_bytes)
);
create index dispute_evidence_dispute_idx on traqora.dispute_evidence (dispute_id, seq);

-- Governed windows and sizes for the jury (disputes.jury_size and disputes.juror_stake_trq exist).
insert into traqora.governed_parameters (key, value, unit, min_value, max_value, integral, description) values
  ('disputes.commit_window_seconds', 172800, 'seconds', 60, 1209600, true,
   'How long drawn jurors have to commit their hidden vote.'),
  ('disputes.reveal_window_seconds', 86400, 'seconds', 60, 604800, true,
   'How long jurors have, after the commit window, to reveal their vote and salt.'),
  ('disputes.appeal_window_seconds', 172800, 'seconds', 60, 1209600, true,
   'How long a party has to appeal a first-round verdict before it executes.'),
  ('disputes.appeal_jury_size', 9, 'count', 3, 41, true,
   'Jurors drawn for the one appeal round (larger than the first jury).'),
  ('disputes.slash_bps', 10000, 'bps', 0, 10000, true,
   'Share of the per-case stake a drawn juror who does not reveal loses (10000 = all of it).')
on conflict (key) do nothing;
insert into traqora.parameter_changes (key, before_value, after_value, source)
select key, null, value, 'seed' from traqora.governed_parameters
where key in ('disputes.commit_window_seconds', 'disputes.reveal_window_seconds', 'disputes.appeal_window_seconds',
              'disputes.appeal_jury_size', 'disputes.slash_bps');

alter table traqora.disputes enable row level security;
alter table traqora.dispute_evidence enable row level security;
