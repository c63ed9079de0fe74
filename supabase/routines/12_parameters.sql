-- Governed parameters: reading them (the app, and the database functions that apply them in
-- the same transaction as their decision, e.g. the fee at release) and changing them, bounded
-- and audited, with a parameter.changed event. Governance executes proposals through
-- set_governed_parameter (source 'governance', the proposal id as source_ref).
-- Tables: supabase/migrations/20261206000200_governed_parameters.sql.

-- History tables are append-only: corrections are new rows, never edits.
create or replace function traqora.refuse_history_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = 'TQ409', message = format('%s is append-only.', tg_table_name), detail = tg_table_name;
end $$;

create or replace trigger parameter_changes_append_only before update or delete on traqora.parameter_changes
  for each row execute function traqora.refuse_history_change();

create or replace trigger governed_parameters_touch before update on traqora.governed_parameters
  for each row execute function traqora.touch_updated_at();

-- A parameter's value in this transaction. A missing key is a bug in the caller (the keys are
-- seeded by the migration), not bad input, so it is an error rather than a 4xx.
create or replace function traqora.parameter(p_key text) returns numeric
language plpgsql stable set search_path = '' as $$
declare
  v numeric;
begin
  select value into v from traqora.governed_parameters where key = p_key;
  if v is null then raise exception 'governed parameter % does not exist', p_key; end if;
  return v;
end $$;

-- A parameter's value as it stood at p_at, from its append-only history: what the last change
-- before p_at set it to. Before its first recorded change it had that change's before value; a
-- seed (no before value) is the value from the start. Reports that value a stock at a past
-- instant read this (e.g. the loyalty liability at a period's end, routines/95_loyalty.sql).
create or replace function traqora.parameter_at(p_key text, p_at timestamptz) returns numeric
language sql stable set search_path = '' as $$
  select coalesce(
    (select c.after_value from traqora.parameter_changes c where c.key = p_key and c.changed_at < p_at order by c.changed_at desc, c.id desc limit 1),
    (select coalesce(c.before_value, c.after_value) from traqora.parameter_changes c where c.key = p_key order by c.changed_at, c.id limit 1),
    traqora.parameter(p_key));
$$;

create or replace function traqora.platform_fee_bps() returns int
language sql stable set search_path = '' as $$
  select traqora.parameter('platform.fee_bps')::int;
$$;

create or replace function traqora.parameter_json(p traqora.governed_parameters) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'key', p.key, 'value', p.value, 'unit', p.unit, 'min', p.min_value, 'max', p.max_value, 'integral', p.integral,
    'description', p.description, 'updated_at', p.updated_at, 'updated_by', p.updated_by,
    'last_change', (select jsonb_build_object('source', c.source, 'source_ref', c.source_ref, 'before', c.before_value,
                                              'after', c.after_value, 'changed_at', c.changed_at)
                    from traqora.parameter_changes c where c.key = p.key order by c.id desc limit 1));
$$;

-- Every governed parameter with its bounds and the change that last set it, by key.
create or replace function public.governed_parameters() returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(traqora.parameter_json(p) order by p.key), '[]'::jsonb) from traqora.governed_parameters p;
$$;

-- Sets one parameter. Refused with a 4xx, changing nothing, when the key is unknown (404), the
-- value is outside the parameter's bounds or not whole where it must be (422 naming `value`),
-- or the change would put the tier thresholds out of order. Setting the current value again
-- changes nothing and emits nothing (a re-executed proposal is harmless).
create or replace function public.set_governed_parameter(p_key text, p_value numeric, p_actor uuid, p_source text, p_source_ref text default null)
returns jsonb language plpgsql security definer set search_path = '' as $$
declare
  p traqora.governed_parameters;
  v_before numeric;
  v_silver numeric; v_gold numeric; v_platinum numeric;
begin
  if p_source is null or p_source not in ('admin', 'governance') then
    perform traqora.raise_problem('TQ400', 'source must be admin or governance', 'source');
  end if;
  select * into p from traqora.governed_parameters where key = p_key for update;
  if p.key is null then perform traqora.raise_problem('TQ404', 'No governed parameter with that key.', 'key'); end if;
  if p_value is null then perform traqora.raise_problem('TQ422', 'A value is required.', 'value'); end if;
  if p_value < p.min_value or p_value > p.max_value then
    perform traqora.raise_problem('TQ422', format('%s must be between %s and %s.', p.key, p.min_value, p.max_value), 'value');
  end if;
  if p.integral and p_value <> trunc(p_value) then
    perform traqora.raise_problem('TQ422', format('%s must be a whole number.', p.key), 'value');
  end if;
  if p.key like 'loyalty.tier_threshold.%' then
    -- rows locked in key order, so two threshold changes at once cannot deadlock
    perform 1 from traqora.governed_parameters where key like 'loyalty.tier_threshold.%' order by key for update;
    select coalesce(case when p.key = 'loyalty.tier_threshold.silver' then p_value end, traqora.parameter('loyalty.tier_threshold.silver')),
           coalesce(case when p.key = 'loyalty.tier_threshold.gold' then p_value end, traqora.parameter('loyalty.tier_threshold.gold')),
           coalesce(case when p.key = 'loyalty.tier_threshold.platinum' then p_value end, traqora.parameter('loyalty.tier_threshold.platinum'))
      into v_silver, v_gold, v_platinum;
    if not (v_silver < v_gold and v_gold < v_platinum) then
      perform traqora.raise_problem('TQ422', 'Tier thresholds must rise: Silver < Gold < Platinum.', 'value');
    end if;
  end if;
  if p_source_ref is not null and char_length(p_source_ref) not between 1 and 200 then
    perform traqora.raise_problem('TQ400', 'source_ref is at most 200 characters', 'source_ref');
  end if;
  if p_value = p.value then
    return traqora.parameter_json(p) || jsonb_build_object('changed', false);
  end if;

  v_before := p.value;
  update traqora.governed_parameters set value = p_value, updated_by = p_actor where key = p.key returning * into p;
  insert into traqora.parameter_changes (key, before_value, after_value, source, source_ref, actor)
  values (p.key, v_before, p_value, p_source, p_source_ref, p_actor);
  perform traqora.emit_event('parameter.changed', 'parameter', p.key, jsonb_build_object(
    'key', p.key, 'before', v_before, 'after', p_value, 'unit', p.unit, 'source', p_source, 'source_ref', p_source_ref), p_actor);
  return traqora.parameter_json(p) || jsonb_build_object('changed', true);
end $$;

-- Reading the parameters is public (GET /api/v1/parameters); changing them is the server's.
revoke execute on function public.governed_parameters() from public, anon, authenticated;
revoke execute on function public.set_governed_parameter(text, numeric, uuid, text, text) from public, anon, authenticated;
grant execute on function public.governed_parameters() to service_role;
grant execute on function public.set_governed_parameter(text, numeric, uuid, text, text) to service_role;
