import 'server-only';
import { z } from 'zod';
import { getViewer } from '@/lib/auth/viewer';
import { hasRole, type Role, type Viewer } from '@/lib/auth/types';
import { logger } from '@/lib/log/logger';
import { HttpProblem, toProblem, zodFieldErrors, type ProblemBody } from './problem';

// Server actions get the same guarantees as route handlers (saas-starter's validatedAction):
// the caller is checked here, on the server, and input is validated with the same zod schema
// the form uses. The result is serialisable state for useActionState.

export type ActionResult<T> = { ok: true; data: T } | { ok: false; problem: ProblemBody };

export function validatedAction<S extends z.ZodType, T>(
  spec: { name: string; auth: 'signed-in' | Role | 'public'; schema: S },
  fn: (input: z.output<S>, viewer: Viewer | null) => Promise<T>,
) {
  return async (_prev: ActionResult<T> | null, input: FormData | z.input<S>): Promise<ActionResult<T>> => {
    try {
      const viewer = spec.auth === 'public' ? null : await getViewer();
      if (spec.auth !== 'public') {
        if (!viewer) throw new HttpProblem(401, 'Sign in to do this.');
        if (spec.auth !== 'signed-in' && !hasRole(viewer, spec.auth)) throw new HttpProblem(403, `This needs the ${spec.auth} role.`);
      }
      const raw = input instanceof FormData ? Object.fromEntries(input) : input;
      const parsed = spec.schema.safeParse(raw);
      if (!parsed.success) throw new HttpProblem(400, 'Some fields need attention.', zodFieldErrors(parsed.error));
      return { ok: true, data: await fn(parsed.data, viewer) };
    } catch (err) {
      const problem = toProblem(err);
      if (problem.status >= 500) logger.error({ err, action: spec.name }, 'action failed');
      return { ok: false, problem };
    }
  };
}
