-- Sign out everywhere: the app's own session cookie names the user's session version, and a
-- session is honoured only while that version is current. Bumping it (the user's "sign out
-- everywhere", or a suspension) ends every session issued before.
--
-- Functions and the suspension trigger: supabase/routines/32_sessions.sql.

alter table traqora.users
  add column session_version integer not null default 1,
  add constraint users_session_version_check check (session_version >= 1);
