// The calling pairs of the call set-up benchmarks (bench:calls, bench:scale), written straight
// into the database: users with session cookies, published consultations, funded customers with
// open text orders, providers Available, and idle users for the extra sockets.
import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { publishedTweepRow, userRow } from "../db/row-factory.ts";
import { tweeps, users } from "../db/schema.ts";
import { withTransaction } from "../db/with-transaction.ts";
import type { AppContext } from "../server/context.ts";
import { createAuthSession, SESSION_COOKIE } from "../server/domain/accounts/auth-sessions.ts";
import { ensureSystemAccount, ensureUserAccount } from "../server/domain/ledger/ledger-accounts.ts";
import { postTransfer } from "../server/domain/ledger/post-transfer.ts";
import { placeOrder } from "../server/domain/orders/place-order.ts";
import type { LoadPlan } from "./call-setups-load.ts";

const PRICE_MINOR = 1_000n;

/** Users with cookies, published consultations, open text orders, providers Available. */
export async function setUpCallPlan(
  ctx: AppContext,
  input: { url: string; providerUrl?: string; pairs: number; idleUsers: number; idleSockets: number; seconds: number; warmupSeconds: number },
): Promise<LoadPlan> {
  const { db, config } = ctx;
  const { pairs, idleUsers } = input;
  const clearing = await ensureSystemAccount(db, "payment_clearing", config.currency);
  const tag = randomBytes(2).toString("hex");
  const phone = (group: number, index: number) => `+79${group}${tag}${String(index).padStart(6, "0")}`;
  const insertUsers = async (group: number, count: number, name: string) => {
    const rows: { id: string }[] = [];
    for (let start = 0; start < count; start += 500) {
      const batch = Array.from({ length: Math.min(500, count - start) }, (_, i) => userRow(phone(group, start + i), { name }));
      rows.push(...(await db.insert(users).values(batch).returning({ id: users.id })));
    }
    return rows.map((row) => row.id);
  };
  const cookieFor = async (userId: string) => `${SESSION_COOKIE}=${await createAuthSession(db, userId, new Date())}`;

  const providers = await insertUsers(1, pairs, "Vera");
  const customers = await insertUsers(2, pairs, "Ivan");
  await db.update(users).set({ providerStatus: "available" }).where(inArray(users.id, providers));
  const plannedPairs: LoadPlan["pairs"] = [];
  for (let i = 0; i < pairs; i++) {
    const [tweep] = await db
      .insert(tweeps)
      .values(publishedTweepRow(providers[i]!, { textPriceMinor: PRICE_MINOR }))
      .returning({ id: tweeps.id });
    const customerAccount = await ensureUserAccount(db, customers[i]!, config.currency);
    await withTransaction(db, (tx) =>
      postTransfer(tx, {
        idempotencyKey: `bench-fund:${customers[i]}`,
        kind: "top_up",
        legs: [
          { accountId: clearing, amountMinor: -PRICE_MINOR * 10n },
          { accountId: customerAccount, amountMinor: PRICE_MINOR * 10n },
        ],
      }),
    );
    const { order } = await placeOrder(ctx, { customerId: customers[i]!, tweepId: tweep!.id, medium: "text", requestKey: `bench-${i}` });
    plannedPairs.push({ orderId: order.id, customerCookie: await cookieFor(customers[i]!), providerCookie: await cookieFor(providers[i]!) });
  }
  const [check] = await db.select({ status: users.providerStatus }).from(users).where(eq(users.id, providers[0]!));
  if (check?.status !== "available") throw new Error("providers are not Available");

  const idleIds = await insertUsers(3, idleUsers, "Idle");
  const idleCookies: string[] = [];
  for (const id of idleIds) idleCookies.push(await cookieFor(id));
  return {
    url: input.url,
    providerUrl: input.providerUrl,
    pairs: plannedPairs,
    idleCookies,
    idleSockets: input.idleSockets,
    seconds: input.seconds,
    warmupSeconds: input.warmupSeconds,
  };
}
