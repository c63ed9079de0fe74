import { z } from 'zod';

// Building blocks for the schemas of what /api/v1 answers (handler()'s `response`). They
// describe the JSON on the wire: the OpenAPI document publishes them, and the e2e suite validates
// every answer it sees against that document (e2e/support/api-answers.ts), so a schema that drifts
// from the code fails a browser test, and `describes<T>()` makes it fail the type check first.

/** A timestamp as the API writes it: ISO 8601 with an offset (`Z` or `+00:00`), any precision. */
export const timestamp = z.iso.datetime({ offset: true });

/** A calendar date, `YYYY-MM-DD`. */
export const calendarDate = z.iso.date();

/** One keyset page of a list (lib/http/cursor.ts): the rows and the cursor of the next page, null on the last. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });

/** `{ data: … }`, the envelope single resources are answered in. */
export const dataOf = <T extends z.ZodType>(item: T) => z.object({ data: item });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// Mutual assignability alone lets an optional field be missing on one side ({ a?: x } and {} are
// assignable both ways), so the field names are compared too, at every level of nesting (up to
// six: answers are not deeper; past that, assignability alone decides).
type Depth = [never, 0, 1, 2, 3, 4, 5];
type SameFields<A, B, D extends number = 6> = [D] extends [never] ? true
  : [NonNullable<A>, NonNullable<B>] extends [readonly (infer X)[], readonly (infer Y)[]] ? SameFields<X, Y, Depth[D]>
    : [NonNullable<A>] extends [object] ? [NonNullable<B>] extends [object]
      ? Same<keyof NonNullable<A> & string, keyof NonNullable<B> & string> extends true
        ? false extends { [K in keyof NonNullable<A>]-?: SameFields<NonNullable<A>[K], NonNullable<B>[K & keyof NonNullable<B>], Depth[D]> }[keyof NonNullable<A>] ? false : true
        : false
      : true
      : true;
type Exactly<A, B> = Same<A, B> extends true ? SameFields<A, B> : false;
// (The rest parameters below exist only to make a mismatch a compile error naming both types.)
/* eslint-disable @typescript-eslint/no-unused-vars */

/**
 * A schema for a type the code already declares: `describes<Booking>()(z.object({…}))` fails to
 * compile unless the schema's output is exactly `Booking` (no field missing, none extra — optional
 * ones included, at every level — the same unions), so the documented answer and the returned value cannot drift apart.
 */
export function describes<T>() {
  return <S extends z.ZodType>(schema: S, ..._exact: Exactly<z.output<S>, T> extends true ? [] : [mismatch: { schema: z.output<S>; type: T }]): S => schema;
}

/**
 * For an answer that carries more than the type the code reads it as (a database row sent
 * whole, where the type names only the fields the app uses): fails to compile unless the
 * schema's output still is a `T`, so every field the type promises stays documented.
 */
export function widens<T>() {
  return <S extends z.ZodType>(schema: S, ..._missing: [z.output<S>] extends [T] ? [] : [mismatch: { schema: z.output<S>; type: T }]): S => schema;
}
/* eslint-enable @typescript-eslint/no-unused-vars */
