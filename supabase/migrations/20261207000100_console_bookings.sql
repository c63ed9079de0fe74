-- Operators' console, bookings and analytics: the indexes its lists, searches and time series
-- read through (functions: supabase/routines/35_console.sql and 36_admin_analytics.sql).

-- The bookings table, newest first or by amount, keyset-paged on (value, id).
create index if not exists bookings_created_idx on traqora.bookings (created_at desc, id desc);
create index if not exists bookings_status_created_idx on traqora.bookings (status, created_at desc, id desc);
create index if not exists bookings_total_idx on traqora.bookings (total_minor, id);
-- Analytics: sales by payment time, closures (completed, cancelled, refunded) by closing time.
create index if not exists bookings_paid_at_idx on traqora.bookings (paid_at) include (total_minor, payment_rail, closed_at) where paid_at is not null;
create index if not exists bookings_closed_at_idx on traqora.bookings (closed_at) where closed_at is not null and paid_at is not null;
-- Free-text search: contact email and passenger names by prefix, the paying wallet exactly.
create index if not exists bookings_contact_email_idx on traqora.bookings (lower(contact ->> 'email') text_pattern_ops);
create index if not exists booking_passengers_family_idx on traqora.booking_passengers (lower(family_name) text_pattern_ops);
create index if not exists booking_passengers_given_idx on traqora.booking_passengers (lower(given_name) text_pattern_ops);
create index if not exists chain_payments_payer_idx on traqora.chain_payments (payer);
-- Bookings on one airline's flights.
create index if not exists booking_segments_airline_idx on traqora.booking_segments (airline, booking_id);
