import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Keypair, Operation, TransactionBuilder, rpc, scValToNative } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEvent } from '@/lib/stellar/events';
import { sorobanRailConfig } from '@/lib/payments/soroban/config';
import { QUOTED_FLIGHT_BIT, signPaymentQuote, type PaymentQuote } from '@/lib/payments/soroban/quote';
import { contractSpec } from '@/lib/stellar/specs';

// The devnet (contracts/devnet: the real Soroban host running the contracts' wasm) driven the way
// the app drives a network: @stellar/stellar-sdk's rpc.Server funds an account through the
// friendbot, simulates pay_quoted, assembles and signs it, sends it, polls getTransaction and
// reads the escrow's events, which the app's indexer decoder must name like the fixtures.
// Needs the binary (cargo build -p traqora-devnet, or `cargo test --workspace`) and the wasm
// (contracts/build-wasm.sh); skipped with the reason when either is missing.

const root = path.resolve(__dirname, '../..');
const bin = process.env.TRAQORA_DEVNET_BIN ?? path.join(root, 'contracts/target/debug/traqora-devnet');
const wasmDir = process.env.TRAQORA_WASM_DIR ?? path.join(root, 'contracts/target/wasm');
const missing = !existsSync(bin)
  ? `the devnet binary is not built (${bin}): cd contracts && cargo build -p traqora-devnet`
  : !existsSync(path.join(wasmDir, 'traqora_escrow.wasm'))
    ? `the contracts' wasm is not built (${wasmDir}): contracts/build-wasm.sh`
    : null;
if (missing) console.warn(`skipping the devnet tests: ${missing}`);

interface Manifest {
  networkPassphrase: string;
  accounts: Record<string, { publicKey: string; secretSeed: string }>;
  asset: { code: string; issuer: string; contractId: string };
  contracts: Record<string, string>;
  missing: string[];
}

/** A TransactionResult's code (txBadAuth, …), read the way lib/payments/soroban/verify.ts reads it. */
const resultCode = (r: unknown) => (r as { result?: { type?: string } } | undefined)?.result?.type;

let devnet: ChildProcess | undefined;
let base = '';
let state = '';
let manifest: Manifest;
let server: rpc.Server;

async function start(args: string[]): Promise<string> {
  devnet = spawn(bin, ['--port', '0', '--close-ms', '250', '--wasm-dir', wasmDir, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: devnet.stdout! });
  for await (const line of lines) {
    const m = /listening on (http:\/\/\S+)/.exec(line);
    if (m) return m[1];
  }
  throw new Error('the devnet exited before listening');
}

async function stop() {
  if (!devnet || devnet.exitCode !== null) return;
  const exited = new Promise((resolve) => devnet!.once('exit', resolve));
  devnet.kill('SIGTERM');
  await exited;
}

describe.skipIf(missing !== null)('devnet: the real host behind rpc.Server', () => {
  beforeAll(async () => {
    state = path.join(mkdtempSync(path.join(tmpdir(), 'traqora-devnet-')), 'state.json');
    base = await start(['--state', state]);
    manifest = await (await fetch(`${base}/devnet`)).json();
    server = new rpc.Server(base, { allowHttp: true });
  }, 300_000);

  afterAll(async () => {
    await stop();
    if (state) rmSync(path.dirname(state), { recursive: true, force: true });
  });

  it('answers as a network: health, passphrase, a ledger that moves on', async () => {
    expect((await server.getHealth()).status).toBe('healthy');
    const network = await server.getNetwork();
    expect(network.passphrase).toBe(manifest.networkPassphrase);
    expect(network.friendbotUrl).toBe(`${base}/friendbot`);
    const first = (await server.getLatestLedger()).sequence;
    await new Promise((r) => setTimeout(r, 600));
    expect((await server.getLatestLedger()).sequence).toBeGreaterThan(first);
    expect(manifest.missing).toEqual([]);
    expect(Object.keys(manifest.contracts).sort()).toEqual(['airline', 'disputes', 'escrow', 'governor', 'loyalty', 'multisig', 'oracle', 'receipts', 'trq']);
  });

  it('pays a platform-signed quote into the escrow and the indexer reads its events', async () => {
    const passenger = Keypair.random();
    const funded = await server.fundAddress(passenger.publicKey());
    expect(funded.status).toBe(rpc.Api.GetTransactionStatus.SUCCESS);
    const mint = await fetch(`${base}/devnet/mint?addr=${passenger.publicKey()}&amount=5000000000`, { method: 'POST' });
    expect(mint.status).toBe(200);

    const escrow = manifest.contracts.escrow;
    const now = BigInt(Math.floor(Date.now() / 1000));
    const bookingId = BigInt(Date.now()) * 1000n + BigInt(Math.floor(Math.random() * 1000));
    const quote: PaymentQuote = {
      escrow,
      expires_at: now + 900n,
      items: [{
        airline: manifest.accounts.airline.publicKey,
        amount: 250_0000000n,
        arrival: now + 10n * 86_400n,
        booking_id: bookingId,
        departure: now + 9n * 86_400n,
        flight_id: QUOTED_FLIGHT_BIT | 42n,
        flight_number: 'TQ100',
        sponsored: 0n,
      }],
      passenger: passenger.publicKey(),
      sponsor: null,
    };
    const platform = Keypair.fromSecret(manifest.accounts.platform.secretSeed);
    const args = contractSpec('escrow').funcArgsToScVals('pay_quoted', { quote, signature: signPaymentQuote(quote, platform) });
    const account = await server.getAccount(passenger.publicKey());
    const tx = new TransactionBuilder(account, { fee: '100', networkPassphrase: manifest.networkPassphrase })
      .addOperation(Operation.invokeContractFunction({ contract: escrow, function: 'pay_quoted', args }))
      .setTimeout(120)
      .build();

    const sim = await server.simulateTransaction(tx);
    if (!rpc.Api.isSimulationSuccess(sim)) throw new Error(`simulation failed: ${JSON.stringify(sim)}`);
    expect(Number(sim.minResourceFee)).toBeGreaterThan(0);
    expect(sim.transactionData.getReadWrite().length).toBeGreaterThan(3); // booking, balances, receipt, …

    const prepared = rpc.assembleTransaction(tx, sim).build();
    // a wrong key is refused at the door
    const forged = TransactionBuilder.fromXDR(prepared.toXDR(), manifest.networkPassphrase);
    forged.sign(Keypair.random());
    const refused = await server.sendTransaction(forged);
    expect(refused.status).toBe('ERROR');
    expect(resultCode(refused.errorResult)).toBe('txBadAuth');

    prepared.sign(passenger);
    const sent = await server.sendTransaction(prepared);
    expect(sent.status).toBe('PENDING');
    const got = await server.pollTransaction(sent.hash, { attempts: 40, sleepStrategy: () => 250 });
    if (got.status !== rpc.Api.GetTransactionStatus.SUCCESS) throw new Error(`payment ${got.status}: ${JSON.stringify(got)}`);
    const bookings = scValToNative(got.returnValue!) as { id: bigint; amount: bigint; passenger: string }[];
    expect(bookings).toHaveLength(1);
    expect(bookings[0]).toMatchObject({ id: bookingId, amount: 250_0000000n, passenger: passenger.publicKey() });

    const page = await server.getEvents({ startLedger: got.ledger, filters: [{ type: 'contract', contractIds: [escrow] }] });
    const paid = page.events.map((e) => parseEvent({
      type: e.type, id: e.id, ledger: e.ledger, ledgerClosedAt: e.ledgerClosedAt, contractId: e.contractId?.toString() ?? '',
      txHash: e.txHash, topic: e.topic.map((t) => t.toXDR('base64')), value: e.value.toXDR('base64'),
      inSuccessfulContractCall: e.inSuccessfulContractCall,
    })).filter((e) => e.txHash === sent.hash);
    expect(paid.map((e) => e.event)).toContain('BookingPaid');
    const ev = paid.find((e) => e.event === 'BookingPaid')!;
    expect(ev).toMatchObject({ contract: 'escrow', action: 'paid', bookingId: String(bookingId) });

    // sent again once applied, its sequence number is used: refused as a validator refuses it
    const replay = await server.sendTransaction(prepared);
    expect(replay.status).toBe('ERROR');
    expect(resultCode(replay.errorResult)).toBe('txBadSeq');
  }, 120_000);

  it('prints the settings that put the app\'s soroban rail on it', async () => {
    const text = await (await fetch(`${base}/devnet/env`)).text();
    const env = Object.fromEntries(text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const cfg = sorobanRailConfig(env);
    expect(cfg).toMatchObject({ rpcUrl: base, allowHttp: true, networkPassphrase: manifest.networkPassphrase, escrowContractId: manifest.contracts.escrow });
    expect(cfg!.quoteSigner.publicKey()).toBe(manifest.accounts.platform.publicKey);
    expect(cfg!.server.publicKey()).toBe(manifest.accounts.server.publicKey);
  });

  it('comes back from its state file with the same ledger', async () => {
    const before = await (await fetch(`${base}/devnet/costs`)).json() as { hash: string }[];
    const last = before[before.length - 1].hash;
    const sequence = (await server.getLatestLedger()).sequence;
    await new Promise((r) => setTimeout(r, 300));
    await stop();
    base = await start(['--state', state]);
    server = new rpc.Server(base, { allowHttp: true });
    expect((await server.getLatestLedger()).sequence).toBeGreaterThanOrEqual(sequence - 30);
    const again = await server.getTransaction(last);
    expect(again.status).toBe(rpc.Api.GetTransactionStatus.SUCCESS);
    expect((await (await fetch(`${base}/devnet`)).json()).contracts).toEqual(manifest.contracts);
  }, 120_000);
});
