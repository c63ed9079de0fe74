import 'server-only';
import { db } from '@/lib/db/connect';
import type { GovernedParameter } from '@/lib/parameters/types';

export type GovernanceParameter = GovernedParameter & { set_by_proposal: { id: number; title: string; executed_at: string } | null };

/** Governed parameters with the executed proposal that last set each (null: never governance). */
export async function governanceParameters(): Promise<GovernanceParameter[]> {
  return (await db()).call<GovernanceParameter[]>('governance_parameters');
}
