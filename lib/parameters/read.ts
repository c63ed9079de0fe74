import 'server-only';
import { db } from '@/lib/db/connect';
import type { GovernedParameter } from './types';

export type { GovernedParameter } from './types';

/** Every governed parameter, by key, with its bounds and the change that last set it. */
export async function governedParameters(): Promise<GovernedParameter[]> {
  return (await db()).call<GovernedParameter[]>('governed_parameters');
}
