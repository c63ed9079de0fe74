-- Traqora Rewards public profiles: a member may publish a profile under a handle they choose
-- (/loyalty/members/<handle>) and appear on the leaderboard of tier credits this year. Private by
-- default: nothing about a member is public until they opt in, and even then only the handle,
-- tier, badges, trips count and this year's tier credits (never a name, email, wallet or booking).
-- Functions: supabase/routines/95_loyalty.sql (loyalty_set_profile, loyalty_public_profile,
-- loyalty_leaderboard).

-- Handles are lower case, 3–30 letters, digits, '_' or '-', starting with a letter or digit:
-- no '@' or '.', so an email address cannot be published as a handle by mistake.
alter table traqora.loyalty_members add column public_handle text
  check (public_handle ~ '^[a-z0-9][a-z0-9_-]{2,29}$');
alter table traqora.loyalty_members add column profile_public boolean not null default false;
-- A handle stays the member's while the profile is private, so a link shared earlier cannot be
-- taken over by someone else.
create unique index loyalty_members_handle_idx on traqora.loyalty_members (public_handle) where public_handle is not null;
create index loyalty_members_public_idx on traqora.loyalty_members (user_id) where profile_public;
alter table traqora.loyalty_members add constraint loyalty_members_public_needs_handle
  check (not profile_public or public_handle is not null);
