/** Seconds from the NTP era (1900) to the Unix epoch. */
const NTP_UNIX_OFFSET_SECONDS = 2_208_988_800;
const FRACTIONS_PER_SECOND = 2 ** 32;

/**
 * The 64-bit NTP timestamp (RFC 3550 §4: seconds since 1900, then a binary fraction of a second) of
 * a wall-clock time in milliseconds since the Unix epoch. werift's `ntpTime` puts the decimal
 * digits of the seconds where the binary fraction goes, so its sender reports carried whole seconds
 * only, and read the clock through a string; this is exact and costs a few arithmetic operations.
 */
export function ntpTimestampAt(epochMs: number): bigint {
  const seconds = Math.floor(epochMs / 1_000);
  const fraction = Math.floor(((epochMs - seconds * 1_000) / 1_000) * FRACTIONS_PER_SECOND);
  return (BigInt(seconds + NTP_UNIX_OFFSET_SECONDS) << 32n) | BigInt(fraction);
}
