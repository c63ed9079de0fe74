// The Soroban RPC stand-in as a process, for Playwright's webServer list:
//
//   npx tsx tests/support/soroban-rpc-server.mts
//
// Environment: SOROBAN_STAND_IN_PORT (default 8787), SOROBAN_STAND_IN_HOST (default 127.0.0.1),
// STELLAR_NETWORK_PASSPHRASE, ESCROW_CONTRACT_ID, QUOTE_SIGNER and SETTLER (G… public keys), and
// optionally ESCROW_FEE_BPS, ESCROW_SETTLEMENT_WINDOW. `GET /` answers 200 once it listens (the
// URL for webServer to poll); /__control/… steers it (see soroban-rpc-stand-in.ts). SIGTERM or
// SIGINT closes it and exits 0, so Playwright's graceful shutdown sees a clean exit.
import { startSorobanRpcStandIn } from './soroban-rpc-stand-in';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`soroban rpc stand-in: ${name} is required`);
    process.exit(2);
  }
  return value;
}

const optionalNumber = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

const standIn = await startSorobanRpcStandIn({
  port: optionalNumber('SOROBAN_STAND_IN_PORT') ?? 8787,
  host: process.env.SOROBAN_STAND_IN_HOST || undefined,
  networkPassphrase: required('STELLAR_NETWORK_PASSPHRASE'),
  escrowContractId: required('ESCROW_CONTRACT_ID'),
  quoteSigner: required('QUOTE_SIGNER'),
  settler: required('SETTLER'),
  feeBps: optionalNumber('ESCROW_FEE_BPS'),
  settlementWindow: optionalNumber('ESCROW_SETTLEMENT_WINDOW'),
});
console.log(`soroban rpc stand-in listening on ${standIn.url}`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void standIn.close().then(() => process.exit(0));
  });
}
