import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { AppError } from "../../errors.ts";

// Argon2id with the OWASP-recommended memory cost (19 MiB, 2 passes): memory-hard, so
// guessing on GPUs stays expensive.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** For new passwords; accounts made under the old 8-character rule keep logging in. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    // Same work for unknown phones, so timing does not reveal who is registered.
    await hash(password, OPTIONS);
    return false;
  }
  return verify(passwordHash, password);
}

// The most common passwords from leaked lists (zxcvbn-ts's maintained list): the first
// ones any attacker tries. Lower-cased, as guessing tools try every case.
let commonPasswords: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary["passwords-common"].map((word) => word.toLowerCase()));
  const lower = password.toLowerCase();
  return commonPasswords.has(lower) || commonPasswords.has(lower.replace(/[\s\d!.]+$/, ""));
}

/** The rules a new password must meet (checked when one is set, never at login). */
export function assertNewPasswordAllowed(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new AppError("validation_failed", `password: at least ${PASSWORD_MIN_LENGTH} characters`, {
      details: [{ path: "password", message: "too_short" }],
    });
  }
  if (isCommonPassword(password)) {
    throw new AppError("validation_failed", "password: this password is one of the most common; choose another", {
      details: [{ path: "password", message: "too_common" }],
    });
  }
}
