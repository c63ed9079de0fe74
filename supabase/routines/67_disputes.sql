-- Disputes: a traveller opens one on a paid or completed booking with evidence; support asks
-- for more evidence, resolves with a split of the held amount, or escalates to the jury
-- (routines/68_jury.sql). Paying a split goes through traqora.refund_paid_booking (the booking's
-- rail: ledger postings now, or the soroban settlement outbox), as the refund review does.
-- Tables: supabase/migrations/20261208000100_disputes.sql.
--
-- Lock order: the dispute row, then the booking, then the audit head, then the event lock.

create or replace trigger disputes_touch before update on traqora.disputes
  for each row execute function traqora.touch_updated_at();

-- What a file is, from its first bytes: PDF (%PDF-), PNG (its 8-byte signature) or JPEG (SOI
-- marker FF D8 FF); null for anything else, whatever its name or claimed type says.
create or replace function traqora.evidence_type(p_content bytea) returns text
language sql immutable set search_path = '' as $$
  select case
    when substring(p_content from 1 for 5) = '\x255044462d'::bytea then 'application/pdf'
    when substring(p_content from 1 for 8) = '\x89504e470d0a1a0a'::bytea then 'image/png'
    when substring(p_content from 1 for 3) = '\xffd8ff'::bytea then 'image/jpeg'
  end;
$$;

-- True while the booking has a dispute in progress: its escrow must not be released or
-- settled. The release job and the traveller's cancellation ask this (routines/60_bookings.sql).
create or replace function traqora.booking_frozen(p_booking uuid) returns boolean
language sql stable set search_path = '' as $$
  select exists (select 1 from traqora.disputes d where d.booking_id = p_booking and d.status in ('open', 'awaiting_evidence', 'escalated'));
$$;

create or replace function traqora.dispute_escrow_minor(p_booking uuid) returns bigint
language sql stable set search_path = '' as $$
  select coalesce((select traqora.account_balance(a.id) from traqora.ledger_accounts a where a.kind = 'escrow' and a.booking_id = p_booking), 0);
$$;

-- One dispute as its parties and support see it: the booking, the evidence (without bytes),
-- the split, and the jury rounds (68_jury.sql's traqora.jury_rounds_json).
create or replace function traqora.dispute_json(p_id uuid) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v jsonb;
begin
  select jsonb_build_object(
    'id', d.id, 'status', d.status, 'reason', d.reason, 'pnr', b.pnr, 'booking_id', b.id, 'booking_status', b.status,
    'payment_rail', b.payment_rail, 'traveller_id', d.opened_by,
    'traveller_name', (select u.display_name from traqora.users u where u.id = d.opened_by),
    'held_minor', d.held_minor, 'currency', d.currency, 'total_minor', b.total_minor,
    'evidence_request', d.evidence_request, 'evidence_requested_at', d.evidence_requested_at,
    'escalated_at', d.escalated_at,
    'resolution', case when d.resolved_at is null then null else jsonb_build_object(
      'source', d.resolution_source, 'refund_minor', d.refund_minor, 'airline_minor', d.airline_minor, 'fee_minor', d.fee_minor,
      'note', d.resolution_note, 'resolved_at', d.resolved_at) end,
    'evidence', coalesce((select jsonb_agg(jsonb_build_object('id', e.id, 'file_name', e.file_name, 'content_type', e.content_type,
                                                             'size_bytes', e.size_bytes, 'sha256', e.sha256, 'uploaded_by', e.uploaded_by,
                                                             'created_at', e.created_at) order by e.seq)
                          from traqora.dispute_evidence e where e.dispute_id = d.id), '[]'::jsonb),
    'rounds', traqora.jury_rounds_json(d.id),
    -- 'app' (the app's jury) or 'chain' (the disputes contract: its state in 'chain', 68_jury.sql)
    'jury', d.jury,
    'chain', traqora.chain_dispute_json(d.id),
    -- soroban rail: the escrow settlements carrying the decision, with what the chain paid
    'chain_settlements', coalesce(traqora.booking_chain_json(b.id) -> 'chain_settlements', '[]'::jsonb),
    'created_at', d.created_at, 'updated_at', d.updated_at,
    'now', traqora.governance_now())   -- jury time (the windows' clock), for countdowns
  into v
  from traqora.disputes d join traqora.bookings b on b.id = d.booking_id
  where d.id = p_id;
  return v;
end $$;

-- Stores evidence files ([{name, content}], content base64) for a dispute: each checked by its
-- bytes, ≤ 5 MB, at most 5 per dispute in all. 422 naming files[i] otherwise.
-- A file already put in Supabase Storage comes as {name, object, content_type, size_bytes,
-- sha256}: the app judged its bytes before uploading (lib/disputes/evidence-storage), and the
-- row keeps the object's key and hash instead of the bytes.
create or replace function traqora.add_evidence(p_dispute uuid, p_user uuid, p_files jsonb) returns int
language plpgsql set search_path = '' as $$
declare
  r record;
  v_bytes bytea;
  v_type text;
  v_have int;
begin
  if p_files is null or jsonb_typeof(p_files) <> 'array' then
    perform traqora.raise_problem('TQ422', 'files must be a list', 'files');
  end if;
  select count(*) into v_have from traqora.dispute_evidence where dispute_id = p_dispute;
  if v_have + jsonb_array_length(p_files) > 5 then
    perform traqora.raise_problem('TQ422', format('A dispute holds at most 5 evidence files (%s already).', v_have), 'files');
  end if;
  for r in select e.ordinality - 1 as i, e.value as f from jsonb_array_elements(p_files) with ordinality e loop
    if jsonb_typeof(r.f -> 'name') <> 'string' or char_length(trim(r.f ->> 'name')) not between 1 and 200 then
      perform traqora.raise_problem('TQ422', format('files[%s] needs a name of 1 to 200 characters', r.i), format('files[%s]', r.i));
    end if;
    if r.f ? 'object' then
      if not coalesce(jsonb_typeof(r.f -> 'object') = 'string' and (r.f ->> 'object') ~ '^evidence/[0-9]{4}/[0-9]{2}/[0-9a-f-]{36}\.(pdf|png|jpg)$'
         and (r.f ->> 'content_type') in ('application/pdf', 'image/png', 'image/jpeg')
         and case when jsonb_typeof(r.f -> 'size_bytes') = 'number' then (r.f ->> 'size_bytes')::numeric between 1 and 5242880
                  and (r.f ->> 'size_bytes')::numeric = trunc((r.f ->> 'size_bytes')::numeric) else false end
         and (r.f ->> 'sha256') ~ '^[0-9a-f]{64}$', false) then
        perform traqora.raise_problem('TQ422', format('files[%s] is not a stored object (object, content_type, size_bytes, sha256)', r.i), format('files[%s]', r.i));
      end if;
      insert into traqora.dispute_evidence (dispute_id, uploaded_by, file_name, content_type, size_bytes, sha256, storage_object)
      values (p_dispute, p_user, trim(r.f ->> 'name'), r.f ->> 'content_type', (r.f ->> 'size_bytes')::int, r.f ->> 'sha256', r.f ->> 'object');
      continue;
    end if;
    begin
      v_bytes := decode(r.f ->> 'content', 'base64');
    exception when others then
      perform traqora.raise_problem('TQ422', format('files[%s] is not base64', r.i), format('files[%s]', r.i));
    end;
    if v_bytes is null or octet_length(v_bytes) = 0 then
      perform traqora.raise_problem('TQ422', format('files[%s] is empty', r.i), format('files[%s]', r.i));
    end if;
    if octet_length(v_bytes) > 5242880 then
      perform traqora.raise_problem('TQ422', format('files[%s] is larger than 5 MB', r.i), format('files[%s]', r.i));
    end if;
    v_type := traqora.evidence_type(v_bytes);
    if v_type is null then
      perform traqora.raise_problem('TQ422', format('files[%s] is not a PDF, PNG or JPEG (judged by its content)', r.i), format('files[%s]', r.i));
    end if;
    insert into traqora.dispute_evidence (dispute_id, uploaded_by, file_name, content_type, size_bytes, sha256, content)
    values (p_dispute, p_user, trim(r.f ->> 'name'), v_type, octet_length(v_bytes), encode(sha256(v_bytes), 'hex'), v_bytes);
  end loop;
  return jsonb_array_length(p_files);
end $$;

-- Opens a dispute on the traveller's own paid or completed booking. A retry with the same
-- Idempotency-Key and body answers the same dispute (`replayed`); the same key with another body
-- is 422; a second dispute while one is in progress is 409.
create or replace function public.open_dispute(p_user_id uuid, p_pnr text, p_reason text, p_files jsonb,
  p_idempotency_key text default null, p_request_hash text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v traqora.bookings;
  d traqora.disputes;
  v_reason text := nullif(trim(p_reason), '');
  v_id uuid;
  v_held bigint;
begin
  if p_idempotency_key is not null then
    select * into d from traqora.disputes where opened_by = p_user_id and idempotency_key = p_idempotency_key;
    if d.id is not null then
      if d.request_hash is distinct from p_request_hash then
        perform traqora.raise_problem('TQ422', 'This Idempotency-Key was used for a different request.', 'Idempotency-Key');
      end if;
      return traqora.dispute_json(d.id) || jsonb_build_object('replayed', true);
    end if;
  end if;
  if v_reason is null or char_length(v_reason) not between 10 and 2000 then
    perform traqora.raise_problem('TQ422', 'reason must be 10 to 2000 characters', 'reason');
  end if;
  if p_files is null or jsonb_typeof(p_files) <> 'array' or jsonb_array_length(p_files) > 5 then
    perform traqora.raise_problem('TQ422', 'files must list at most 5 files', 'files');
  end if;
  select * into v from traqora.bookings where pnr = upper(p_pnr) and user_id = p_user_id for update;
  if v.id is null then perform traqora.raise_problem('TQ404', 'No booking of yours with that reference.', 'pnr'); end if;
  if v.status not in ('paid', 'completed') then
    perform traqora.raise_problem('TQ409', format('This booking is %s: only a paid or completed booking can be disputed.', v.status), 'pnr');
  end if;
  if traqora.booking_frozen(v.id) then
    perform traqora.raise_problem('TQ409', 'This booking already has a dispute in progress.', 'pnr');
  end if;
  -- the ledger's escrow balance; on the soroban rail the contract holds the total until settled
  v_held := case when v.status <> 'paid' then 0
                 when v.payment_rail = 'soroban' then v.total_minor
                 else traqora.dispute_escrow_minor(v.id) end;
  insert into traqora.disputes (booking_id, opened_by, reason, held_minor, currency, idempotency_key, request_hash)
  values (v.id, p_user_id, v_reason, v_held, v.currency, p_idempotency_key, p_request_hash)
  returning id into v_id;
  perform traqora.add_evidence(v_id, p_user_id, p_files);
  perform traqora.audit_append(jsonb_build_object('actor', p_user_id, 'role', 'traveller', 'reason', left(v_reason, 500)),
    'dispute.opened', 'dispute', v_id::text, null,
    jsonb_build_object('pnr', v.pnr, 'status', 'open', 'held_minor', v_held, 'files', jsonb_array_length(p_files)));
  perform traqora.emit_event('dispute.opened', 'dispute', v_id::text, jsonb_build_object(
    'dispute_id', v_id, 'booking_id', v.id, 'pnr', v.pnr, 'user_id', p_user_id, 'held_minor', v_held, 'currency', v.currency), p_user_id);
  return traqora.dispute_json(v_id);
end $$;

-- The traveller adds files (answering support's request, or before a jury is drawn).
create or replace function public.add_dispute_evidence(p_user_id uuid, p_dispute_id uuid, p_files jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  d traqora.disputes;
  v_n int;
begin
  select * into d from traqora.disputes where id = p_dispute_id and opened_by = p_user_id for update;
  if d.id is null then perform traqora.raise_problem('TQ404', 'No dispute of yours with that id.', 'id'); end if;
  if d.status not in ('open', 'awaiting_evidence') then
    perform traqora.raise_problem('TQ409', format('This dispute is %s: evidence is added while support handles it.', d.status), 'id');
  end if;
  if p_files is null or jsonb_typeof(p_files) <> 'array' or jsonb_array_length(p_files) = 0 then
    perform traqora.raise_problem('TQ422', 'files must list 1 to 5 files', 'files');
  end if;
  v_n := traqora.add_evidence(d.id, p_user_id, p_files);
  update traqora.disputes set status = 'open' where id = d.id;
  perform traqora.audit_append(jsonb_build_object('actor', p_user_id, 'role', 'traveller'), 'dispute.evidence_added', 'dispute', d.id::text,
    jsonb_build_object('status', d.status), jsonb_build_object('status', 'open', 'files', v_n));
  perform traqora.emit_event('dispute.evidence_added', 'dispute', d.id::text,
    jsonb_build_object('dispute_id', d.id, 'booking_id', d.booking_id, 'user_id', p_user_id, 'files', v_n), p_user_id);
  return traqora.dispute_json(d.id);
end $$;

-- Who may read a dispute: its traveller, support (p_admin), or a juror drawn on it.
create or replace function traqora.dispute_reader(p_dispute uuid, p_user uuid, p_admin boolean) returns boolean
language sql stable set search_path = '' as $$
  select coalesce(p_admin, false)
      or exists (select 1 from traqora.disputes d where d.id = p_dispute and d.opened_by = p_user)
      or exists (select 1 from traqora.jury_seats s join traqora.jury_rounds r on r.id = s.round_id
                 where r.dispute_id = p_dispute and s.juror = p_user);
$$;

create or replace function public.get_dispute(p_user_id uuid, p_id uuid, p_admin boolean default false) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  if p_id is null or not exists (select 1 from traqora.disputes where id = p_id) or not traqora.dispute_reader(p_id, p_user_id, p_admin) then
    perform traqora.raise_problem('TQ404', 'No dispute you can see with that id.', 'id');
  end if;
  return traqora.dispute_json(p_id);
end $$;

-- One evidence file's bytes (base64) for a reader of its dispute; 404 for anyone else. A file in
-- Supabase Storage answers content null and its storage_object (the app fetches the bytes).
create or replace function public.get_dispute_evidence(p_user_id uuid, p_evidence_id uuid, p_admin boolean default false) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  e traqora.dispute_evidence;
begin
  select * into e from traqora.dispute_evidence where id = p_evidence_id;
  if e.id is null or not traqora.dispute_reader(e.dispute_id, p_user_id, p_admin) then
    perform traqora.raise_problem('TQ404', 'No evidence you can see with that id.', 'evidence_id');
  end if;
  return jsonb_build_object('id', e.id, 'dispute_id', e.dispute_id, 'file_name', e.file_name, 'content_type', e.content_type,
                            'size_bytes', e.size_bytes, 'sha256', e.sha256, 'content', encode(e.content, 'base64'),
                            'storage_object', e.storage_object);
end $$;

-- Which of these storage objects (a JSON list of keys) no evidence row refers to (the evidence-storage sweep removes
-- them: uploads whose row was never written). Read only.
create or replace function public.dispute_evidence_unreferenced(p_objects jsonb) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(o.object order by o.object), '[]'::jsonb)
  from jsonb_array_elements_text(coalesce(p_objects, '[]'::jsonb)) as o(object)
  where not exists (select 1 from traqora.dispute_evidence e where e.storage_object = o.object);
$$;

-- Disputes newest first, keyset-paged on (created_at, id): the traveller's own (p_admin false),
-- or the support queue (p_admin) filtered by status and by booking reference.
create or replace function public.list_disputes(p_user_id uuid, p_admin boolean default false, p_status text default null,
  p_pnr text default null, p_before_created timestamptz default null, p_before_id uuid default null, p_limit int default 50) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 50), 1), 200);
  v_ids uuid[];
  v_last traqora.disputes;
  v_booking uuid;
begin
  if p_status is not null and p_status not in ('open', 'awaiting_evidence', 'escalated', 'resolved', 'closed') then
    perform traqora.raise_problem('TQ400', 'status must be open, awaiting_evidence, escalated, resolved or closed', 'status');
  end if;
  if p_pnr is not null then
    select id into v_booking from traqora.bookings where pnr = upper(p_pnr);
    if v_booking is null then return jsonb_build_object('data', '[]'::jsonb, 'next', null); end if;
  end if;
  select array_agg(id order by created_at desc, id desc) into v_ids
  from (select d.id, d.created_at from traqora.disputes d
        where (p_admin or d.opened_by = p_user_id)
          and (p_status is null or d.status = p_status)
          and (v_booking is null or d.booking_id = v_booking)
          and (p_before_created is null or (d.created_at, d.id) < (p_before_created, p_before_id))
        order by d.created_at desc, d.id desc limit v_limit + 1) s;
  v_ids := coalesce(v_ids, '{}');
  if cardinality(v_ids) > v_limit then
    v_ids := v_ids[1:v_limit];
    select * into v_last from traqora.disputes where id = v_ids[v_limit];
  end if;
  return jsonb_build_object(
    'data', coalesce((select jsonb_agg(jsonb_build_object(
               'id', d.id, 'status', d.status, 'pnr', b.pnr, 'reason', left(d.reason, 200), 'held_minor', d.held_minor, 'currency', d.currency,
               'traveller_name', u.display_name,
               'evidence_count', (select count(*) from traqora.dispute_evidence e where e.dispute_id = d.id),
               'created_at', d.created_at, 'updated_at', d.updated_at) order by t.o)
             from unnest(v_ids) with ordinality as t(i, o)
             join traqora.disputes d on d.id = t.i join traqora.bookings b on b.id = d.booking_id
             join traqora.users u on u.id = d.opened_by), '[]'::jsonb),
    'next', case when v_last.id is null then null else jsonb_build_object('created_at', v_last.created_at, 'id', v_last.id) end);
end $$;

-- Support asks the traveller for more evidence (the message shows on the trip page).
create or replace function public.request_dispute_evidence(p_ctx jsonb, p_id uuid, p_message text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  d traqora.disputes;
  v_msg text := nullif(trim(p_message), '');
  v_actor uuid := nullif(p_ctx ->> 'actor', '')::uuid;
begin
  if v_msg is null or char_length(v_msg) not between 3 and 1000 then
    perform traqora.raise_problem('TQ422', 'message must be 3 to 1000 characters', 'message');
  end if;
  select * into d from traqora.disputes where id = p_id for update;
  if d.id is null then perform traqora.raise_problem('TQ404', 'No dispute with that id.', 'id'); end if;
  if d.status not in ('open', 'awaiting_evidence') then
    perform traqora.raise_problem('TQ409', format('This dispute is %s.', d.status), 'id');
  end if;
  update traqora.disputes set status = 'awaiting_evidence', evidence_request = v_msg, evidence_requested_at = now() where id = d.id;
  perform traqora.audit_append(p_ctx, 'dispute.evidence_requested', 'dispute', d.id::text,
    jsonb_build_object('status', d.status), jsonb_build_object('status', 'awaiting_evidence', 'message', v_msg));
  perform traqora.emit_event('dispute.evidence_requested', 'dispute', d.id::text,
    jsonb_build_object('dispute_id', d.id, 'booking_id', d.booking_id, 'pnr', (select pnr from traqora.bookings where id = d.booking_id),
                       'user_id', d.opened_by, 'message', v_msg), v_actor);
  return traqora.dispute_json(d.id);
end $$;

-- Checks a split of the dispute's held amount: three whole non-negative amounts summing to it,
-- and no fee of the app's own on the soroban rail: there the escrow contract pays the refund and
-- releases the rest like a payout, taking its fee out of the airline's part at the rate it
-- captured at payment (settle_cancellation); what it paid is recorded from its event when the
-- settlement confirms. 422 naming the field otherwise.
create or replace function traqora.check_split(d traqora.disputes, p_refund bigint, p_airline bigint, p_fee bigint) returns void
language plpgsql stable set search_path = '' as $$
begin
  if p_refund is null or p_refund < 0 then perform traqora.raise_problem('TQ422', 'refund_minor must be 0 or more', 'refund_minor'); end if;
  if p_airline is null or p_airline < 0 then perform traqora.raise_problem('TQ422', 'airline_minor must be 0 or more', 'airline_minor'); end if;
  if p_fee is null or p_fee < 0 then perform traqora.raise_problem('TQ422', 'fee_minor must be 0 or more', 'fee_minor'); end if;
  if p_refund + p_airline + p_fee <> d.held_minor then
    perform traqora.raise_problem('TQ422', format('refund + airline share + fee must equal the held amount, %s (they sum to %s).',
      d.held_minor, p_refund + p_airline + p_fee), 'refund_minor');
  end if;
  if p_fee > 0 and (select payment_rail from traqora.bookings where id = d.booking_id) = 'soroban' then
    perform traqora.raise_problem('TQ422', 'On chain the escrow takes its own fee from the airline''s part: a soroban booking''s split names the refund and the airline''s part only.', 'fee_minor');
  end if;
end $$;

-- Pays a split of a locked dispute through the booking's rail and marks it resolved (or closed,
-- when the booking was settled elsewhere meanwhile). The caller holds the dispute row and emits
-- nothing before this; this writes the audit row and the events last.
create or replace function traqora.settle_dispute(p_ctx jsonb, d traqora.disputes, p_source text, p_refund bigint, p_airline bigint,
  p_fee bigint, p_note text) returns void
language plpgsql set search_path = '' as $$
declare
  v traqora.bookings;
  v_actor uuid := nullif(p_ctx ->> 'actor', '')::uuid;
  v_tx bigint;
  v_taken bigint := 0;
  s record;
  v_extra jsonb;
  v_paid boolean := false;
begin
  select * into v from traqora.bookings where id = d.booking_id for update;
  if d.held_minor > 0 and v.status <> 'paid' then
    -- settled by someone else (a cancelled flight's policy refund): nothing left to split
    update traqora.disputes set status = 'closed', resolution_note = 'The booking was settled before the dispute: ' || v.status where id = d.id;
    perform traqora.audit_append(p_ctx, 'dispute.closed', 'dispute', d.id::text, jsonb_build_object('status', d.status),
      jsonb_build_object('status', 'closed', 'booking_status', v.status));
    perform traqora.emit_event('dispute.closed', 'dispute', d.id::text,
      jsonb_build_object('dispute_id', d.id, 'booking_id', v.id, 'user_id', d.opened_by, 'booking_status', v.status), v_actor);
    return;
  end if;
  if d.held_minor > 0 then
    -- refund to the traveller, the rest to the airlines by segment share
    perform traqora.refund_paid_booking(v.id, p_refund, format('Dispute %s settled (%s)', left(d.id::text, 8), p_source));
    v_paid := true;
    if p_fee > 0 then
      -- the fee out of the airlines' part, by the same segment shares, to the platform
      v_tx := traqora.ledger_transaction('cancellation_fee', v.id, 'Dispute fee, ' || v.pnr);
      for s in select seq, airline, share_minor, count(*) over () as n from traqora.booking_segments where booking_id = v.id order by seq loop
        declare v_part bigint := case when s.seq = s.n then p_fee - v_taken else p_fee * s.share_minor / greatest(v.total_minor, 1) end;
        begin
          perform traqora.post(v_tx, traqora.ledger_account('airline', v.currency, null, s.airline), -v_part, v.currency);
          v_taken := v_taken + v_part;
        end;
      end loop;
      perform traqora.post(v_tx, traqora.ledger_account('platform_fees', v.currency), p_fee, v.currency);
    end if;
  end if;
  update traqora.disputes set status = 'resolved', resolution_source = p_source, refund_minor = p_refund, airline_minor = p_airline,
    fee_minor = p_fee, resolution_note = p_note, resolved_by = v_actor, resolved_at = now()
  where id = d.id;
  perform traqora.audit_append(p_ctx, 'dispute.resolved', 'dispute', d.id::text, jsonb_build_object('status', d.status),
    jsonb_build_object('status', 'resolved', 'source', p_source, 'refund_minor', p_refund, 'airline_minor', p_airline, 'fee_minor', p_fee));
  perform traqora.emit_event('dispute.resolved', 'dispute', d.id::text, jsonb_build_object(
    'dispute_id', d.id, 'booking_id', v.id, 'pnr', v.pnr, 'user_id', d.opened_by, 'source', p_source, 'refund_minor', p_refund,
    'airline_minor', p_airline, 'fee_minor', p_fee, 'currency', d.currency), v_actor);
  if v_paid then
    v_extra := jsonb_build_object('quote_id', null, 'was_paid', true, 'refund_minor', p_refund, 'penalty_minor', v.total_minor - p_refund,
      'refund_to', case when v.payment_rail = 'soroban' then 'payer' else 'wallet' end,
      'by_admin', p_source = 'support', 'cause', 'dispute', 'dispute_id', d.id);
    perform traqora.emit_booking_event('booking.cancelled', v.id, v_actor, v_extra);
    if p_refund > 0 then perform traqora.emit_booking_event('booking.refunded', v.id, v_actor, v_extra); end if;
  end if;
end $$;

-- The escrow carried out (or could not carry out) a dispute's decision on chain: one audit row per
-- segment settlement, with the transaction and what the escrow's event says it paid. Called by
-- public.mark_chain_settlement (routines/90_soroban_rail.sql) when a settlement becomes confirmed
-- or failed, before its event; nothing for a booking without a resolved dispute.
create or replace function traqora.audit_dispute_settlement(p_booking uuid, p_settlement jsonb) returns void
language plpgsql set search_path = '' as $$
declare
  v_dispute uuid;
begin
  select id into v_dispute from traqora.disputes where booking_id = p_booking and status = 'resolved' order by resolved_at desc limit 1;
  if v_dispute is null then return; end if;
  perform traqora.audit_append(jsonb_build_object('actor', null, 'role', null, 'reason', 'escrow settlement', 'ip', null, 'request_id', 'settle-chain'),
    case when p_settlement ->> 'status' = 'confirmed' then 'dispute.settled_on_chain' else 'dispute.settlement_failed' end,
    'dispute', v_dispute::text, null, p_settlement);
end $$;

-- Support resolves with a split of the held amount; it pays once (a resolved dispute is 409).
create or replace function public.resolve_dispute(p_ctx jsonb, p_id uuid, p_refund_minor bigint, p_airline_minor bigint, p_fee_minor bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  d traqora.disputes;
  v_note text := nullif(trim(p_ctx ->> 'reason'), '');
begin
  if v_note is null or char_length(v_note) not between 3 and 1000 then
    perform traqora.raise_problem('TQ422', 'reason must be 3 to 1000 characters', 'reason');
  end if;
  select * into d from traqora.disputes where id = p_id for update;
  if d.id is null then perform traqora.raise_problem('TQ404', 'No dispute with that id.', 'id'); end if;
  if d.status not in ('open', 'awaiting_evidence') then
    perform traqora.raise_problem('TQ409', format('This dispute is %s: support resolves open disputes only.', d.status), 'id');
  end if;
  perform traqora.check_split(d, p_refund_minor, p_airline_minor, p_fee_minor);
  perform traqora.settle_dispute(p_ctx, d, 'support', p_refund_minor, p_airline_minor, p_fee_minor, v_note);
  return traqora.dispute_json(d.id);
end $$;

revoke execute on function public.open_dispute(uuid, text, text, jsonb, text, text) from public, anon, authenticated;
revoke execute on function public.add_dispute_evidence(uuid, uuid, jsonb) from public, anon, authenticated;
revoke execute on function public.get_dispute(uuid, uuid, boolean) from public, anon, authenticated;
revoke execute on function public.get_dispute_evidence(uuid, uuid, boolean) from public, anon, authenticated;
revoke execute on function public.dispute_evidence_unreferenced(jsonb) from public, anon, authenticated;
revoke execute on function public.list_disputes(uuid, boolean, text, text, timestamptz, uuid, int) from public, anon, authenticated;
revoke execute on function public.request_dispute_evidence(jsonb, uuid, text) from public, anon, authenticated;
revoke execute on function public.resolve_dispute(jsonb, uuid, bigint, bigint, bigint) from public, anon, authenticated;
grant execute on function public.open_dispute(uuid, text, text, jsonb, text, text) to service_role;
grant execute on function public.add_dispute_evidence(uuid, uuid, jsonb) to service_role;
grant execute on function public.get_dispute(uuid, uuid, boolean) to service_role;
grant execute on function public.get_dispute_evidence(uuid, uuid, boolean) to service_role;
grant execute on function public.dispute_evidence_unreferenced(jsonb) to service_role;
grant execute on function public.list_disputes(uuid, boolean, text, text, timestamptz, uuid, int) to service_role;
grant execute on function public.request_dispute_evidence(jsonb, uuid, text) to service_role;
grant execute on function public.resolve_dispute(jsonb, uuid, bigint, bigint, bigint) to service_role;
