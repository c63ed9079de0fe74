// Traqora's fee on released fares. It is a parameter, read when a release is decided: the
// governance issue moves it into the governed-parameters table (bounded, audited) by changing
// only this function's body. Callers already await it.

/** Basis points (2.5%): the value until governance sets one. */
export const DEFAULT_PLATFORM_FEE_BPS = 250;

export async function platformFeeBps(): Promise<number> {
  return DEFAULT_PLATFORM_FEE_BPS;
}
