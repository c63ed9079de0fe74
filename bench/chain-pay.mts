// The soroban rail's server path, measured: `npm run bench:chain` (add -- --build after TS changes).
// Starts the devnet (contracts/devnet: the real Soroban host running the contracts' wasm; needs
// `cargo build -p traqora-devnet` and contracts/build-wasm.sh, or TRAQORA_DEVNET_BIN and
// TRAQORA_WASM_DIR) and the production app on the soroban rail (PGlite) with the settings the
// devnet hands out (GET /devnet/env: its escrow, quote key and server signer), holds bookings
// over HTTP, then times:
//   - GET /bookings/{pnr}                 baseline: the same booking read, no signing
//   - POST /payment-quote                 terms from the database + an ed25519 signature
//   - the client's pay_quoted             simulate → sign → send → poll, the real escrow's preflight and apply
//   - RPC getTransaction                  baseline: the devnet answering what the server asks
//   - POST /payments {tx_hash}, first     record + getTransaction + judge + confirm (a real first confirmation)
//   - POST /payments {tx_hash}, again     the replay a retrying browser causes
// Ledgers close every 100 ms (a real network's every ~5 s), so the client row shows the host's
// simulation and application and the SDK's polling, not the wait for a ledger.
import { randomUUID } from 'node:crypto';
import { contract, Keypair, rpc } from '@stellar/stellar-sdk';
import escrowSpec from '@/contracts/spec/escrow.json' with { type: 'json' };
import { quoteFromJson, type PaymentQuoteResponse } from '@/lib/payments/soroban/quote-json';
import { mintClerkToken } from '@/e2e/support/clerk';
import { serverEnv } from '@/e2e/support/server-env.mjs';
import { requireDevnet, startDevnet } from './devnet-process';
import { BENCH_DIST_DIR, ensureBuild, load, printTable, startServer, timeCalls, type Figures } from './harness';

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
  requireDevnet('bench:chain');
  const devnet = await startDevnet(100);
  const passphrase = devnet.manifest.networkPassphrase;
  const escrowId = devnet.manifest.contracts.escrow;
  // serverEnv() names the e2e build's directory: this bench runs its own (ensureBuild)
  const env = { ...serverEnv(), NEXT_DIST_DIR: BENCH_DIST_DIR, SCHEDULE_DAYS: '21', JOBS_SCHEDULER: 'off', PGLITE_DATA_DIR: 'memory://', ...devnet.appEnv };
  ensureBuild(serverEnv());
  const app = await startServer(PORT, env).catch((err: unknown) => {
    devnet.stop();
    throw err;
  });
  const rows: Figures[] = [];
  let booked = 0;
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
    // One paying account: XLM from the friendbot, test USDC minted for every payment.
    booked = pnrs.length;   // the holds the app granted, which can be fewer than BENCH_PAYMENTS
    const payer = Keypair.random();
    const rpcServer = new rpc.Server(devnet.url, { allowHttp: true });
    if ((await rpcServer.fundAddress(payer.publicKey())).status !== rpc.Api.GetTransactionStatus.SUCCESS) throw new Error('friendbot did not fund the payer');
    const minted = await fetch(`${devnet.url}/devnet/mint?addr=${payer.publicKey()}&amount=${BigInt(PAYMENTS) * 10_000n * 10_000_000n}`, { method: 'POST' });
    if (!minted.ok) throw new Error(`devnet mint answered ${minted.status}: ${await minted.text()}`);
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
        contractId: escrowId, networkPassphrase: passphrase, rpcUrl: devnet.url, allowHttp: true, publicKey: payer.publicKey(),
        signTransaction: contract.basicNodeSigner(payer, passphrase).signTransaction,
      }) as unknown as { pay_quoted(a: object): Promise<contract.AssembledTransaction<unknown>> };
      const tx = await client.pay_quoted({ quote: quoteFromJson(q.quote), signature: Buffer.from(q.signature, 'hex') });
      await tx.sign();
      const sent = await tx.send();
      if (sent.getTransactionResponse?.status !== rpc.Api.GetTransactionStatus.SUCCESS) throw new Error(`pay_quoted ${k}: ${sent.getTransactionResponse?.status}`);
      hashes.push(sent.sendTransactionResponse!.hash);
    }));
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
    devnet.stop();
  }
  printTable(`Traqora soroban rail (PGlite, devnet: real host and escrow wasm, ledgers every 100 ms) — ${CONNECTIONS} connections × ${SECONDS} s per HTTP row, ${booked} payments, ${new Date().toISOString()}`, rows);
  console.log('\nBaselines: the booking read is what the quote adds a signature to; getTransaction is what the confirmation waits on.\n'
    + 'Sequential rows (client, RPC, first confirmation) are one at a time; their req/s is the sequential rate.');
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
