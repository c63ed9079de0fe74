-- Governance: proposals (signal, parameter change), votes weighted by checkpointed TRQ power at
-- the snapshot, the timelock, and execution that sets governed parameters in the same transaction
-- as the proposal's state. Tables: supabase/migrations/20261207000400_trq_governance.sql.
--
-- States (computed from the timestamps and the tally, never stored, so no job has to move them):
--   cancelled | executed | queued → expired (not executed within the grace period after eta)
--   pending (before vote_start) → active (until vote_end) → defeated | succeeded
--   succeeded parameter proposals → expired when not queued within the grace period.
-- Passing: For + Abstain ≥ quorum (bps of the circulating TRQ at the snapshot) and For > Against.
--
-- SEP-53 signatures are verified by the server (lib/governance/vote-message.ts, stellar-sdk)
-- before governance_cast_vote stores them; the database keeps one vote per account per proposal
-- and each signature once.

create or replace trigger proposals_touch before update on traqora.proposals
  for each row execute function traqora.touch_updated_at();

create or replace function traqora.proposal_quorum(p traqora.proposals) returns bigint
language sql stable set search_path = '' as $$
  select coalesce(p.quorum_votes, ceil(traqora.trq_supply_at(p.vote_start)::numeric * p.quorum_bps / 10000)::bigint);
$$;

create or replace function traqora.proposal_passed(p traqora.proposals) returns boolean
language sql stable set search_path = '' as $$
  select p.for_votes + p.abstain_votes >= traqora.proposal_quorum(p) and p.for_votes > p.against_votes;
$$;

create or replace function traqora.proposal_state(p traqora.proposals, p_now timestamptz) returns text
language sql stable set search_path = '' as $$
  select case
    when p.cancelled_at is not null then 'cancelled'
    when p.executed_at is not null then 'executed'
    -- soroban rail: what the governor last said once voting is over there (Executed shows as
    -- queued until the app applied it); before that the ledgers' estimated times below
    when p.rail = 'soroban' and p.chain_state not in ('pending', 'active') then case when p.chain_state = 'executed' then 'queued' else p.chain_state end
    when p.queued_at is not null then
      case when p_now > p.eta + make_interval(secs => traqora.parameter('governance.grace_period_seconds')::double precision) then 'expired' else 'queued' end
    when p_now < p.vote_start then 'pending'
    when p_now < p.vote_end then 'active'
    when not traqora.proposal_passed(p) then 'defeated'
    when p.kind = 'parameter' and p_now > p.vote_end + make_interval(secs => traqora.parameter('governance.grace_period_seconds')::double precision) then 'expired'
    else 'succeeded'
  end;
$$;

create or replace function traqora.proposal_summary_json(p traqora.proposals, p_now timestamptz) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', p.id, 'kind', p.kind, 'title', p.title, 'state', traqora.proposal_state(p, p_now),
    'proposer', jsonb_build_object('id', u.id, 'display_name', u.display_name),
    'rail', p.rail, 'chain_proposal_id', p.chain_proposal_id, 'chain', case when p.rail = 'soroban' then jsonb_build_object(
      'tx_hash', p.chain_tx_hash, 'state', p.chain_state, 'checked_at', p.chain_checked_at, 'snapshot_ledger', p.chain_snapshot_ledger,
      'deadline_ledger', p.chain_deadline_ledger, 'eta_ledger', p.chain_eta_ledger) end, 'created_at', p.created_at, 'vote_start', p.vote_start, 'vote_end', p.vote_end,
    'queued_at', p.queued_at, 'eta', p.eta, 'executed_at', p.executed_at, 'cancelled_at', p.cancelled_at,
    'tally', jsonb_build_object('for', p.for_votes::text, 'against', p.against_votes::text, 'abstain', p.abstain_votes::text, 'voters', p.voters),
    'quorum', traqora.proposal_quorum(p)::text, 'quorum_bps', p.quorum_bps, 'threshold', p.threshold::text)
  from traqora.users u where u.id = p.proposer;
$$;

create or replace function traqora.proposal_for_update(p_id bigint) returns traqora.proposals
language plpgsql set search_path = '' as $$
declare
  p traqora.proposals;
begin
  select * into p from traqora.proposals where id = p_id for update;
  if p.id is null then perform traqora.raise_problem('TQ404', 'No such proposal.', 'id'); end if;
  return p;
end $$;

-- A proposal's fields, checked (the same for both rails): 422 naming the field.
create or replace function traqora.proposal_check_input(p_kind text, v_title text, p_body text, p_changes jsonb) returns void
language plpgsql stable set search_path = '' as $$
declare
  g traqora.governed_parameters;
  r record;
  v_keys text[] := '{}';
begin
  if p_kind is null or p_kind not in ('signal', 'parameter') then perform traqora.raise_problem('TQ422', 'kind must be signal or parameter', 'kind'); end if;
  if v_title is null or char_length(v_title) not between 1 and 256 then perform traqora.raise_problem('TQ422', 'title is 1 to 256 characters', 'title'); end if;
  if p_body is null or char_length(p_body) > 10000 then perform traqora.raise_problem('TQ422', 'body is at most 10,000 characters', 'body'); end if;
  if p_kind = 'signal' and p_changes is not null and p_changes <> '[]'::jsonb then
    perform traqora.raise_problem('TQ422', 'A signal proposal changes no parameters.', 'changes');
  end if;
  if p_kind = 'parameter' then
    if p_changes is null or jsonb_typeof(p_changes) <> 'array' or jsonb_array_length(p_changes) not between 1 and 10 then
      perform traqora.raise_problem('TQ422', 'A parameter proposal sets 1 to 10 parameters.', 'changes');
    end if;
    for r in select e.ordinality - 1 as i, e.value as v from jsonb_array_elements(p_changes) with ordinality e loop
      select * into g from traqora.governed_parameters where key = r.v ->> 'key';
      if g.key is null then perform traqora.raise_problem('TQ422', format('changes[%s]: no governed parameter %s', r.i, coalesce(r.v ->> 'key', '(none)')), format('changes[%s].key', r.i)); end if;
      if g.key = any (v_keys) then perform traqora.raise_problem('TQ422', format('%s appears twice', g.key), format('changes[%s].key', r.i)); end if;
      v_keys := v_keys || g.key;
      if jsonb_typeof(r.v -> 'value') <> 'number' then perform traqora.raise_problem('TQ422', format('changes[%s].value must be a number', r.i), format('changes[%s].value', r.i)); end if;
      if (r.v ->> 'value')::numeric not between g.min_value and g.max_value then
        perform traqora.raise_problem('TQ422', format('%s must be between %s and %s', g.key, g.min_value, g.max_value), format('changes[%s].value', r.i));
      end if;
      if g.integral and (r.v ->> 'value')::numeric <> trunc((r.v ->> 'value')::numeric) then
        perform traqora.raise_problem('TQ422', format('%s must be a whole number', g.key), format('changes[%s].value', r.i));
      end if;
    end loop;
  end if;
end $$;

-- Creates a proposal. Refused, creating nothing: a title of 1–256 or body over 10,000 characters,
-- an unknown kind, changes on a signal or none (or more than 10) on a parameter proposal, an
-- unknown parameter, a value outside its bounds or not whole where it must be, a key twice,
-- power below the threshold, or the proposer's 3 (governed) pending/active proposals.
--
-- With an idempotency key, the same key and request again answer the proposal it made (a retry
-- creates nothing); the same key with another request is a 422 naming the key.
create or replace function public.governance_create_proposal(p_proposer uuid, p_kind text, p_title text, p_body text, p_changes jsonb default null,
                                                             p_idempotency_key text default null, p_request_hash text default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  v_done traqora.proposals;
  p traqora.proposals;
  v_now timestamptz := traqora.governance_now();
  v_title text := trim(p_title);
  v_threshold bigint := traqora.parameter('governance.proposal_threshold_trq')::bigint * traqora.trq_unit();
  v_votes bigint;
begin
  perform traqora.trq_user_exists(p_proposer, 'proposer');
  if p_idempotency_key is not null then
    select * into v_done from traqora.proposals where proposer = p_proposer and idempotency_key = p_idempotency_key;
    if v_done.id is not null then
      if v_done.request_hash is distinct from p_request_hash then
        perform traqora.raise_problem('TQ422', 'This Idempotency-Key was used for another request.', 'Idempotency-Key');
      end if;
      return public.governance_proposal(v_done.id, p_proposer);
    end if;
  end if;
  perform traqora.proposal_check_input(p_kind, v_title, p_body, p_changes);

  -- one proposer at a time, so two concurrent creations cannot both pass the active limit
  perform traqora.trq_lock_accounts(array[p_proposer]);
  select votes into v_votes from traqora.trq_accounts where holder = p_proposer;
  if v_votes < v_threshold then
    perform traqora.raise_problem('TQ403', format('Proposing needs %s TRQ of voting power.', traqora.parameter('governance.proposal_threshold_trq')), 'proposer');
  end if;
  if (select count(*) from traqora.proposals x where x.proposer = p_proposer and x.cancelled_at is null and x.vote_end > v_now)
     >= traqora.parameter('governance.max_active_proposals') then
    perform traqora.raise_problem('TQ409', format('You already have %s pending or active proposals.', traqora.parameter('governance.max_active_proposals')), 'proposer');
  end if;

  insert into traqora.proposals (proposer, kind, title, body, threshold, quorum_bps, created_at, vote_start, vote_end, idempotency_key, request_hash)
  values (p_proposer, p_kind, v_title, p_body, v_threshold, traqora.parameter('governance.quorum_bps')::int, v_now,
          v_now + make_interval(secs => traqora.parameter('governance.voting_delay_seconds')::double precision),
          v_now + make_interval(secs => (traqora.parameter('governance.voting_delay_seconds') + traqora.parameter('governance.voting_period_seconds'))::double precision),
          p_idempotency_key, p_request_hash)
  returning * into p;
  if p_kind = 'parameter' then
    insert into traqora.proposal_changes (proposal_id, key, value, before_value)
    select p.id, g2.key, (e ->> 'value')::numeric, g2.value
    from jsonb_array_elements(p_changes) e join traqora.governed_parameters g2 on g2.key = e ->> 'key';
  end if;
  perform traqora.emit_event('proposal.created', 'proposal', p.id::text, jsonb_build_object(
    'proposal_id', p.id, 'kind', p.kind, 'title', p.title, 'proposer', p.proposer, 'vote_start', p.vote_start, 'vote_end', p.vote_end,
    'changes', coalesce(p_changes, '[]'::jsonb)), p_proposer);
  return public.governance_proposal(p.id, p_proposer);
end $$;

-- A proposal made on the governor contract from the proposer's wallet (soroban rail), recorded
-- once the server has read its `propose` transaction from RPC (lib/governance/soroban). Without a
-- transaction hash it only checks (the browser asks before the wallet signs, so what the chain
-- accepts the database accepts too): the fields as for any proposal and the proposer's pending or
-- active proposals; the threshold is the governor's, on chain TRQ. The times are the chain's
-- ledgers converted by the caller; the states follow the governor (governance_record_chain_state).
-- The same transaction again answers the proposal it made; another proposer's is a 409.
create or replace function public.governance_create_chain_proposal(p_proposer uuid, p_kind text, p_title text, p_body text, p_changes jsonb,
    p_chain_proposal_id text default null, p_tx_hash text default null, p_snapshot_ledger bigint default null, p_deadline_ledger bigint default null,
    p_vote_start timestamptz default null, p_vote_end timestamptz default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  p traqora.proposals;
  v_now timestamptz := traqora.governance_now();
  v_title text := trim(p_title);
begin
  perform traqora.trq_user_exists(p_proposer, 'proposer');
  if p_tx_hash is not null then
    if p_tx_hash !~ '^[0-9a-f]{64}$' then perform traqora.raise_problem('TQ422', 'tx_hash must be 64 hex digits', 'tx_hash'); end if;
    select * into p from traqora.proposals where chain_tx_hash = p_tx_hash;
    if p.id is not null then
      if p.proposer <> p_proposer then perform traqora.raise_problem('TQ409', 'This transaction is another account''s proposal.', 'tx_hash'); end if;
      return public.governance_proposal(p.id, p_proposer);
    end if;
  end if;
  perform traqora.proposal_check_input(p_kind, v_title, p_body, p_changes);
  perform traqora.trq_lock_accounts(array[p_proposer]);
  if (select count(*) from traqora.proposals x where x.proposer = p_proposer and x.cancelled_at is null and x.vote_end > v_now)
     >= traqora.parameter('governance.max_active_proposals') then
    perform traqora.raise_problem('TQ409', format('You already have %s pending or active proposals.', traqora.parameter('governance.max_active_proposals')), 'proposer');
  end if;
  if p_tx_hash is null then return jsonb_build_object('ok', true); end if;

  if p_chain_proposal_id is null or p_chain_proposal_id !~ '^[0-9a-f]{64}$' then perform traqora.raise_problem('TQ422', 'chain_proposal_id must be 64 hex digits', 'chain_proposal_id'); end if;
  if exists (select 1 from traqora.proposals where chain_proposal_id = p_chain_proposal_id) then
    perform traqora.raise_problem('TQ409', 'The governor already has this proposal here.', 'tx_hash');
  end if;
  if p_vote_start is null or p_vote_end is null or p_vote_end <= p_vote_start then perform traqora.raise_problem('TQ422', 'vote_end must follow vote_start', 'vote_end'); end if;
  insert into traqora.proposals (proposer, kind, title, body, rail, chain_proposal_id, chain_tx_hash, chain_state, chain_checked_at,
                                 chain_snapshot_ledger, chain_deadline_ledger, threshold, quorum_bps, created_at, vote_start, vote_end)
  values (p_proposer, p_kind, v_title, p_body, 'soroban', p_chain_proposal_id, p_tx_hash, null, null, p_snapshot_ledger, p_deadline_ledger,
          traqora.parameter('governance.proposal_threshold_trq')::bigint * traqora.trq_unit(), traqora.parameter('governance.quorum_bps')::int,
          least(v_now, p_vote_start), p_vote_start, p_vote_end)
  returning * into p;
  if p_kind = 'parameter' then
    insert into traqora.proposal_changes (proposal_id, key, value, before_value)
    select p.id, g2.key, (e ->> 'value')::numeric, g2.value
    from jsonb_array_elements(p_changes) e join traqora.governed_parameters g2 on g2.key = e ->> 'key';
  end if;
  perform traqora.emit_event('proposal.created', 'proposal', p.id::text, jsonb_build_object(
    'proposal_id', p.id, 'kind', p.kind, 'title', p.title, 'proposer', p.proposer, 'vote_start', p.vote_start, 'vote_end', p.vote_end,
    'changes', coalesce(p_changes, '[]'::jsonb), 'chain_proposal_id', p_chain_proposal_id, 'tx_hash', p_tx_hash), p_proposer);
  return public.governance_proposal(p.id, p_proposer);
end $$;

-- A soroban-rail proposal the governor says is Cancelled: cancelled here too, once
-- (proposal.cancelled with the transaction when Traqora read it).
create or replace function traqora.proposal_mark_chain_cancelled(p traqora.proposals, p_actor uuid, p_tx_hash text) returns void
language plpgsql set search_path = '' as $$
begin
  update traqora.proposals set cancelled_at = traqora.governance_now(), chain_state = 'cancelled', chain_checked_at = traqora.governance_now() where id = p.id;
  perform traqora.emit_event('proposal.cancelled', 'proposal', p.id::text,
    jsonb_build_object('proposal_id', p.id, 'chain_proposal_id', p.chain_proposal_id, 'tx_hash', p_tx_hash), p_actor);
end $$;

-- The proposer cancelled a soroban-rail proposal from their wallet: the server read the `cancel`
-- transaction from RPC and the governor says Cancelled (lib/governance/soroban/confirm-cancel.ts).
-- Recorded once, audited (proposal.cancelled, the transaction in `after`); again: the same answer.
create or replace function public.governance_record_chain_cancel(p_ctx jsonb, p_id bigint, p_tx_hash text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  p traqora.proposals := traqora.proposal_for_update(p_id);
  v_actor uuid := nullif(p_ctx ->> 'actor', '')::uuid;
begin
  if p.rail <> 'soroban' or p.chain_proposal_id is null then perform traqora.raise_problem('TQ409', 'This proposal is not on chain.', 'id'); end if;
  if p.proposer is distinct from v_actor then perform traqora.raise_problem('TQ403', 'Only the proposer can cancel a proposal.', 'id'); end if;
  if p_tx_hash is null or p_tx_hash !~ '^[0-9a-f]{64}$' then perform traqora.raise_problem('TQ422', 'tx_hash must be 64 hex digits', 'tx_hash'); end if;
  if p.cancelled_at is not null then return public.governance_proposal(p.id, v_actor); end if;
  if p.executed_at is not null then perform traqora.raise_problem('TQ409', 'This proposal was executed.', 'id'); end if;
  perform traqora.audit_append(p_ctx, 'proposal.cancelled', 'proposal', p.id::text,
    jsonb_build_object('state', traqora.proposal_state(p, traqora.governance_now()), 'chain_state', p.chain_state),
    jsonb_build_object('state', 'cancelled', 'rail', p.rail, 'chain_proposal_id', p.chain_proposal_id, 'tx_hash', p_tx_hash));
  perform traqora.proposal_mark_chain_cancelled(p, v_actor, p_tx_hash);
  return public.governance_proposal(p.id, v_actor);
end $$;

-- What the governor said about a soroban-rail proposal (read by simulation, or after the app's
-- own queue): its state, and the timelock's eta ledger with the caller's estimate of its time.
-- The first time it says Queued, the row is queued too (proposal.queued). Executed is applied by
-- governance_apply_chain_execution, not here.
create or replace function public.governance_record_chain_state(p_actor uuid, p_id bigint, p_state text, p_eta_ledger bigint default null, p_eta timestamptz default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  p traqora.proposals := traqora.proposal_for_update(p_id);
  v_now timestamptz := traqora.governance_now();
begin
  if p.rail <> 'soroban' or p.chain_proposal_id is null then perform traqora.raise_problem('TQ409', 'This proposal is not on chain.', 'id'); end if;
  if p_state is null or p_state not in ('pending', 'active', 'defeated', 'cancelled', 'succeeded', 'queued', 'expired', 'executed') then
    perform traqora.raise_problem('TQ422', 'state is not a proposal state', 'state');
  end if;
  update traqora.proposals set chain_state = p_state, chain_checked_at = v_now, chain_eta_ledger = coalesce(p_eta_ledger, chain_eta_ledger) where id = p.id;
  -- cancelled on the governor (from Traqora's page, or by the proposer's wallet elsewhere)
  if p_state = 'cancelled' and p.cancelled_at is null then
    perform traqora.proposal_mark_chain_cancelled(p, p_actor, null);
  end if;
  if p_state in ('queued', 'executed') and p.queued_at is null and p.kind = 'parameter' then
    update traqora.proposals set queued_at = v_now, eta = greatest(v_now, coalesce(p_eta, v_now)) where id = p.id;
    perform traqora.emit_event('proposal.queued', 'proposal', p.id::text,
      jsonb_build_object('proposal_id', p.id, 'eta', greatest(v_now, coalesce(p_eta, v_now)), 'eta_ledger', p_eta_ledger), p_actor);
  end if;
  return public.governance_proposal(p.id, p_actor);
end $$;

-- The proposer withdraws a proposal before voting opens.
create or replace function public.governance_cancel_proposal(p_actor uuid, p_id bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  p traqora.proposals := traqora.proposal_for_update(p_id);
begin
  if p.proposer is distinct from p_actor then perform traqora.raise_problem('TQ403', 'Only the proposer can cancel a proposal.', 'id'); end if;
  if p.rail = 'soroban' then perform traqora.raise_problem('TQ409', 'This proposal is on the governor contract: it is cancelled there, by the proposer''s wallet.', 'id'); end if;
  if traqora.proposal_state(p, traqora.governance_now()) <> 'pending' then
    perform traqora.raise_problem('TQ409', 'Only a pending proposal (voting not yet open) can be cancelled.', 'id');
  end if;
  update traqora.proposals set cancelled_at = traqora.governance_now() where id = p.id;
  perform traqora.emit_event('proposal.cancelled', 'proposal', p.id::text, jsonb_build_object('proposal_id', p.id), p_actor);
  return public.governance_proposal(p.id, p_actor);
end $$;

-- Records a vote whose SEP-53 signature the server verified. Weight is the voter's power at the
-- snapshot. Refused: the proposal not active (409), no power at the snapshot (403), a second vote
-- by the account or a signature already used (409).
create or replace function public.governance_cast_vote(p_voter uuid, p_id bigint, p_support text, p_reason text,
                                                       p_address text, p_message text, p_signature text)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  p traqora.proposals;
  v_weight bigint;
  v_reason text := nullif(trim(p_reason), '');
  v_now timestamptz := traqora.governance_now();
  v_id bigint;
begin
  perform traqora.trq_user_exists(p_voter, 'voter');
  if p_support is null or p_support not in ('for', 'against', 'abstain') then perform traqora.raise_problem('TQ422', 'support must be for, against or abstain', 'support'); end if;
  if v_reason is not null and char_length(v_reason) > 5000 then perform traqora.raise_problem('TQ422', 'reason is at most 5,000 characters', 'reason'); end if;
  if p_address is null or p_address !~ '^G[A-Z2-7]{55}$' then perform traqora.raise_problem('TQ422', 'address must be a Stellar account (G…)', 'address'); end if;
  if p_signature is null or p_signature !~ '^[A-Za-z0-9+/]{86}==$' then perform traqora.raise_problem('TQ422', 'signature must be 64 bytes, base64', 'signature'); end if;
  if p_message is null or char_length(p_message) not between 1 and 12000 then perform traqora.raise_problem('TQ422', 'message is required', 'message'); end if;
  p := traqora.proposal_for_update(p_id);
  if traqora.proposal_state(p, v_now) <> 'active' then
    perform traqora.raise_problem('TQ409', format('Voting is not open on this proposal (%s).', traqora.proposal_state(p, v_now)), 'id');
  end if;
  if exists (select 1 from traqora.proposal_votes where proposal_id = p.id and voter = p_voter) then
    perform traqora.raise_problem('TQ409', 'You have already voted on this proposal.', 'voter');
  end if;
  if exists (select 1 from traqora.proposal_votes where signature = p_signature) then
    perform traqora.raise_problem('TQ409', 'This signature has already been used.', 'signature');
  end if;
  v_weight := traqora.trq_votes_at(p_voter, p.vote_start);
  if v_weight <= 0 then perform traqora.raise_problem('TQ403', 'You had no voting power at this proposal''s snapshot.', 'voter'); end if;

  insert into traqora.proposal_votes (proposal_id, voter, support, weight, reason, address, message, signature, cast_at)
  values (p.id, p_voter, p_support, v_weight, v_reason, p_address, p_message, p_signature, v_now) returning id into v_id;
  update traqora.proposals set
    for_votes = for_votes + case when p_support = 'for' then v_weight else 0 end,
    against_votes = against_votes + case when p_support = 'against' then v_weight else 0 end,
    abstain_votes = abstain_votes + case when p_support = 'abstain' then v_weight else 0 end,
    voters = voters + 1,
    quorum_votes = coalesce(quorum_votes, traqora.proposal_quorum(p))   -- fixed once voting is open
  where id = p.id;
  perform traqora.emit_event('proposal.voted', 'proposal', p.id::text, jsonb_build_object(
    'proposal_id', p.id, 'vote_id', v_id, 'voter', p_voter, 'support', p_support, 'weight', v_weight::text), p_voter);
  return public.governance_vote_receipt(p.id, p_voter);
end $$;

-- Records an on-chain vote the server read from RPC (lib/governance/soroban): a successful
-- `cast_vote` on this proposal's governor id by the voter's wallet. The governor already enforced
-- its voting window and one vote per account, and weighed the vote at its snapshot ledger: that
-- weight is the one counted. The same transaction again answers the same vote; refused: a proposal
-- not on the soroban rail (409), cancelled or finished (409), a second vote by the account (409).
create or replace function public.governance_record_chain_vote(p_voter uuid, p_id bigint, p_support text, p_reason text,
                                                               p_address text, p_weight bigint, p_tx_hash text)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  p traqora.proposals;
  v traqora.proposal_votes;
  v_reason text := nullif(trim(p_reason), '');
  v_now timestamptz := traqora.governance_now();
  v_state text;
  v_id bigint;
begin
  perform traqora.trq_user_exists(p_voter, 'voter');
  if p_support is null or p_support not in ('for', 'against', 'abstain') then perform traqora.raise_problem('TQ422', 'support must be for, against or abstain', 'support'); end if;
  if v_reason is not null and char_length(v_reason) > 5000 then perform traqora.raise_problem('TQ422', 'reason is at most 5,000 characters', 'reason'); end if;
  if p_address is null or p_address !~ '^G[A-Z2-7]{55}$' then perform traqora.raise_problem('TQ422', 'address must be a Stellar account (G…)', 'address'); end if;
  if p_weight is null or p_weight <= 0 then perform traqora.raise_problem('TQ422', 'weight must be positive', 'weight'); end if;
  if p_tx_hash is null or p_tx_hash !~ '^[0-9a-f]{64}$' then perform traqora.raise_problem('TQ422', 'tx_hash must be 64 hex digits', 'tx_hash'); end if;
  p := traqora.proposal_for_update(p_id);
  select * into v from traqora.proposal_votes where tx_hash = p_tx_hash;
  if v.id is not null then
    if v.proposal_id <> p.id or v.voter <> p_voter then
      perform traqora.raise_problem('TQ409', 'This transaction is another vote.', 'tx_hash');
    end if;
    return public.governance_vote_receipt(p.id, p_voter);
  end if;
  if p.rail <> 'soroban' or p.chain_proposal_id is null then
    perform traqora.raise_problem('TQ409', 'This proposal is not voted on chain.', 'id');
  end if;
  v_state := traqora.proposal_state(p, v_now);
  if v_state in ('cancelled', 'queued', 'executed', 'expired') then
    perform traqora.raise_problem('TQ409', format('Voting is over on this proposal (%s).', v_state), 'id');
  end if;
  if exists (select 1 from traqora.proposal_votes where proposal_id = p.id and voter = p_voter) then
    perform traqora.raise_problem('TQ409', 'You have already voted on this proposal.', 'voter');
  end if;

  insert into traqora.proposal_votes (proposal_id, voter, support, weight, reason, address, tx_hash, cast_at)
  values (p.id, p_voter, p_support, p_weight, v_reason, p_address, p_tx_hash, v_now) returning id into v_id;
  update traqora.proposals set
    for_votes = for_votes + case when p_support = 'for' then p_weight else 0 end,
    against_votes = against_votes + case when p_support = 'against' then p_weight else 0 end,
    abstain_votes = abstain_votes + case when p_support = 'abstain' then p_weight else 0 end,
    voters = voters + 1,
    quorum_votes = coalesce(quorum_votes, traqora.proposal_quorum(p))
  where id = p.id;
  perform traqora.emit_event('proposal.voted', 'proposal', p.id::text, jsonb_build_object(
    'proposal_id', p.id, 'vote_id', v_id, 'voter', p_voter, 'support', p_support, 'weight', p_weight::text, 'tx_hash', p_tx_hash), p_voter);
  return public.governance_vote_receipt(p.id, p_voter);
end $$;

-- Queues a succeeded parameter proposal: executable from now + the governed timelock. Anyone may.
create or replace function public.governance_queue(p_actor uuid, p_id bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  p traqora.proposals := traqora.proposal_for_update(p_id);
  v_now timestamptz := traqora.governance_now();
  v_eta timestamptz;
begin
  if p.kind <> 'parameter' then perform traqora.raise_problem('TQ409', 'A signal proposal has nothing to queue.', 'id'); end if;
  if p.rail = 'soroban' then perform traqora.raise_problem('TQ409', 'This proposal is queued through the governor contract.', 'id'); end if;
  if traqora.proposal_state(p, v_now) <> 'succeeded' then
    perform traqora.raise_problem('TQ409', format('Only a succeeded proposal can be queued (this one is %s).', traqora.proposal_state(p, v_now)), 'id');
  end if;
  v_eta := v_now + make_interval(secs => traqora.parameter('governance.timelock_seconds')::double precision);
  update traqora.proposals set queued_at = v_now, eta = v_eta, quorum_votes = traqora.proposal_quorum(p) where id = p.id;
  perform traqora.emit_event('proposal.queued', 'proposal', p.id::text, jsonb_build_object('proposal_id', p.id, 'eta', v_eta), p_actor);
  return public.governance_proposal(p.id, p_actor);
end $$;

-- Executes a queued proposal once its eta has passed: the parameters change in this transaction,
-- with the proposal's executed state and an audit row. Refused before the eta (the timelock cannot
-- be skipped), after expiry, or when a value no longer fits its parameter's bounds (then nothing
-- changes and the proposal stays queued until it expires).
-- Applies an executable proposal's parameter changes in the caller's transaction: the proposal's
-- executed_at, the audit row and each parameter (set_governed_parameter, audited there too).
create or replace function traqora.proposal_apply_changes(p traqora.proposals, p_ctx jsonb, p_now timestamptz) returns void
language plpgsql set search_path = '' as $$
declare
  v_actor uuid := nullif(p_ctx ->> 'actor', '')::uuid;
  c record;
  v_before jsonb;
begin
  -- the parameters' rows before the audit head and the event lock (see 35_console.sql's order)
  perform 1 from traqora.governed_parameters g join traqora.proposal_changes c2 on c2.key = g.key
  where c2.proposal_id = p.id order by g.key for update of g;
  select jsonb_object_agg(g.key, g.value) into v_before from traqora.governed_parameters g
  join traqora.proposal_changes c2 on c2.key = g.key where c2.proposal_id = p.id;
  update traqora.proposals set executed_at = p_now, executed_by = v_actor where id = p.id;
  perform traqora.audit_append(p_ctx, 'proposal.executed', 'proposal', p.id::text, jsonb_build_object('parameters', v_before),
    jsonb_build_object('parameters', (select jsonb_object_agg(key, value) from traqora.proposal_changes where proposal_id = p.id), 'executed_by', v_actor,
                       'rail', p.rail, 'chain_proposal_id', p.chain_proposal_id));
  for c in select key, value from traqora.proposal_changes where proposal_id = p.id order by key loop
    perform public.set_governed_parameter(c.key, c.value, v_actor, 'governance', 'proposal:' || p.id);
  end loop;
  perform traqora.emit_event('proposal.executed', 'proposal', p.id::text, jsonb_build_object(
    'proposal_id', p.id, 'changes', (select jsonb_agg(jsonb_build_object('key', key, 'before', before_value, 'after', value) order by key)
                                     from traqora.proposal_changes where proposal_id = p.id)), v_actor);
end $$;

-- Executes a queued ledger-rail proposal once its timelock has passed. A soroban-rail proposal
-- executes through the governor contract instead (governance_apply_chain_execution).
create or replace function public.governance_execute(p_ctx jsonb, p_id bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  p traqora.proposals := traqora.proposal_for_update(p_id);
  v_now timestamptz := traqora.governance_now();
  v_state text := traqora.proposal_state(p, v_now);
begin
  if p.rail = 'soroban' then
    perform traqora.raise_problem('TQ409', 'This proposal executes through the governor contract; Traqora applies it once the chain says executed.', 'id');
  end if;
  if v_state = 'queued' and v_now < p.eta then
    perform traqora.raise_problem('TQ409', format('The timelock runs until %s.', to_char(p.eta at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')), 'id');
  end if;
  if v_state <> 'queued' then
    perform traqora.raise_problem('TQ409', format('Only a queued proposal can be executed (this one is %s).', v_state), 'id');
  end if;
  perform traqora.proposal_apply_changes(p, p_ctx, v_now);
  return public.governance_proposal(p.id, nullif(p_ctx ->> 'actor', '')::uuid);
end $$;

-- A soroban-rail parameter proposal the governor contract reports Executed (the governance job
-- read its proposal_state by simulation): its parameters change now, in this transaction, audited.
-- The chain's timelock was the one that counted, so the row's queued_at/eta become now if unset.
-- Again for an applied proposal: the same answer, nothing changes twice.
create or replace function public.governance_apply_chain_execution(p_ctx jsonb, p_id bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  p traqora.proposals := traqora.proposal_for_update(p_id);
  v_now timestamptz := traqora.governance_now();
begin
  if p.rail <> 'soroban' or p.chain_proposal_id is null then
    perform traqora.raise_problem('TQ409', 'This proposal is not executed on chain.', 'id');
  end if;
  if p.executed_at is not null then return public.governance_proposal(p.id, null); end if;
  if p.kind <> 'parameter' then perform traqora.raise_problem('TQ409', 'A signal proposal has nothing to apply.', 'id'); end if;
  if p.cancelled_at is not null then perform traqora.raise_problem('TQ409', 'This proposal was cancelled here.', 'id'); end if;
  update traqora.proposals set queued_at = coalesce(queued_at, v_now), eta = least(coalesce(eta, v_now), v_now) where id = p.id returning * into p;
  perform traqora.proposal_apply_changes(p, p_ctx, v_now);
  return public.governance_proposal(p.id, null);
end $$;

-- What the governance job should do now: succeeded parameter proposals to queue, queued ones due.
create or replace function public.governance_due() returns jsonb
language sql stable security definer set search_path = '' as $$
  with s as (select p.id, p.rail, p.chain_proposal_id, traqora.proposal_state(p, traqora.governance_now()) as state, p.eta, p.chain_state
             from traqora.proposals p
             where p.kind = 'parameter' and p.cancelled_at is null and p.executed_at is null
               and (p.vote_end <= traqora.governance_now() or p.chain_state in ('succeeded', 'queued', 'executed')))
  select jsonb_build_object(
    'queue', coalesce((select jsonb_agg(id order by id) from s where rail = 'ledger' and state = 'succeeded'), '[]'::jsonb),
    'execute', coalesce((select jsonb_agg(id order by id) from s where rail = 'ledger' and state = 'queued' and eta <= traqora.governance_now()), '[]'::jsonb),
    -- soroban-rail proposals whose voting has ended (or that the governor says passed), not yet
    -- defeated, cancelled or expired there: the job asks the governor where each stands
    'chain', coalesce((select jsonb_agg(jsonb_build_object('id', id, 'chain_proposal_id', chain_proposal_id) order by id)
                       from s where rail = 'soroban' and chain_proposal_id is not null
                         and coalesce(chain_state, '') not in ('defeated', 'cancelled', 'expired')), '[]'::jsonb));
$$;

-- One proposal with its body, changes (the diff), timeline, and what the viewer needs: their
-- power at the snapshot and their vote.
create or replace function public.governance_proposal(p_id bigint, p_viewer uuid default null) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  p traqora.proposals;
  v_now timestamptz := traqora.governance_now();
  v_grace interval := make_interval(secs => traqora.parameter('governance.grace_period_seconds')::double precision);
  v_state text;
begin
  select * into p from traqora.proposals where id = p_id;
  if p.id is null then perform traqora.raise_problem('TQ404', 'No such proposal.', 'id'); end if;
  v_state := traqora.proposal_state(p, v_now);
  return traqora.proposal_summary_json(p, v_now) || jsonb_build_object(
    'body', p.body, 'now', v_now, 'passing', traqora.proposal_passed(p),
    'changes', coalesce((select jsonb_agg(jsonb_build_object('key', c.key, 'value', c.value, 'before', c.before_value,
                                                            'current', g.value, 'unit', g.unit, 'min', g.min_value, 'max', g.max_value,
                                                            'description', g.description) order by c.key)
                         from traqora.proposal_changes c join traqora.governed_parameters g on g.key = c.key where c.proposal_id = p.id), '[]'::jsonb),
    'timeline', jsonb_build_array(
      jsonb_build_object('state', 'pending', 'at', p.created_at, 'done', true),
      jsonb_build_object('state', 'active', 'at', p.vote_start, 'done', v_now >= p.vote_start and p.cancelled_at is null),
      jsonb_build_object('state', case when v_now >= p.vote_end and not traqora.proposal_passed(p) then 'defeated' else 'succeeded' end,
                         'at', p.vote_end, 'done', v_now >= p.vote_end and p.cancelled_at is null))
      || case when p.cancelled_at is not null then jsonb_build_array(jsonb_build_object('state', 'cancelled', 'at', p.cancelled_at, 'done', true)) else '[]'::jsonb end
      || case when p.queued_at is not null then jsonb_build_array(jsonb_build_object('state', 'queued', 'at', p.queued_at, 'done', true, 'eta', p.eta)) else '[]'::jsonb end
      || case when p.executed_at is not null then jsonb_build_array(jsonb_build_object('state', 'executed', 'at', p.executed_at, 'done', true)) else '[]'::jsonb end
      || case when v_state = 'expired' then jsonb_build_array(jsonb_build_object('state', 'expired', 'at', coalesce(p.eta, p.vote_end) + v_grace, 'done', true)) else '[]'::jsonb end,
    'expires_at', case when p.kind = 'parameter' and p.executed_at is null and p.cancelled_at is null then coalesce(p.eta, p.vote_end) + v_grace end,
    'viewer', case when p_viewer is null then null else jsonb_build_object(
      'power_at_snapshot', case when v_now >= p.vote_start then traqora.trq_votes_at(p_viewer, p.vote_start)::text end,
      'power_now', coalesce((select votes from traqora.trq_accounts where holder = p_viewer), 0)::text,
      'vote', (select jsonb_build_object('support', v.support, 'weight', v.weight::text, 'reason', v.reason, 'cast_at', v.cast_at)
               from traqora.proposal_votes v where v.proposal_id = p.id and v.voter = p_viewer)) end);
end $$;

-- Proposals newest first, optionally by state or proposer; cursor = the last id seen.
create or replace function public.governance_proposals(p_state text default null, p_proposer uuid default null,
                                                       p_cursor bigint default null, p_limit int default 20)
returns jsonb language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 20), 1), 100);
  v_now timestamptz := traqora.governance_now();
  v_rows jsonb;
begin
  if p_state is not null and p_state not in ('pending', 'active', 'succeeded', 'defeated', 'queued', 'executed', 'cancelled', 'expired') then
    perform traqora.raise_problem('TQ400', 'state must be one of pending, active, succeeded, defeated, queued, executed, cancelled, expired', 'state');
  end if;
  select coalesce(jsonb_agg(traqora.proposal_summary_json(x, v_now) order by x.id desc), '[]'::jsonb) into v_rows
  from (select p.* from traqora.proposals p
        where (p_cursor is null or p.id < p_cursor) and (p_proposer is null or p.proposer = p_proposer)
          and (p_state is null or traqora.proposal_state(p, v_now) = p_state)
        order by p.id desc limit v_limit + 1) x;
  if jsonb_array_length(v_rows) > v_limit then
    return jsonb_build_object('data', v_rows - v_limit, 'nextCursor', v_rows -> (v_limit - 1) ->> 'id');
  end if;
  return jsonb_build_object('data', v_rows, 'nextCursor', null);
end $$;

-- A vote as the API shows it; lists join the voters' names in one query (the bench's votes page).
create or replace function traqora.vote_row_json(v traqora.proposal_votes, p_name text) returns jsonb
language sql immutable set search_path = '' as $$
  select jsonb_build_object('id', v.id, 'proposal_id', v.proposal_id, 'voter', jsonb_build_object('id', v.voter, 'display_name', p_name),
                            'support', v.support, 'weight', v.weight::text, 'reason', v.reason, 'address', v.address, 'cast_at', v.cast_at,
                            'tx_hash', v.tx_hash);
$$;

create or replace function traqora.vote_json(v traqora.proposal_votes) returns jsonb
language sql stable set search_path = '' as $$
  select traqora.vote_row_json(v, u.display_name) from traqora.users u where u.id = v.voter;
$$;

-- A proposal's votes, by power (weight desc, id desc) or newest first; cursor "<weight>:<id>" or "<id>".
create or replace function public.governance_votes(p_id bigint, p_sort text default 'power', p_cursor text default null, p_limit int default 50)
returns jsonb language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 50), 1), 500);
  v_w bigint; v_i bigint;
  v_rows jsonb;
  v_last traqora.proposal_votes;
begin
  if not exists (select 1 from traqora.proposals where id = p_id) then perform traqora.raise_problem('TQ404', 'No such proposal.', 'id'); end if;
  if coalesce(p_sort, 'power') not in ('power', 'recent') then perform traqora.raise_problem('TQ400', 'sort must be power or recent', 'sort'); end if;
  if p_cursor is not null then
    if coalesce(p_sort, 'power') = 'power' and p_cursor ~ '^[0-9]{1,18}:[0-9]{1,18}$' then
      v_w := split_part(p_cursor, ':', 1)::numeric; v_i := split_part(p_cursor, ':', 2)::numeric;
    elsif p_sort = 'recent' and p_cursor ~ '^[0-9]{1,18}$' then
      v_i := p_cursor::numeric;
    else
      perform traqora.raise_problem('TQ400', 'cursor is not one this list gave', 'cursor');
    end if;
  end if;
  if coalesce(p_sort, 'power') = 'power' then
    select coalesce(jsonb_agg(traqora.vote_row_json(v, u.display_name) order by v.weight desc, v.id desc), '[]'::jsonb) into v_rows
    from (select * from traqora.proposal_votes where proposal_id = p_id and (v_w is null or (weight, id) < (v_w, v_i))
          order by weight desc, id desc limit v_limit + 1) v join traqora.users u on u.id = v.voter;
  else
    select coalesce(jsonb_agg(traqora.vote_row_json(v, u.display_name) order by v.id desc), '[]'::jsonb) into v_rows
    from (select * from traqora.proposal_votes where proposal_id = p_id and (v_i is null or id < v_i)
          order by id desc limit v_limit + 1) v join traqora.users u on u.id = v.voter;
  end if;
  if jsonb_array_length(v_rows) > v_limit then
    select * into v_last from traqora.proposal_votes where id = (v_rows -> (v_limit - 1) ->> 'id')::bigint;
    v_rows := v_rows - v_limit;
    return jsonb_build_object('data', v_rows, 'nextCursor',
      case when coalesce(p_sort, 'power') = 'power' then v_last.weight || ':' || v_last.id else v_last.id::text end);
  end if;
  return jsonb_build_object('data', v_rows, 'nextCursor', null);
end $$;

-- The signed vote as stored: enough to verify it without Traqora (docs/governance.md).
create or replace function public.governance_vote_receipt(p_id bigint, p_voter uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v traqora.proposal_votes;
begin
  select * into v from traqora.proposal_votes where proposal_id = p_id and voter = p_voter;
  if v.id is null then perform traqora.raise_problem('TQ404', 'No vote by this account on this proposal.', 'voter'); end if;
  if v.tx_hash is not null then   -- an on-chain vote: the transaction is the proof
    return traqora.vote_json(v) || jsonb_build_object('scheme', 'soroban', 'tx_hash', v.tx_hash,
      'chain_proposal_id', (select chain_proposal_id from traqora.proposals where id = p_id));
  end if;
  return traqora.vote_json(v) || jsonb_build_object('scheme', 'SEP-53', 'message', v.message, 'signature', v.signature,
    'snapshot', (select vote_start from traqora.proposals where id = p_id));
end $$;

-- The votes an account cast, newest first; cursor = last vote id.
create or replace function public.governance_my_votes(p_voter uuid, p_cursor bigint default null, p_limit int default 20) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 20), 1), 100);
  v_rows jsonb;
begin
  select coalesce(jsonb_agg(traqora.vote_json(v) || jsonb_build_object('proposal_title', p.title,
           'proposal_state', traqora.proposal_state(p, traqora.governance_now())) order by v.id desc), '[]'::jsonb) into v_rows
  from (select * from traqora.proposal_votes where voter = p_voter and (p_cursor is null or id < p_cursor) order by id desc limit v_limit + 1) v
  join traqora.proposals p on p.id = v.proposal_id;
  if jsonb_array_length(v_rows) > v_limit then
    return jsonb_build_object('data', v_rows - v_limit, 'nextCursor', v_rows -> (v_limit - 1) ->> 'id');
  end if;
  return jsonb_build_object('data', v_rows, 'nextCursor', null);
end $$;

-- Delegates by voting power: statement, delegators, participation (votes cast / proposals whose
-- voting opened since the account existed). Cursor "<votes>:<holder>".
create or replace function public.governance_delegates(p_cursor text default null, p_limit int default 20) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit int := least(greatest(coalesce(p_limit, 20), 1), 100);
  v_votes bigint; v_holder uuid;
  v_rows jsonb;
  v_now timestamptz := traqora.governance_now();
begin
  if p_cursor is not null then
    if p_cursor !~ '^[0-9]{1,18}:[0-9a-f-]{36}$' then perform traqora.raise_problem('TQ400', 'cursor is not one this list gave', 'cursor'); end if;
    v_votes := split_part(p_cursor, ':', 1)::numeric; v_holder := split_part(p_cursor, ':', 2)::uuid;
  end if;
  select coalesce(jsonb_agg(traqora.trq_account_json(a.holder) || jsonb_build_object(
           'votes_cast', (select count(*) from traqora.proposal_votes v where v.voter = a.holder),
           'proposals_open', (select count(*) from traqora.proposals p where p.vote_start <= v_now and p.vote_end >= a.created_at and p.cancelled_at is null),
           'cursor', a.votes || ':' || a.holder) order by a.votes desc, a.holder desc), '[]'::jsonb) into v_rows
  from (select * from traqora.trq_accounts where votes > 0 and (v_votes is null or (votes, holder) < (v_votes, v_holder))
        order by votes desc, holder desc limit v_limit + 1) a;
  if jsonb_array_length(v_rows) > v_limit then
    return jsonb_build_object('data', v_rows - v_limit, 'nextCursor', v_rows -> (v_limit - 1) ->> 'cursor');
  end if;
  return jsonb_build_object('data', v_rows, 'nextCursor', null);
end $$;

-- Governed parameters with the executed proposal that last set each (null: never governance).
create or replace function public.governance_parameters() returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(traqora.parameter_json(g) || jsonb_build_object('set_by_proposal',
           (select jsonb_build_object('id', p.id, 'title', p.title, 'executed_at', p.executed_at)
            from traqora.parameter_changes c join traqora.proposals p on 'proposal:' || p.id = c.source_ref
            where c.key = g.key and c.source = 'governance' order by c.id desc limit 1)) order by g.key), '[]'::jsonb)
  from traqora.governed_parameters g;
$$;

-- The tally recounted from the votes, next to the running one (they must agree; the bench's
-- baseline is this recount).
create or replace function public.governance_tally_check(p_id bigint) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'running', jsonb_build_object('for', p.for_votes::text, 'against', p.against_votes::text, 'abstain', p.abstain_votes::text, 'voters', p.voters),
    'recount', (select jsonb_build_object(
                  'for', coalesce(sum(weight) filter (where support = 'for'), 0)::text,
                  'against', coalesce(sum(weight) filter (where support = 'against'), 0)::text,
                  'abstain', coalesce(sum(weight) filter (where support = 'abstain'), 0)::text, 'voters', count(*))
                from traqora.proposal_votes where proposal_id = p.id))
  from traqora.proposals p where p.id = p_id;
$$;

-- The test clock: moves governance time forward. The server calls it only when its database is
-- in memory (lib/governance/clock.ts), i.e. in tests; the offset never moves back.
create or replace function public.governance_advance_clock(p_seconds bigint) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  if p_seconds is null or p_seconds not between 1 and 31536000 then
    perform traqora.raise_problem('TQ422', 'seconds must be 1 to 31,536,000', 'seconds');
  end if;
  update traqora.governance_clock set offset_seconds = offset_seconds + p_seconds where singleton;
  return jsonb_build_object('now', traqora.governance_now(), 'offset_seconds', (select offset_seconds from traqora.governance_clock));
end $$;

revoke execute on function public.governance_create_proposal(uuid, text, text, text, jsonb, text, text) from public, anon, authenticated;
revoke execute on function public.governance_cancel_proposal(uuid, bigint) from public, anon, authenticated;
revoke execute on function public.governance_create_chain_proposal(uuid, text, text, text, jsonb, text, text, bigint, bigint, timestamptz, timestamptz) from public, anon, authenticated;
revoke execute on function public.governance_record_chain_state(uuid, bigint, text, bigint, timestamptz) from public, anon, authenticated;
revoke execute on function public.governance_record_chain_cancel(jsonb, bigint, text) from public, anon, authenticated;
revoke execute on function public.governance_cast_vote(uuid, bigint, text, text, text, text, text) from public, anon, authenticated;
revoke execute on function public.governance_record_chain_vote(uuid, bigint, text, text, text, bigint, text) from public, anon, authenticated;
revoke execute on function public.governance_queue(uuid, bigint) from public, anon, authenticated;
revoke execute on function public.governance_execute(jsonb, bigint) from public, anon, authenticated;
revoke execute on function public.governance_apply_chain_execution(jsonb, bigint) from public, anon, authenticated;
revoke execute on function public.governance_due() from public, anon, authenticated;
revoke execute on function public.governance_proposal(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.governance_proposals(text, uuid, bigint, int) from public, anon, authenticated;
revoke execute on function public.governance_votes(bigint, text, text, int) from public, anon, authenticated;
revoke execute on function public.governance_vote_receipt(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.governance_my_votes(uuid, bigint, int) from public, anon, authenticated;
revoke execute on function public.governance_delegates(text, int) from public, anon, authenticated;
revoke execute on function public.governance_parameters() from public, anon, authenticated;
revoke execute on function public.governance_tally_check(bigint) from public, anon, authenticated;
revoke execute on function public.governance_advance_clock(bigint) from public, anon, authenticated;
grant execute on function public.governance_create_proposal(uuid, text, text, text, jsonb, text, text) to service_role;
grant execute on function public.governance_cancel_proposal(uuid, bigint) to service_role;
grant execute on function public.governance_create_chain_proposal(uuid, text, text, text, jsonb, text, text, bigint, bigint, timestamptz, timestamptz) to service_role;
grant execute on function public.governance_record_chain_state(uuid, bigint, text, bigint, timestamptz) to service_role;
grant execute on function public.governance_record_chain_cancel(jsonb, bigint, text) to service_role;
grant execute on function public.governance_cast_vote(uuid, bigint, text, text, text, text, text) to service_role;
grant execute on function public.governance_record_chain_vote(uuid, bigint, text, text, text, bigint, text) to service_role;
grant execute on function public.governance_queue(uuid, bigint) to service_role;
grant execute on function public.governance_execute(jsonb, bigint) to service_role;
grant execute on function public.governance_apply_chain_execution(jsonb, bigint) to service_role;
grant execute on function public.governance_due() to service_role;
grant execute on function public.governance_proposal(bigint, uuid) to service_role;
grant execute on function public.governance_proposals(text, uuid, bigint, int) to service_role;
grant execute on function public.governance_votes(bigint, text, text, int) to service_role;
grant execute on function public.governance_vote_receipt(bigint, uuid) to service_role;
grant execute on function public.governance_my_votes(uuid, bigint, int) to service_role;
grant execute on function public.governance_delegates(text, int) to service_role;
grant execute on function public.governance_parameters() to service_role;
grant execute on function public.governance_tally_check(bigint) to service_role;
grant execute on function public.governance_advance_clock(bigint) to service_role;

-- For the notifications domain's proposal notices (lib/notifications/notices.ts): every proposal
-- whose voting is open (governance time), whether it closes within p_ending_within_seconds, and
-- the accounts that held voting power at its snapshot and have not voted yet. Read only.
create or replace function public.governance_open_votes(p_ending_within_seconds int default 86400, p_limit int default 50) returns jsonb
language sql stable security definer set search_path = '' as $$
  with clock as (select traqora.governance_now() as now)
  select coalesce(jsonb_agg(jsonb_build_object(
      'proposal_id', p.id, 'title', p.title, 'kind', p.kind, 'vote_start', p.vote_start, 'vote_end', p.vote_end,
      'ending_soon', p.vote_end <= c.now + make_interval(secs => greatest(coalesce(p_ending_within_seconds, 0), 0)),
      'voters', coalesce((select jsonb_agg(a.account order by a.account)
                          from (select distinct k.account from traqora.trq_power_checkpoints k where k.at <= p.vote_start) a
                          where traqora.trq_votes_at(a.account, p.vote_start) > 0
                            and not exists (select 1 from traqora.proposal_votes v where v.proposal_id = p.id and v.voter = a.account)), '[]'::jsonb))
    order by p.id), '[]'::jsonb)
  from clock c, lateral (select * from traqora.proposals x
                         where x.cancelled_at is null and x.vote_start <= c.now and x.vote_end > c.now
                         order by x.id limit least(greatest(coalesce(p_limit, 50), 1), 500)) p;
$$;
revoke execute on function public.governance_open_votes(int, int) from public, anon, authenticated;
grant execute on function public.governance_open_votes(int, int) to service_role;

-- For the console's overview (36_admin_analytics.sql): proposals whose voting closed in
-- [p_from, p_to) (and before now, governance time; cancelled ones never closed), and the share of
-- the voting power at their snapshots that voted on them: the votes cast over the TRQ supply at
-- each snapshot, summed over the proposals. Read only.
create or replace function traqora.governance_participation(p_from timestamptz, p_to timestamptz) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('proposals', count(*),
    'votes_cast', coalesce(sum(x.cast_votes), 0)::text, 'voting_power', coalesce(sum(x.supply), 0)::text,
    'participation_rate', case when sum(x.supply) > 0 then round(sum(x.cast_votes)::numeric / sum(x.supply), 4) end)
  from (select p.for_votes + p.against_votes + p.abstain_votes as cast_votes, traqora.trq_supply_at(p.vote_start) as supply
        from traqora.proposals p
        where p.vote_end >= p_from and p.vote_end < p_to and p.vote_end <= traqora.governance_now()
          and (p.cancelled_at is null or p.cancelled_at >= p.vote_end)) x;
$$;
revoke execute on function traqora.governance_participation(timestamptz, timestamptz) from public, anon, authenticated;
