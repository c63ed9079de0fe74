-- Governance on the soroban rail sent by the app (issue 12): a proposal made from the proposer's
-- wallet (the governor's `propose`, read back from RPC by the server before the row exists), and
-- what the governor last said about it, so the pages and the governance job follow the chain's
-- states and ledgers instead of the database's clock.
--
-- Functions: supabase/routines/97_governance.sql.

alter table traqora.proposals
  -- the `propose` transaction the server read from RPC (one row per transaction)
  add column chain_tx_hash text check (chain_tx_hash is null or chain_tx_hash ~ '^[0-9a-f]{64}$'),
  -- the governor's ProposalState as we name states, the last time the app read it (null: never)
  add column chain_state text check (chain_state is null or chain_state in
    ('pending', 'active', 'defeated', 'cancelled', 'succeeded', 'queued', 'expired', 'executed')),
  add column chain_checked_at timestamptz,
  -- the governor's ledgers: snapshot (voting power is read there), deadline, and the timelock's
  -- eta once queued
  add column chain_snapshot_ledger bigint check (chain_snapshot_ledger is null or chain_snapshot_ledger >= 0),
  add column chain_deadline_ledger bigint check (chain_deadline_ledger is null or chain_deadline_ledger >= 0),
  add column chain_eta_ledger bigint check (chain_eta_ledger is null or chain_eta_ledger >= 0),
  add constraint proposals_chain_rail check (rail = 'soroban' or (chain_tx_hash is null and chain_state is null));

create unique index proposals_chain_tx_idx on traqora.proposals (chain_tx_hash) where chain_tx_hash is not null;
create unique index proposals_chain_id_idx on traqora.proposals (chain_proposal_id) where chain_proposal_id is not null;
