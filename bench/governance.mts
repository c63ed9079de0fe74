// Governance at scale, measured on the database functions the API calls: `npm run bench:governance`.
// A proposal with 10,000 votes (cast through governance_cast_vote, each weighed at the snapshot),
// then, each against its raw SQL baseline:
//   - tally: governance_proposal (the running tally the page reads)  vs  a GROUP BY recount of the votes
//   - the recount as governance_tally_check runs it (running = recount is checked too)
//   - votes by power, first page and deep cursor pages (governance_votes)  vs  the bare ORDER BY … LIMIT
// On a PostgreSQL server when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (a fresh database is
// created and dropped), else PGlite in memory. BENCH_VOTES changes the 10,000; BENCH_READS the samples.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openSqlDatabase } from '@/lib/db/open';
import { printTable, timeCalls, type Figures } from './harness';

const VOTES = Number(process.env.BENCH_VOTES ?? 10_000);
const READS = Number(process.env.BENCH_READS ?? 300);
const TRQ = 10_000_000n;

async function main() {
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  let connectionString: string | undefined;
  let drop = async () => {};
  if (server) {
    const name = `tq_bench_gov_${randomBytes(4).toString('hex')}`;
    const admin = async (sql: string) => { const c = new pg.Client({ connectionString: server }); await c.connect(); try { await c.query(sql); } finally { await c.end(); } };
    await admin(`create database ${name}`);
    const u = new URL(server);
    u.pathname = `/${name}`;
    connectionString = u.toString();
    drop = () => admin(`drop database if exists ${name} with (force)`);
  }
  const db = await openSqlDatabase({ driver: server ? 'postgres' : 'pglite', connectionString, dataDir: 'memory://', migrate: true, poolSize: 4 });
  const sql = db.sql;
  const rows: Figures[] = [];
  try {
    console.log(`${VOTES} voters on ${server ? 'PostgreSQL' : 'PGlite'}: seeding…`);
    const boss = (await db.call<{ id: string }>('upsert_dev_persona', { role: 'admin', name: 'Bench Admin' })).id;
    const proposer = (await db.call<{ id: string }>('upsert_dev_persona', { role: 'traveller', name: 'Bench Proposer' })).id;
    // Voters as plain users (no persona events needed), TRQ through the real distribution, 50 a batch.
    const voters = (await sql.query<{ id: string }>(
      `insert into traqora.users (display_name) select 'Voter ' || g from generate_series(1, $1) g returning id`, [VOTES])).map((r) => r.id);
    const ctx = { actor: boss, role: 'admin', reason: null, ip: null, request_id: 'bench' };
    await db.call('trq_distribute', { ctx, reason: 'bench proposer', recipients: [{ user_id: proposer, amount: (2000n * TRQ).toString() }] });
    for (let i = 0; i < voters.length; i += 50) {
      await db.call('trq_distribute', { ctx, reason: 'bench voters', recipients: voters.slice(i, i + 50).map((id, k) => ({ user_id: id, amount: (BigInt(1 + ((i + k) * 7919) % 5000) * TRQ).toString() })) });
    }
    const { id } = await db.call<{ id: number }>('governance_create_proposal', { proposer, kind: 'signal', title: 'Bench', body: '', changes: null, idempotency_key: null, request_hash: null });
    await db.call('governance_advance_clock', { seconds: 86_400 + 60 });

    const supports = ['for', 'against', 'abstain'] as const;
    rows.push(await timeCalls('cast vote (governance_cast_vote)', voters.length, (i) => db.call('governance_cast_vote', {
      voter: voters[i], id, support: supports[i % 3], reason: i % 10 === 0 ? 'Because.' : null,
      address: 'G' + 'A'.repeat(55), message: `bench vote ${i}`, signature: randomBytes(64).toString('base64'),
    })));

    rows.push(await timeCalls('tally: governance_proposal (running)', READS, () => db.call('governance_proposal', { id, viewer: voters[0] })));
    rows.push(await timeCalls('tally baseline: raw SQL GROUP BY recount', READS, () =>
      sql.query('select support, sum(weight) as weight, count(*) from traqora.proposal_votes where proposal_id = $1 group by support', [id])));
    const check = await db.call<{ running: object; recount: object }>('governance_tally_check', { id });
    if (JSON.stringify(check.running) !== JSON.stringify(check.recount)) throw new Error(`tally mismatch: ${JSON.stringify(check)}`);
    rows.push(await timeCalls('tally: governance_tally_check (recount)', READS, () => db.call('governance_tally_check', { id })));

    rows.push(await timeCalls('votes by power, page 1 (governance_votes)', READS, () => db.call('governance_votes', { id, sort: 'power', cursor: null, limit: 50 })));
    rows.push(await timeCalls('votes baseline: raw SQL ORDER BY LIMIT 50', READS, () =>
      sql.query('select * from traqora.proposal_votes where proposal_id = $1 order by weight desc, id desc limit 51', [id])));
    // cursors spread through the list: the keyset page costs the same deep as shallow
    const cursors = (await sql.query<{ c: string }>(
      `select weight || ':' || id as c from traqora.proposal_votes where proposal_id = $1 order by weight desc, id desc`, [id])).map((r) => r.c);
    rows.push(await timeCalls('votes by power, deep cursor pages', READS, (i) =>
      db.call('governance_votes', { id, sort: 'power', cursor: cursors[Math.floor((i / READS) * (cursors.length - 1))], limit: 50 })));
    rows.push(await timeCalls('votes baseline: raw SQL keyset page', READS, (i) => {
      const [w, v] = cursors[Math.floor((i / READS) * (cursors.length - 1))].split(':');
      return sql.query('select * from traqora.proposal_votes where proposal_id = $1 and (weight, id) < ($2, $3) order by weight desc, id desc limit 51', [id, w, v]);
    }));
    printTable(`Governance, ${VOTES} votes on one proposal (${server ? 'PostgreSQL' : 'PGlite'}), ms`, rows);
  } finally {
    await db.close();
    await drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
