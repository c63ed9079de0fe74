-- Search answers shared by every app instance on a server database: search_itineraries' answer
-- per set of arguments, kept for SEARCH_CACHE_SECONDS by the database's clock, so a search one
-- instance made answers the same search on every other one (docs/architecture.md, "Search
-- answer cache"). Unlogged: a crash empties it, which costs one search per key and nothing else,
-- and storing an answer writes no WAL. PGlite has the table too and never uses it (one process,
-- nothing to share: its in-process cache is enough).
--
-- Function and grants: supabase/routines/40_fares_and_search.sql (search_itineraries_cached).
create unlogged table traqora.search_answers (
  -- The arguments as a JSON array, the same fields the in-process cache keys on.
  key text primary key check (char_length(key) <= 300),
  -- json, not jsonb: kept as the text it is sent as, so a hit is copied out, never re-serialised.
  answer json not null,
  expires_at timestamptz not null
);
-- Uncompressed: an answer (tens of KB) is read many times for each write and lives
-- seconds; compressing it would cost every write and decompressing it every hit.
alter table traqora.search_answers alter column answer set storage external;
-- The bounded sweep of expired answers each store makes.
create index search_answers_expires_idx on traqora.search_answers (expires_at);
alter table traqora.search_answers enable row level security;
