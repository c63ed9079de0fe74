-- The jury clock (issue 12): a job moves disputes through their windows instead of support
-- pressing buttons (supabase/routines/68_jury.sql, public.jury_clock). When the commit window of
-- a round ends, the clock tells its jurors that the reveal window is open, once: this records
-- when it did.
alter table traqora.jury_rounds add column reveal_opened_at timestamptz;
