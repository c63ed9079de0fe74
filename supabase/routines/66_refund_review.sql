-- Refund review (maker–checker): propose, list, approve or deny. Approval pays through
-- traqora.refund_paid_booking (routines/65_disruptions.sql: ledger postings now, or the soroban
-- settlement outbox), audited and emitted in the same transaction.
-- Tables: supabase/migrations/20261207000201_refund_review.sql.
--
-- Lock order: the request row, then the booking, then the audit head, then the event lock.

-- The queue's cursor became one jsonb (it now carries the tier priority).
drop function if exists public.admin_list_refund_requests(text, timestamptz, uuid, int);

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

-- The queue. Waiting requests come by the traveller's tier (the loyalty domain's view
-- traqora.loyalty_member_priority: Platinum 3 … Blue and non-members 0), highest first, then
-- newest first as before; decided ones (and all statuses together) newest first. Keyset-paged
-- on (priority, created_at, id): p_after is the previous page's `next`. Each row carries tier
-- and refund_priority. (plpgsql: the view is created by a later routines file.)
create or replace function public.admin_list_refund_requests(p_status text default null, p_after jsonb default null, p_limit int default 50) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 50), 1), 200);
  v_by_tier boolean := p_status = 'pending';
  v_after_p int := coalesce((p_after ->> 'priority')::int, 0);
  v_after_at timestamptz := (p_after ->> 'created_at')::timestamptz;
  v_after_id uuid := (p_after ->> 'id')::uuid;
  v_rows jsonb[];
  v_last jsonb;
begin
  if p_status is not null and p_status not in ('pending', 'approved', 'denied') then
    perform traqora.raise_problem('TQ400', 'status must be pending, approved or denied', 'status');
  end if;
  select array_agg(jsonb_build_object('id', s.id, 'priority', s.priority, 'tier', s.tier, 'created_at', s.created_at) order by s.o)
    into v_rows
  from (select r.id, r.created_at, coalesce(lp.refund_priority, 0) as priority, coalesce(lp.tier, 'blue') as tier,
               row_number() over (order by case when v_by_tier then coalesce(lp.refund_priority, 0) end desc, r.created_at desc, r.id desc) as o
        from traqora.refund_requests r
        join traqora.bookings b on b.id = r.booking_id
        left join traqora.loyalty_member_priority lp on lp.user_id = b.user_id
        where (p_status is null or r.status = p_status)
          and (p_after is null
               or (v_by_tier and (coalesce(lp.refund_priority, 0), r.created_at, r.id) < (v_after_p, v_after_at, v_after_id))
               or (not v_by_tier and (r.created_at, r.id) < (v_after_at, v_after_id)))
        order by o limit v_limit + 1) s;
  v_rows := coalesce(v_rows, '{}');
  if cardinality(v_rows) > v_limit then
    v_rows := v_rows[1:v_limit];
    v_last := v_rows[v_limit];
  end if;
  return jsonb_build_object(
    'data', coalesce((select jsonb_agg(traqora.refund_request_json((x ->> 'id')::uuid)
                                       || jsonb_build_object('tier', x -> 'tier', 'refund_priority', x -> 'priority') order by o)
                      from unnest(v_rows) with ordinality as t(x, o)), '[]'::jsonb),
    'next', case when v_last is null then null else v_last - 'tier' end);
end $$;

revoke execute on function public.propose_refund(jsonb, text, text, bigint) from public, anon, authenticated;
revoke execute on function public.decide_refund(jsonb, uuid, text) from public, anon, authenticated;
revoke execute on function public.admin_list_refund_requests(text, jsonb, int) from public, anon, authenticated;
grant execute on function public.propose_refund(jsonb, text, text, bigint) to service_role;
grant execute on function public.decide_refund(jsonb, uuid, text) to service_role;
grant execute on function public.admin_list_refund_requests(text, jsonb, int) to service_role;
