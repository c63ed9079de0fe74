// The app's chain calls on the real host, measured: `npm run bench:devnet`.
//
// Starts the devnet (contracts/devnet: soroban-env-host running the contracts' wasm; needs
// `cargo build -p traqora-devnet` and contracts/build-wasm.sh, or TRAQORA_DEVNET_BIN and
// TRAQORA_WASM_DIR) and makes the calls the app makes, the way it makes them:
//   - escrow.pay_quoted with 1, 2 and 4 segments: a platform-signed quote
//     (lib/payments/soroban/quote.ts), simulated, assembled and signed by the passenger, as the
//     browser's contract.Client does (lib/payments/soroban/pay-with-wallet.ts);
//   - escrow.release_payment_to_airline and escrow.settle_cancellation (a partial refund): the
//     server signer through lib/stellar/contracts/invoke.ts, as the settlement job sends them.
// For each call it prints what the host metered when the devnet applied the transaction (CPU
// instructions, memory, the fee charged; GET /devnet/costs) beside the baseline: the contract
// test host's metering of the same call on the same wasm, the "CPU wasm" and "fee wasm" columns
// of contracts/README.md's *Cost report*. Then the wall-clock time of the whole path (build →
// simulate → sign → send → confirmed) as p50/p95/p99.
//
// Why the fees differ: the devnet charges the inclusion fee (100), the transaction-size fee and
// its rent rate (1,000 stroops per KB, not the report's 12,000: contracts/README.md *Local
// devnet*); the report leaves the first two out. CPU should agree within a few per cent (the
// devnet's ledger holds the whole genesis, the test host's only the scenario).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { contract, Keypair, Operation, rpc, TransactionBuilder } from '@stellar/stellar-sdk';
import escrowSpec from '@/contracts/spec/escrow.json' with { type: 'json' };
import { escrow, escrowArgs } from '@/lib/stellar/contracts/escrow';
import { invokeContract } from '@/lib/stellar/contracts/invoke';
import { QUOTED_FLIGHT_BIT, signPaymentQuote, type PaymentQuote } from '@/lib/payments/soroban/quote';
import { requireDevnet, startDevnet } from './devnet-process';
import { percentile } from './harness';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const root = path.resolve(import.meta.dirname, '..');
interface Cost { hash: string; successful: boolean; cpuInsns: number; memBytes: number; feeCharged: number }
interface Sample { hash: string; ms: number }

/** contracts/README.md's cost report: call → [CPU wasm, fee wasm]. */
function costReport(): Map<string, [number, number]> {
  const rows = new Map<string, [number, number]>();
  const report = readFileSync(path.join(root, 'contracts/README.md'), 'utf8').split(/^## Cost report$/m)[1]?.split(/^## /m)[0] ?? '';
  for (const line of report.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 12 || !/^[a-z]/.test(cells[1])) continue;
    const num = (c: string) => Number(c.replace(/,/g, ''));
    rows.set(cells[1], [num(cells[3]), num(cells[11])]);
  }
  return rows;
}

async function main() {
  requireDevnet('bench:devnet');
  const devnet = await startDevnet(100);
  try {
    const { manifest } = devnet;
    const server = new rpc.Server(devnet.url, { allowHttp: true });
    const passphrase = manifest.networkPassphrase;
    const escrowId = manifest.contracts.escrow;
    const platform = Keypair.fromSecret(manifest.accounts.platform.secretSeed);
    const settler = Keypair.fromSecret(manifest.accounts.server.secretSeed);
    const airline = manifest.accounts.airline.publicKey;
    const target = { rpcUrl: devnet.url, networkPassphrase: passphrase, contractId: escrowId };
    let nextId = BigInt(Date.now()) * 1000n;

    /** A funded passenger pays a quote of `segments` bookings; the ids it paid. */
    async function pay(segments: number): Promise<Sample & { ids: bigint[] }> {
      const passenger = Keypair.random();
      await server.fundAddress(passenger.publicKey());
      await fetch(`${devnet.url}/devnet/mint?addr=${passenger.publicKey()}&amount=${100_000n * 10_000_000n}`, { method: 'POST' });
      const now = BigInt(Math.floor(Date.now() / 1000));
      const ids = Array.from({ length: segments }, () => ++nextId);
      const quote: PaymentQuote = {
        escrow: escrowId,
        expires_at: now + 900n,
        items: ids.map((id, i) => ({
          airline, amount: 250_0000000n, arrival: now + BigInt(9 + i) * 86_400n + 30_000n, booking_id: id,
          departure: now + BigInt(9 + i) * 86_400n, flight_id: QUOTED_FLIGHT_BIT | id, flight_number: `TQ${100 + i}`, sponsored: 0n,
        })),
        passenger: passenger.publicKey(),
        sponsor: null,
      };
      const started = performance.now();
      const args = new contract.Spec(escrowSpec).funcArgsToScVals('pay_quoted', { quote, signature: signPaymentQuote(quote, platform) });
      const tx = new TransactionBuilder(await server.getAccount(passenger.publicKey()), { fee: '100', networkPassphrase: passphrase })
        .addOperation(Operation.invokeContractFunction({ contract: escrowId, function: 'pay_quoted', args }))
        .setTimeout(120)
        .build();
      const prepared = await server.prepareTransaction(tx);
      prepared.sign(passenger);
      const sent = await server.sendTransaction(prepared);
      const got = await server.pollTransaction(sent.hash, { attempts: 100, sleepStrategy: () => 25 });
      if (got.status !== rpc.Api.GetTransactionStatus.SUCCESS) throw new Error(`pay_quoted (${segments}): ${got.status}`);
      return { hash: sent.hash, ms: performance.now() - started, ids };
    }

    async function settle(fn: 'release_payment_to_airline' | 'settle_cancellation', id: bigint): Promise<Sample> {
      const started = performance.now();
      const args = fn === 'release_payment_to_airline' ? escrowArgs.release_payment_to_airline(settler.publicKey(), id) : escrowArgs.settle_cancellation(settler.publicKey(), id, 100_0000000n);
      const out = await invokeContract(escrow, target, settler, fn, args as never, { pollMs: 25 });
      if (out.outcome !== 'success') throw new Error(`${fn}: ${out.outcome}`);
      return { hash: out.hash, ms: performance.now() - started };
    }

    const calls: { label: string; baseline: string; samples: Sample[] }[] = [
      { label: 'escrow.pay_quoted (1 segment)', baseline: 'escrow.pay_quoted (1 segment, + receipt mint)', samples: [] },
      { label: 'escrow.pay_quoted (2 segments)', baseline: 'escrow.pay_quoted (2 segments, + receipt mints)', samples: [] },
      { label: 'escrow.pay_quoted (4 segments)', baseline: 'escrow.pay_quoted (4 segments, + receipt mints)', samples: [] },
      { label: 'escrow.release_payment_to_airline', baseline: 'escrow.release_payment_to_airline', samples: [] },
      { label: 'escrow.settle_cancellation (partial)', baseline: 'escrow.settle_cancellation (partial refund)', samples: [] },
    ];
    for (let round = 0; round < ROUNDS; round++) {
      const one = await pay(1);
      calls[0].samples.push(one);
      calls[1].samples.push(await pay(2));
      const four = await pay(4);
      calls[2].samples.push(four);
      calls[3].samples.push(await settle('release_payment_to_airline', one.ids[0]));
      calls[4].samples.push(await settle('settle_cancellation', four.ids[0]));
    }

    const costs = new Map(((await (await fetch(`${devnet.url}/devnet/costs`)).json()) as Cost[]).map((c) => [c.hash, c]));
    const report = costReport();
    const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
    const pct = (a: number, b: number) => (b ? `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(1)}%` : '—');
    const n = (x: number) => Math.round(x).toLocaleString('en-US');
    console.log(`\nThe app's chain calls on the devnet (real host, real wasm), ${ROUNDS} of each; median of the metered figures.`);
    console.log('Baseline: contracts/README.md "Cost report" (the contract test host, same wasm).\n');
    console.log(['call'.padEnd(38), 'CPU devnet', 'CPU report', 'Δ CPU', 'memory', 'fee devnet', 'fee report', 'ms p50', 'ms p95', 'ms p99'].map((h, i) => (i ? h.padStart(12) : h)).join(''));
    for (const c of calls) {
      const metered = c.samples.map((s) => costs.get(s.hash)!);
      const cpu = median(metered.map((m) => m.cpuInsns));
      const [baseCpu, baseFee] = report.get(c.baseline) ?? [NaN, NaN];
      const ms = c.samples.map((s) => s.ms).sort((a, b) => a - b);
      console.log([c.label.padEnd(38), n(cpu), n(baseCpu), pct(cpu, baseCpu), n(median(metered.map((m) => m.memBytes))), n(median(metered.map((m) => m.feeCharged))),
        n(baseFee), percentile(ms, 50).toFixed(0), percentile(ms, 95).toFixed(0), percentile(ms, 99).toFixed(0)].map((v, i) => (i ? v.padStart(12) : v)).join(''));
    }
    console.log('\nms: build → simulate → sign → send → confirmed, ledgers closing every 100 ms.');
  } finally {
    devnet.stop();
  }
}

await main();
