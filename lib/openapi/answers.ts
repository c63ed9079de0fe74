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

/**
 * A schema for a type the code already declares: `describes<Booking>()(z.object({…}))` fails to
 * compile unless the schema's output is exactly `Booking` (no field missing, none extra, the same
 * optional fields and unions), so the documented answer and the returned value cannot drift apart.
 */
export function describes<T>() {
  return <S extends z.ZodType>(schema: S, ..._exact: Same<z.output<S>, T> extends true ? [] : [mismatch: { schema: z.output<S>; type: T }]): S => schema;
}

/**
 * For an answer that carries more than the type the code reads it as (a database row sent
 * whole, where the type names only the fields the app uses): fails to compile unless the
 * schema's output still is a `T`, so every field the type promises stays documented.
 */
export function widens<T>() {
  return <S extends z.ZodType>(schema: S, ..._missing: [z.output<S>] extends [T] ? [] : [mismatch: { schema: z.output<S>; type: T }]): S => schema;
}
