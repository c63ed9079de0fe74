// zod compiles object schemas with new Function() when it can, and finds out by trying. Under
// our Content-Security-Policy (no 'unsafe-eval') the try is refused and reported as a violation,
// so in the browser we tell zod not to: it parses the same, interpreted. The server is not
// under a CSP and keeps the compiled parsers.
//
// zod keeps its settings on one global object, shared by every copy of it in the page
// (zod/v4/core: globalThis.__zod_globalConfig). Setting the flag there directly, before any
// schema parses, keeps zod itself out of the root layout: most pages, home and search among them,
// ship no zod at all (scripts/page-budget.mts). tests/unit/zod-without-eval.test.ts checks that
// zod reads the flag from there.
type ZodGlobal = { __zod_globalConfig?: { jitless?: boolean } };

export function forbidZodEval(scope: ZodGlobal = globalThis as ZodGlobal): void {
  (scope.__zod_globalConfig ??= {}).jitless = true;
}

if (typeof window !== 'undefined') forbidZodEval();
