import 'server-only';
import { config } from '@/lib/config';
import { ledgerRail } from './ledger/rail';
import type { PaymentRail } from './rail';
import { sorobanRail } from './soroban/payment-rail';

export type { PaymentQuote, PaymentRail, QuoteLine, RailDescription, WalletStatement } from './rail';

// The one place that knows which rails exist: config decides (PAYMENT_RAIL, or soroban when a
// network and contracts are configured — lib/config/mode.ts), everything else asks for "the rail".

const RAILS: Record<'ledger' | 'soroban', PaymentRail> = { ledger: ledgerRail, soroban: sorobanRail };

export function railFor(id: 'ledger' | 'soroban'): PaymentRail {
  return RAILS[id];
}

/** The active payment rail. */
export function paymentRail(): PaymentRail {
  return railFor(config().mode.paymentRail);
}
