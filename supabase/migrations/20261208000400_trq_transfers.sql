-- TRQ transfers through the API (issue 12): a holder's POST carries an Idempotency-Key, and a
-- retry with the same key answers the transfer it made instead of sending again. The key lives on
-- the movement it created (one row, append-only), unique per sender.
--
-- Functions: supabase/routines/96_trq.sql (trq_send, trq_movements_of).

alter table traqora.trq_movements
  add column idempotency_key text check (idempotency_key is null or char_length(idempotency_key) between 8 and 255),
  add column request_hash text check (request_hash is null or char_length(request_hash) = 64);
alter table traqora.trq_movements
  add constraint trq_movements_idempotency_sender check (idempotency_key is null or (kind = 'transfer' and request_hash is not null));
create unique index trq_movements_idempotency_idx on traqora.trq_movements (from_holder, idempotency_key) where idempotency_key is not null;
