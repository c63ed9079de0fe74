import 'server-only';
import { db } from '@/lib/db/connect';
import type { SqlDatabase } from '@/lib/db/pg-driver';
import { LiveHub, type WakeSource } from './hub';

// The process's live hub over the app's database, started on first use and kept across
// `next dev` reloads. The outbox NOTIFY channel is `traqora_events` (emit_event).
const CHANNEL = 'traqora_events';
const g = globalThis as unknown as { __traqoraLiveHub?: Promise<LiveHub> };

export function liveHub(): Promise<LiveHub> {
  g.__traqoraLiveHub ??= (async () => {
    const database = await db();
    const sql = (database as Partial<SqlDatabase>).sql;
    const source: WakeSource | null = sql?.listen ? (wake) => sql.listen!(CHANNEL, () => wake()) : null;
    const hub = new LiveHub(database, source);
    await hub.start();
    return hub;
  })().catch((err) => {
    g.__traqoraLiveHub = undefined;
    throw err;
  });
  return g.__traqoraLiveHub;
}
