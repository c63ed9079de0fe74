import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { forbidZodEval } from '@/components/shell/zod-without-eval';

describe('zod without eval (the browser under our CSP)', () => {
  afterEach(() => { z.config({ jitless: false }); });

  it('sets the flag zod itself reads, without importing zod', () => {
    expect(z.config().jitless).not.toBe(true);
    forbidZodEval();
    expect(z.config().jitless).toBe(true);
  });

  it('parses the same with the flag set', () => {
    forbidZodEval();
    const schema = z.object({ a: z.string(), b: z.number().int() });
    expect(schema.parse({ a: 'x', b: 2 })).toEqual({ a: 'x', b: 2 });
    expect(schema.safeParse({ a: 1, b: 2.5 }).error?.issues.map((i) => i.path.join('.'))).toEqual(['a', 'b']);
  });
});
