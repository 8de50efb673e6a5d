import type { users } from "../../../db/schema.ts";

export type PublicUser = ReturnType<typeof toPublicUser>;

/** What the API shows of a user to themselves (never the password hash). */
export function toPublicUser(user: typeof users.$inferSelect) {
  const roles = ["customer"];
  if (user.isModerator) roles.push("moderator");
  if (user.isAdmin) roles.push("administrator");
  return {
    id: user.id,
    phone: user.phone,
    name: user.name,
    email: user.email,
    timeZone: user.timeZone,
    language: user.language,
    roles,
    providerStatus: user.providerStatus,
    pausedUntil: user.pausedUntil?.toISOString() ?? null,
    channels: { video: user.videoCallsOn, text: user.textChatsOn },
  };
}
