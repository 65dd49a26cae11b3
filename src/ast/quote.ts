/**
 * The one home of Go string quoting (strconv.Quote, what `%q` and `alloy fmt` print) and of the
 * printable-rune test it rests on (unicode.IsPrint). ast is the lowest stage every user imports:
 * the factory writes literals with it, parse quotes user text in messages, emit prints keys.
 *
 * Printable means Unicode categories L, M, N, P, S or the ASCII space. The categories come from the
 * JavaScript runtime's `\p{…}` tables, the one table alloyc keeps for them (identifiers use the
 * same ones, spec §1.4). Upstream's Go has Unicode 15; a character assigned later is printable
 * here and escaped there.
 */

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's unicode.IsPrint (= strconv.IsPrint) for one code point. */
export function isGoPrintable(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false; // not a Unicode scalar value
  return PRINTABLE.test(String.fromCodePoint(cp));
}

/** Text needing no escape: printable ASCII except `"` and `\`. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

const ESCAPES: Readonly<Record<number, string>> = {
  0x07: "\\a",
  0x08: "\\b",
  0x0c: "\\f",
  0x0a: "\\n",
  0x0d: "\\r",
  0x09: "\\t",
  0x0b: "\\v",
  0x22: '\\"',
  0x5c: "\\\\",
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/**
 * The text between the quotes of Go's `strconv.Quote(value)`: printable characters as they are,
 * `"` and `\` backslashed, the rest as `\a`…`\v`, `\xNN` (ASCII), `\uNNNN` or `\UNNNNNNNN`
 * (lowercase hex). A lone surrogate is what UTF-8 output makes of it, U+FFFD, which Go prints as is.
 */
export function quoteInner(value: string): string {
  if (PLAIN.test(value)) return value;
  let out = "";
  for (const ch of value) {
    let cp = ch.codePointAt(0) as number;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // a lone surrogate (a pair is one code point here)
    const escape = ESCAPES[cp];
    if (escape !== undefined) out += escape;
    else if (isGoPrintable(cp)) out += cp === 0xfffd ? "\ufffd" : ch;
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + hex(cp, 2);
    else if (cp < 0x10000) out += "\\u" + hex(cp, 4);
    else out += "\\U" + hex(cp, 8);
  }
  return out;
}

/** Go's `strconv.Quote(value)` (`%q`): `value` double-quoted with Go's escapes. */
export function goQuote(value: string): string {
  return `"${quoteInner(value)}"`;
}
