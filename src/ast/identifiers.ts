/**
 * Alloy identifier characters (spec §1.4): ASCII letters, `_` and non-ASCII letters (\p{L}) start
 * an identifier; ASCII digits and non-ASCII decimal digits (\p{Nd} only, not other numbers or
 * marks) may follow. `true`, `false` and `null` are keywords, not identifiers.
 */

const LETTER = /^\p{L}$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

// Lazily filled answers for the BMP (0 = not computed, 1 = yes, 2 = no): non-ASCII identifiers
// are rare, but a file full of them should not run a regex per character.
const bmpLetter = new Uint8Array(0x10000);
const bmpDigit = new Uint8Array(0x10000);

function isUnicodeLetter(cp: number): boolean {
  if (cp < 0x10000) {
    let known = bmpLetter[cp] as number;
    if (known === 0) {
      known = LETTER.test(String.fromCharCode(cp)) ? 1 : 2;
      bmpLetter[cp] = known;
    }
    return known === 1;
  }
  return cp <= 0x10ffff && LETTER.test(String.fromCodePoint(cp));
}

function isUnicodeDecimalDigit(cp: number): boolean {
  if (cp < 0x10000) {
    let known = bmpDigit[cp] as number;
    if (known === 0) {
      known = DECIMAL_DIGIT.test(String.fromCharCode(cp)) ? 1 : 2;
      bmpDigit[cp] = known;
    }
    return known === 1;
  }
  return cp <= 0x10ffff && DECIMAL_DIGIT.test(String.fromCodePoint(cp));
}

/** Whether code point `cp` may start an identifier. Negative values (end of input) are not. */
export function isIdentStart(cp: number): boolean {
  if (cp < 0x80) {
    const lower = cp | 0x20;
    return (lower >= 0x61 && lower <= 0x7a && cp >= 0) || cp === 0x5f;
  }
  return isUnicodeLetter(cp);
}

/** Whether code point `cp` may continue an identifier. */
export function isIdentPart(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || isIdentStart(cp);
  return isUnicodeLetter(cp) || isUnicodeDecimalDigit(cp);
}

function isDigit(cp: number): boolean {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x80 && isUnicodeDecimalDigit(cp));
}

/**
 * Whether scanning `s` yields exactly one IDENT token spanning all of it (what Alloy requires of
 * block labels). Keywords, the empty string, a leading digit, spaces, `-` and `.` all fail.
 */
export function isValidIdentifier(s: string): boolean {
  if (s.length === 0) return false;
  let first = true;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (first ? !isIdentStart(cp) : !isIdentPart(cp)) return false;
    first = false;
  }
  return s !== "true" && s !== "false" && s !== "null";
}

export type SanitizeResult = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: string };

/**
 * Turns `s` into an identifier the way Alloy's converters do: unchanged when already valid;
 * otherwise `_` is prefixed when it starts with a digit and every code point that is neither a
 * letter nor a digit becomes `_`. Different inputs can give the same output.
 */
export function sanitizeIdentifier(s: string): SanitizeResult {
  if (s.length === 0) return { ok: false, error: "cannot generate a new identifier for an empty string" };
  if (isValidIdentifier(s)) return { ok: true, value: s };
  let out = "";
  let first = true;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (first && isDigit(cp)) out = "_";
    first = false;
    out += isIdentPart(cp) ? ch : "_";
  }
  // Only a keyword survives unchanged and stays invalid; upstream panics there, we report it.
  if (!isValidIdentifier(out)) return { ok: false, error: `invalid identifier "${out}" generated for \`"${s}"\`` };
  return { ok: true, value: out };
}
