import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { AppError } from "../../errors.ts";

/** E.164 form ("+79990000001"); numbers without a country code are read as Russian. */
export function normalizePhone(input: string): string {
  const parsed = parsePhoneNumberFromString(input.trim(), "RU");
  if (!parsed || !parsed.isValid()) {
    throw new AppError("invalid_phone", "Enter a valid phone number with its country code, such as +7 999 000-00-01.");
  }
  return parsed.number;
}
