import { createHash } from "node:crypto";

/**
 * Alloy's hashmod: MD5 of the joined value's UTF-8 bytes, the last 8 bytes of the digest read as a
 * big-endian unsigned 64-bit integer, modulo `modulus` (a uint64), written in decimal.
 */
export function hashmod(value: string, modulus: bigint): string {
  const digest = createHash("md5").update(value, "utf8").digest();
  return (digest.readBigUInt64BE(8) % modulus).toString();
}
