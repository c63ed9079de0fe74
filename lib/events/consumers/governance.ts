import type { Database } from '@/lib/db/port';
import { defineConsumer } from '@/lib/events/consumer';

// Dev personas start with TRQ (a seed distribution from the treasury), so a local dev server has
// live governance from its first start. Personas exist only in local mode; the database function
// is idempotent per user, so a re-delivered user.created seeds nothing twice.
export function governanceConsumer(database: () => Promise<Database>) {
  return defineConsumer({
    name: 'governance',
    types: ['user.created'],
    async handle(event) {
      const p = event.payload as { user_id?: string; source?: string; roles?: Array<{ role: string }> };
      if (p.source !== 'dev_persona' || !p.user_id) return;
      const role = p.roles?.some((r) => r.role === 'admin') ? 'admin' : p.roles?.some((r) => r.role === 'operator') ? 'operator' : 'traveller';
      await (await database()).call('trq_seed_dev_persona', { user: p.user_id, role });
    },
  });
}
