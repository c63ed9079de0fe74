import type { ChainJuryCase, ChainJuryCases } from '@/lib/disputes/chain/cases';

/**
 * The on-chain cases of every page loaded so far, in order, each once. A case that was executed
 * while the viewer paged is listed again in the executed part (supabase/routines/68_jury.sql,
 * chain_dispute_cases): it stays where it was first shown, with the newer copy's state.
 */
export function mergeCasePages(pages: readonly Pick<ChainJuryCases, 'data'>[]): ChainJuryCase[] {
  const byId = new Map<string, ChainJuryCase>();
  for (const page of pages) for (const c of page.data) byId.set(c.dispute_id, c);
  return [...byId.values()];
}
