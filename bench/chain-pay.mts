// The soroban rail's server path, measured: `npm run bench:chain` (add -- --build after TS changes).
// Starts the Soroban RPC stand-in (tests/support) and the production app on the soroban rail
// (PGlite), holds bookings over HTTP, then times:
//   - GET /bookings/{pnr}                 baseline: the same booking read, no signing
//   - POST /payment-quote                 terms from the database + an ed25519 signature
//   - RPC getTransaction                  baseline: the stand-in answering what the server asks
//   - POST /payments {tx_hash}, first     record + getTransaction + judge + confirm (a real first confirmation)
//   - POST /payments {tx_hash}, again     the replay a retrying browser causes
//   - the client's pay_quoted             simulate → sign → send → poll, against the stand-in
// The stand-in answers NOT_FOUND to the first getTransaction of each hash and closes a ledger
// per transaction, so the client row shows the SDK's polling, not a real network's ~5 s ledgers.
import { randomUUID } from 'node:crypto';
import { contract, Keypair, Networks, rpc } from '@stellar/stellar-sdk';
import escrowSpec from '@/contracts/spec/escrow.json' with { type: 'json' };
import { quoteFromJson, type PaymentQuoteResponse } from '@/lib/payments/soroban/quote-json';
import { mintClerkToken } from '@/e2e/support/clerk';
import { serverEnv } from '@/e2e/support/server-env.mjs';
import { startSorobanRpcStandIn } from '@/tests/support/soroban-rpc-stand-in';
import { ensureBuild, load, printTable, startServer, timeCalls, type Figures } from './harness';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 40);
const PORT = 3410;
const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
const qs = (q: Record<string, unknown>) => new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString();

const passenger = (i: number) => ({ type: 'adult', given_name: `Chain${'abcdefghijklmnopqrstuvwxyz'[i % 26]}`, family_name: 'Bench', date_of_birth: '1980-01-01',
  document: { type: 'passport', number: `C${100000 + i}`, issuing_country: 'GB', expires_on: '2036-01-01' } });
const contact = { email: 'chain@example.com', phone: '+447700900123' };

async function main() {
  const server = Keypair.random();
  const escrowId = 'CBZJQ36RARBUNY2XSIF4OOGXDU3XT25VUSCY4YGVRFT6VPOLCVZO7RVZ';
  const standIn = await startSorobanRpcStandIn({ networkPassphrase: Networks.TESTNET, escrowContractId: escrowId, quoteSigner: server.publicKey(), settler: server.publicKey() });
  const env = {
    ...serverEnv(), SCHEDULE_DAYS: '21', JOBS_SCHEDULER: 'off', PGLITE_DATA_DIR: 'memory://',
    PAYMENT_RAIL: 'soroban', STELLAR_RPC_URL: standIn.url, STELLAR_NETWORK_PASSPHRASE: Networks.TESTNET,
    TRAQORA_CONTRACT_IDS: `escrow=${escrowId}`, STELLAR_SERVER_SECRET: server.secret(),
  };
  ensureBuild(serverEnv());
  const app = await startServer(PORT, env);
  const rows: Figures[] = [];
  try {
    const auth = { authorization: `Bearer ${mintClerkToken(`user_chain_bench_${Date.now()}`)}`, 'content-type': 'application/json' };
    const post = (path: string, body: unknown, extra: Record<string, string> = {}) =>
      fetch(app.url + path, { method: 'POST', headers: { ...auth, ...extra }, body: JSON.stringify(body) });

    // Held bookings across several days, so seats never run out.
    const pnrs: string[] = [];
    for (let d = 5; pnrs.length < PAYMENTS && d < 20; d++) {
      const found = await (await fetch(`${app.url}/api/v1/flights/search?${qs({ from: 'JFK', to: 'LHR', date: day(d), adults: 1, max_stops: 0, limit: 5 })}`)).json();
      for (const o of found.data ?? []) {
        if (pnrs.length >= PAYMENTS) break;
        const res = await post('/api/v1/bookings', { offer_id: o.fare_options[1].id, passengers: [passenger(pnrs.length)], contact }, { 'idempotency-key': randomUUID() });
        if (res.status === 201) pnrs.push((await res.json()).data.pnr);
      }
    }
    const payer = Keypair.random();
    let i = 0;
    rows.push(await load({ label: 'HTTP GET /bookings/{pnr} (baseline)', url: app.url, connections: CONNECTIONS, seconds: SECONDS, headers: auth,
      requests: [{ method: 'GET', setupRequest: (r: object) => ({ ...r, path: `/api/v1/bookings/${pnrs[i++ % pnrs.length]}` }) }] }));
    rows.push(await load({ label: 'HTTP POST /payment-quote', url: app.url, connections: CONNECTIONS, seconds: SECONDS, headers: auth,
      requests: [{ method: 'POST', setupRequest: (r: object) => ({ ...r, path: `/api/v1/bookings/${pnrs[i++ % pnrs.length]}/payment-quote`, body: JSON.stringify({ payer: payer.publicKey() }) }) }] }));

    // Pay each booking on chain as the browser does.
    const hashes: string[] = [];
    rows.push(await timeCalls('client pay_quoted: simulate→sign→send→poll', pnrs.length, async (k) => {
      const q = (await (await post(`/api/v1/bookings/${pnrs[k]}/payment-quote`, { payer: payer.publicKey() })).json()).data as PaymentQuoteResponse;
      // The spec built here, not via lib/stellar/specs: tsx loads that .ts as CommonJS, and XDR
      // values from the SDK's CJS build do not serialise in its ESM build (two copies of the classes).
      const client = new contract.Client(new contract.Spec(escrowSpec), {
        contractId: escrowId, networkPassphrase: Networks.TESTNET, rpcUrl: standIn.url, allowHttp: true, publicKey: payer.publicKey(),
        signTransaction: contract.basicNodeSigner(payer, Networks.TESTNET).signTransaction,
      }) as unknown as { pay_quoted(a: object): Promise<contract.AssembledTransaction<unknown>> };
      const tx = await client.pay_quoted({ quote: quoteFromJson(q.quote), signature: Buffer.from(q.signature, 'hex') });
      await tx.sign();
      hashes.push((await tx.send()).sendTransactionResponse!.hash);
    }));
    const rpcServer = new rpc.Server(standIn.url, { allowHttp: true });
    rows.push(await timeCalls('RPC getTransaction (baseline)', hashes.length, (k) => rpcServer.getTransaction(hashes[k])));
    const confirm = (k: number) => post(`/api/v1/bookings/${pnrs[k]}/payments`, { tx_hash: hashes[k], payer: payer.publicKey() }, { 'idempotency-key': randomUUID() })
      .then(async (r) => { if (r.status !== 201 && r.status !== 200) throw new Error(`confirm ${r.status}: ${await r.text()}`); });
    rows.push(await timeCalls('HTTP POST /payments, first confirmation', hashes.length, confirm));
    rows.push(await load({ label: 'HTTP POST /payments, replayed', url: app.url, connections: CONNECTIONS, seconds: SECONDS, headers: auth,
      requests: [{ method: 'POST', setupRequest: (r: object) => {
        const k = i++ % hashes.length;
        return { ...r, path: `/api/v1/bookings/${pnrs[k]}/payments`, headers: { ...auth, 'idempotency-key': randomUUID() }, body: JSON.stringify({ tx_hash: hashes[k], payer: payer.publicKey() }) };
      } }] }));
  } finally {
    await app.stop();
    await standIn.close();
  }
  printTable(`Traqora soroban rail (PGlite, RPC stand-in) — ${CONNECTIONS} connections × ${SECONDS} s per HTTP row, ${PAYMENTS} payments, ${new Date().toISOString()}`, rows);
  console.log('\nBaselines: the booking read is what the quote adds a signature to; getTransaction is what the confirmation waits on.\n'
    + 'Sequential rows (client, RPC, first confirmation) are one at a time; their req/s is the sequential rate.');
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
