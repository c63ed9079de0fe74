import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signSession, verifySession } from '@/lib/auth/session-token';

const secret = 's'.repeat(40);
const claims = { userId: '3f146a07-3589-4b51-9462-653b1a626a8d', source: 'dev' as const, version: 3 };

describe('session tokens', () => {
  it('round-trips the user and how they signed in', async () => {
    expect(await verifySession(await signSession(claims, secret), secret)).toEqual(claims);
  });

  it('reads a token from before session versions as version 1, and refuses a nonsense version', async () => {
    const sign = (payload: Record<string, unknown>) => new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).setSubject(claims.userId)
      .setIssuer('traqora').setExpirationTime('1h').sign(new TextEncoder().encode(secret));
    expect(await verifySession(await sign({ src: 'wallet' }), secret)).toEqual({ userId: claims.userId, source: 'wallet', version: 1 });
    for (const ver of [0, -1, 1.5, '2', null]) expect(await verifySession(await sign({ src: 'dev', ver }), secret), String(ver)).toBeNull();
  });

  it('refuses a token signed with another secret', async () => {
    expect(await verifySession(await signSession(claims, 'o'.repeat(40)), secret)).toBeNull();
  });

  it('refuses a tampered payload', async () => {
    const [h, , s] = (await signSession(claims, secret)).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'someone-else', src: 'dev', iss: 'traqora' })).toString('base64url');
    expect(await verifySession(`${h}.${forged}.${s}`, secret)).toBeNull();
  });

  it('refuses an expired token', async () => {
    const token = await new SignJWT({ src: 'dev' }).setProtectedHeader({ alg: 'HS256' }).setSubject(claims.userId)
      .setIssuer('traqora').setIssuedAt(1_000).setExpirationTime(2_000).sign(new TextEncoder().encode(secret));
    expect(await verifySession(token, secret)).toBeNull();
  });

  it('refuses alg=none, an unknown source, and garbage', async () => {
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: claims.userId, src: 'dev', iss: 'traqora' })).toString('base64url')}.`;
    expect(await verifySession(none, secret)).toBeNull();
    const odd = await new SignJWT({ src: 'root' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('traqora')
      .setExpirationTime('1h').sign(new TextEncoder().encode(secret));
    expect(await verifySession(odd, secret)).toBeNull();
    expect(await verifySession('not.a.jwt', secret)).toBeNull();
    expect(await verifySession(undefined, secret)).toBeNull();
  });
});
