import { z } from 'zod';
import { dataOf, describes } from '@/lib/openapi/answers';
import { ROLES, type RoleGrant, type Viewer } from './types';

// What the sign-in routes answer (the OpenAPI document's schemas; lib/openapi/answers.ts).

export const roleGrant = describes<RoleGrant>()(z.object({ role: z.enum(ROLES), airline: z.string().nullable() }));

/** Who is calling (GET /me, and every route that signs someone in or changes their account). */
export const viewer = describes<Viewer>()(z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  roles: z.array(roleGrant),
  wallets: z.array(z.string().regex(/^G[A-Z2-7]{55}$/)),
  source: z.enum(['dev', 'clerk', 'wallet', 'api-key']),
}));

export const viewerAnswer = dataOf(viewer);

/** GET /auth (SEP-10): the challenge transaction (base64 XDR) to sign, and the network it is for. */
export const webAuthChallenge = z.object({ transaction: z.string(), network_passphrase: z.string() });

/** POST /auth (SEP-10): the bearer token for the signed challenge. */
export const webAuthToken = z.object({ token: z.string() });
