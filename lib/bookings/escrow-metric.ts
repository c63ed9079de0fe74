import 'server-only';
import { Gauge } from 'prom-client';
import { db } from '@/lib/db/connect';
import { logger } from '@/lib/log/logger';
import { metrics } from '@/lib/metrics/registry';

// Money held in escrow, read from the database when Prometheus scrapes (the figure is the
// database's, so every instance reports the same value: dashboards take max(), not sum()).

const g = globalThis as unknown as { __traqoraEscrowGauges?: { held: Gauge<'rail' | 'currency'>; bookings: Gauge<'rail' | 'currency'> } };

/** Registers the escrow gauges on the app's registry (once per process). */
export function registerEscrowGauges(): void {
  if (g.__traqoraEscrowGauges) return;
  const registers = [metrics().registry];
  const bookings = new Gauge({
    name: 'traqora_escrow_bookings', help: 'Paid bookings whose money is in escrow now (not yet released or refunded), by rail and currency',
    labelNames: ['rail', 'currency'], registers,
  });
  const held = new Gauge({
    name: 'traqora_escrow_held_minor', help: 'Money held in escrow now, in minor units (cents), by rail and currency',
    labelNames: ['rail', 'currency'], registers,
    // One query feeds both gauges; prom-client awaits collect() before it renders.
    async collect() {
      try {
        const rows = await (await db()).call<{ rail: string; currency: string; held_minor: number; bookings: number }[]>('escrow_held');
        this.reset();
        bookings.reset();
        for (const r of rows) {
          this.set({ rail: r.rail, currency: r.currency }, Number(r.held_minor));
          bookings.set({ rail: r.rail, currency: r.currency }, r.bookings);
        }
      } catch (err) {
        // A scrape must still answer the process metrics when the database is away.
        logger.warn({ err }, 'escrow gauges: database read failed');
      }
    },
  });
  g.__traqoraEscrowGauges = { held, bookings };
}
