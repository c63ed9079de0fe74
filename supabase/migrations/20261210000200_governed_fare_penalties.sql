-- Cancellation and change penalties per fare family become governed parameters (issue 12: a
-- passed proposal changes the penalties the next booking uses). They were columns of
-- fare_families; each refundable or changeable family now has one parameter per penalty, in
-- minor units (US cents) per seated passenger, seeded with the column's value so nothing changes
-- until governance or an admin changes it. The values do not vary by cabin, so the keys are per
-- family: fares.refund_penalty.<family>, fares.change_penalty.<family>. Basic is neither
-- refundable nor changeable and has none.
--
-- The columns are dropped: traqora.fare_conditions (routines/40_fares_and_search.sql) reads the
-- parameters, and a booking keeps the conditions it snapshotted when it was made (bookings.conditions).

insert into traqora.governed_parameters (key, value, unit, min_value, max_value, integral, description)
select k.key, k.value, 'minor_units', 0, k.max_value, true, k.description
from (values
  ('fares.refund_penalty.standard', (select refund_penalty_minor from traqora.fare_families where code = 'standard'), 30000,
   'Fee kept when a paid Standard fare is cancelled, per seated passenger, in US cents (7500 = $75.00).'),
  ('fares.refund_penalty.flex', (select refund_penalty_minor from traqora.fare_families where code = 'flex'), 10000,
   'Fee kept when a paid Flex fare is cancelled, per seated passenger, in US cents (0 = fully refundable).'),
  ('fares.change_penalty.standard', (select change_penalty_minor from traqora.fare_families where code = 'standard'), 30000,
   'Fee for changing a Standard fare, per seated passenger, in US cents (5000 = $50.00).'),
  ('fares.change_penalty.flex', (select change_penalty_minor from traqora.fare_families where code = 'flex'), 10000,
   'Fee for changing a Flex fare, per seated passenger, in US cents (0 = free changes).')
) k(key, value, max_value, description)
on conflict (key) do nothing;

insert into traqora.parameter_changes (key, before_value, after_value, source)
select p.key, null, p.value, 'seed' from traqora.governed_parameters p
where p.key like 'fares.%_penalty.%'
  and not exists (select 1 from traqora.parameter_changes c where c.key = p.key);

alter table traqora.fare_families drop column refund_penalty_minor, drop column change_penalty_minor;
