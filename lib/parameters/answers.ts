import { z } from 'zod';
import { dataOf, describes, timestamp } from '@/lib/openapi/answers';
import type { GovernedParameter, ParameterChange, ParameterUnit } from './types';

// What GET /parameters answers (the OpenAPI document's schema; lib/openapi/answers.ts).

const UNITS = ['bps', 'points_per_usd', 'tier_credits_per_usd', 'multiplier', 'tier_credits', 'points', 'months', 'minutes', 'minor_units', 'seconds', 'trq', 'count'] as const;
export const parameterUnit = describes<ParameterUnit>()(z.enum(UNITS));

export const parameterChange = describes<ParameterChange>()(z.object({
  source: z.enum(['seed', 'admin', 'governance']),
  source_ref: z.string().nullable(),
  before: z.number().nullable(),
  after: z.number(),
  changed_at: timestamp,
}));

export const governedParameter = describes<GovernedParameter>()(z.object({
  key: z.string(),
  value: z.number(),
  unit: parameterUnit,
  min: z.number(),
  max: z.number(),
  integral: z.boolean(),
  description: z.string(),
  updated_at: timestamp,
  updated_by: z.string().nullable(),
  last_change: parameterChange.nullable(),
}));

export const parametersAnswer = dataOf(z.array(governedParameter));
