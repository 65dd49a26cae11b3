/** Byte- and rune-level helpers for the scanner. */

import { isGoPrintable } from "../ast/quote.js";

export const EOF_CHAR = -1;
export const BOM = 0xfeff;
const RUNE_ERROR = 0xfffd;

export const LF = 0x0a;
export const CR = 0x0d;
export const TAB = 0x09;
export const SPACE = 0x20;
export const SLASH = 0x2f;
export const STAR = 0x2a;
export const BACKSLASH = 0x5c;
export const DOUBLE_QUOTE = 0x22;
export const SINGLE_QUOTE = 0x27;
export const BACKTICK = 0x60;
export const DOT = 0x2e;

/**
 * What `decodeRune` returns for an invalid sequence: U+FFFD consuming one byte, as Go's
 * utf8.DecodeRune does (so every bad byte is its own character). A correctly encoded U+FFFD
 * decodes with width 3 and is therefore distinguishable.
 */
export const INVALID_RUNE = (RUNE_ERROR << 3) | 1;

/**
 * Decodes the UTF-8 sequence whose lead byte `src[i]` is ≥ 0x80. Returns `(codePoint << 3) | width`
 * (packed to avoid allocating), or INVALID_RUNE for overlong forms, surrogates, code points above
 * U+10FFFF, stray continuation bytes and truncated sequences.
 */
export function decodeRune(src: Uint8Array, i: number, len: number): number {
  const b0 = src[i] as number;
  if (b0 < 0xc2 || b0 > 0xf4) return INVALID_RUNE;
  const b1 = i + 1 < len ? (src[i + 1] as number) : 0;
  if (b0 < 0xe0) {
    if ((b1 & 0xc0) !== 0x80) return INVALID_RUNE;
    return ((((b0 & 0x1f) << 6) | (b1 & 0x3f)) << 3) | 2;
  }
  // The second byte's range is narrowed to exclude overlong forms, surrogates and > U+10FFFF.
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 === 0xe0) lo = 0xa0;
  else if (b0 === 0xed) hi = 0x9f;
  else if (b0 === 0xf0) lo = 0x90;
  else if (b0 === 0xf4) hi = 0x8f;
  if (b1 < lo || b1 > hi) return INVALID_RUNE;
  const b2 = i + 2 < len ? (src[i + 2] as number) : 0;
  if ((b2 & 0xc0) !== 0x80) return INVALID_RUNE;
  if (b0 < 0xf0) return ((((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f)) << 3) | 3;
  const b3 = i + 3 < len ? (src[i + 3] as number) : 0;
  if ((b3 & 0xc0) !== 0x80) return INVALID_RUNE;
  return ((((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f)) << 3) | 4;
}

/** A character as Go's `%#U` prints it: `U+0023 '#'`, or just `U+0007` when not printable. */
export function formatCharU(cp: number): string {
  const hex = "U+" + cp.toString(16).toUpperCase().padStart(4, "0");
  return isGoPrintable(cp) ? `${hex} '${String.fromCodePoint(cp)}'` : hex;
}

/** Per-byte classes for the ASCII fast paths; bytes ≥ 0x80 are class 0. */
const IDENT_START = 1;
export const DIGIT = 2;
export const asciiClass: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (let c = 0x41; c <= 0x5a; c++) t[c] = IDENT_START;
  for (let c = 0x61; c <= 0x7a; c++) t[c] = IDENT_START;
  t[0x5f] = IDENT_START;
  for (let c = 0x30; c <= 0x39; c++) t[c] = DIGIT;
  return t;
})();

/** Hex/decimal value of an escape digit, or 16 (larger than any base) for anything else. */
export function digitValue(ch: number): number {
  if (ch >= 0x30 && ch <= 0x39) return ch - 0x30;
  const lower = ch | 0x20;
  if (ch >= 0 && lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return 16;
}

const utf8 = new TextDecoder();

/** Source text of `src[start, end)`: decoded as UTF-8 (bad bytes become U+FFFD). */
export function decodeUtf8(src: Uint8Array, start: number, end: number): string {
  return utf8.decode(src.subarray(start, end));
}

/**
 * The whole input as a one-byte-per-character string, so ASCII-only token text can be sliced out
 * without decoding. Characters ≥ 0x80 in it are meaningless and never sliced.
 */
export function latin1View(src: Uint8Array): string {
  return Buffer.from(src.buffer, src.byteOffset, src.byteLength).toString("latin1");
}
