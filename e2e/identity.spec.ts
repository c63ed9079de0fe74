import { generateKeyPairSync } from 'node:crypto';
import { mintClerkToken, signInWithClerk } from './support/clerk';
import { E2E_ADMIN_CLERK_ID } from './support/server-env.mjs';
import { expect, test } from './support/test';

test.describe('Clerk sign-in, verified offline with the configured JWT key', () => {
  test('a minted session token is recognised by getViewer() and provisions a traveller', async ({ request }) => {
    const res = await request.get('/api/v1/me', { headers: { authorization: `Bearer ${mintClerkToken('user_e2e_grace')}` } });
    expect(res.status()).toBe(200);
    expect((await res.json()).data).toMatchObject({ source: 'clerk', roles: [{ role: 'traveller', airline: null }] });
  });

  test('a bootstrap-listed Clerk user is an admin', async ({ request }) => {
    const res = await request.get('/api/v1/me', { headers: { authorization: `Bearer ${mintClerkToken(E2E_ADMIN_CLERK_ID)}` } });
    expect((await res.json()).data.roles.map((r: { role: string }) => r.role)).toEqual(['admin', 'traveller']);
  });

  test('a tampered, foreign-signed or expired token is not', async ({ request }) => {
    const good = mintClerkToken('user_e2e_mallory');
    const [h, p, s] = good.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: E2E_ADMIN_CLERK_ID })).toString('base64url')}.${s}`;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const foreign = mintClerkToken('user_e2e_mallory', { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    const expired = mintClerkToken('user_e2e_mallory', { expiresIn: -120 });
    for (const token of [tampered, foreign, expired, 'garbage']) {
      const res = await request.get('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
      expect(res.status(), token.slice(0, 20)).toBe(401);
      expect(res.headers()['content-type']).toBe('application/problem+json');
    }
  });

  test('a signed-in browser sees its name in the shell', async ({ page, context, visit }) => {
    await signInWithClerk(context, 'user_e2e_page', { name: 'Page Tester' });
    await visit('/');
    await expect(page.getByRole('banner')).toContainText('Page Tester');
  });
});
