-- Dispute evidence in Supabase Storage when configured (issue 10). A file's bytes live either in
-- the row (`content`, the default: embedded PGlite, PostgreSQL, or Supabase's database) or in a
-- storage bucket (`storage_object`, the object's key; the app uploads before the row is written
-- and checks the bytes against `sha256` when it reads them back). Exactly one of the two.
-- Functions: supabase/routines/67_disputes.sql (add_evidence, get_dispute_evidence).

alter table traqora.dispute_evidence alter column content drop not null;
alter table traqora.dispute_evidence add column storage_object text
  check (storage_object is null or storage_object ~ '^evidence/[0-9]{4}/[0-9]{2}/[0-9a-f-]{36}\.(pdf|png|jpg)$');
alter table traqora.dispute_evidence add constraint dispute_evidence_one_home
  check ((content is null) <> (storage_object is null));
create unique index dispute_evidence_object_idx on traqora.dispute_evidence (storage_object) where storage_object is not null;
