/**
 * The one home of UTF-8 length: spans, columns and the printer's positions all count UTF-8 bytes,
 * so every stage measures text here (diag is the leaf every stage may import).
 */

/**
 * Length of `s` in UTF-8 bytes, without allocating. A lone surrogate counts 3: it has no UTF-8
 * form, and TextEncoder and Buffer (which write every text alloyc outputs or parses) encode it as
 * U+FFFD, so 3 is where the next character's byte offset really is.
 */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a surrogate pair: 4 bytes for 2 UTF-16 units
      i++;
    } else n += 2; // the rest of the BMP, and a lone surrogate (written as U+FFFD)
  }
  return n;
}
