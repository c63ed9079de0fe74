import { problem, problemResponse } from './problem';

// Next answers a method a route file does not export with an empty 405 (no problem body, no
// Allow header), and OPTIONS with every method the file exports. Each route file ends with
//   export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
// naming the methods it does export, so the rest answer a problem that lists the allowed ones
// and OPTIONS tells the truth. (Destructuring a method the file also exports is a duplicate
// declaration: the build fails.)

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof METHODS)[number];

type RouteFunction = (req: Request) => Response;

/** A 405 problem handler for every method, each naming the allowed ones in Allow (RFC 9110 §15.5.6), and OPTIONS. */
export function otherMethods(...allowed: Method[]): Record<Method | 'OPTIONS', RouteFunction> {
  // Next answers HEAD from GET by itself.
  const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  const refuse: RouteFunction = (req) =>
    problemResponse(problem(405, `${req.method} is not allowed here; use ${allow}.`, undefined, new URL(req.url).pathname), { allow });
  const options: RouteFunction = () => new Response(null, { status: 204, headers: { allow } });
  return { ...(Object.fromEntries(METHODS.map((m) => [m, refuse])) as Record<Method, RouteFunction>), OPTIONS: options };
}

/** For paths no route serves: 404 for every method, before Next would try to parse a body. */
export function noSuchRoute(req: Request): Response {
  return problemResponse(problem(404, 'There is no API endpoint at this path.', undefined, new URL(req.url).pathname));
}
