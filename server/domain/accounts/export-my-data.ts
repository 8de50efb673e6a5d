import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import {
  appointments,
  authSessions,
  consultationSessions,
  conversations,
  directMessages,
  ledgerAccounts,
  ledgerEntries,
  ledgerTransactions,
  notifications,
  orderMessages,
  orders,
  packagePurchases,
  payouts,
  providerInvitations,
  providerProfiles,
  reviews,
  sessionReports,
  sharedDocuments,
  supportMessages,
  supportTickets,
  users,
} from "../../../db/schema.ts";
import type { AppContext } from "../../context.ts";
import { toPublicReport } from "../reports/report-view.ts";
import { AppError } from "../../errors.ts";

const iso = (date: Date | null) => date?.toISOString() ?? null;

/**
 * SPEC 20 "Export my data": everything the platform keeps about the user, as JSON. Orders,
 * appointments, consultation sessions, session reports and minute packages are the user's own
 * (as customer or provider), orders with their threads; conversations and shared documents
 * (names and sizes, not the files) are those of the pairs the user belongs to; movements are
 * their own accounts' (available and pending). Nothing of anyone else's is read except what
 * the other party wrote or sent to them in those threads and folders.
 */
export async function exportMyData(ctx: AppContext, input: { userId: string }) {
  const { userId } = input;
  const now = ctx.now();
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError("not_found", "There is no such account.");
  const myOrders = await ctx.db
    .select()
    .from(orders)
    .where(or(eq(orders.customerId, userId), eq(orders.providerId, userId)))
    .orderBy(asc(orders.createdAt));
  const orderIds = myOrders.map((order) => order.id);
  const threads = orderIds.length
    ? await ctx.db.select().from(orderMessages).where(inArray(orderMessages.orderId, orderIds)).orderBy(asc(orderMessages.createdAt))
    : [];
  const pairs = await ctx.db
    .select()
    .from(conversations)
    .where(or(eq(conversations.userLowId, userId), eq(conversations.userHighId, userId)));
  const direct = pairs.length
    ? await ctx.db
        .select()
        .from(directMessages)
        .where(inArray(directMessages.conversationId, pairs.map((pair) => pair.id)))
        .orderBy(asc(directMessages.createdAt))
    : [];
  const movements = await ctx.db
    .select({
      id: ledgerEntries.id,
      account: ledgerAccounts.kind,
      createdAt: ledgerEntries.createdAt,
      amountMinor: ledgerEntries.amountMinor,
      kind: ledgerTransactions.kind,
      memo: ledgerTransactions.memo,
      orderId: ledgerTransactions.orderId,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .where(and(eq(ledgerAccounts.userId, userId), inArray(ledgerAccounts.kind, ["user", "earnings_pending"])))
    .orderBy(asc(ledgerEntries.id));
  const [myAppointments, mySessions, myReports, myPackages, documents] = await Promise.all([
    ctx.db.select().from(appointments).where(or(eq(appointments.customerId, userId), eq(appointments.providerId, userId))).orderBy(asc(appointments.createdAt)),
    ctx.db
      .select()
      .from(consultationSessions)
      .where(or(eq(consultationSessions.customerId, userId), eq(consultationSessions.providerId, userId)))
      .orderBy(asc(consultationSessions.createdAt)),
    ctx.db.select().from(sessionReports).where(or(eq(sessionReports.customerId, userId), eq(sessionReports.providerId, userId))).orderBy(asc(sessionReports.createdAt)),
    ctx.db.select().from(packagePurchases).where(or(eq(packagePurchases.customerId, userId), eq(packagePurchases.providerId, userId))).orderBy(asc(packagePurchases.createdAt)),
    ctx.db
      .select()
      .from(sharedDocuments)
      .where(and(or(eq(sharedDocuments.userLowId, userId), eq(sharedDocuments.userHighId, userId)), isNull(sharedDocuments.deletedAt)))
      .orderBy(asc(sharedDocuments.createdAt)),
  ]);
  const roleOf = (row: { customerId: string }) => (row.customerId === userId ? "customer" : "provider");
  const [myPayouts, myNotifications, sessions, tickets, myReviews, invitations, [profile]] = await Promise.all([
    ctx.db.select().from(payouts).where(eq(payouts.userId, userId)),
    ctx.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(asc(notifications.createdAt)),
    ctx.db.select().from(authSessions).where(eq(authSessions.userId, userId)),
    ctx.db.select().from(supportTickets).where(eq(supportTickets.userId, userId)),
    ctx.db.select().from(reviews).where(or(eq(reviews.customerId, userId), eq(reviews.providerId, userId))),
    ctx.db.select().from(providerInvitations).where(or(eq(providerInvitations.providerId, userId), eq(providerInvitations.customerId, userId))),
    ctx.db.select().from(providerProfiles).where(eq(providerProfiles.userId, userId)),
  ]);
  const ticketMessages = tickets.length
    ? await ctx.db.select().from(supportMessages).where(inArray(supportMessages.ticketId, tickets.map((ticket) => ticket.id))).orderBy(asc(supportMessages.createdAt))
    : [];

  return {
    exportedAt: ctx.now().toISOString(),
    user: {
      id: user.id,
      phone: user.phone,
      name: user.name,
      email: user.email,
      timeZone: user.timeZone,
      language: user.language,
      providerStatus: user.providerStatus,
      availabilityHours: user.availabilityHours,
      availabilityTimeZone: user.availabilityTimeZone,
      createdAt: user.createdAt.toISOString(),
    },
    profile: profile ? { bio: profile.bio, experience: profile.experience, education: profile.education, languages: profile.languages, region: profile.region } : null,
    orders: myOrders.map((order) => ({
      id: order.id,
      role: order.customerId === userId ? "customer" : "provider",
      type: order.type,
      medium: order.medium,
      status: order.status,
      title: order.title,
      priceMinor: Number(order.priceMinor),
      createdAt: order.createdAt.toISOString(),
      finishedAt: iso(order.finishedAt),
      messages: threads
        .filter((message) => message.orderId === order.id)
        .map((message) => ({ id: message.id, fromMe: message.authorId === userId, body: message.body, createdAt: message.createdAt.toISOString() })),
    })),
    conversations: pairs.map((pair) => ({
      withUserId: pair.userLowId === userId ? pair.userHighId : pair.userLowId,
      messages: direct
        .filter((message) => message.conversationId === pair.id)
        .map((message) => ({
          id: message.id,
          fromMe: message.authorId === userId,
          body: message.body,
          attachment: message.fileName,
          createdAt: message.createdAt.toISOString(),
          readAt: iso(message.readAt),
        })),
    })),
    appointments: myAppointments.map((row) => ({
      id: row.id,
      role: roleOf(row),
      withUserId: row.customerId === userId ? row.providerId : row.customerId,
      tweepId: row.tweepId,
      title: row.title,
      medium: row.medium,
      status: row.status,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      priceMinor: Number(row.priceMinor),
      paidMinor: Number(row.paidMinor),
      refundedMinor: Number(row.refundedMinor),
      orderId: row.orderId,
      createdAt: row.createdAt.toISOString(),
    })),
    consultationSessions: mySessions.map((row) => ({
      id: row.id,
      orderId: row.orderId,
      role: roleOf(row),
      medium: row.medium,
      status: row.status,
      clockStartedAt: iso(row.clockStartedAt),
      endedAt: iso(row.endedAt),
      blocksCharged: row.blocksCharged,
      blockPriceMinor: Number(row.blockPriceMinor),
      createdAt: row.createdAt.toISOString(),
    })),
    // The report as either party sees it, with the user's role in place of both parties' ids.
    sessionReports: myReports.map((row) => {
      const { customerId: _customerId, providerId: _providerId, ...report } = toPublicReport(row);
      return { ...report, role: roleOf(row) };
    }),
    minutePackages: myPackages.map((row) => ({
      id: row.id,
      orderId: row.orderId,
      role: roleOf(row),
      minutes: row.minutes,
      minutesLeft: row.minutesLeft,
      priceMinor: Number(row.priceMinor),
      status: row.status,
      validUntil: row.validUntil.toISOString(),
      createdAt: row.createdAt.toISOString(),
    })),
    sharedDocuments: documents.map((row) => ({
      id: row.id,
      withUserId: row.userLowId === userId ? row.userHighId : row.userLowId,
      uploadedByMe: row.uploaderId === userId,
      fileName: row.fileName,
      contentType: row.contentType,
      sizeBytes: row.sizeBytes,
      createdAt: row.createdAt.toISOString(),
    })),
    movements: movements.map((row) => ({
      id: String(row.id),
      account: row.account === "user" ? "available" : "pending",
      createdAt: row.createdAt.toISOString(),
      amountMinor: Number(row.amountMinor),
      kind: row.kind,
      memo: row.memo,
      orderId: row.orderId,
    })),
    payouts: myPayouts.map((payout) => ({ id: payout.id, amountMinor: Number(payout.amountMinor), status: payout.status, createdAt: payout.createdAt.toISOString(), paidAt: iso(payout.paidAt) })),
    reviews: myReviews
      // A review of me that is not shown yet stays blind in my export too (SPEC 18).
      .filter((review) => isAuthor(review, userId) || review.revealAt === null || review.revealAt <= now)
      .map((review) => ({
        orderId: review.orderId,
        sessionId: review.sessionId,
        role: isAuthor(review, userId) ? "author" : "subject",
        rating: review.rating,
        body: review.body,
        createdAt: review.createdAt.toISOString(),
      })),
    invitations: invitations.map((row) => ({ role: row.providerId === userId ? "provider" : "customer", otherUserId: row.providerId === userId ? row.customerId : row.providerId, createdAt: row.createdAt.toISOString() })),
    notifications: myNotifications.map((row) => ({ kind: row.kind, link: row.link, createdAt: row.createdAt.toISOString(), readAt: iso(row.readAt) })),
    sessions: sessions.map((row) => ({ createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt.toISOString(), userAgent: row.userAgent })),
    supportTickets: tickets.map((ticket) => ({
      id: ticket.id,
      subject: ticket.subject,
      status: ticket.status,
      createdAt: ticket.createdAt.toISOString(),
      messages: ticketMessages
        .filter((message) => message.ticketId === ticket.id)
        .map((message) => ({ fromMe: message.authorId === userId, body: message.body, createdAt: message.createdAt.toISOString() })),
    })),
  };
}

function isAuthor(review: { customerId: string; providerId: string; authorRole: "customer" | "provider" }, userId: string) {
  return review.authorRole === "customer" ? review.customerId === userId : review.providerId === userId;
}
