import 'server-only';
import CircuitBreaker from 'opossum';
import { metrics } from '@/lib/metrics/registry';
import type { StatusProvider, StatusReport, TrackedFlight } from './types';

// A circuit breaker (opossum) around each polled provider: after repeated failures the feed
// stops calling a provider that is down (and stops waiting on its timeouts) for a while, then
// lets one poll through to see whether it is back. The state is on /api/metrics and /api/health.

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  /** A poll slower than this fails. */
  timeoutMs: number;
  /** Failing share of recent polls (percent) that opens the circuit... */
  errorThresholdPercentage: number;
  /** ...once at least this many polls were counted. */
  volumeThreshold: number;
  /** How long the circuit stays open before one trial poll. */
  resetTimeoutMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { timeoutMs: 30_000, errorThresholdPercentage: 50, volumeThreshold: 3, resetTimeoutMs: 60_000 };

const g = globalThis as unknown as { __traqoraBreakers?: Map<string, GuardedProvider> };

export interface GuardedProvider {
  code: string;
  state(): BreakerState;
  /** The provider's reports, or a rejection: the provider's error, or "open" without calling it. */
  poll(flights: TrackedFlight[], now: Date): Promise<StatusReport[]>;
  shutdown(): void;
}

function stateOf(b: CircuitBreaker): BreakerState {
  return b.opened ? 'open' : b.halfOpen ? 'half_open' : 'closed';
}

/** Wraps a provider in its own breaker; its state changes go to the metrics gauge. */
export function guard(provider: StatusProvider, opts: BreakerOptions = DEFAULT_BREAKER): GuardedProvider {
  const breaker = new CircuitBreaker((flights: TrackedFlight[], now: Date) => provider.poll(flights, now), {
    timeout: opts.timeoutMs,
    errorThresholdPercentage: opts.errorThresholdPercentage,
    volumeThreshold: opts.volumeThreshold,
    resetTimeout: opts.resetTimeoutMs,
    name: provider.code,
  });
  const gauge = () => metrics().feedBreaker.set({ provider: provider.code }, { closed: 0, half_open: 1, open: 2 }[stateOf(breaker)]);
  breaker.on('open', gauge);
  breaker.on('halfOpen', gauge);
  breaker.on('close', gauge);
  gauge();
  return {
    code: provider.code,
    state: () => stateOf(breaker),
    poll: (flights, now) => breaker.fire(flights, now),
    shutdown: () => breaker.shutdown(),
  };
}

/** The process's guarded providers, made once (the breaker's memory is per instance). */
export function guardedProviders(make: () => StatusProvider[]): GuardedProvider[] {
  if (!g.__traqoraBreakers) g.__traqoraBreakers = new Map(make().map((p) => [p.code, guard(p)]));
  return [...g.__traqoraBreakers.values()];
}

/** Each polled provider's circuit state, for /api/health and /ping. */
export function breakerStates(): Record<string, BreakerState> {
  return Object.fromEntries([...(g.__traqoraBreakers?.values() ?? [])].map((p) => [p.code, p.state()]));
}
