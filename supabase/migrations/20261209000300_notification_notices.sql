-- Time-driven notices (lib/notifications/notices.ts): how far ahead travellers hear that their
-- points expire, and that a proposal they can vote on closes. Governed, so the community can
-- tune them like any other policy; bounded so a notice is neither too late to act on nor noise.

insert into traqora.governed_parameters (key, value, unit, min_value, max_value, integral, description) values
  ('notifications.points_expiry_notice_seconds', 2592000, 'seconds', 86400, 7776000, true,
   'How long before a member''s points expire they are told (2592000 = 30 days).'),
  ('notifications.proposal_ending_notice_seconds', 86400, 'seconds', 3600, 604800, true,
   'How long before a proposal''s voting closes the holders who have not voted are reminded.')
on conflict (key) do nothing;
