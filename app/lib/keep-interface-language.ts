import { apiRequest } from "./api-client.ts";
import type { User } from "../../contract/accounts.ts";
import type { Locale } from "./locale.ts";

/**
 * A new account starts with the server's default language, and the server answers sign-up
 * by setting the locale cookie to it. The person was reading the site in `locale`, so
 * that choice is saved to the account (the server then sets the cookie to match), and
 * their interface does not switch language under them.
 */
export async function keepInterfaceLanguage(user: User, locale: Locale): Promise<User> {
  if (user.language === locale) return user;
  try {
    const { user: updated } = await apiRequest<{ user: User }>("/me", { method: "PATCH", body: { language: locale } });
    return updated;
  } catch (error) {
    console.error("Could not save the interface language to the account", error);
    return user;
  }
}
