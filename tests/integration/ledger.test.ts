import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerAccounts, ledgerEntries, ledgerTransactions, users } from "../../db/schema.ts";
import { AppError } from "../../server/errors.ts";
import { ensureCommissionAccount, readCommissionBalanceMinor } from "../../server/domain/ledger/commission-shards.ts";
import { ensureSystemAccount, ensureUserAccount, readUserBalanceMinor } from "../../server/domain/ledger/ledger-accounts.ts";
import { postTransfer } from "../../server/domain/ledger/post-transfer.ts";
import { verifyLedger } from "../../server/domain/ledger/verify-ledger.ts";
import { sqlStateOf, withTransaction } from "../../db/with-transaction.ts";
import { randomPhone, startTestServer, type TestServer } from "../fixtures/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

async function newUserAccount() {
  const [user] = await server.ctx.db.insert(users).values({ phone: randomPhone() }).returning();
  return { userId: user!.id, accountId: await ensureUserAccount(server.ctx.db, user!.id, "RUB") };
}

async function fund(accountId: number, amountMinor: bigint) {
  const clearing = await ensureSystemAccount(server.ctx.db, "payment_clearing", "RUB");
  await withTransaction(server.ctx.db, (tx) =>
    postTransfer(tx, {
      idempotencyKey: `fund:${randomUUID()}`,
      kind: "top_up",
      legs: [
        { accountId: clearing, amountMinor: -amountMinor },
        { accountId, amountMinor },
      ],
    }),
  );
}

function debit(accountId: number, to: number, amountMinor: bigint, idempotencyKey = `debit:${randomUUID()}`) {
  return withTransaction(server.ctx.db, (tx) =>
    postTransfer(tx, {
      idempotencyKey,
      kind: "charge",
      legs: [
        { accountId, amountMinor: -amountMinor },
        { accountId: to, amountMinor },
      ],
    }),
  );
}

// Drizzle wraps the driver's error; the database's own words are on the cause.
function causeText(error: unknown): string {
  const parts: string[] = [];
  for (let e: any = error; e && parts.length < 5; e = e.cause) parts.push(String(e.message));
  return parts.join(" | ");
}

describe("ledger", () => {
  it("lets exactly 10 of 50 concurrent debits through when the balance covers 10", async () => {
    const { userId, accountId } = await newUserAccount();
    const commission = await ensureSystemAccount(server.ctx.db, "commission", "RUB");
    await fund(accountId, 10n * 1_500n);

    const results = await Promise.allSettled(Array.from({ length: 50 }, () => debit(accountId, commission, 1_500n)));
    const succeeded = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(succeeded).toHaveLength(10);
    expect(failed).toHaveLength(40);
    for (const failure of failed) {
      expect(failure.reason).toBeInstanceOf(AppError);
      expect(failure.reason.code).toBe("insufficient_funds");
    }
    expect(await readUserBalanceMinor(server.ctx.db, userId)).toBe(0n);
    const report = await verifyLedger(server.ctx.db);
    expect(report.accountsSumMinor).toBe(0);
    expect(report.ok).toBe(true);
  });

  it("moves money once when the same idempotency key is sent three times", async () => {
    const { userId, accountId } = await newUserAccount();
    const commission = await ensureSystemAccount(server.ctx.db, "commission", "RUB");
    await fund(accountId, 10_000n);
    const key = `charge:${randomUUID()}`;

    const concurrent = await Promise.all([1, 2].map(() => debit(accountId, commission, 2_500n, key)));
    const sequential = await debit(accountId, commission, 2_500n, key);

    expect([...concurrent, sequential].filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set([...concurrent, sequential].map((r) => r.transactionId)).size).toBe(1);
    expect(await readUserBalanceMinor(server.ctx.db, userId)).toBe(7_500n);
    const rows = await server.ctx.db.select().from(ledgerTransactions).where(eq(ledgerTransactions.idempotencyKey, key));
    expect(rows).toHaveLength(1);
  });

  it("refuses a reused key that asks for something else, and changes nothing", async () => {
    const { userId, accountId } = await newUserAccount();
    const commission = await ensureSystemAccount(server.ctx.db, "commission", "RUB");
    await fund(accountId, 10_000n);
    const key = `charge:${randomUUID()}`;
    await debit(accountId, commission, 1_000n, key);
    await expect(debit(accountId, commission, 2_000n, key)).rejects.toMatchObject({ code: "idempotency_key_reused" });
    expect(await readUserBalanceMinor(server.ctx.db, userId)).toBe(9_000n);
  });

  it("spreads commission over shards that add up to the platform's earnings", async () => {
    const { accountId } = await newUserAccount();
    await fund(accountId, 32n * 1_000n);
    const before = await readCommissionBalanceMinor(server.ctx.db);
    const keys = Array.from({ length: 32 }, () => `charge:${randomUUID()}`);
    const shards = new Set<number>();
    for (const key of keys) {
      const commission = await ensureCommissionAccount(server.ctx.db, key, "RUB");
      shards.add(commission);
      await debit(accountId, commission, 1_000n, key);
      // A replay names the same shard, so it is recognised and moves nothing.
      expect((await debit(accountId, await ensureCommissionAccount(server.ctx.db, key, "RUB"), 1_000n, key)).replayed).toBe(true);
    }
    expect(shards.size).toBeGreaterThan(1);
    expect((await readCommissionBalanceMinor(server.ctx.db)) - before).toBe(32_000n);
    const rows = await server.ctx.db.select().from(ledgerAccounts).where(eq(ledgerAccounts.kind, "commission"));
    expect(new Set(rows.map((row) => row.shard)).size).toBe(rows.length);
    expect((await verifyLedger(server.ctx.db)).ok).toBe(true);
  });

  it("is enforced by the database: no negative customer balance, append-only, balanced", async () => {
    const { accountId } = await newUserAccount();
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => ({ state: "", text: "resolved" }),
        (error: unknown) => ({ state: sqlStateOf(error), text: causeText(error) }),
      );
    expect(await failure(server.ctx.db.execute(sql`UPDATE ledger_accounts SET balance_minor = -1 WHERE id = ${accountId}`))).toMatchObject({
      state: "23514",
    });
    await fund(accountId, 500n);
    expect((await failure(server.ctx.db.execute(sql`UPDATE ledger_entries SET amount_minor = 1`))).text).toMatch(/append-only/);
    expect((await failure(server.ctx.db.execute(sql`DELETE FROM ledger_transactions`))).text).toMatch(/append-only/);

    const before = await server.ctx.db.select({ n: sql<number>`count(*)::int` }).from(ledgerEntries);
    await expect(
      server.ctx.db.transaction(async (tx) => {
        const [t] = await tx
          .insert(ledgerTransactions)
          .values({ idempotencyKey: `bad:${randomUUID()}`, fingerprint: "x", kind: "broken" })
          .returning();
        await tx.insert(ledgerEntries).values({ transactionId: t!.id, accountId, amountMinor: 100n });
      }),
    ).rejects.toSatisfy((error) => /does not balance/.test(causeText(error)));
    const after = await server.ctx.db.select({ n: sql<number>`count(*)::int` }).from(ledgerEntries);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("refuses one-sided or unbalanced transfers before touching the database", async () => {
    const { accountId } = await newUserAccount();
    await expect(
      withTransaction(server.ctx.db, (tx) =>
        postTransfer(tx, { idempotencyKey: `x:${randomUUID()}`, kind: "x", legs: [{ accountId, amountMinor: 5n }] }),
      ),
    ).rejects.toThrow(/sum to zero/);
  });
});
