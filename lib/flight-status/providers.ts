import 'server-only';
import { config } from '@/lib/config';
import { breakerStates, guardedProviders, type BreakerState, type GuardedProvider } from './breaker';
import { flightDataProvider } from './flight-data';
import { simulatorProvider } from './simulator';
import type { StatusProvider } from './types';

/** Whether the simulator runs here: FLIGHT_STATUS_SIMULATOR, else on under `next dev` only. */
export function simulatorOn(): boolean {
  const { env } = config();
  return (env.FLIGHT_STATUS_SIMULATOR ?? (env.NODE_ENV === 'development' ? 'on' : 'off')) === 'on';
}

/** The providers this instance polls, from its configuration. */
export function configuredProviders(): StatusProvider[] {
  const { env } = config();
  const out: StatusProvider[] = [];
  if (simulatorOn()) out.push(simulatorProvider(env.FLIGHT_STATUS_SEED));
  if (env.FLIGHT_STATUS_API_URL && env.FLIGHT_STATUS_API_KEY) out.push(flightDataProvider({ baseUrl: env.FLIGHT_STATUS_API_URL, apiKey: env.FLIGHT_STATUS_API_KEY }));
  return out;
}

export function feedProviders(): GuardedProvider[] {
  return guardedProviders(configuredProviders);
}

/** For /api/health: each polled provider's circuit state (none when nothing is polled). */
export function feedState(): Record<string, BreakerState> {
  feedProviders();
  return breakerStates();
}
