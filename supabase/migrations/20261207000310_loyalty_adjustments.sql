-- Traqora Rewards: manual adjustments by a rewards manager are idempotent per request. The
-- adjustment's ledger row carries the request's Idempotency-Key as its source_ref, and one key
-- posts for one member at most once (a retried request answers the first one's result).
-- Functions: supabase/routines/95_loyalty.sql (loyalty_adjust).
create unique index loyalty_ledger_adjustment_key_idx on traqora.loyalty_ledger (member_id, source_ref) where source = 'adjustment';
