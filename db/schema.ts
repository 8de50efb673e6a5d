import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

// Money columns are bigint minor units; names carry the unit (`amountMinor`).
const minor = (name: string) => bigint(name, { mode: "bigint" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  phone: text("phone").notNull().unique(),
  passwordHash: text("password_hash"),
  name: text("name").notNull().default(""),
  email: text("email"),
  timeZone: text("time_zone").notNull().default("Europe/Moscow"),
  language: text("language", { enum: ["ru", "en"] }).notNull().default("ru"),
  isModerator: boolean("is_moderator").notNull().default(false),
  isAdmin: boolean("is_admin").notNull().default(false),
  providerStatus: text("provider_status", { enum: ["available", "busy", "not_set"] })
    .notNull()
    .default("not_set"),
  createdAt: createdAt(),
});

// The cookie carries a random token; only its SHA-256 is stored, so a database leak
// does not leak live sessions.
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

// One outstanding one-time code per phone; sending again replaces it.
export const phoneCodes = pgTable("phone_codes", {
  phone: text("phone").primaryKey(),
  codeHash: text("code_hash").notNull(),
  attempts: integer("attempts").notNull().default(0),
  createdAt: createdAt(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

// What the development SMS and e-mail adapters "send".
export const outboxMessages = pgTable("outbox_messages", {
  id: uuid("id").primaryKey().defaultRandom(),
  channel: text("channel", { enum: ["sms", "email"] }).notNull(),
  recipient: text("recipient").notNull(),
  subject: text("subject"),
  body: text("body").notNull(),
  createdAt: createdAt(),
});

export const ledgerAccountKinds = [
  "user",
  "order_hold",
  "commission",
  "payment_clearing",
  "payout_pending",
  "payout_clearing",
] as const;
export type LedgerAccountKind = (typeof ledgerAccountKinds)[number];

export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text("kind", { enum: ledgerAccountKinds }).notNull(),
    // Exactly one owner: a user, an order (its hold), or a system code.
    userId: uuid("user_id").references(() => users.id),
    orderId: uuid("order_id"),
    systemCode: text("system_code"),
    currency: text("currency").notNull(),
    balanceMinor: minor("balance_minor").notNull().default(sql`0`),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("ledger_accounts_user_uq").on(t.userId),
    uniqueIndex("ledger_accounts_order_uq").on(t.orderId),
    uniqueIndex("ledger_accounts_system_uq").on(t.systemCode),
    // A customer's account and an order's hold can never go negative, whatever the code does.
    check("ledger_accounts_no_negative_user", sql`${t.kind} NOT IN ('user', 'order_hold') OR ${t.balanceMinor} >= 0`),
  ],
);

export const ledgerTransactions = pgTable(
  "ledger_transactions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    idempotencyKey: text("idempotency_key").notNull(),
    // A hash of what the command asked for, so a reused key with other legs is refused.
    fingerprint: text("fingerprint").notNull(),
    kind: text("kind").notNull(),
    memo: text("memo"),
    orderId: uuid("order_id"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("ledger_transactions_idempotency_uq").on(t.idempotencyKey)],
);

export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    transactionId: bigint("transaction_id", { mode: "number" })
      .notNull()
      .references(() => ledgerTransactions.id),
    accountId: bigint("account_id", { mode: "number" })
      .notNull()
      .references(() => ledgerAccounts.id),
    amountMinor: minor("amount_minor").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("ledger_entries_account_idx").on(t.accountId, t.id),
    index("ledger_entries_transaction_idx").on(t.transactionId),
    check("ledger_entries_nonzero", sql`${t.amountMinor} <> 0`),
  ],
);

export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    provider: text("provider", { enum: ["development", "stripe"] }).notNull(),
    amountMinor: minor("amount_minor").notNull(),
    currency: text("currency").notNull(),
    status: text("status", { enum: ["pending", "completed", "expired"] }).notNull(),
    // The client's Idempotency-Key, scoped to the user.
    requestKey: text("request_key").notNull(),
    providerRef: text("provider_ref"),
    checkoutUrl: text("checkout_url"),
    // The `created` time of the newest provider event applied, so older events arriving
    // late cannot move the payment backwards.
    lastEventAt: timestamp("last_event_at", { withTimezone: true }),
    createdAt: createdAt(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("payments_request_key_uq").on(t.userId, t.requestKey),
    uniqueIndex("payments_provider_ref_uq").on(t.providerRef),
    check("payments_amount_positive", sql`${t.amountMinor} > 0`),
  ],
);

export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  outcome: text("outcome").notNull(),
  receivedAt: createdAt(),
});

export const payouts = pgTable(
  "payouts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    amountMinor: minor("amount_minor").notNull(),
    status: text("status", { enum: ["requested", "paid"] }).notNull().default("requested"),
    requestKey: text("request_key").notNull(),
    createdAt: createdAt(),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    paidBy: uuid("paid_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("payouts_request_key_uq").on(t.userId, t.requestKey),
    check("payouts_amount_positive", sql`${t.amountMinor} > 0`),
  ],
);

export const tweepTypes = ["consultation", "work", "files"] as const;
export const tweepStatuses = ["draft", "pending", "published", "rejected", "archived"] as const;

export const tweeps = pgTable(
  "tweeps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => users.id),
    type: text("type", { enum: tweepTypes }).notNull(),
    status: text("status", { enum: tweepStatuses }).notNull().default("draft"),
    languages: text("languages").array().notNull(),
    title: jsonb("title").$type<{ ru?: string; en?: string }>().notNull(),
    description: jsonb("description").$type<{ ru?: string; en?: string }>().notNull(),
    category: text("category").notNull(),
    videoPriceMinor: minor("video_price_minor"),
    textPriceMinor: minor("text_price_minor"),
    priceMinor: minor("price_minor"),
    links: jsonb("links").$type<string[]>(),
    createdAt: createdAt(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (t) => [index("tweeps_status_idx").on(t.status, t.publishedAt)],
);
