// Wallets name networks inconsistently (Freighter says "PUBLIC", Rabet "mainnet"); people know
// them as Mainnet and Testnet, so messages name the network by its passphrase. The passphrases
// are written out rather than imported so the client bundle does not pull in the Stellar SDK.
const NAMES: Record<string, string> = {
  'Public Global Stellar Network ; September 2015': 'Mainnet',
  'Test SDF Network ; September 2015': 'Testnet',
  'Test SDF Future Network ; October 2022': 'Futurenet',
};

export function networkName(passphrase: string, fallback?: string): string {
  return NAMES[passphrase] ?? (fallback || `the network “${passphrase}”`);
}
