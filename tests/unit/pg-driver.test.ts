import { describe, expect, it } from 'vitest';
import { callStatement, toSqlValue } from '@/lib/db/pg-driver';

describe('callStatement', () => {
  it('calls public functions with named p_ arguments, skipping undefined ones', () => {
    expect(callStatement('search_airports', { query: 'lon', limit: 5, extra: undefined })).toEqual({
      text: 'select public.search_airports(p_query => $1, p_limit => $2) as result', values: ['lon', 5],
    });
  });

  it('sends structured values as JSON and bigints as text', () => {
    expect(toSqlValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(toSqlValue([1, 2])).toBe('[1,2]');
    expect(toSqlValue(2n ** 70n)).toBe('1180591620717411303424');
    expect(toSqlValue(null)).toBeNull();
  });

  it('refuses identifiers that could inject SQL', () => {
    expect(() => callStatement('x; drop table y', {})).toThrow(/invalid function name/);
    expect(() => callStatement('ok', { 'a) or (1': 1 })).toThrow(/invalid argument name/);
  });
});
