/**
 * Quoting of object keys. Upstream re-quotes a string key's raw inner text with Go's `%q`
 * (spec §4.4 quirk 1), which doubles every backslash on each run and so changes the key. alloyc
 * prints the key so that it reads back as the same raw text instead (keyText); Go's `%q` itself
 * (goQuote, src/ast/quote.ts) is kept for the upstream-compatible mode.
 */

/** Text needing no escape: printable ASCII except `"` and `\`. */
const SIMPLE = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

const HEX = /[0-9a-fA-F]/;

/** Whether `"` + s + `"` scans as one double-quoted string whose inner text is exactly s. */
function isQuotableAsIs(s: string): boolean {
  if (SIMPLE.test(s)) return true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x0a || c === 0) return false;
    if (c !== 0x5c) continue;
    const e = s[i + 1];
    if (e === undefined) return false;
    if ("abfnrtv\\\"".includes(e)) {
      i++;
      continue;
    }
    let digits: number;
    let value: number;
    if (e >= "0" && e <= "7") {
      const oct = s.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return false;
      i += 3;
      continue;
    } else if (e === "x") digits = 2;
    else if (e === "u") digits = 4;
    else if (e === "U") digits = 8;
    else return false;
    const h = s.slice(i + 2, i + 2 + digits);
    if (h.length !== digits || ![...h].every((d) => HEX.test(d))) return false;
    value = parseInt(h, 16);
    if (e !== "x" && (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))) return false;
    i += 1 + digits;
  }
  return true;
}

/**
 * How alloyc prints a string key whose raw inner text is `name`: in double quotes when that reads
 * back as the same text (always for keys written in double quotes, and for raw-string keys
 * without quotes, newlines or bad escapes), else in backticks (a raw-string key whose text cannot
 * be double-quoted as is; it holds no backtick, since it was written as a raw string).
 */
export function keyText(name: string): string {
  return isQuotableAsIs(name) ? `"${name}"` : "`" + name + "`";
}
