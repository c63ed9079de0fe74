// Shared by the dialog and the page (a plain module: a server page cannot read constants from a 'use client' file).
export const WALLET_SIGN_IN_EXPLAINER =
  'Your wallet signs a one-time challenge to prove the account is yours. Nothing is paid and nothing is sent to the Stellar network.';
