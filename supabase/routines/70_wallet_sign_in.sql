-- Wallet sign-in (SEP-10): challenge nonces are recorded when issued and consumed once when
-- a signed challenge is redeemed. Tables: supabase/migrations/20261126000700_wallet_sign_in.sql.

-- Before p_admin (the ADMIN_WALLET_ADDRESSES bootstrap) was added.
drop function if exists public.redeem_web_auth_challenge(text, text);

create or replace function public.record_web_auth_challenge(p_nonce_hash text, p_account text, p_expires_at timestamptz) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  -- old challenges are kept a day for audit, then swept here rather than by a separate job
  delete from traqora.web_auth_challenges where expires_at < now() - interval '1 day';
  insert into traqora.web_auth_challenges (nonce_hash, account, expires_at) values (p_nonce_hash, p_account, p_expires_at);
  return jsonb_build_object('recorded', true);
end $$;

-- Marks a challenge's nonce used: once, unexpired, and only for the account it was issued to.
create or replace function traqora.consume_web_auth_nonce(p_nonce_hash text, p_account text) returns void
language plpgsql set search_path = '' as $$
begin
  update traqora.web_auth_challenges set used_at = now()
  where nonce_hash = p_nonce_hash and account = p_account and used_at is null and expires_at > now();
  if not found then
    perform traqora.raise_problem('TQ400', 'This challenge is unknown, expired or already used; request a new one.', 'transaction');
  end if;
end $$;

-- Consumes a challenge nonce (single use, unexpired, for that account), then signs the wallet
-- in: the user who linked it, or a new traveller owning it. p_admin grants admin (the
-- operator-configured bootstrap list, ADMIN_WALLET_ADDRESSES). A suspended user is refused.
create or replace function public.redeem_web_auth_challenge(p_nonce_hash text, p_account text, p_admin boolean default false) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_user uuid;
  v_created boolean := false;
  v_roles jsonb;
begin
  perform traqora.consume_web_auth_nonce(p_nonce_hash, p_account);
  select user_id into v_user from traqora.wallets where address = p_account;
  if v_user is null then
    insert into traqora.users (display_name) values ('Wallet ' || left(p_account, 4) || '…' || right(p_account, 4)) returning id into v_user;
    insert into traqora.user_roles (user_id, role) values (v_user, 'traveller');
    insert into traqora.wallets (address, user_id) values (p_account, v_user);
    v_created := true;
    v_roles := '[]'::jsonb;
  end if;
  perform traqora.refuse_suspended(v_user);
  if p_admin and not exists (select 1 from traqora.user_roles where user_id = v_user and role = 'admin') then
    v_roles := coalesce(v_roles, traqora.user_roles_json(v_user));
    insert into traqora.user_roles (user_id, role) values (v_user, 'admin');
  end if;
  if v_roles is not null then
    perform traqora.emit_user_events(v_user, v_created, 'wallet', v_roles);
  end if;
  if v_created then
    perform traqora.emit_event('wallet.linked', 'user', v_user::text,
                               jsonb_build_object('user_id', v_user, 'address', p_account, 'new_user', true), v_user);
  end if;
  return traqora.viewer_json(v_user);
end $$;

-- Links a wallet (proven by a redeemed challenge) to an already signed-in user.
create or replace function public.link_wallet(p_user_id uuid, p_nonce_hash text, p_account text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_owner uuid;
begin
  perform traqora.consume_web_auth_nonce(p_nonce_hash, p_account);
  select user_id into v_owner from traqora.wallets where address = p_account for update;
  if v_owner is not null and v_owner <> p_user_id then
    perform traqora.raise_problem('TQ409', 'This wallet is linked to another account.', 'account');
  end if;
  insert into traqora.wallets (address, user_id) values (p_account, p_user_id) on conflict (address) do nothing;
  if found then
    perform traqora.emit_event('wallet.linked', 'user', p_user_id::text,
                               jsonb_build_object('user_id', p_user_id, 'address', p_account, 'new_user', false), p_user_id);
  end if;
  return traqora.viewer_json(p_user_id);
end $$;

-- Only the server role may call these (default privileges: the platform migration).
-- Which account (if any) has linked a wallet: how other domains address a person by the G…
-- account they know (a TRQ transfer's recipient, for one) without reading the wallets table.
create or replace function public.account_for_wallet(p_account text) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('id', w.user_id) from traqora.wallets w where w.address = p_account;
$$;

revoke execute on function public.record_web_auth_challenge(text, text, timestamptz) from public, anon, authenticated;
revoke execute on function public.redeem_web_auth_challenge(text, text, boolean) from public, anon, authenticated;
revoke execute on function public.link_wallet(uuid, text, text) from public, anon, authenticated;
revoke execute on function public.account_for_wallet(text) from public, anon, authenticated;
grant execute on function public.record_web_auth_challenge(text, text, timestamptz) to service_role;
grant execute on function public.redeem_web_auth_challenge(text, text, boolean) to service_role;
grant execute on function public.link_wallet(uuid, text, text) to service_role;
grant execute on function public.account_for_wallet(text) to service_role;
