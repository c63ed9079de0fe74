import { points } from './tiers';

// Points held for a wallet payment in progress (a signed on-chain quote with points, not yet paid
// or lapsed): still active, but not spendable until the payment lands or the quote expires.
// docs/loyalty.md, "Points held for a wallet payment".
export function PointsHeld({ held }: { held: number }) {
  if (held <= 0) return null;
  return (
    <p className="text-xs text-muted-foreground" data-testid="points-held">
      {points(held)} points held for a payment in progress: spent if your wallet sends it, free again once its quote expires.
    </p>
  );
}
