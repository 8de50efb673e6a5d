// Block charges on PostgreSQL through the path production takes: live consultation
// sessions, each advanced one block at a time by `advanceSession` inside a transaction with
// the session row locked, many sessions at once (every charge also credits the platform's
// commission), with replays of already charged blocks through `chargeBlock` mixed in.
// Prints progress on stderr, then one JSON line on stdout.
//   npm run bench:ledger            (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
//   BENCH_SECONDS=10 BENCH_WARMUP_SECONDS=3 BENCH_CONCURRENCY=16 BENCH_SESSIONS=400 BENCH_BYSTANDERS=20000 npm run bench:ledger
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { openDatabase, type Database } from "../db/client.ts";
import { runMaintenanceStatement as admin } from "../db/run-maintenance-statement.ts";
import { openConsultationOrderRow, publishedTweepRow, userRow } from "../db/row-factory.ts";
import { consultationSessions, ledgerAccounts, orders, tweeps, users } from "../db/schema.ts";
import { ensureSystemAccount, ensureUserAccount } from "../server/domain/ledger/ledger-accounts.ts";
import { postTransfer } from "../server/domain/ledger/post-transfer.ts";
import { verifyLedger } from "../server/domain/ledger/verify-ledger.ts";
import { withTransaction } from "../db/with-transaction.ts";
import { advanceSession } from "../server/domain/sessions/advance-session.ts";
import { chargeBlock } from "../server/domain/sessions/session-money.ts";
import { readProcessCpuMs } from "./process-cpu.ts";
import { loadConfig } from "../server/env.ts";

const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const sessionCount = Math.max(concurrency, Number(process.env.BENCH_SESSIONS ?? 400));
const replayShare = Number(process.env.BENCH_REPLAY_SHARE ?? 0.1);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
// Users who are not in a session now: a platform's tables are larger than its live sessions,
// and PostgreSQL plans differently for a table of a few hundred rows.
const bystanderCount = Number(process.env.BENCH_BYSTANDERS ?? 20_000);
const PRICE_MINOR = 150_000n;
// Enough for every block a session could be charged in any run of this length.
const FUND_MINOR = PRICE_MINOR * 1_000_000n;
const BATCH = 500;

// Production defaults: 15-minute blocks, 20 % commission.
const config = loadConfig({});
const blockMs = config.billing.blockSeconds * 1000;
const clockStartedAt = new Date(Date.UTC(2026, 0, 1));

type BenchSession = { id: string; orderId: string; customerId: string; charged: number };

const dbName = `tweeps_bench_${randomBytes(4).toString("hex")}`;
await admin(serverUrl, `CREATE DATABASE ${dbName}`);
const url = new URL(serverUrl);
url.pathname = `/${dbName}`;
const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: "", poolSize: concurrency }).catch(async (error: unknown) => {
  // A database the migrations failed on would otherwise be left behind.
  await admin(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  throw error;
});
const { db } = handle;
try {
  console.error(`setting up ${sessionCount} live sessions in ${dbName}…`);
  const sessions = await createLiveSessions(db);

  // Block k of a session falls due one millisecond after its boundary (block 0 at the clock),
  // so "now" just past it makes `advanceSession` owe exactly one more block.
  const advance = (session: BenchSession) => {
    const now = new Date(clockStartedAt.getTime() + session.charged * blockMs + 1);
    return withTransaction(db, (tx) => advanceSession(tx, config, session.id, now));
  };
  // A replay is a late process charging a block that is already paid, with the session row
  // locked as the metering loop would: the ledger's idempotency key must make it move nothing.
  const replay = (session: BenchSession, index: number) =>
    withTransaction(db, async (tx) => {
      const [row] = await tx.select().from(consultationSessions).where(eq(consultationSessions.id, session.id)).for("update");
      await chargeBlock(tx, config, row!, index, new Date(clockStartedAt.getTime() + index * blockMs));
    });

  /** Every worker charges its own sessions until the deadline, as one metering loop owns the rows it locked. */
  const charge = async (phaseSeconds: number, onProgress?: (done: { charges: number; replays: number }) => void) => {
    const done = { charges: 0, replays: 0, failures: 0, latencies: [] as number[], elapsedSeconds: 0 };
    const deadline = performance.now() + phaseSeconds * 1000;
    const worker = async (id: number) => {
      const own = sessions.filter((_, index) => index % concurrency === id);
      for (let n = 0; performance.now() < deadline; n++) {
        const session = own[n % own.length]!;
        const isReplay = session.charged > 0 && Math.random() < replayShare;
        const started = performance.now();
        try {
          if (isReplay) {
            await replay(session, Math.floor(Math.random() * session.charged));
            done.replays++;
          } else {
            const change = await advance(session);
            if (change?.charged !== 1) throw new Error(`session ${session.id} charged ${change?.charged ?? "nothing"}, expected one block`);
            session.charged++;
            done.charges++;
          }
          done.latencies.push(performance.now() - started);
        } catch (error) {
          done.failures++;
          if (done.failures <= 5) console.error(error);
        }
      }
    };
    const progress = onProgress && setInterval(() => onProgress(done), 2000);
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, (_, id) => worker(id)));
    done.elapsedSeconds = (performance.now() - started) / 1000;
    if (progress) clearInterval(progress);
    return done;
  };

  // A fresh database has almost no ledger yet, and plans PostgreSQL caches per connection
  // (the foreign-key checks' among them) would scan tables that then grow under the run.
  // Production has history and autovacuum's statistics: charge a while, then ANALYZE.
  console.error(`warming up for ${warmupSeconds} s…`);
  await charge(warmupSeconds);
  await db.execute(sql`ANALYZE`);
  const deadlocksBefore = await deadlockCount();
  const backends = await openAllConnections(db);
  const dbCpuBefore = readProcessCpuMs(backends);
  const nodeCpuBefore = process.cpuUsage();

  console.error(`charging for ${seconds} s with ${concurrency} concurrent workers, ${Math.round(replayShare * 100)} % replays…`);
  const startedAt = performance.now();
  const { charges, replays, failures, latencies, elapsedSeconds } = await charge(seconds, (done) =>
    console.error(`  ${Math.round((performance.now() - startedAt) / 1000)} s: ${done.charges} charges, ${done.replays} replays`),
  );
  const nodeCpu = process.cpuUsage(nodeCpuBefore);
  const dbCpuAfter = readProcessCpuMs(backends);
  const perCharge = (ms: number | null) => (ms === null || charges === 0 ? null : Math.round((ms / (charges + replays)) * 100) / 100);

  console.error("reading the ledger back…");
  const audit = await auditCharges(db, sessions);
  const report = await verifyLedger(db);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0) * 10) / 10;
  console.log(
    JSON.stringify({
      bench: "session-block-charges",
      seconds: Math.round(elapsedSeconds * 10) / 10,
      concurrency,
      sessions: sessionCount,
      bystanders: bystanderCount,
      charges,
      chargesPerSecond: Math.round(charges / elapsedSeconds),
      replays,
      p50Ms: pct(0.5),
      p99Ms: pct(0.99),
      failures,
      // CPU per operation (charge or replay) is steadier than the rate on a shared machine.
      nodeCpuMsPerOp: perCharge((nodeCpu.user + nodeCpu.system) / 1000),
      dbCpuMsPerOp: perCharge(dbCpuBefore === null || dbCpuAfter === null ? null : dbCpuAfter - dbCpuBefore),
      deadlocks: (await deadlockCount()) - deadlocksBefore,
      doubleCharges: audit.doubleCharges,
      missingCharges: audit.missingCharges,
      commissionOk: audit.commissionOk,
      ledgerSum: report.accountsSumMinor,
      ledgerOk: report.ok,
    }),
  );
} finally {
  await handle.close();
  await admin(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}

/** Bystanders; then customers, providers, published consultations, open orders, and one live session each. */
async function createLiveSessions(db: Database): Promise<BenchSession[]> {
  for (let start = 0; start < bystanderCount; start += BATCH) {
    const size = Math.min(BATCH, bystanderCount - start);
    const phones = Array.from({ length: size }, (_, i) => userRow(`+7992${String(start + i).padStart(7, "0")}`));
    const bystanders = await db.insert(users).values(phones).returning({ id: users.id });
    await db.insert(ledgerAccounts).values(bystanders.map((user) => ({ kind: "user" as const, userId: user.id, currency: config.currency })));
  }
  const clearing = await ensureSystemAccount(db, "payment_clearing", config.currency);
  const sessions: BenchSession[] = [];
  for (let start = 0; start < sessionCount; start += BATCH) {
    const size = Math.min(BATCH, sessionCount - start);
    const phones = (prefix: string) => Array.from({ length: size }, (_, i) => userRow(`${prefix}${String(start + i).padStart(7, "0")}`));
    const customers = await db.insert(users).values(phones("+7990")).returning({ id: users.id });
    const providers = await db.insert(users).values(phones("+7991")).returning({ id: users.id });
    const customerAccounts: number[] = [];
    for (let i = 0; i < size; i++) {
      customerAccounts.push(await ensureUserAccount(db, customers[i]!.id, config.currency));
      await ensureUserAccount(db, providers[i]!.id, config.currency);
    }
    await withTransaction(db, (tx) =>
      postTransfer(tx, {
        idempotencyKey: `bench-fund:${start}`,
        kind: "top_up",
        legs: [
          { accountId: clearing, amountMinor: -FUND_MINOR * BigInt(size) },
          ...customerAccounts.map((accountId) => ({ accountId, amountMinor: FUND_MINOR })),
        ],
      }),
    );
    const title = { en: "Consultation" };
    const listed = await db
      .insert(tweeps)
      .values(
        providers.map((provider) =>
          publishedTweepRow(provider.id, {
            title,
            description: { en: "A bench consultation" },
            category: "other",
            videoPriceMinor: PRICE_MINOR,
            publishedAt: clockStartedAt,
          }),
        ),
      )
      .returning({ id: tweeps.id, providerId: tweeps.providerId, title: tweeps.title });
    const placed = await db
      .insert(orders)
      .values(
        listed.map((tweep, i) =>
          // A later session: every block, block 0 included, is paid from the customer's account.
          openConsultationOrderRow(tweep, customers[i]!.id, PRICE_MINOR, { prepaidBlockUsed: true }),
        ),
      )
      .returning({ id: orders.id, customerId: orders.customerId, providerId: orders.providerId });
    const live = await db
      .insert(consultationSessions)
      .values(
        placed.map((order) => ({
          orderId: order.id,
          customerId: order.customerId,
          providerId: order.providerId,
          medium: "video" as const,
          status: "live" as const,
          blockPriceMinor: PRICE_MINOR,
          ringExpiresAt: clockStartedAt,
          answeredAt: clockStartedAt,
          clockStartedAt,
          nextChargeAt: clockStartedAt,
        })),
      )
      .returning({ id: consultationSessions.id, orderId: consultationSessions.orderId, customerId: consultationSessions.customerId });
    sessions.push(...live.map((row) => ({ ...row, charged: 0 })));
  }
  return sessions;
}

/**
 * Reads what the ledger holds for every session: each block key once, each customer debited
 * exactly the blocks this run charged × the price, the session's counter agreeing, and the
 * commission accounts holding the commission of every block.
 */
async function auditCharges(db: Database, sessions: BenchSession[]) {
  const rows = ((await db.execute(sql`
    WITH blocks AS (
      SELECT order_id, count(*)::int AS transactions, count(DISTINCT idempotency_key)::int AS keys
      FROM ledger_transactions WHERE kind = 'session_block' GROUP BY order_id
    ),
    debits AS (
      SELECT t.order_id, a.user_id, -SUM(e.amount_minor) AS debited_minor
      FROM ledger_entries e
      JOIN ledger_transactions t ON t.id = e.transaction_id
      JOIN ledger_accounts a ON a.id = e.account_id
      WHERE t.kind = 'session_block' AND e.amount_minor < 0
      GROUP BY t.order_id, a.user_id
    )
    SELECT s.id, s.blocks_charged, COALESCE(b.transactions, 0) AS transactions, COALESCE(b.keys, 0) AS keys,
           COALESCE(d.debited_minor, 0)::text AS debited_minor
    FROM consultation_sessions s
    LEFT JOIN blocks b ON b.order_id = s.order_id
    LEFT JOIN debits d ON d.order_id = s.order_id AND d.user_id = s.customer_id`)) as unknown as {
    rows: { id: string; blocks_charged: number; transactions: number; keys: number; debited_minor: string }[];
  }).rows;
  const expected = new Map(sessions.map((session) => [session.id, session.charged]));
  let doubleCharges = 0;
  let missingCharges = 0;
  let blocks = 0n;
  for (const row of rows) {
    const want = expected.get(row.id) ?? 0;
    const debitedBlocks = Number(BigInt(row.debited_minor) / PRICE_MINOR);
    const extra = Math.max(row.transactions - want, row.transactions - row.keys, debitedBlocks - want, row.blocks_charged - want, 0);
    doubleCharges += extra;
    missingCharges += Math.max(want - row.transactions, want - debitedBlocks, 0);
    blocks += BigInt(row.transactions);
  }
  const [commission] = ((await db.execute(sql`
    SELECT COALESCE(SUM(balance_minor), 0)::text AS total FROM ledger_accounts WHERE kind = 'commission'`)) as unknown as {
    rows: { total: string }[];
  }).rows;
  const perBlock = (PRICE_MINOR * BigInt(config.commissionPercent)) / 100n;
  return { doubleCharges, missingCharges, commissionOk: BigInt(commission?.total ?? "0") === perBlock * blocks };
}

/** Opens every pooled connection, so the backends that will do the work are known up front. */
async function openAllConnections(db: Database): Promise<number[]> {
  const answers = await Promise.all(
    Array.from({ length: concurrency }, () => db.execute(sql`SELECT pg_backend_pid() AS pid, pg_sleep(0.05)`)),
  );
  return [...new Set(answers.map((answer) => Number((answer as unknown as { rows: { pid: number }[] }).rows[0]!.pid)))];
}

async function deadlockCount(): Promise<number> {
  const result = await admin(serverUrl, `SELECT deadlocks FROM pg_stat_database WHERE datname = '${dbName}'`);
  return Number(result.rows[0]?.deadlocks ?? 0);
}
