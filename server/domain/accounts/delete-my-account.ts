import { and, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client.ts";
import {
  appointments,
  authSessions,
  directMessages,
  disputes,
  ledgerAccounts,
  notifications,
  orders,
  packagePurchases,
  payouts,
  profileFiles,
  providerInvitations,
  providerProfiles,
  sessionReports,
  sharedDocuments,
  tweeps,
  users,
} from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors.ts";
import { withTransaction } from "../../../db/with-transaction.ts";

export type DeletionRefusal =
  | "money_held"
  | "open_orders"
  | "open_appointments"
  | "balance_not_zero"
  | "earnings_pending"
  | "payout_pending"
  | "open_disputes";

const ACTIVE_ORDER = ["open", "in_progress", "delivered"] as const;
const ACTIVE_APPOINTMENT = ["pending", "accepted"] as const;

/**
 * SPEC 20 "Delete my account". Refused with a reason while money is held for or owed to the
 * user (any hold of theirs: an order's, an appointment's, a minute package's; earnings not yet
 * cleared; a payout on its way), or orders, appointments, disputes or session reports are still
 * open. Otherwise the user's row keeps only its id (the ledger and the other party's orders
 * point at it): phone, name, e-mail, password, profile, photos, sessions, notifications, the
 * messages they wrote and the shared documents they uploaded are erased; their tweeps are archived.
 * The ledger is untouched: their account is at zero, so it still sums to zero, anonymously.
 * Everything runs under the user's row lock, so an order placed meanwhile waits or is refused.
 */
export async function deleteMyAccount(ctx: AppContext, input: { userId: string }) {
  const removedKeys = await withTransaction(ctx.db, async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, input.userId)).for("update");
    if (!user || user.deletedAt) throw new AppError("not_found", "There is no such account.");
    const refusal = await findRefusal(tx, user.id);
    if (refusal) {
      throw new AppError("conflict", messages[refusal], { details: { reason: refusal } });
    }
    const now = ctx.now();
    await tx
      .update(users)
      .set({
        phone: `deleted:${user.id}`,
        passwordHash: null,
        name: "",
        email: null,
        invitationCode: null,
        availabilityHours: [],
        availabilityTimeZone: null,
        providerStatus: "not_set",
        isModerator: false,
        isAdmin: false,
        deletedAt: now,
      })
      .where(eq(users.id, user.id));
    await tx.delete(authSessions).where(eq(authSessions.userId, user.id));
    await tx.delete(notifications).where(eq(notifications.userId, user.id));
    await tx.delete(providerInvitations).where(or(eq(providerInvitations.providerId, user.id), eq(providerInvitations.customerId, user.id)));
    await tx.delete(providerProfiles).where(eq(providerProfiles.userId, user.id));
    const files = await tx.delete(profileFiles).where(eq(profileFiles.userId, user.id)).returning({ key: profileFiles.storageKey });
    const written = await tx
      .delete(directMessages)
      .where(eq(directMessages.authorId, user.id))
      .returning({ key: directMessages.storageKey });
    // Their papers in a shared folder (a passport scan, a contract) go like their messages;
    // the rows stay marked deleted, as when the uploader deletes one (SPEC 16).
    const documents = await tx
      .update(sharedDocuments)
      .set({ deletedAt: now })
      .where(and(eq(sharedDocuments.uploaderId, user.id), isNull(sharedDocuments.deletedAt)))
      .returning({ key: sharedDocuments.storageKey });
    await tx
      .update(tweeps)
      .set({ status: "archived", updatedAt: now })
      .where(and(eq(tweeps.providerId, user.id), sql`${tweeps.status} <> 'archived'`));
    return [
      ...files.map((file) => file.key),
      ...documents.map((document) => document.key),
      ...written.map((message) => message.key).filter((key): key is string => key !== null),
    ];
  });
  // The bytes go after the commit: a failed removal leaves an orphan file, never a row without one.
  await Promise.all(removedKeys.map((key) => ctx.storage.remove(key).catch((error: unknown) => ctx.logger.warn({ err: error }, "removing a file failed"))));
}

const messages: Record<DeletionRefusal, string> = {
  money_held: "Money is still held on an order, an appointment or a minute package of yours; finish or cancel it first.",
  open_orders: "You still have open orders; finish or cancel them first.",
  open_appointments: "You still have appointments booked; finish or cancel them first.",
  balance_not_zero: "Your balance is not zero; withdraw it first.",
  earnings_pending: "Some of your earnings have not cleared yet; wait until they do and withdraw them.",
  payout_pending: "A payout to you is still on its way; wait until it is paid.",
  open_disputes: "A dispute or a session report of yours is still open.",
};

async function findRefusal(tx: Transaction, userId: string): Promise<DeletionRefusal | null> {
  const mine = or(eq(orders.customerId, userId), eq(orders.providerId, userId));
  // Every hold kind: an order's, an appointment's, a minute package's (either side of it).
  // One query per kind, each starting from the user's own rows.
  const positive = gt(ledgerAccounts.balanceMinor, sql`0`);
  // One after another: a transaction is one connection.
  const holdQueries = [
    () => tx.select({ id: ledgerAccounts.id }).from(orders).innerJoin(ledgerAccounts, eq(ledgerAccounts.orderId, orders.id)).where(and(mine, positive)).limit(1),
    () =>
      tx
        .select({ id: ledgerAccounts.id })
        .from(appointments)
        .innerJoin(ledgerAccounts, eq(ledgerAccounts.appointmentId, appointments.id))
        .where(and(or(eq(appointments.customerId, userId), eq(appointments.providerId, userId)), positive))
        .limit(1),
    () =>
      tx
        .select({ id: ledgerAccounts.id })
        .from(packagePurchases)
        .innerJoin(ledgerAccounts, eq(ledgerAccounts.packagePurchaseId, packagePurchases.id))
        .where(and(or(eq(packagePurchases.customerId, userId), eq(packagePurchases.providerId, userId)), positive))
        .limit(1),
  ];
  for (const query of holdQueries) {
    if ((await query()).length > 0) return "money_held";
  }
  const [open] = await tx.select({ id: orders.id }).from(orders).where(and(mine, inArray(orders.status, [...ACTIVE_ORDER]))).limit(1);
  if (open) return "open_orders";
  const [booked] = await tx
    .select({ id: appointments.id })
    .from(appointments)
    .where(and(or(eq(appointments.customerId, userId), eq(appointments.providerId, userId)), inArray(appointments.status, [...ACTIVE_APPOINTMENT])))
    .limit(1);
  if (booked) return "open_appointments";
  const accounts = await tx
    .select({ kind: ledgerAccounts.kind, balanceMinor: ledgerAccounts.balanceMinor })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.userId, userId), inArray(ledgerAccounts.kind, ["user", "earnings_pending"])));
  if (accounts.some((row) => row.kind === "user" && row.balanceMinor !== 0n)) return "balance_not_zero";
  if (accounts.some((row) => row.kind === "earnings_pending" && row.balanceMinor !== 0n)) return "earnings_pending";
  const [payout] = await tx
    .select({ id: payouts.id })
    .from(payouts)
    .where(and(eq(payouts.userId, userId), eq(payouts.status, "requested")))
    .limit(1);
  if (payout) return "payout_pending";
  const [dispute] = await tx
    .select({ id: disputes.id })
    .from(disputes)
    .innerJoin(orders, eq(orders.id, disputes.orderId))
    .where(and(mine, eq(disputes.status, "open")))
    .limit(1);
  if (dispute) return "open_disputes";
  // An open session report may still move money between the two (SPEC 17).
  const [report] = await tx
    .select({ id: sessionReports.id })
    .from(sessionReports)
    .where(and(or(eq(sessionReports.customerId, userId), eq(sessionReports.providerId, userId)), eq(sessionReports.status, "open")))
    .limit(1);
  if (report) return "open_disputes";
  return null;
}
