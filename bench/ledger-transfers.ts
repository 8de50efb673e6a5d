// Ledger throughput on PostgreSQL: many customers paying providers at once, every payment
// split with the platform's one commission account (a hot row), with idempotent replays
// mixed in. Prints progress, then one JSON line.
//   npm run bench:ledger            (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
//   BENCH_SECONDS=10 BENCH_CONCURRENCY=32 npm run bench:ledger
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { openDatabase } from "../db/client.ts";
import { runMaintenanceStatement as admin } from "../db/run-maintenance-statement.ts";
import { users } from "../db/schema.ts";
import { ensureSystemAccount, ensureUserAccount } from "../server/domain/ledger/ledger-accounts.ts";
import { postTransfer } from "../server/domain/ledger/post-transfer.ts";
import { splitCommission } from "../server/domain/ledger/split-commission.ts";
import { verifyLedger } from "../server/domain/ledger/verify-ledger.ts";
import { withTransaction } from "../server/domain/ledger/with-transaction.ts";

const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const pairs = Number(process.env.BENCH_PAIRS ?? 200);
const replayShare = 0.1;
const BLOCK_MINOR = 150_000n;
const MAX_OPERATIONS = 1_000_000;

const dbName = `tweeps_bench_${randomBytes(4).toString("hex")}`;
await admin(serverUrl, `CREATE DATABASE ${dbName}`);
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;
const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: "", poolSize: concurrency });
const { db } = handle;
try {
  console.error(`setting up ${pairs} customer/provider pairs in ${dbName}…`);
  const commission = await ensureSystemAccount(db, "commission", "RUB");
  const clearing = await ensureSystemAccount(db, "payment_clearing", "RUB");
  const sessions: { customer: number; provider: number; nextBlock: number }[] = [];
  for (let i = 0; i < pairs; i++) {
    const [customer, provider] = await db
      .insert(users)
      .values([{ phone: `+7990${String(i).padStart(7, "0")}` }, { phone: `+7991${String(i).padStart(7, "0")}` }])
      .returning({ id: users.id });
    const customerAccount = await ensureUserAccount(db, customer!.id, "RUB");
    await withTransaction(db, (tx) =>
      postTransfer(tx, {
        idempotencyKey: `bench-fund:${i}`,
        kind: "top_up",
        legs: [
          { accountId: clearing, amountMinor: -BLOCK_MINOR * 100_000n },
          { accountId: customerAccount, amountMinor: BLOCK_MINOR * 100_000n },
        ],
      }),
    );
    sessions.push({ customer: customerAccount, provider: await ensureUserAccount(db, provider!.id, "RUB"), nextBlock: 0 });
  }
  const deadlocksBefore = await deadlockCount();

  const { commissionMinor, netMinor } = splitCommission(BLOCK_MINOR, 20);
  const latencies: number[] = [];
  let charges = 0;
  let replays = 0;
  let replaysApplied = 0;
  let failures = 0;
  let operations = 0;
  const deadline = performance.now() + seconds * 1000;
  console.error(`charging for ${seconds} s with ${concurrency} concurrent workers…`);

  const charge = (sessionIndex: number, block: number) => {
    const session = sessions[sessionIndex]!;
    return withTransaction(db, (tx) =>
      postTransfer(tx, {
        idempotencyKey: `bench-charge:${sessionIndex}:${block}`,
        kind: "charge",
        legs: [
          { accountId: session.customer, amountMinor: -BLOCK_MINOR },
          { accountId: session.provider, amountMinor: netMinor },
          { accountId: commission, amountMinor: commissionMinor },
        ],
      }),
    );
  };

  const worker = async (id: number) => {
    for (let n = id; performance.now() < deadline && operations < MAX_OPERATIONS; n += concurrency) {
      operations++;
      const sessionIndex = n % pairs;
      const session = sessions[sessionIndex]!;
      const replay = session.nextBlock > 0 && Math.random() < replayShare;
      const block = replay ? Math.floor(Math.random() * session.nextBlock) : session.nextBlock++;
      const started = performance.now();
      try {
        const result = await charge(sessionIndex, block);
        latencies.push(performance.now() - started);
        if (replay) {
          replays++;
          if (!result.replayed) replaysApplied++;
        } else charges++;
      } catch (error) {
        failures++;
        console.error(error);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, id) => worker(id)));
  const elapsedSeconds = (performance.now() - started) / 1000;

  const [doubles] = (
    (await db.execute(sql`
      SELECT count(*)::int AS n FROM (
        SELECT idempotency_key FROM ledger_transactions WHERE kind = 'charge'
        GROUP BY idempotency_key HAVING count(*) > 1) d`)) as unknown as { rows: { n: number }[] }
  ).rows;
  const [chargeRows] = ((await db.execute(sql`SELECT count(*)::int AS n FROM ledger_transactions WHERE kind = 'charge'`)) as unknown as {
    rows: { n: number }[];
  }).rows;
  const report = await verifyLedger(db);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  console.log(
    JSON.stringify({
      bench: "ledger-transfers",
      seconds: Math.round(elapsedSeconds * 10) / 10,
      concurrency,
      pairs,
      chargesPerSecond: Math.round(charges / elapsedSeconds),
      replays,
      p50Ms: Math.round(pct(0.5) * 10) / 10,
      p99Ms: Math.round(pct(0.99) * 10) / 10,
      failures,
      deadlocks: (await deadlockCount()) - deadlocksBefore,
      // A replay that moved money, or a charge key present twice, is a double charge.
      doubleCharges: replaysApplied + (doubles?.n ?? 0) + Math.max(0, (chargeRows?.n ?? 0) - charges),
      ledgerSum: report.accountsSumMinor,
      ledgerOk: report.ok,
    }),
  );
} finally {
  await handle.close();
  await admin(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}

async function deadlockCount(): Promise<number> {
  const result = await admin(serverUrl, `SELECT deadlocks FROM pg_stat_database WHERE datname = '${dbName}'`);
  return Number(result.rows[0]?.deadlocks ?? 0);
}
