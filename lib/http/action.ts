import 'server-only';
import { z } from 'zod';
import type { Viewer } from '@/lib/auth/types';
import { logger } from '@/lib/log/logger';
import { authorise, validate, type Access } from './guard';
import { toProblem, type ProblemBody } from './problem';

// Server actions get the same guarantees as route handlers: the caller is checked on the
// server and input validated with the same zod schema the form uses, by the same code as
// handler() (guard.ts). The result is serialisable state for useActionState.

export type ActionResult<T> = { ok: true; data: T } | { ok: false; problem: ProblemBody };

type ViewerFor<A> = A extends 'public' | 'optional' ? Viewer | null : Viewer;

export function validatedAction<S extends z.ZodType, T, A extends Access>(
  spec: { name: string; auth: A; schema: S },
  fn: (input: z.output<S>, viewer: ViewerFor<A>) => Promise<T>,
) {
  return async (_prev: ActionResult<T> | null, input: FormData | z.input<S>): Promise<ActionResult<T>> => {
    try {
      const viewer = (await authorise(spec.auth)) as ViewerFor<A>;
      const data = validate(spec.schema, input instanceof FormData ? Object.fromEntries(input) : input, 'form');
      return { ok: true, data: await fn(data, viewer) };
    } catch (err) {
      const problem = toProblem(err);
      if (problem.status >= 500) logger.error({ err, action: spec.name }, 'action failed');
      return { ok: false, problem };
    }
  };
}
