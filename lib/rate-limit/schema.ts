import { isIP } from 'node:net';
import { z } from 'zod';

// The allow/deny rule as the API and the console form take it (the database checks it again).
export const cidrSchema = z.string().trim().max(64).refine((v) => {
  const [network, bits, extra] = v.split('/');
  const family = isIP(network ?? '');
  return extra === undefined && family !== 0 && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32)));
}, 'must be an IPv4 or IPv6 network such as 203.0.113.0/24');

export const ruleSchema = z.object({
  cidr: cidrSchema,
  action: z.enum(['allow', 'deny'], { error: 'must be allow or deny' }),
  note: z.string().trim().max(200, 'at most 200 characters').optional(),
});

export const removeRuleSchema = z.object({ id: z.coerce.number().int().min(1, 'must be a rule id') });
