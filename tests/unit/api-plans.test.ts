import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '@/lib/config/env';
import { apiPlans, findPlan, higherPlans, planFor } from '@/lib/rate-limit/plans';

// API-key plans as configuration: RATE_LIMIT_API_PLANS parsed and refused with a sentence naming
// the variable, and the catalogue the limiter, the console and the settings page read from it.

const env = (plans?: string, apiKey = '1200') => parseEnv({ RATE_LIMIT_API_KEY: apiKey, ...(plans === undefined ? {} : { RATE_LIMIT_API_PLANS: plans }) });

describe('RATE_LIMIT_API_PLANS', () => {
  it('defaults to partner and enterprise above the standard plan', () => {
    expect(apiPlans(env()).map((p) => [p.name, p.quota, p.isDefault])).toEqual([
      ['standard', 1200, true], ['partner', 6000, false], ['enterprise', 30_000, false],
    ]);
  });

  it('takes name:quota pairs in their order, blanks around them ignored', () => {
    expect(apiPlans(env(' gold:5000 , restricted:60,')).map((p) => [p.name, p.quota])).toEqual([['standard', 1200], ['gold', 5000], ['restricted', 60]]);
    expect(apiPlans(env('gold:5000')).every((p) => p.windowSeconds === 60)).toBe(true);
  });

  it.each([
    ['partner', /bad plan "partner"/],
    ['Partner:10', /bad plan "Partner:10"/],
    ['partner:10:20', /bad plan/],
    ['partner:0', /bad quota "0"/],
    ['partner:ten', /bad quota "ten"/],
    ['partner:2000000', /bad quota/],
    ['partner:10,partner:20', /lists plan partner twice/],
    ['standard:5000', /default plan: its quota is RATE_LIMIT_API_KEY/],
  ])('refuses %s naming the variable', (value, message) => {
    let error: unknown;
    try {
      env(value);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('RATE_LIMIT_API_PLANS');
    expect((error as Error).message).toMatch(message);
  });
});

describe('the plan catalogue', () => {
  const settings = env('partner:6000,enterprise:30000,restricted:60');

  it('finds configured plans only, and counts an unknown or missing plan as the default', () => {
    expect(findPlan('partner', settings)?.quota).toBe(6000);
    expect(findPlan('platinum', settings)).toBeNull();
    expect(planFor('platinum', settings).name).toBe('standard');
    expect(planFor(null, settings).name).toBe('standard');
    expect(planFor('restricted', settings).quota).toBe(60);
  });

  it('offers a refused key the larger plans, smallest first', () => {
    expect(higherPlans(planFor('restricted', settings), settings).map((p) => p.name)).toEqual(['standard', 'partner', 'enterprise']);
    expect(higherPlans(planFor('partner', settings), settings).map((p) => p.name)).toEqual(['enterprise']);
    expect(higherPlans(planFor('enterprise', settings), settings)).toEqual([]);
  });
});
