import { z } from 'zod';
import { dataOf, describes, timestamp } from '@/lib/openapi/answers';
import type { RateLimitRule } from './rules';

// What /api/v1/admin/rate-limits answers (the allow and deny lists), as schemas for the OpenAPI
// document (lib/openapi/answers.ts); the SQL is rate_limit_rule_json in routines/13_api_platform.sql.

export const rateLimitRule = describes<RateLimitRule>()(z.object({
  id: z.number().int(),
  cidr: z.string(),
  action: z.enum(['allow', 'deny']),
  note: z.string().nullable(),
  created_by: z.string().nullable(),
  created_at: timestamp,
}));

export const rateLimitRulesAnswer = dataOf(z.array(rateLimitRule));
export const rateLimitRuleAnswer = dataOf(rateLimitRule);
