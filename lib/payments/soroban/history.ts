/** One line of a traveller's on-chain money: a payment their wallet sent, or an escrow refund. */
export interface ChainWalletEntry {
  kind: 'payment' | 'refund';
  pnr: string;
  tx_hash: string | null;
  /** The Stellar account that paid (and that a refund goes back to). */
  account: string | null;
  status: 'submitted' | 'confirmed' | 'failed' | 'pending';
  error: string | null;
  amount_minor: number;
  currency: string;
  at: string;
}
