import 'server-only';
import { db } from '@/lib/db/connect';
import type { AnalyticsQuery } from './query';

// The overview's numbers, computed in SQL (routines/36_admin_analytics.sql, where each figure is defined).

export interface AnalyticsFigures {
  bookings: number;
  gmv_minor: number;
  avg_fare_minor: number | null;
  cancellations: number;
  cancellation_rate: number | null;
  refunds_minor: number;
  refund_rate: number | null;
  released_minor: number;
  escrow_minor: number;
  escrow_ledger_minor: number;
  escrow_onchain_minor: number;
}

/** A period's loyalty and governance figures (totals only, not per bucket). */
export interface ProgrammeFigures {
  loyalty_points_outstanding: number;
  loyalty_liability_minor: number;
  governance_proposals_closed: number;
  governance_participation_rate: number | null;
}

export interface AnalyticsBucket extends AnalyticsFigures {
  start: string;
  end: string;
}

export interface Analytics {
  currency: string;
  interval: AnalyticsQuery['interval'];
  from: string;
  to: string;
  previous_from: string;
  previous_to: string;
  series: AnalyticsBucket[];
  totals: AnalyticsFigures & ProgrammeFigures;
  previous: AnalyticsFigures & ProgrammeFigures;
}

export async function analytics(q: AnalyticsQuery): Promise<Analytics> {
  return (await db()).call<Analytics>('admin_analytics', { from: q.from.toISOString(), to: q.to.toISOString(), interval: q.interval });
}
