import 'server-only';
import { z } from 'zod';
import { getViewer, isAccountSuspended } from '@/lib/auth/viewer';
import { hasRole, type Role, type Viewer } from '@/lib/auth/types';
import { fieldPath, HttpProblem, zodFieldErrors } from './problem';

// The checks every entry point makes before doing anything: who is calling, and is the input
// well formed. Route handlers (handler.ts) and server actions (action.ts) both go through these,
// so a rule added here holds for both.

/** public: viewer not looked up; optional: looked up, may be null; else required. */
export type Access = 'public' | 'optional' | 'signed-in' | Role;

/** The viewer the access rule lets through; 401 when a sign-in is needed, 403 when a role is. */
export async function authorise(access: Access): Promise<Viewer | null> {
  if (access === 'public') return null;
  if (access === 'optional') return getViewer();
  const viewer = await getViewer();
  if (!viewer && (await isAccountSuspended())) {
    throw new HttpProblem(403, 'This account is suspended. Contact support.', [{ field: 'account', message: 'is suspended' }]);
  }
  if (!viewer) throw new HttpProblem(401, 'Sign in to do this.');
  if (access !== 'signed-in' && !hasRole(viewer, access)) throw new HttpProblem(403, `This needs the ${access} role.`);
  return viewer;
}

/**
 * Where input came from; it prefixes field names (`query.date`, `body.passengers.0.email`).
 * A form's fields are named bare (`email`), as the form itself names them.
 */
export type InputSource = 'query' | 'params' | 'body' | 'form';

/**
 * The parsed input, or a problem naming each bad field: 404 for path params (no such thing), else
 * 400. Text holding U+0000 is refused whatever the schema says: PostgreSQL cannot store it.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown, source: InputSource): z.output<S> {
  const prefix = source === 'form' ? undefined : source;
  const nul = fieldsWithNul(input, prefix);
  if (nul.length) throw new HttpProblem(400, 'Text may not contain NUL characters.', nul.map((field) => ({ field, message: 'must not contain NUL (U+0000)' })));
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = zodFieldErrors(result.error, prefix);
  if (source === 'params') throw new HttpProblem(404, 'The request params are invalid.', errors);
  throw new HttpProblem(400, source === 'form' ? 'Some fields need attention.' : `The request ${source} is invalid.`, errors);
}

/** Dotted paths of the strings (values or keys) in the input that contain U+0000. */
function fieldsWithNul(input: unknown, prefix: string | undefined, path: PropertyKey[] = [], found: string[] = []): string[] {
  if (typeof input === 'string') {
    if (input.includes('\u0000')) found.push(fieldPath(prefix, path));
  } else if (Array.isArray(input)) {
    input.forEach((v, i) => fieldsWithNul(v, prefix, [...path, i], found));
  } else if (input && typeof input === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(input))) {
    for (const [k, v] of Object.entries(input)) {
      if (k.includes('\u0000')) found.push(fieldPath(prefix, [...path, k]));
      else fieldsWithNul(v, prefix, [...path, k], found);
    }
  }
  return found;
}
