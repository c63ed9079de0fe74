-- Refund review (maker–checker): propose, list, approve or deny. Approval pays through
-- traqora.refund_paid_booking (routines/65_disruptions.sql: ledger postings now, or the soroban
-- settlement outbox), audited and emitted in the same transaction.
-- Tables: supabase/migrations/20261207000201_refund_review.sql.
--
-- Lock order: the request row, then the booking, then the audit head, then the event lock.

create or replace function traqora.refund_request_json(p_id uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', r.id, 'pnr', b.pnr, 'booking_id', b.id, 'booking_status', b.status, 'kind', r.kind,
    'refund_minor', r.refund_minor, 'currency', r.currency, 'total_minor', b.total_minor,
    'escrow_minor', coalesce((select traqora.account_balance(a.id) from traqora.ledger_accounts a where a.kind = 'escrow' and a.booking_id = b.id), 0),
    'payment_rail', b.payment_rail, 'reason', r.reason, 'status', r.status,
    'proposed_by', r.proposed_by, 'proposed_by_name', (select u.display_name from traqora.users u where u.id = r.proposed_by),
    'proposed_role', r.proposed_role, 'created_at', r.created_at,
    'decided_by', r.decided_by, 'decided_by_name', (select u.display_name from traqora.users u where u.id = r.decided_by),
    'decided_role', r.decided_role, 'decision_reason', r.decision_reason, 'decided_at', r.decided_at)
  from traqora.refund_requests r join traqora.bookings b on b.id = r.booking_id
  where r.id = p_id;
$$;

-- Proposes a refund of a paid booking (the escrow still holds its money). p_ctx.reason is the
-- request's reason (required). 409 when the booking is not paid or already has an open request.
create or replace function public.propose_refund(p_ctx jsonb, p_pnr text, p_kind text, p_refund_minor bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v traqora.bookings;
  v_reason text := nullif(trim(p_ctx ->> 'reason'), '');
  v_actor uuid := nullif(p_ctx ->> 'actor', '')::uuid;
  v_id uuid;
begin
  if p_kind is null or p_kind not in ('goodwill', 'disruption', 'dispute') then
    perform traqora.raise_problem('TQ400', 'kind must be goodwill, disruption or dispute', 'kind');
  end if;
  if v_reason is null or char_length(v_reason) not between 3 and 500 then
    perform traqora.raise_problem('TQ400', 'reason must be 3 to 500 characters', 'reason');
  end if;
  if v_actor is null then perform traqora.raise_problem('TQ403', 'A refund is proposed by a signed-in user.', 'actor'); end if;
  select * into v from traqora.bookings where pnr = upper(p_pnr) for update;
  if v.id is null then perform traqora.raise_problem('TQ404', 'No booking with that reference.', 'pnr'); end if;
  if v.status <> 'paid' then
    perform traqora.raise_problem('TQ409', format('This booking is %s: only a paid booking, whose money is still in escrow, can be refunded.', v.status), 'pnr');
  end if;
  if p_refund_minor is null or p_refund_minor <= 0 or p_refund_minor > v.total_minor then
    perform traqora.raise_problem('TQ422', format('The refund must be between 1 and %s (what the booking paid).', v.total_minor), 'refund_minor');
  end if;
  if exists (select 1 from traqora.refund_requests where booking_id = v.id and status = 'pending') then
    perform traqora.raise_problem('TQ409', 'This booking already has a refund request waiting for a decision.', 'pnr');
  end if;
  insert into traqora.refund_requests (booking_id, kind, refund_minor, currency, reason, proposed_by, proposed_role)
  values (v.id, p_kind, p_refund_minor, v.currency, v_reason, v_actor, p_ctx ->> 'role')
  returning id into v_id;
  perform traqora.audit_append(p_ctx, 'refund.proposed', 'refund_request', v_id::text, null,
    jsonb_build_object('pnr', v.pnr, 'kind', p_kind, 'refund_minor', p_refund_minor, 'currency', v.currency, 'status', 'pending'));
  perform traqora.emit_event('refund.proposed', 'refund_request', v_id::text, jsonb_build_object(
    'request_id', v_id, 'booking_id', v.id, 'pnr', v.pnr, 'user_id', v.user_id, 'kind', p_kind,
    'refund_minor', p_refund_minor, 'currency', v.currency, 'proposed_by', v_actor), v_actor);
  return traqora.refund_request_json(v_id);
end $$;

-- Approves (and pays) or denies a pending request. The decider must not be its proposer
-- (403); a request already decided is 409, so of any number of concurrent approvals exactly
-- one pays. p_ctx.reason is the decision's reason (required for a denial).
create or replace function public.decide_refund(p_ctx jsonb, p_request_id uuid, p_decision text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  r traqora.refund_requests;
  v traqora.bookings;
  v_actor uuid := nullif(p_ctx ->> 'actor', '')::uuid;
  v_reason text := nullif(trim(p_ctx ->> 'reason'), '');
  v_extra jsonb;
begin
  if p_decision is null or p_decision not in ('approve', 'deny') then
    perform traqora.raise_problem('TQ400', 'decision must be approve or deny', 'decision');
  end if;
  if v_reason is not null and char_length(v_reason) not between 3 and 500 then
    perform traqora.raise_problem('TQ400', 'reason must be 3 to 500 characters', 'reason');
  end if;
  if p_decision = 'deny' and v_reason is null then
    perform traqora.raise_problem('TQ400', 'a denial needs a reason', 'reason');
  end if;
  select * into r from traqora.refund_requests where id = p_request_id for update;
  if r.id is null then perform traqora.raise_problem('TQ404', 'No refund request with that id.', 'id'); end if;
  if v_actor is null or v_actor = r.proposed_by then
    perform traqora.raise_problem('TQ403', 'A refund request is decided by someone other than its proposer.', 'id');
  end if;
  if r.status <> 'pending' then
    perform traqora.raise_problem('TQ409', format('This request was already %s.', r.status), 'id');
  end if;

  if p_decision = 'approve' then
    select * into v from traqora.bookings where id = r.booking_id for update;
    if v.status <> 'paid' then
      perform traqora.raise_problem('TQ409', format('The booking is now %s: nothing is left in escrow to refund. Deny the request.', v.status), 'id');
    end if;
    perform traqora.refund_paid_booking(v.id, r.refund_minor,
      format('Refund approved after review (%s)', r.kind));
  end if;
  update traqora.refund_requests
  set status = case when p_decision = 'approve' then 'approved' else 'denied' end,
      decided_by = v_actor, decided_role = p_ctx ->> 'role', decision_reason = v_reason, decided_at = now()
  where id = r.id;
  perform traqora.audit_append(p_ctx, case when p_decision = 'approve' then 'refund.approved' else 'refund.denied' end,
    'refund_request', r.id::text, jsonb_build_object('status', 'pending'),
    jsonb_build_object('status', case when p_decision = 'approve' then 'approved' else 'denied' end, 'refund_minor', r.refund_minor));
  perform traqora.emit_event(case when p_decision = 'approve' then 'refund.approved' else 'refund.denied' end, 'refund_request', r.id::text,
    jsonb_build_object('request_id', r.id, 'booking_id', r.booking_id, 'kind', r.kind, 'refund_minor', r.refund_minor,
                       'currency', r.currency, 'proposed_by', r.proposed_by, 'decided_by', v_actor), v_actor);
  if p_decision = 'approve' then
    v_extra := jsonb_build_object('quote_id', null, 'was_paid', true, 'refund_minor', r.refund_minor,
      'penalty_minor', v.total_minor - r.refund_minor,
      'refund_to', case when v.payment_rail = 'soroban' then 'payer' else 'wallet' end,
      'by_admin', true, 'cause', 'refund_request', 'refund_request_id', r.id);
    perform traqora.emit_booking_event('booking.cancelled', v.id, v_actor, v_extra);
    perform traqora.emit_booking_event('booking.refunded', v.id, v_actor, v_extra);
  end if;
  return traqora.refund_request_json(r.id);
end $$;

-- The queue, newest first, keyset-paged on (created_at, id); p_status filters.
create or replace function public.admin_list_refund_requests(p_status text default null, p_before_created timestamptz default null,
  p_before_id uuid default null, p_limit int default 50) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 50), 1), 200);
  v_ids uuid[];
  v_last traqora.refund_requests;
begin
  if p_status is not null and p_status not in ('pending', 'approved', 'denied') then
    perform traqora.raise_problem('TQ400', 'status must be pending, approved or denied', 'status');
  end if;
  select array_agg(id order by created_at desc, id desc) into v_ids
  from (select r.id, r.created_at from traqora.refund_requests r
        where (p_status is null or r.status = p_status)
          and (p_before_created is null or (r.created_at, r.id) < (p_before_created, p_before_id))
        order by r.created_at desc, r.id desc limit v_limit + 1) s;
  v_ids := coalesce(v_ids, '{}');
  if cardinality(v_ids) > v_limit then
    v_ids := v_ids[1:v_limit];
    select * into v_last from traqora.refund_requests where id = v_ids[v_limit];
  end if;
  return jsonb_build_object(
    'data', coalesce((select jsonb_agg(traqora.refund_request_json(i) order by o) from unnest(v_ids) with ordinality as t(i, o)), '[]'::jsonb),
    'next', case when v_last.id is null then null else jsonb_build_object('created_at', v_last.created_at, 'id', v_last.id) end);
end $$;

revoke execute on function public.propose_refund(jsonb, text, text, bigint) from public, anon, authenticated;
revoke execute on function public.decide_refund(jsonb, uuid, text) from public, anon, authenticated;
revoke execute on function public.admin_list_refund_requests(text, timestamptz, uuid, int) from public, anon, authenticated;
grant execute on function public.propose_refund(jsonb, text, text, bigint) to service_role;
grant execute on function public.decide_refund(jsonb, uuid, text) to service_role;
grant execute on function public.admin_list_refund_requests(text, timestamptz, uuid, int) to service_role;
