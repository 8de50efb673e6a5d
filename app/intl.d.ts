// Teaches use-intl our locales and message keys, so a mistyped key fails `tsc`.
import type en from "../messages/en.json";
import type { Locale } from "./lib/locale.ts";

declare module "use-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
