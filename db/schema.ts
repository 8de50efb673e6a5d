import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

// Money columns are bigint minor units; names carry the unit (`amountMinor`).
const minor = (name: string) => bigint(name, { mode: "bigint" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const providerStatuses = ["available", "busy", "not_set", "paused"] as const;
export type ProviderStatus = (typeof providerStatuses)[number];

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
  /** The status the provider chose (SPEC 9); during a session others see "busy" instead. */
  providerStatus: text("provider_status", { enum: providerStatuses })
    .notNull()
    .default("not_set"),
  /** While `providerStatus` is "paused" (SPEC 15): when the loop makes them Available again. */
  pausedUntil: timestamp("paused_until", { withTimezone: true }),
  /** The channels the provider takes calls on (SPEC 15), switched without moderation. */
  videoCallsOn: boolean("video_calls_on").notNull().default(true),
  textChatsOn: boolean("text_chats_on").notNull().default(true),
  /**
   * Set by the queue loop when it first finds the provider off the site while customers
   * wait; their queue closes once this is older than the grace (SPEC 15 "Closing").
   */
  queueOfflineSince: timestamp("queue_offline_since", { withTimezone: true }),
  /**
   * The weekly availability grid (SPEC 9): filled hours as indexes 0..167 (Monday 00:00 is 0)
   * of a week in `availabilityTimeZone`, the zone the provider keeps it in.
   */
  availabilityHours: jsonb("availability_hours").$type<number[]>().notNull().default(sql`'[]'::jsonb`),
  availabilityTimeZone: text("availability_time_zone"),
  /** A provider's personal invitation code (SPEC 20), made the first time it is asked for. */
  invitationCode: text("invitation_code").unique(),
  /** Set when the account was deleted: personal fields are erased, the row stays for the ledger. */
  deletedAt: timestamp("deleted_at", { withTimezone: true }),
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
    /** What the browser called itself at log-in, so a person can tell their sessions apart. */
    userAgent: text("user_agent"),
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
  /** An appointment's hold (SPEC 16): the booked price, until it is paid out or refunded. */
  "appointment_hold",
  "commission",
  "payment_clearing",
  "payout_pending",
  "payout_clearing",
  // SPEC 18: a bought minute package's money, drawn minute by minute (one account per purchase).
  "package_hold",
  // SPEC 17: a provider's earnings before CLEARANCE_HOURS have passed; the user account is what is available.
  "earnings_pending",
] as const;
export type LedgerAccountKind = (typeof ledgerAccountKinds)[number];

export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text("kind", { enum: ledgerAccountKinds }).notNull(),
    // Exactly one owner: a user, an order (its hold), or a system code.
    userId: uuid("user_id").references(() => users.id),
    orderId: uuid("order_id").references((): AnyPgColumn => orders.id),
    appointmentId: uuid("appointment_id").references((): AnyPgColumn => appointments.id),
    packagePurchaseId: uuid("package_purchase_id").references((): AnyPgColumn => packagePurchases.id),
    systemCode: text("system_code"),
    /**
     * A system account may be split into shards that together hold its balance: every block
     * charge credits the commission, and one row would serialise all of them on its lock.
     */
    shard: smallint("shard").notNull().default(0),
    currency: text("currency").notNull(),
    balanceMinor: minor("balance_minor").notNull().default(sql`0`),
    createdAt: createdAt(),
  },
  (t) => [
    // A user has one account of each kind: "user" (the balance, available) and "earnings_pending".
    uniqueIndex("ledger_accounts_user_uq").on(t.userId, t.kind),
    uniqueIndex("ledger_accounts_order_uq").on(t.orderId),
    uniqueIndex("ledger_accounts_appointment_uq").on(t.appointmentId),
    uniqueIndex("ledger_accounts_package_purchase_uq").on(t.packagePurchaseId),
    uniqueIndex("ledger_accounts_system_shard_uq").on(t.systemCode, t.shard),
    // Only system accounts are sharded; a user's or an order's account is one row.
    check("ledger_accounts_shard_of_system", sql`${t.shard} = 0 OR (${t.shard} > 0 AND ${t.systemCode} IS NOT NULL)`),
    // A customer's account and an order's hold can never go negative, whatever the code does.
    check(
      "ledger_accounts_no_negative_user",
      sql`${t.kind} NOT IN ('user', 'order_hold', 'earnings_pending', 'package_hold', 'appointment_hold') OR ${t.balanceMinor} >= 0`,
    ),
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
    orderId: uuid("order_id").references((): AnyPgColumn => orders.id),
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

type Localized = { ru?: string; en?: string };

/** What a provider writes and a moderator approves: the same columns on a tweep and its revisions. */
const tweepContent = () => ({
  languages: text("languages").array().notNull(),
  title: jsonb("title").$type<Localized>().notNull(),
  description: jsonb("description").$type<Localized>().notNull(),
  category: text("category").notNull(),
  videoPriceMinor: minor("video_price_minor"),
  textPriceMinor: minor("text_price_minor"),
  priceMinor: minor("price_minor"),
  links: jsonb("links").$type<string[]>(),
  coverFileId: uuid("cover_file_id"),
  /** Optional region (SPEC 20), a catalog filter. */
  region: text("region"),
});

// The tweep row is what the catalog shows once published, and the working copy before.
// Editing a published tweep writes a pending revision instead (SPEC 2: the approved version
// stays visible until the new one is approved).
export const tweeps = pgTable(
  "tweeps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => users.id),
    type: text("type", { enum: tweepTypes }).notNull(),
    status: text("status", { enum: tweepStatuses }).notNull().default("draft"),
    ...tweepContent(),
    /** The moderator's reason when the first submission was rejected. */
    rejectionReason: text("rejection_reason"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    // Russian texts through the Russian stemmer, English through English. Stored, so a
    // search neither recomputes it per matching row nor for ranking.
    searchDocument: tsvector("search_document")
      .notNull()
      .generatedAlwaysAs(
        sql`to_tsvector('russian', coalesce(title->>'ru', '') || ' ' || coalesce(description->>'ru', '')) || to_tsvector('english', coalesce(title->>'en', '') || ' ' || coalesce(description->>'en', ''))`,
      ),
  },
  (t) => [
    index("tweeps_status_idx").on(t.status, t.publishedAt),
    index("tweeps_provider_idx").on(t.providerId),
    // Full-text search in both languages (SPEC 3) on the stored search document.
    index("tweeps_search_idx").using("gin", t.searchDocument),
  ],
);

export const tweepRevisionStatuses = ["pending", "approved", "rejected"] as const;

export const tweepRevisions = pgTable(
  "tweep_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tweepId: uuid("tweep_id")
      .notNull()
      .references(() => tweeps.id),
    status: text("status", { enum: tweepRevisionStatuses }).notNull().default("pending"),
    ...tweepContent(),
    rejectionReason: text("rejection_reason"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    // At most one revision waits for moderation per tweep; editing again updates it.
    uniqueIndex("tweep_revisions_one_pending_uq").on(t.tweepId).where(sql`${t.status} = 'pending'`),
  ],
);

export const tweepFiles = pgTable(
  "tweep_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tweepId: uuid("tweep_id")
      .notNull()
      .references(() => tweeps.id),
    kind: text("kind", { enum: ["deliverable", "cover"] }).notNull(),
    /** Where the storage adapter keeps the bytes; never derived from the uploaded name. */
    storageKey: text("storage_key").notNull().unique(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    createdAt: createdAt(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [index("tweep_files_tweep_idx").on(t.tweepId)],
);

export const moderationDecisions = pgTable(
  "moderation_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tweepId: uuid("tweep_id")
      .notNull()
      .references(() => tweeps.id),
    revisionId: uuid("revision_id").references(() => tweepRevisions.id),
    moderatorId: uuid("moderator_id")
      .notNull()
      .references(() => users.id),
    decision: text("decision", { enum: ["approve", "reject"] }).notNull(),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [index("moderation_decisions_tweep_idx").on(t.tweepId, t.createdAt)],
);

export const orderStatuses = [
  // consultation: open until the customer closes it or cancels the unused prepaid block
  "open",
  "cancelled",
  "closed",
  // work: escrow (SPEC 6)
  "in_progress",
  "delivered",
  "accepted",
  "refused",
  // files: paid at once (SPEC 7)
  "paid",
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tweepId: uuid("tweep_id")
      .notNull()
      .references(() => tweeps.id),
    type: text("type", { enum: tweepTypes }).notNull(),
    medium: text("medium", { enum: ["video", "text"] }),
    status: text("status", { enum: orderStatuses }).notNull(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => users.id),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => users.id),
    /** The block price (consultations) or the whole price (work, files) when ordered. */
    priceMinor: minor("price_minor").notNull(),
    /** Title at the time of ordering, so later edits of the tweep do not rewrite history. */
    title: jsonb("title").$type<Localized>().notNull(),
    /** Consultations: whether the prepaid first block was consumed by a session. */
    prepaidBlockUsed: boolean("prepaid_block_used").notNull().default(false),
    /** Work: set when delivered; the auto-accept loop accepts after it. */
    autoAcceptAt: timestamp("auto_accept_at", { withTimezone: true }),
    acceptedAutomatically: boolean("accepted_automatically").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("orders_customer_idx").on(t.customerId, t.createdAt),
    index("orders_provider_idx").on(t.providerId, t.createdAt),
    index("orders_auto_accept_idx").on(t.autoAcceptAt).where(sql`${t.status} = 'delivered'`),
    check("orders_price_positive", sql`${t.priceMinor} > 0`),
  ],
);

export const orderMessages = pgTable(
  "order_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    /** Set when the message was written during a text session (its clock starts at the second). */
    sessionId: uuid("session_id").references((): AnyPgColumn => consultationSessions.id),
    createdAt: createdAt(),
  },
  (t) => [index("order_messages_order_idx").on(t.orderId, t.createdAt)],
);

export const sessionStatuses = [
  // a call waiting for the provider (SPEC 5 "Calling")
  "ringing",
  "missed",
  "declined",
  "cancelled",
  // answered: both parties are on the session page; the clock may or may not have started
  "live",
  "ended",
] as const;
export type SessionStatus = (typeof sessionStatuses)[number];

export const sessionEndReasons = [
  "customer_ended",
  "provider_ended",
  "insufficient_funds",
  "parties_gone",
  "media_stopped",
  "order_closed",
  // SPEC 19: a party disconnected for longer than RECONNECT_GRACE_SECONDS.
  "connection_lost",
] as const;
export type SessionEndReason = (typeof sessionEndReasons)[number];

/**
 * A call and, once answered, the consultation session it became. The metering state lives
 * here (docs/architecture.md rule 8): `nextChargeAt` is when block `blocksCharged` falls due, so a
 * restarted or second process continues exactly where the last one stopped.
 */
export const consultationSessions = pgTable(
  "consultation_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => users.id),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => users.id),
    medium: text("medium", { enum: ["video", "text"] }).notNull(),
    status: text("status", { enum: sessionStatuses }).notNull().default("ringing"),
    blockPriceMinor: minor("block_price_minor").notNull(),
    ringExpiresAt: timestamp("ring_expires_at", { withTimezone: true }).notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    /** Set at clock start: the first session of the order whose clock started may be void. */
    firstSession: boolean("first_session").notNull().default(false),
    /** Set at clock start: block 0 is the order's prepaid hold rather than a new charge. */
    usesPrepaidBlock: boolean("uses_prepaid_block").notNull().default(false),
    clockStartedAt: timestamp("clock_started_at", { withTimezone: true }),
    nextChargeAt: timestamp("next_charge_at", { withTimezone: true }),
    blocksCharged: integer("blocks_charged").notNull().default(0),
    /** The block index a low-balance warning was last sent for, so it is sent once. */
    warnedForBlock: integer("warned_for_block"),
    customerSeenAt: timestamp("customer_seen_at", { withTimezone: true }),
    providerSeenAt: timestamp("provider_seen_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endReason: text("end_reason", { enum: sessionEndReasons }),
    void: boolean("void").notNull().default(false),
    /** A missed call's automatic retry (SPEC 15): when it rings again, unless cancelled. */
    retryAt: timestamp("retry_at", { withTimezone: true }),
    retryState: text("retry_state", { enum: ["pending", "done", "cancelled"] }),
    /** Set on the call that retries a missed one, so a retry is never retried again. */
    retryOfId: uuid("retry_of_id").references((): AnyPgColumn => consultationSessions.id),
    // SPEC 19. The clock is paused since `pausedAt` (dead air: the provider's media does not
    // reach the customer, or a text party is disconnected); `pausedTotalMs` is the paused time
    // of pauses that ended, by which every block boundary has moved.
    pausedAt: timestamp("paused_at", { withTimezone: true }),
    pausedTotalMs: bigint("paused_total_ms", { mode: "number" }).notNull().default(0),
    /** Video: the last instant the SFU saw the provider's media reach the customer (the evidence a block is charged on). */
    mediaSeenAt: timestamp("media_seen_at", { withTimezone: true }),
    /** The party lost its connection at this instant and has not come back; the reconnect grace runs from it. */
    customerLostAt: timestamp("customer_lost_at", { withTimezone: true }),
    providerLostAt: timestamp("provider_lost_at", { withTimezone: true }),
    /** Blocks charged and then given back (charged after the recorded end, or a short session). */
    blocksRefunded: integer("blocks_refunded").notNull().default(0),
    /** Blocks credited back to the customer for a poor connection (SPEC 19). */
    blocksCredited: integer("blocks_credited").notNull().default(0),
    /** The appointment this session is for (SPEC 16): its blocks are paid from the appointment's hold first. */
    appointmentId: uuid("appointment_id").references((): AnyPgColumn => appointments.id),
    /** Of `blocksCharged`, how many (the first ones) were paid from the appointment's hold. */
    appointmentBlocks: integer("appointment_blocks").notNull().default(0),
    // SPEC 18. Set at clock start when the order has an active minute package: the session
    // draws minutes from it (`minutesDrawn` of its clock's minutes so far); once the package
    // cannot pay a minute, blocks from the balance start at clock time `blocksFromClockMs`.
    packagePurchaseId: uuid("package_purchase_id").references((): AnyPgColumn => packagePurchases.id),
    minutesDrawn: integer("minutes_drawn").notNull().default(0),
    blocksFromClockMs: bigint("blocks_from_clock_ms", { mode: "number" }),
    /** The package's minutes left as of this session's last draw, for the status line. */
    packageMinutesLeft: integer("package_minutes_left"),
    createdAt: createdAt(),
  },
  (t) => [
    // One call or session per order at a time; a provider is in at most one live session.
    uniqueIndex("consultation_sessions_one_per_order_uq")
      .on(t.orderId)
      .where(sql`${t.status} in ('ringing', 'live')`),
    uniqueIndex("consultation_sessions_one_live_per_provider_uq")
      .on(t.providerId)
      .where(sql`${t.status} = 'live'`),
    index("consultation_sessions_order_idx").on(t.orderId, t.createdAt),
    index("consultation_sessions_due_idx").on(t.nextChargeAt).where(sql`${t.status} = 'live'`),
    index("consultation_sessions_ringing_idx").on(t.ringExpiresAt).where(sql`${t.status} = 'ringing'`),
    index("consultation_sessions_retry_idx").on(t.retryAt).where(sql`${t.retryState} = 'pending'`),
    index("consultation_sessions_provider_idx").on(t.providerId, t.createdAt),
    check("consultation_sessions_blocks_nonnegative", sql`${t.blocksCharged} >= 0`),
  ],
);

/**
 * SPEC 19, quality credit: per block of a session's clock, how long the SFU saw the provider's
 * media reach the customer frozen or lossy (a row only for blocks with any). A block impaired for
 * more than a fifth of its clock time is credited back when the session ends.
 */
export const sessionBlockQuality = pgTable(
  "session_block_quality",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => consultationSessions.id),
    blockIndex: integer("block_index").notNull(),
    impairedMs: bigint("impaired_ms", { mode: "number" }).notNull().default(0),
    creditedAt: timestamp("credited_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.blockIndex] }),
    check("session_block_quality_nonnegative", sql`${t.blockIndex} >= 0 AND ${t.impairedMs} >= 0`),
  ],
);

export const disputes = pgTable(
  "disputes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    openedBy: uuid("opened_by")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    status: text("status", { enum: ["open", "resolved"] }).notNull().default("open"),
    toProviderMinor: minor("to_provider_minor"),
    toCustomerMinor: minor("to_customer_minor"),
    /** SPEC 17: charged consultation blocks still pending that the resolution gave back to the customer. */
    pendingRefundedMinor: minor("pending_refunded_minor"),
    resolutionReason: text("resolution_reason"),
    resolvedBy: uuid("resolved_by").references(() => users.id),
    createdAt: createdAt(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    // One open dispute per order at a time.
    uniqueIndex("disputes_one_open_uq").on(t.orderId).where(sql`${t.status} = 'open'`),
    index("disputes_status_idx").on(t.status, t.createdAt),
  ],
);

/**
 * SPEC 17 clearance: one row per amount credited to a provider's pending earnings (a block,
 * a work release, a files sale, a dispute's part). The clearance loop moves `netMinor` to the
 * provider's available balance once `clearsAt` has passed (status pending → cleared, guarded,
 * in the transaction of the transfer); a refund from pending reverses the row instead.
 */
export const pendingEarnings = pgTable(
  "pending_earnings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** The order it was earned on; null for an appointment's payout made without a call (SPEC 16). */
    orderId: uuid("order_id").references(() => orders.id),
    /** SPEC 16: the appointment whose hold paid it (a block, the release at the end, a late cancellation, a no-show). */
    appointmentId: uuid("appointment_id").references((): AnyPgColumn => appointments.id),
    sessionId: uuid("session_id").references(() => consultationSessions.id),
    /** A session block's index: a block refunded later reverses exactly its own row. */
    blockIndex: integer("block_index"),
    /** The idempotency key of the transfer that credited it: one row per credit. */
    sourceKey: text("source_key").notNull(),
    grossMinor: minor("gross_minor").notNull(),
    commissionMinor: minor("commission_minor").notNull(),
    netMinor: minor("net_minor").notNull(),
    clearsAt: timestamp("clears_at", { withTimezone: true }).notNull(),
    status: text("status", { enum: ["pending", "cleared", "reversed"] }).notNull().default("pending"),
    settledAt: timestamp("settled_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("pending_earnings_source_uq").on(t.sourceKey),
    index("pending_earnings_due_idx").on(t.clearsAt).where(sql`${t.status} = 'pending'`),
    index("pending_earnings_user_idx").on(t.userId, t.status, t.clearsAt),
    // A block is charged again only after its charge was reversed: one pending row per block.
    uniqueIndex("pending_earnings_block_uq").on(t.sessionId, t.blockIndex).where(sql`${t.status} = 'pending' AND ${t.blockIndex} IS NOT NULL`),
    index("pending_earnings_session_idx").on(t.sessionId),
    index("pending_earnings_order_idx").on(t.orderId),
    index("pending_earnings_appointment_idx").on(t.appointmentId),
    check("pending_earnings_net_positive", sql`${t.netMinor} > 0`),
    check("pending_earnings_source", sql`${t.orderId} IS NOT NULL OR ${t.appointmentId} IS NOT NULL`),
  ],
);

export const sessionReportReasons = ["provider_absent", "not_advertised", "technical_failure", "abusive", "other"] as const;
export type SessionReportReason = (typeof sessionReportReasons)[number];

/** SPEC 17: a customer's report that a session was not genuine; one per session. */
export const sessionReports = pgTable(
  "session_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => consultationSessions.id),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => users.id),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason", { enum: sessionReportReasons }).notNull(),
    text: text("text"),
    status: text("status", { enum: ["open", "upheld", "dismissed"] }).notNull().default("open"),
    decisionReason: text("decision_reason"),
    decidedBy: uuid("decided_by").references(() => users.id),
    refundedMinor: minor("refunded_minor"),
    createdAt: createdAt(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("session_reports_session_uq").on(t.sessionId),
    index("session_reports_status_idx").on(t.status, t.createdAt),
  ],
);

export const disputeMessages = pgTable(
  "dispute_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    disputeId: uuid("dispute_id")
      .notNull()
      .references(() => disputes.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("dispute_messages_dispute_idx").on(t.disputeId, t.createdAt)],
);

export const reviews = pgTable(
  "reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => users.id),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => users.id),
    rating: integer("rating").notNull(),
    body: text("body"),
    createdAt: createdAt(),
    /**
     * SPEC 18: a consultation session's review (both directions); null for the customer's
     * one review of a work or files order.
     */
    sessionId: uuid("session_id").references(() => consultationSessions.id),
    /** Who wrote it: the customer (of the provider) or, for sessions only, the provider (of the customer). */
    authorRole: text("author_role", { enum: ["customer", "provider"] }).notNull().default("customer"),
    /**
     * Double-blind (SPEC 18): shown to the other party and counted in the rating from this
     * instant on — the moment both wrote theirs, or the end of the review window. Null: at once.
     */
    revealAt: timestamp("reveal_at", { withTimezone: true }),
  },
  (t) => [
    index("reviews_provider_idx").on(t.providerId, t.createdAt),
    uniqueIndex("reviews_order_uq").on(t.orderId).where(sql`${t.sessionId} IS NULL`),
    uniqueIndex("reviews_session_author_uq").on(t.sessionId, t.authorRole).where(sql`${t.sessionId} IS NOT NULL`),
    check("reviews_rating_range", sql`${t.rating} BETWEEN 1 AND 5`),
    check("reviews_order_by_customer", sql`${t.sessionId} IS NOT NULL OR ${t.authorRole} = 'customer'`),
  ],
);

/**
 * SPEC 16 shared documents: one folder per pair of people (keyed on the two user ids, in
 * order, like `conversations`), whatever order or appointment brought them together.
 */
export const sharedDocuments = pgTable(
  "shared_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userLowId: uuid("user_low_id")
      .notNull()
      .references(() => users.id),
    userHighId: uuid("user_high_id")
      .notNull()
      .references(() => users.id),
    uploaderId: uuid("uploader_id")
      .notNull()
      .references(() => users.id),
    storageKey: text("storage_key").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    createdAt: createdAt(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    index("shared_documents_pair_idx").on(t.userLowId, t.userHighId, t.createdAt),
    check("shared_documents_ordered_pair", sql`${t.userLowId} < ${t.userHighId}`),
    check("shared_documents_uploader_in_pair", sql`${t.uploaderId} IN (${t.userLowId}, ${t.userHighId})`),
  ],
);

export const queueEntryStatuses = [
  // in line, or holding the turn (the provider is reserved for them until `turnExpiresAt`)
  "waiting",
  "turn",
  // how a place ends: the customer started the chat, left, let the turn expire, or the queue closed
  "called",
  "left",
  "expired",
  "closed",
] as const;
export type QueueEntryStatus = (typeof queueEntryStatuses)[number];

/**
 * The waiting list (SPEC 15): one queue per provider, first come first served, in the
 * database so every app process and a restart see the same line.
 */
export const queueEntries = pgTable(
  "queue_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => users.id),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => users.id),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    medium: text("medium", { enum: ["video", "text"] }).notNull(),
    status: text("status", { enum: queueEntryStatuses }).notNull().default("waiting"),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull(),
    turnExpiresAt: timestamp("turn_expires_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    // One place per customer per provider; one turn per provider at a time.
    uniqueIndex("queue_entries_one_place_uq")
      .on(t.providerId, t.customerId)
      .where(sql`${t.status} in ('waiting', 'turn')`),
    uniqueIndex("queue_entries_one_turn_uq").on(t.providerId).where(sql`${t.status} = 'turn'`),
    index("queue_entries_line_idx").on(t.providerId, t.joinedAt).where(sql`${t.status} in ('waiting', 'turn')`),
    index("queue_entries_customer_idx").on(t.customerId, t.joinedAt),
    index("queue_entries_provider_day_idx").on(t.providerId, t.createdAt),
  ],
);

// ---- People (SPEC 20): notifications, direct messages, invitations, profiles, support ----

/**
 * Everything a user was told (SPEC 20): written in the transaction of the event where there
 * is one, so nothing is lost while pages are closed. `data` is the event as the domain
 * described it; the title is rendered in the reader's language when read.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    link: text("link").notNull(),
    urgent: boolean("urgent").notNull().default(false),
    createdAt: createdAt(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} IS NULL`),
  ],
);

/** One conversation per pair of users; `userLowId < userHighId` makes the pair unique. */
export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userLowId: uuid("user_low_id")
      .notNull()
      .references(() => users.id),
    userHighId: uuid("user_high_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("conversations_pair_uq").on(t.userLowId, t.userHighId),
    index("conversations_high_idx").on(t.userHighId),
    check("conversations_ordered_pair", sql`${t.userLowId} < ${t.userHighId}`),
  ],
);

export const directMessages = pgTable(
  "direct_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull().default(""),
    /** An attachment, checked by the files rules; the bytes live under `storageKey`. */
    storageKey: text("storage_key").unique(),
    fileName: text("file_name"),
    contentType: text("content_type"),
    sizeBytes: bigint("size_bytes", { mode: "number" }),
    createdAt: createdAt(),
    /** Read receipt: when the other party first saw it. */
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("direct_messages_conversation_idx").on(t.conversationId, t.createdAt),
    index("direct_messages_unread_idx").on(t.conversationId).where(sql`${t.readAt} IS NULL`),
  ],
);

/** A customer who arrived through a provider's invitation link (SPEC 20, "My providers"). */
export const providerInvitations = pgTable(
  "provider_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => users.id),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("provider_invitations_pair_uq").on(t.providerId, t.customerId),
    index("provider_invitations_customer_idx").on(t.customerId),
    check("provider_invitations_not_self", sql`${t.providerId} <> ${t.customerId}`),
  ],
);

/** What a provider tells about themselves (SPEC 20); the photo and gallery are moderated files. */
export const providerProfiles = pgTable("provider_profiles", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id),
  bio: jsonb("bio").$type<Localized>().notNull().default(sql`'{}'::jsonb`),
  experience: text("experience").notNull().default(""),
  education: text("education").notNull().default(""),
  languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
  region: text("region"),
  /** The approved photo shown to everyone. */
  photoFileId: uuid("photo_file_id"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const profileFileStatuses = ["pending", "approved", "rejected", "removed"] as const;

/** Profile photos and gallery images: moderated like covers before anyone else sees them. */
export const profileFiles = pgTable(
  "profile_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: ["photo", "gallery"] }).notNull(),
    status: text("status", { enum: profileFileStatuses }).notNull().default("pending"),
    storageKey: text("storage_key").notNull().unique(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    rejectionReason: text("rejection_reason"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("profile_files_user_idx").on(t.userId, t.kind),
    index("profile_files_pending_idx").on(t.createdAt).where(sql`${t.status} = 'pending'`),
  ],
);

/** Support (SPEC 20): a ticket to the moderators with its own correspondence. */
export const supportTickets = pgTable(
  "support_tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    subject: text("subject").notNull(),
    status: text("status", { enum: ["open", "closed"] }).notNull().default("open"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("support_tickets_user_idx").on(t.userId, t.createdAt), index("support_tickets_status_idx").on(t.status, t.createdAt)],
);

export const supportMessages = pgTable(
  "support_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => supportTickets.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("support_messages_ticket_idx").on(t.ticketId, t.createdAt)],
);

// ---- Appointments and terms (SPEC 16) ----

export const appointmentStatuses = ["pending", "accepted", "rejected", "cancelled", "completed", "no_show"] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/**
 * A booked time with a provider (SPEC 16). The price sits in the appointment's own hold
 * (a ledger account of kind `appointment_hold`) from booking until it is paid out or
 * refunded; `paidMinor` and `refundedMinor` count what left the hold each way, so
 * price = paid + refunded + remaining at every moment.
 */
export const appointments = pgTable(
  "appointments",
  {
    id: uuid("id").primaryKey(),
    tweepId: uuid("tweep_id")
      .notNull()
      .references(() => tweeps.id),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => users.id),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => users.id),
    medium: text("medium", { enum: ["video", "text"] }).notNull(),
    status: text("status", { enum: appointmentStatuses }).notNull().default("pending"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    blocks: integer("blocks").notNull(),
    blockPriceMinor: minor("block_price_minor").notNull(),
    priceMinor: minor("price_minor").notNull(),
    paidMinor: minor("paid_minor").notNull().default(sql`0`),
    refundedMinor: minor("refunded_minor").notNull().default(sql`0`),
    title: jsonb("title").$type<Localized>().notNull(),
    /** A pending request is rejected automatically at this instant (APPOINTMENT_DECISION_HOURS). */
    decideBy: timestamp("decide_by", { withTimezone: true }).notNull(),
    rejectionReason: text("rejection_reason"),
    rejectedAutomatically: boolean("rejected_automatically").notNull().default(false),
    cancelledBy: text("cancelled_by", { enum: ["customer", "provider"] }),
    /** Who did not show (SPEC 16 "No-show"), decided from recorded presence and calls. */
    noShowParty: text("no_show_party", { enum: ["customer", "provider"] }),
    /** The consultation order the appointment's sessions run on, made at the first "Start chat". */
    orderId: uuid("order_id").references((): AnyPgColumn => orders.id),
    /** The first instant the provider was recorded on the site in the appointment's window. */
    providerSeenAt: timestamp("provider_seen_at", { withTimezone: true }),
    /** Reminders sent (SPEC 16: 24 h and 15 min before), so each is sent once. */
    remindedDayBefore: boolean("reminded_day_before").notNull().default(false),
    remindedSoon: boolean("reminded_soon").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("appointments_provider_time_idx").on(t.providerId, t.startsAt).where(sql`${t.status} in ('pending', 'accepted')`),
    index("appointments_customer_idx").on(t.customerId, t.startsAt),
    index("appointments_provider_idx").on(t.providerId, t.startsAt),
    index("appointments_decide_idx").on(t.decideBy).where(sql`${t.status} = 'pending'`),
    check("appointments_blocks_range", sql`${t.blocks} BETWEEN 1 AND 8`),
    check("appointments_price", sql`${t.priceMinor} = ${t.blocks} * ${t.blockPriceMinor} AND ${t.blockPriceMinor} > 0`),
    check("appointments_money", sql`${t.paidMinor} >= 0 AND ${t.refundedMinor} >= 0 AND ${t.paidMinor} + ${t.refundedMinor} <= ${t.priceMinor}`),
    check("appointments_times", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** A provider's terms of service (SPEC 16): each publication is a new version, 1, 2, … */
export const providerTerms = pgTable(
  "provider_terms",
  {
    providerId: uuid("provider_id")
      .notNull()
      .references(() => users.id),
    version: integer("version").notNull(),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("provider_terms_version_uq").on(t.providerId, t.version), check("provider_terms_version_positive", sql`${t.version} >= 1`)],
);

/** A customer's consent to one version of a provider's terms, with its time. */
export const termsConsents = pgTable(
  "terms_consents",
  {
    providerId: uuid("provider_id")
      .notNull()
      .references(() => users.id),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => users.id),
    version: integer("version").notNull(),
    consentedAt: timestamp("consented_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("terms_consents_uq").on(t.providerId, t.customerId, t.version), index("terms_consents_customer_idx").on(t.customerId)],
);

export const tweepPackageStatuses = ["pending", "approved", "rejected", "withdrawn"] as const;

/** SPEC 18: a package of minutes a provider offers on a consultation tweep, moderated like it. */
export const tweepPackages = pgTable(
  "tweep_packages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tweepId: uuid("tweep_id")
      .notNull()
      .references(() => tweeps.id),
    minutes: integer("minutes").notNull(),
    priceMinor: minor("price_minor").notNull(),
    validityDays: integer("validity_days").notNull(),
    status: text("status", { enum: tweepPackageStatuses }).notNull().default("pending"),
    rejectionReason: text("rejection_reason"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("tweep_packages_tweep_idx").on(t.tweepId),
    index("tweep_packages_pending_idx").on(t.createdAt).where(sql`${t.status} = 'pending'`),
    check("tweep_packages_positive", sql`${t.minutes} > 0 AND ${t.priceMinor} > 0 AND ${t.validityDays} > 0`),
  ],
);

export const packagePurchaseStatuses = ["active", "used_up", "expired"] as const;

/**
 * One package bought on an order. Its money sits in its own hold account (kind package_hold)
 * and moves to the provider minute by minute; `minutesLeft` is the guard every draw updates.
 */
export const packagePurchases = pgTable(
  "package_purchases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    packageId: uuid("package_id")
      .notNull()
      .references(() => tweepPackages.id),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => users.id),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => users.id),
    minutes: integer("minutes").notNull(),
    minutesLeft: integer("minutes_left").notNull(),
    priceMinor: minor("price_minor").notNull(),
    validUntil: timestamp("valid_until", { withTimezone: true }).notNull(),
    autoRenew: boolean("auto_renew").notNull().default(false),
    status: text("status", { enum: packagePurchaseStatuses }).notNull().default("active"),
    /** The purchase this one renewed automatically. */
    renewalOfId: uuid("renewal_of_id").references((): AnyPgColumn => packagePurchases.id),
    createdAt: createdAt(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    // One active package per order: the draw knows which one pays, and two buys cannot race.
    uniqueIndex("package_purchases_one_active_uq").on(t.orderId).where(sql`${t.status} = 'active'`),
    // A purchase is renewed at most once.
    uniqueIndex("package_purchases_renewal_uq").on(t.renewalOfId),
    index("package_purchases_expiry_idx").on(t.validUntil).where(sql`${t.status} = 'active'`),
    check("package_purchases_minutes_left", sql`${t.minutesLeft} >= 0 AND ${t.minutesLeft} <= ${t.minutes}`),
  ],
);

export const sessionRecordingStatuses = ["asked", "recording", "stopped"] as const;

/**
 * SPEC 18: a recording of a video session. One party asks, the other consents in the session,
 * then the SFU records until either stops it or the session ends.
 */
export const sessionRecordings = pgTable(
  "session_recordings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => consultationSessions.id),
    askedBy: uuid("asked_by")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: sessionRecordingStatuses }).notNull().default("asked"),
    askedAt: timestamp("asked_at", { withTimezone: true }).notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    stoppedAt: timestamp("stopped_at", { withTimezone: true }),
    stoppedBy: uuid("stopped_by").references(() => users.id),
  },
  (t) => [
    // One recording asked for or running per session at a time.
    uniqueIndex("session_recordings_one_open_uq").on(t.sessionId).where(sql`${t.status} in ('asked', 'recording')`),
  ],
);

/** One file of a recording (a party's audio or video), kept in the file storage for 30 days. */
export const recordingFiles = pgTable(
  "recording_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    recordingId: uuid("recording_id")
      .notNull()
      .references(() => sessionRecordings.id),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => consultationSessions.id),
    role: text("role", { enum: ["provider", "customer"] }).notNull(),
    kind: text("kind", { enum: ["audio", "video"] }).notNull(),
    storageKey: text("storage_key").notNull().unique(),
    contentType: text("content_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    durationMs: integer("duration_ms").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedBy: uuid("deleted_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("recording_files_session_idx").on(t.sessionId, t.startedAt),
    index("recording_files_expiry_idx").on(t.expiresAt).where(sql`${t.deletedAt} IS NULL`),
  ],
);
