import 'server-only';
import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import type { CreateWatchInput, UpdateWatchInput } from './schema';
import type { PriceWatch, RouteHistory } from './types';

// A traveller's price watches. Every function takes the user id the server resolved; the
// database refuses another user's watch as not found.

export async function createWatch(userId: string, input: CreateWatchInput, idem?: { key: string; hash: string }): Promise<PriceWatch> {
  return (await db()).call<PriceWatch>('create_price_watch', {
    user_id: userId, watch: input as never, idempotency_key: idem?.key ?? null, request_hash: idem?.hash ?? null,
  });
}

export async function listWatches(userId: string, q: { cursor?: number; limit: number }): Promise<{ data: PriceWatch[]; nextCursor: string | null }> {
  const page = await (await db()).call<{ data: PriceWatch[]; next_cursor: number | null }>('list_price_watches', {
    user_id: userId, cursor: q.cursor ?? null, limit: q.limit,
  });
  return { data: page.data, nextCursor: page.next_cursor === null ? null : String(page.next_cursor) };
}

export async function getWatch(userId: string, id: number): Promise<PriceWatch> {
  return (await db()).call<PriceWatch>('get_price_watch', { user_id: userId, id });
}

export async function updateWatch(userId: string, id: number, patch: UpdateWatchInput): Promise<PriceWatch> {
  return (await db()).call<PriceWatch>('update_price_watch', { user_id: userId, id, patch: patch as never });
}

export async function deleteWatch(userId: string, id: number): Promise<{ deleted: number }> {
  return (await db()).call<{ deleted: number }>('delete_price_watch', { user_id: userId, id });
}

/**
 * A route's price history and insight. Where the demo schedule is seeded (the embedded PGlite),
 * a route asked for the first time gets its demo history made in the same call, around the fare
 * it prices anyway (one insert, no extra search), so every route searched has a chart; a
 * deployment's history is only ever what was sampled.
 */
export async function routeHistory(q: { from: string; to: string; cabin: string; date?: string; days: number }): Promise<RouteHistory> {
  return (await db()).call<RouteHistory>(config().mode.seedOnStart ? 'route_price_history_demo' : 'route_price_history', {
    origin: q.from, destination: q.to, cabin: q.cabin, date: q.date ?? null, days: q.days,
  });
}
