import { z } from "@hono/zod-openapi";
import { ProviderStatus } from "./common.ts";
import { multilineText, singleLineText } from "./free-text.ts";

// SPEC 20: notifications, direct messages, invitations, provider profiles, the account's
// own controls and support.

// ---- notifications ----
export const NotificationItem = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string(),
    urgent: z.boolean(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi("Notification");
export type NotificationItem = z.infer<typeof NotificationItem>;
export const NotificationList = z.object({ items: z.array(NotificationItem), unreadCount: z.number().int() });
export const MarkNotificationsRead = z.strictObject({ ids: z.array(z.uuid()).min(1).max(200).optional() });

// ---- direct messages ----
export const DirectMessage = z
  .object({
    id: z.uuid(),
    authorId: z.uuid(),
    body: z.string(),
    attachment: z.object({ fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int() }).nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi("DirectMessage");
export type DirectMessage = z.infer<typeof DirectMessage>;
export const Person = z.object({ id: z.uuid(), name: z.string() });
export const ConversationSummary = z
  .object({ withUser: Person, lastMessage: DirectMessage.nullable(), unreadCount: z.number().int(), lastMessageAt: z.string().nullable() })
  .openapi("Conversation");
export type ConversationSummary = z.infer<typeof ConversationSummary>;
export const ConversationList = z.object({ items: z.array(ConversationSummary), unreadCount: z.number().int() });
export const ConversationPage = z.object({ withUser: Person, items: z.array(DirectMessage) });
export type ConversationPage = z.infer<typeof ConversationPage>;
export const SendDirectMessage = z.strictObject({ body: multilineText().max(4000) });
export const SignedLink = z.object({ url: z.string(), expiresAt: z.string() });

// ---- invitations ----
export const Invitation = z.object({ url: z.string(), code: z.string() }).openapi("Invitation");
export type Invitation = z.infer<typeof Invitation>;
export const InvitationCode = z.object({ code: z.string().regex(/^[a-z0-9]{4,32}$/i) });
export const Inviter = z.object({ id: z.uuid(), name: z.string() });
export type Inviter = z.infer<typeof Inviter>;
export const MyProvider = z
  .object({
    id: z.uuid(),
    name: z.string(),
    orders: z.number().int(),
    appointments: z.number().int(),
    invited: z.boolean(),
    lastContactAt: z.string(),
    live: z.object({ userId: z.uuid(), online: z.boolean(), status: ProviderStatus, callable: z.boolean() }).nullable(),
    chatPath: z.string(),
  })
  .openapi("MyProvider");
export type MyProvider = z.infer<typeof MyProvider>;

// ---- profiles ----
const profileText = (max: number) => multilineText().trim().max(max);
export const PublicProfile = z
  .object({
    photoUrl: z.string().nullable(),
    bio: z.object({ ru: z.string().optional(), en: z.string().optional() }),
    experience: z.string(),
    education: z.string(),
    languages: z.array(z.string()),
    region: z.string().nullable(),
    gallery: z.array(z.string()),
    figures: z.object({ sessionsHeld: z.number().int(), responseRate: z.number().int().nullable(), memberSince: z.string().nullable() }),
    reviews: z.array(z.object({ rating: z.number().int(), body: z.string(), authorName: z.string(), createdAt: z.string() })),
  })
  .openapi("PublicProfile");
export type PublicProfile = z.infer<typeof PublicProfile>;
/** SPEC 20's short form of the profile, on tweep pages and catalog cards. */
export const ShortProfile = z
  .object({
    photoUrl: z.string().nullable().openapi({ description: "The approved photo; null without one" }),
    bio: z.object({ ru: z.string().optional(), en: z.string().optional() }).openapi({ description: "The bio's first line per language" }),
    experience: z.string().nullable().openapi({ description: "The experience's first line" }),
    region: z.string().nullable(),
  })
  .openapi("ShortProfile");
export type ShortProfile = z.infer<typeof ShortProfile>;
export const ProfileFile = z
  .object({
    id: z.uuid(),
    kind: z.enum(["photo", "gallery"]),
    status: z.enum(["pending", "approved", "rejected", "removed"]),
    url: z.string(),
    rejectionReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("ProfileFile");
export type ProfileFile = z.infer<typeof ProfileFile>;
export const MyProfile = z
  .object({
    bio: z.object({ ru: z.string().optional(), en: z.string().optional() }),
    experience: z.string(),
    education: z.string(),
    languages: z.array(z.string()),
    region: z.string().nullable(),
    photo: ProfileFile.nullable(),
    photoUnderReview: ProfileFile.nullable(),
    gallery: z.array(ProfileFile),
  })
  .openapi("MyProfile");
export type MyProfile = z.infer<typeof MyProfile>;
export const profileLanguages = ["ru", "en", "de", "fr", "es", "it", "zh", "ar", "tr", "uk", "kk", "uz", "hy", "ka", "he", "ja", "ko", "pt", "pl"] as const;
export const ProfileChanges = z.strictObject({
  bio: z.strictObject({ ru: profileText(4000).optional(), en: profileText(4000).optional() }).optional(),
  experience: profileText(4000).optional(),
  education: profileText(4000).optional(),
  languages: z.array(z.enum(profileLanguages)).max(10).optional(),
  region: z.union([singleLineText().trim().max(100), z.null()]).optional(),
});
export const PendingProfileFile = ProfileFile.extend({ userId: z.uuid(), userName: z.string() });
export type PendingProfileFile = z.infer<typeof PendingProfileFile>;
export const RejectProfileFile = z.strictObject({ reason: multilineText().trim().min(1).max(1000) });

// ---- the account ----
export const AuthSession = z
  .object({ id: z.string(), createdAt: z.string(), expiresAt: z.string(), userAgent: z.string().nullable(), current: z.boolean() })
  .openapi("AuthSession");
export type AuthSession = z.infer<typeof AuthSession>;

// ---- support ----
export const SupportTicket = z
  .object({ id: z.uuid(), userId: z.uuid(), subject: z.string(), status: z.enum(["open", "closed"]), createdAt: z.string(), updatedAt: z.string() })
  .openapi("SupportTicket");
export type SupportTicket = z.infer<typeof SupportTicket>;
export const SupportMessage = z
  .object({ id: z.uuid(), authorId: z.uuid(), fromSupport: z.boolean(), body: z.string(), createdAt: z.string() })
  .openapi("SupportMessage");
export type SupportMessage = z.infer<typeof SupportMessage>;
export const SupportBody = multilineText().trim().min(1).max(4000);
export const OpenSupportTicket = z.strictObject({ subject: singleLineText().trim().min(1).max(200), body: SupportBody });

// ---- live events (merged into the catalog in live-events.ts) ----
export const peopleServerEvents = {
  /** A new notification for the bell, with the user's unread count after it. */
  "notification:new": z.object({ notification: NotificationItem, unreadCount: z.number().int() }),
  /** The user read notifications on some page: the bell's new count. */
  "notification:read": z.object({ unreadCount: z.number().int() }),
  /** A direct message in a conversation of the user's (`withUserId` is the other party). */
  "conversation:message": z.object({ withUserId: z.uuid(), message: DirectMessage }),
  /** The other party read the conversation up to now (read receipts). */
  "conversation:read": z.object({ withUserId: z.uuid(), readAt: z.string() }),
} as const;

// ---- account request bodies ----
export const ChangePassword = z.strictObject({
  currentPassword: singleLineText().min(1).max(128),
  newPassword: singleLineText().min(10).max(128),
});
export const ConfirmPhone = z.strictObject({ phone: singleLineText().min(3).max(32), code: z.string().regex(/^\s*\d{6}\s*$/) });
