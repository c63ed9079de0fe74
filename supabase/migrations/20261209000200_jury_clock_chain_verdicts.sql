-- The jury clock (issue 12): a job moves disputes through their windows instead of support
-- pressing buttons (supabase/routines/68_jury.sql, public.jury_clock). When the commit window of
-- a round ends, the clock tells its jurors that the reveal window is open, once: this records
-- when it did.
alter table traqora.jury_rounds add column reveal_opened_at timestamptz;

-- What the escrow actually paid out for a settlement, read from the confirmed transaction's own
-- event (lib/payments/soroban/settlement-events.ts): {event, refund, to_airline, fee} in token
-- base units as decimal strings. The app decides the refund; the escrow takes its fee from the
-- rest at the rate it captured at payment, so only the chain knows the airline's share and the
-- fee to the unit. Null until confirmed, and for rows confirmed before this column existed.
alter table traqora.chain_settlements add column moved jsonb check (moved is null or jsonb_typeof(moved) = 'object');
