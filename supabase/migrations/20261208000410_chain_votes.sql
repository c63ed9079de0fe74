-- On-chain votes (issue 12, soroban rail): a vote cast with the governor contract's `cast_vote`
-- and confirmed by the server from RPC is stored with its transaction hash instead of a SEP-53
-- message and signature. Exactly one of the two proofs per vote; a transaction counts once.
--
-- Functions: supabase/routines/97_governance.sql (governance_record_chain_vote).

alter table traqora.proposal_votes
  add column tx_hash text check (tx_hash is null or tx_hash ~ '^[0-9a-f]{64}$'),
  alter column message drop not null,
  alter column signature drop not null;
alter table traqora.proposal_votes add constraint proposal_votes_one_proof check (
  (tx_hash is null and message is not null and signature is not null)
  or (tx_hash is not null and message is null and signature is null));
create unique index proposal_votes_tx_hash_idx on traqora.proposal_votes (tx_hash) where tx_hash is not null;
