import { z } from 'zod';

export const pnrParams = z.object({
  pnr: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{6}$/, 'must be a 6-character booking reference'),
});
