import { and, count, eq, isNull } from "drizzle-orm";
import type { AppContext } from "./context.ts";
import { hashPassword } from "./domain/accounts/passwords.ts";
import { ensureSystemAccount, ensureUserAccount } from "./domain/ledger/ledger-accounts.ts";
import { postTransfer } from "./domain/ledger/post-transfer.ts";
import { withTransaction } from "../db/with-transaction.ts";
import { uploadDeliverable } from "./domain/tweeps/upload-tweep-file.ts";
import { publishedTweepRow, userRow } from "../db/row-factory.ts";
import { tweepFiles, tweeps, users } from "../db/schema.ts";

// SPEC 14. Phones and the password are public knowledge (README), so this never runs in
// production: the embedded default only, or SEED_DEMO=true.

export const DEMO_PASSWORD = "tweeps-demo";
export const DEMO_PHONES = { customer: "+79990000001", provider: "+79990000002", moderator: "+79990000003" } as const;
const DEMO_CUSTOMER_BALANCE_MINOR = 500_000n;

export async function seedDemo(ctx: AppContext) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await withTransaction(ctx.db, async (tx) => {
    const upsert = async (phone: string, values: Partial<typeof users.$inferInsert>) => {
      await tx.insert(users).values(userRow(phone, { passwordHash, ...values })).onConflictDoNothing();
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
      publishedTweepRow(provider.id, {
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
      }),
      publishedTweepRow(provider.id, {
        type: "work",
        languages: ["ru", "en"],
        title: { ru: "Составлю договор оказания услуг", en: "I will draft a services agreement" },
        description: {
          ru: "Подготовлю договор под вашу сделку за три рабочих дня, с одной доработкой.",
          en: "A services agreement drafted for your deal within three working days, one round of changes included.",
        },
        category: "law",
        priceMinor: 500_000n,
        publishedAt,
      }),
      publishedTweepRow(provider.id, {
        type: "files",
        languages: ["ru"],
        title: { ru: "Шаблоны договоров для фрилансера" },
        description: { ru: "Пять шаблонов договоров с комментариями: услуги, авторский заказ, NDA, акт, счёт." },
        category: "law",
        priceMinor: 99_000n,
        publishedAt,
      }),
    ]);
  });
  await ensureDemoDeliverable(ctx);
  return { password: DEMO_PASSWORD, phones: DEMO_PHONES };
}

// The file a demo purchase of the files tweep downloads: real bytes in the configured
// storage, written through the same use case as a provider's upload.
const DEMO_FILE_NAME = "shablony-dogovorov.txt";
const DEMO_FILE_TEXT = `Шаблоны договоров для фрилансера (демонстрационный файл Tweeps)

1. Договор оказания услуг: стороны, предмет, сроки, цена и порядок оплаты, приёмка, ответственность.
2. Договор авторского заказа: произведение, срок создания, передача исключительных прав, вознаграждение.
3. Соглашение о неразглашении (NDA): что считается конфиденциальным, срок, исключения, ответственность.
4. Акт сдачи-приёмки: перечень работ, отсутствие претензий, подписи сторон.
5. Счёт на оплату: реквизиты, назначение платежа, сумма, срок оплаты.
`;

async function ensureDemoDeliverable(ctx: AppContext) {
  const [provider] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.phone, DEMO_PHONES.provider));
  if (!provider) return;
  const [filesTweep] = await ctx.db
    .select({ id: tweeps.id })
    .from(tweeps)
    .where(and(eq(tweeps.providerId, provider.id), eq(tweeps.type, "files")));
  if (!filesTweep) return;
  const [present] = await ctx.db
    .select({ n: count() })
    .from(tweepFiles)
    .where(and(eq(tweepFiles.tweepId, filesTweep.id), eq(tweepFiles.kind, "deliverable"), isNull(tweepFiles.deletedAt)));
  if ((present?.n ?? 0) > 0) return;
  await uploadDeliverable(ctx, {
    tweepId: filesTweep.id,
    ownerId: provider.id,
    file: { fileName: DEMO_FILE_NAME, contentType: "text/plain", bytes: new TextEncoder().encode(DEMO_FILE_TEXT) },
  });
}
