/** Delay before reconnect attempt n (0-based): exponential from 1 s, capped at 30 s, with full jitter on half of it. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 10));
  return Math.round(base / 2 + (base / 2) * random());
}
