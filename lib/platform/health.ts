import 'server-only';
import { config } from '@/lib/config';
import { db } from '@/lib/db/connect';
import { feedState } from '@/lib/flight-status/providers';
import pkg from '@/package.json';

export interface Health {
  status: 'ok' | 'degraded';
  version: string;
  mode: ReturnType<typeof config>['mode'];
  database: { status: 'up' | 'down'; driver: string; latencyMs?: number; serverVersion?: string; error?: string };
  /** Each polled flight-status provider's circuit breaker (closed, open, half_open). */
  flightStatusFeed: Record<string, 'closed' | 'open' | 'half_open'>;
  uptimeSeconds: number;
  time: string;
}

/** A live check: one round trip through the data port, whichever driver is configured. */
export async function checkHealth(): Promise<Health> {
  const { mode } = config();
  const started = performance.now();
  let database: Health['database'];
  try {
    const result = await (await db()).call<{ server_version: string }>('health_check');
    database = { status: 'up', driver: mode.database, latencyMs: Math.round((performance.now() - started) * 10) / 10, serverVersion: result.server_version };
  } catch (err) {
    database = { status: 'down', driver: mode.database, error: (err as Error).message };
  }
  return {
    status: database.status === 'up' ? 'ok' : 'degraded',
    version: process.env.TRAQORA_VERSION ?? pkg.version,
    mode,
    database,
    flightStatusFeed: feedState(),
    uptimeSeconds: Math.round(process.uptime()),
    time: new Date().toISOString(),
  };
}
