import { apiRequest } from "./api-client.ts";
import type { User } from "./api-types.ts";
import { isLocale } from "./locale.ts";
import type { Locale } from "./locale.ts";
import { readLocaleCookie, writeLocaleCookie } from "./locale-cookie.ts";

/**
 * After logging in: someone who already chose an interface language on this device keeps
 * it (and the account learns it, for e-mails and SMS); someone who never chose gets the
 * account's language. Returns the user as the server now has it.
 */
export async function adoptAccountLanguage(user: User, currentLocale: Locale): Promise<User> {
  const chosen = readLocaleCookie();
  if (!isLocale(chosen)) {
    if (isLocale(user.language) && user.language !== currentLocale) writeLocaleCookie(user.language);
    return user;
  }
  if (user.language === chosen) return user;
  try {
    const { user: updated } = await apiRequest<{ user: User }>("/me", { method: "PATCH", body: { language: chosen } });
    return updated;
  } catch (error) {
    console.error("Could not save the interface language to the account", error);
    return user;
  }
}
