-- Typo-tolerant airport autocomplete (public.search_airports in routines/20_reference_data.sql):
-- trigram similarity from pg_trgm, installed in the `extensions` schema as Supabase keeps it
-- (PGlite loads the extension in lib/db/open.ts). The GIN indexes serve the `%` and `<%`
-- operators the fuzzy branch uses.
create schema if not exists extensions;
create extension if not exists pg_trgm with schema extensions;
create index airports_city_trgm_idx on traqora.airports using gin (lower(city) extensions.gin_trgm_ops);
create index airports_name_trgm_idx on traqora.airports using gin (lower(name) extensions.gin_trgm_ops);
