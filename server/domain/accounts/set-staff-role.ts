import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { users } from "../../../db/schema.ts";
import { AppError } from "../../errors.ts";
import { normalizePhone } from "./normalize-phone.ts";
import { toPublicUser } from "./public-user.ts";

export type StaffRole = "moderator" | "administrator";

/** SPEC 1: moderators (and administrators) are appointed by an administrator's command. */
export async function setStaffRole(db: Executor, input: { phone: string; role: StaffRole; granted: boolean }) {
  const phone = normalizePhone(input.phone);
  const set = input.role === "moderator" ? { isModerator: input.granted } : { isAdmin: input.granted };
  const [user] = await db.update(users).set(set).where(eq(users.phone, phone)).returning();
  if (!user) throw new AppError("not_found", `No user is registered with ${phone}.`);
  return toPublicUser(user);
}
