-- The outbox keeps events for DOMAIN_EVENTS_RETENTION_DAYS (purge_domain_events in
-- supabase/routines/15_domain_events.sql). A notification keeps the id of the event that caused
-- it as a record of where it came from, not as a relation the event must outlive: without this
-- the purge could not delete any event a notification was made from. (The loyalty ledger's
-- reference went the same way in 20261208000300_loyalty_benefits.sql.)
alter table traqora.notifications drop constraint if exists notifications_event_id_fkey;
