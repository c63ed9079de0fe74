// Type-level test of describes<T>() (lib/openapi/answers.ts), checked by `tsc --noEmit` in npm test:
// each @ts-expect-error line must fail to compile, the last must compile.
import { z } from 'zod';
import { describes } from '@/lib/openapi/answers';
type T = { a: string; b?: number; c: { d?: string; e: number }[] };
// @ts-expect-error — optional b missing
describes<T>()(z.object({ a: z.string(), c: z.array(z.object({ d: z.string().optional(), e: z.number() })) }));
// @ts-expect-error — nested optional d missing
describes<T>()(z.object({ a: z.string(), b: z.number().optional(), c: z.array(z.object({ e: z.number() })) }));
// @ts-expect-error — extra optional field
describes<T>()(z.object({ a: z.string(), b: z.number().optional(), x: z.string().optional(), c: z.array(z.object({ d: z.string().optional(), e: z.number() })) }));
describes<T>()(z.object({ a: z.string(), b: z.number().optional(), c: z.array(z.object({ d: z.string().optional(), e: z.number() })) }));
