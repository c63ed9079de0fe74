import type { Database } from '@/lib/db/port';
import { metrics } from '@/lib/metrics/registry';
import type { IngestOutcome, StatusReport } from './types';

/** Hands reports to the database one by one (each its own transaction), counting outcomes. */
export async function ingestReports(db: Database, provider: string, reports: StatusReport[]): Promise<IngestOutcome[]> {
  const out: IngestOutcome[] = [];
  for (const report of reports) {
    const result = await db.call<IngestOutcome>('ingest_flight_status', { provider, report: report as never });
    metrics().feedReports.inc({ provider, outcome: result.replayed ? 'replayed' : (result.outcome ?? 'unknown') });
    out.push(result);
  }
  return out;
}
