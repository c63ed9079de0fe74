// The escrow contract's errors (contracts/escrow EscrowError, numbered as in the spec) as
// sentences for people. Simulation and failed transactions report them as
// "Error(Contract, #N)"; anything else keeps its own message.

const SENTENCES: Record<number, string> = {
  1: 'The escrow has no such booking.',
  2: 'This booking is already paid on chain.',
  3: 'The amount is not valid.',
  4: 'The flight can no longer be booked.',
  5: 'The price changed; get a new quote.',
  6: 'The escrow booking is not in a state that allows this.',
  7: 'This account is not allowed to do that.',
  8: 'This refund must wait for the refund delay.',
  9: 'The refund is still locked.',
  10: 'The booking has not expired yet.',
  11: 'Too many bookings in one call.',
  12: 'Nothing to pay for.',
  13: 'The escrow is misconfigured.',
  14: 'The escrow is already migrated.',
  15: 'The escrow has no quote key yet; payments are not open.',
  16: 'The payment quote expired; get a new one.',
  17: 'The payment quote is for another escrow contract.',
};

/** The contract error number in a host error message, if there is one. */
export function contractErrorCode(message: string): number | null {
  const m = /Error\(Contract, #(\d+)\)/.exec(message);
  return m ? Number(m[1]) : null;
}

/** A sentence for a simulation or transaction error from the escrow. */
export function escrowErrorSentence(message: string): string {
  const code = contractErrorCode(message);
  if (code !== null) return SENTENCES[code] ?? `The escrow refused (error ${code}).`;
  if (/insufficient|balance/i.test(message) && /trustline|balance/i.test(message)) return 'The paying account does not hold enough of the payment token.';
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}
