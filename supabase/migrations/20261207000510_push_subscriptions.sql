-- Web push subscriptions (the browser's PushSubscription: endpoint and keys), one row per
-- browser a traveller turned notifications on in. A push service answering 404/410 for an
-- endpoint means the browser dropped it: the row is removed.
-- Functions and grants: supabase/routines/98_notifications.sql.

create table traqora.push_subscriptions (
  endpoint text primary key check (endpoint ~ '^https://' and char_length(endpoint) <= 1000),
  user_id uuid not null references traqora.users on delete cascade,
  p256dh text not null check (p256dh ~ '^[A-Za-z0-9_-]{80,100}$'),   -- base64url P-256 public key (65 bytes)
  auth text not null check (auth ~ '^[A-Za-z0-9_-]{16,32}$'),        -- base64url 16-byte secret
  user_agent text check (char_length(user_agent) <= 300),
  created_at timestamptz not null default now(),
  last_sent_at timestamptz
);
create index push_subscriptions_user_idx on traqora.push_subscriptions (user_id);

alter table traqora.push_subscriptions enable row level security;
