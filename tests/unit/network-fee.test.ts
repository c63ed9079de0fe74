import { describe, expect, it } from 'vitest';
import { formatNetworkFee } from '@/lib/payments/soroban/pay-with-wallet';

describe('the network fee shown before the wallet signs', () => {
  it('reads stroops as XLM with seven decimals at most and no trailing zeros', () => {
    expect(formatNetworkFee('100100')).toBe('0.01001 XLM');
    expect(formatNetworkFee('10000000')).toBe('1 XLM');
    expect(formatNetworkFee('12345678901')).toBe('1234.5678901 XLM');
    expect(formatNetworkFee('1')).toBe('0.0000001 XLM');
    expect(formatNetworkFee('0')).toBe('0 XLM');
  });
});
