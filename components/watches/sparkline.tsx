/**
 * A watch's last samples as a line (plain SVG: a list of sparklines should not load a chart
 * library). Gaps (nothing for sale) are skipped. Decorative: the row states the numbers.
 */
export function Sparkline({ prices, className }: { prices: (number | null)[]; className?: string }) {
  const known = prices.map((p, i) => [i, p] as const).filter((x): x is readonly [number, number] => x[1] !== null);
  if (known.length < 2) return <svg className={className} viewBox="0 0 100 30" aria-hidden="true" />;
  const values = known.map(([, p]) => p);
  const lo = Math.min(...values);
  const span = Math.max(...values) - lo || 1;
  const x = (i: number) => (i / Math.max(prices.length - 1, 1)) * 100;
  const y = (p: number) => 27 - ((p - lo) / span) * 24;
  const points = known.map(([i, p]) => `${x(i).toFixed(1)},${y(p).toFixed(1)}`).join(' ');
  return (
    <svg className={className} viewBox="0 0 100 30" preserveAspectRatio="none" aria-hidden="true" data-testid="sparkline">
      <polyline points={points} fill="none" stroke="var(--primary)" strokeWidth="2" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
