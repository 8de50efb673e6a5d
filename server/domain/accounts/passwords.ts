import { hash, verify } from "@node-rs/argon2";

// Argon2id with the OWASP-recommended memory cost (19 MiB, 2 passes): memory-hard, so
// guessing on GPUs stays expensive.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN_LENGTH = 8;
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
