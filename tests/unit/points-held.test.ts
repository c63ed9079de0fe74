import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PointsHeld } from '@/components/loyalty/points-held';

// /loyalty says how many active points are held for a wallet payment in progress (the summary's
// points_held), and says nothing when none are.
describe('PointsHeld', () => {
  it('names the points held for a payment in progress', () => {
    expect(renderToString(h(PointsHeld, { held: 2500 })).replace(/<!-- -->/g, '')).toContain('2,500 points held for a payment in progress');
  });
  it('renders nothing when no points are held', () => {
    expect(renderToString(h(PointsHeld, { held: 0 }))).toBe('');
  });
});
