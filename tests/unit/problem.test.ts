import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DatabaseProblem, problemFromSqlState } from '@/lib/db/port';
import { HttpProblem, toProblem, zodFieldErrors } from '@/lib/http/problem';

describe('problem details', () => {
  it('names nested fields by their dotted path', () => {
    const schema = z.object({ passengers: z.array(z.object({ given_name: z.string().min(1, 'required') })) });
    const r = schema.safeParse({ passengers: [{ given_name: 'A' }, { given_name: '' }] });
    expect(zodFieldErrors(r.error!, 'body')).toEqual([{ field: 'body.passengers.1.given_name', message: 'required' }]);
  });

  it('maps database problems to their status and field', () => {
    expect(toProblem(new DatabaseProblem(409, 'no seats left', 'seats'), '/x')).toMatchObject({
      status: 409, title: 'Conflict', detail: 'no seats left', instance: '/x', errors: [{ field: 'seats', message: 'no seats left' }],
    });
  });

  it('recognises a database problem made by another bundle chunk’s copy of the class', () => {
    // Next splits server code into chunks; the database opened at start-up may throw instances
    // of a different DatabaseProblem class than the route's — they must still be 4xx.
    const foreign = Object.assign(new Error('no seats left'), { [Symbol.for('traqora.DatabaseProblem')]: true, status: 409, field: 'seats' });
    expect(toProblem(foreign)).toMatchObject({ status: 409, errors: [{ field: 'seats', message: 'no seats left' }] });
  });

  it('hides the message of an unexpected error behind a 500', () => {
    const p = toProblem(new Error('password=hunter2 leaked'));
    expect(p.status).toBe(500);
    expect(JSON.stringify(p)).not.toContain('hunter2');
  });

  it('keeps HttpProblem extensions', () => {
    expect(toProblem(new HttpProblem(409, 'changed', undefined, { price: 1 }))).toMatchObject({ status: 409, price: 1 });
  });

  it('maps our SQLSTATEs and constraint violations to 4xx, and anything else to nothing', () => {
    expect(problemFromSqlState('TQ404', 'gone', 'pnr')).toMatchObject({ status: 404, field: 'pnr' });
    expect(problemFromSqlState('23514', 'violates check')).toMatchObject({ status: 422, field: undefined });
    expect(problemFromSqlState('22P02', 'invalid input syntax for type uuid')).toMatchObject({ status: 400 });
    expect(problemFromSqlState('XX000', 'internal')).toBeUndefined();
    expect(problemFromSqlState(undefined, 'x')).toBeUndefined();
  });
});
