import 'server-only';
import { db } from '@/lib/db/connect';
import type { GovernedParameter } from './types';

export type { GovernedParameter } from './types';

/** Every governed parameter, by key, with its bounds and the change that last set it. */
export async function governedParameters(): Promise<GovernedParameter[]> {
  return (await db()).call<GovernedParameter[]>('governed_parameters');
}

/** One parameter's current value. The keys are seeded by the migration: a missing one is a bug. */
export async function parameterValue(key: string): Promise<number> {
  const found = (await governedParameters()).find((p) => p.key === key);
  if (!found) throw new Error(`governed parameter ${key} does not exist`);
  return Number(found.value);
}
