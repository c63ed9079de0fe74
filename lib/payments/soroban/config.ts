import { Keypair, Networks, StrKey } from '@stellar/stellar-sdk';
import { ConfigError, parseEnv } from '@/lib/config/env';
import { chainConfigured } from '@/lib/config/mode';
import { chainConfig } from '@/lib/stellar/chain-config';

// The soroban rail's settings, from an environment passed in (so start-up can check them and
// tests can vary them). lib/config/env.ts validates each variable's shape and lib/stellar's
// chainConfig reads the chain (RPC URL, passphrase, contract ids, which must name the escrow);
// this checks that they make a usable rail together and turns them into what the rail uses.
//
//   STELLAR_SERVER_SECRET       the server signer: submits releases/settlements (it holds the
//                               escrow's settler role)
//   STELLAR_QUOTE_SECRET        signs payment quotes (the escrow's quote key); default: the server
//                               signer. A separate key can be rotated alone (set_quote_signer).
//   LOYALTY_LIABILITY_SECRET    the platform's loyalty-liability account: pays the part of a fare
//                               points cover (pay_quoted's sponsor); the server signs its
//                               authorisation per quote. Without it, points are not taken here.
//   STELLAR_CLEARING_ADDRESS    where shares of airlines without their own payout account go
//                               (default: the server signer's account)
//   STELLAR_EXPLORER_URL        transaction links: "<url>/tx/<hash>" (default: stellar.expert
//                               for testnet and public, none for other networks)

export interface SorobanRailConfig {
  rpcUrl: string;
  allowHttp: boolean;
  networkPassphrase: string;
  escrowContractId: string;
  server: Keypair;
  quoteSigner: Keypair;
  /** Pays points' part of a fare into the escrow (the quote's sponsor); null: points not taken. */
  loyaltyLiability: Keypair | null;
  clearingAddress: string;
  /** Base URL for transaction links, or null when no explorer knows the network. */
  explorerUrl: string | null;
}

const EXPLORERS: Record<string, string> = {
  [Networks.TESTNET]: 'https://stellar.expert/explorer/testnet',
  [Networks.PUBLIC]: 'https://stellar.expert/explorer/public',
  [Networks.FUTURENET]: 'https://stellar.expert/explorer/futurenet',
};

/** The rail's settings; null when the rail is not the soroban one. Throws ConfigError naming the variable. */
export function sorobanRailConfig(source: Record<string, string | undefined> = process.env): SorobanRailConfig | null {
  const env = parseEnv(source);
  const rail = env.PAYMENT_RAIL ?? (chainConfigured(env) ? 'soroban' : 'ledger');
  if (rail !== 'soroban') return null;
  const chain = chainConfig(env);
  if (!chain.configured) throw new ConfigError('TRAQORA_CONTRACT_IDS', 'is required when PAYMENT_RAIL=soroban');
  const escrow = chain.contractId('escrow');
  if (!escrow) throw new ConfigError('TRAQORA_CONTRACT_IDS', 'must name the escrow contract (escrow=C…) for the soroban rail');
  const seed = (name: 'STELLAR_SERVER_SECRET' | 'STELLAR_QUOTE_SECRET' | 'LOYALTY_LIABILITY_SECRET', value: string) => {
    if (!StrKey.isValidEd25519SecretSeed(value)) throw new ConfigError(name, 'is not a valid Stellar secret seed (its checksum does not match)');
    return Keypair.fromSecret(value);
  };
  const server = seed('STELLAR_SERVER_SECRET', env.STELLAR_SERVER_SECRET!);
  const passphrase = chain.networkPassphrase;
  return {
    rpcUrl: chain.rpcUrl,
    allowHttp: chain.allowHttp,
    networkPassphrase: passphrase,
    escrowContractId: escrow,
    server,
    quoteSigner: env.STELLAR_QUOTE_SECRET ? seed('STELLAR_QUOTE_SECRET', env.STELLAR_QUOTE_SECRET) : server,
    loyaltyLiability: env.LOYALTY_LIABILITY_SECRET ? seed('LOYALTY_LIABILITY_SECRET', env.LOYALTY_LIABILITY_SECRET) : null,
    clearingAddress: env.STELLAR_CLEARING_ADDRESS ?? server.publicKey(),
    explorerUrl: (env.STELLAR_EXPLORER_URL ?? EXPLORERS[passphrase] ?? null)?.replace(/\/+$/, '') ?? null,
  };
}

/** A link to a transaction on the configured explorer, or null. */
export function explorerTxUrl(cfg: Pick<SorobanRailConfig, 'explorerUrl'>, hash: string): string | null {
  return cfg.explorerUrl ? `${cfg.explorerUrl}/tx/${hash}` : null;
}
