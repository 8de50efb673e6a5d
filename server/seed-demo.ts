import { and, eq } from "drizzle-orm";
import type { AppContext } from "./context.ts";
import { hashPassword } from "./domain/accounts/passwords.ts";
import { ensureSystemAccount, ensureUserAccount } from "./domain/ledger/ledger-accounts.ts";
import { postTransfer } from "./domain/ledger/post-transfer.ts";
import { withTransaction } from "../db/with-transaction.ts";
import { tweeps, users } from "../db/schema.ts";

// SPEC 14. Phones and the password are public knowledge (README), so this never runs in
// production: the embedded default only, or SEED_DEMO=true.

export const DEMO_PASSWORD = "tweeps-demo";
export const DEMO_PHONES = { customer: "+79990000001", provider: "+79990000002", moderator: "+79990000003" } as const;
const DEMO_CUSTOMER_BALANCE_MINOR = 500_000n;

export async function seedDemo(ctx: AppContext) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await withTransaction(ctx.db, async (tx) => {
    const upsert = async (phone: string, values: Partial<typeof users.$inferInsert>) => {
      await tx.insert(users).values({ phone, passwordHash, ...values }).onConflictDoNothing();
      const [user] = await tx.select().from(users).where(eq(users.phone, phone));
      await ensureUserAccount(tx, user!.id, ctx.config.currency);
      return user!;
    };
    const customer = await upsert(DEMO_PHONES.customer, { name: "Анна Смирнова", language: "ru" });
    const provider = await upsert(DEMO_PHONES.provider, { name: "Игорь Волков", language: "ru" });
    await upsert(DEMO_PHONES.moderator, { name: "Мария Модератор", isModerator: true, isAdmin: true });

    // The provider is Available for as long as the demo runs (SPEC 14).
    await tx.update(users).set({ providerStatus: "available" }).where(eq(users.id, provider.id));

    await postTransfer(tx, {
      idempotencyKey: "demo:customer-balance",
      kind: "demo_credit",
      legs: [
        { accountId: await ensureSystemAccount(tx, "payment_clearing", ctx.config.currency), amountMinor: -DEMO_CUSTOMER_BALANCE_MINOR },
        { accountId: await ensureUserAccount(tx, customer.id, ctx.config.currency), amountMinor: DEMO_CUSTOMER_BALANCE_MINOR },
      ],
    });

    const [existing] = await tx.select({ id: tweeps.id }).from(tweeps).where(and(eq(tweeps.providerId, provider.id)));
    if (existing) return;
    const publishedAt = ctx.now();
    await tx.insert(tweeps).values([
      {
        providerId: provider.id,
        type: "consultation",
        status: "published",
        languages: ["ru", "en"],
        title: { ru: "Консультация юриста по договорам", en: "Contract law consultation" },
        description: {
          ru: "Разберу ваш договор аренды, подряда или поставки, отвечу на вопросы по видео или в чате.",
          en: "I review your lease, service or supply contract and answer your questions by video or text chat.",
        },
        category: "law",
        videoPriceMinor: 150_000n,
        textPriceMinor: 90_000n,
        publishedAt,
      },
      {
        providerId: provider.id,
        type: "work",
        status: "published",
        languages: ["ru", "en"],
        title: { ru: "Составлю договор оказания услуг", en: "I will draft a services agreement" },
        description: {
          ru: "Подготовлю договор под вашу сделку за три рабочих дня, с одной доработкой.",
          en: "A services agreement drafted for your deal within three working days, one round of changes included.",
        },
        category: "law",
        priceMinor: 500_000n,
        publishedAt,
      },
      {
        providerId: provider.id,
        type: "files",
        status: "published",
        languages: ["ru"],
        title: { ru: "Шаблоны договоров для фрилансера" },
        description: { ru: "Пять шаблонов договоров с комментариями: услуги, авторский заказ, NDA, акт, счёт." },
        category: "law",
        priceMinor: 99_000n,
        publishedAt,
      },
    ]);
  });
  return { password: DEMO_PASSWORD, phones: DEMO_PHONES };
}
