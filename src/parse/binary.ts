import { CR, decodeRune, formatCharU, INVALID_RUNE, LF, SPACE, TAB } from "./chars.js";

/**
 * Telling binary data (and UTF-16 text) from an Alloy file, so such input is one finding instead
 * of an error per byte.
 */

/** Bytes looked at to tell binary data from text, and how many of them must be "not text". */
const BINARY_SAMPLE = 8192;
const BINARY_MIN_BAD = 16;

/**
 * Why `src` is binary data rather than a (broken) Alloy file, or undefined: at least
 * BINARY_MIN_BAD of the first BINARY_SAMPLE bytes, and one in eight, are NUL, control characters
 * other than TAB/LF/CR, DEL, or invalid UTF-8 (said to be UTF-16 text when a UTF-16 byte order
 * mark starts it, or NULs fill every other byte). A stray NUL in a text file stays Alloy's lexical
 * error (upstream reports it, and the conformance data checks it).
 */
export function binaryEvidence(src: Uint8Array): { offset: number; message: string } | undefined {
  const n = Math.min(src.length, BINARY_SAMPLE);
  const utf16 = "not an Alloy file: UTF-16 text; Alloy reads UTF-8, so save the file as UTF-8";
  if (n >= 2 && ((src[0] === 0xff && src[1] === 0xfe) || (src[0] === 0xfe && src[1] === 0xff))) {
    return { offset: 0, message: `${utf16} (it starts with a UTF-16 byte order mark)` };
  }
  // NULs at even and odd offsets: ASCII written as UTF-16 has one on every other byte.
  let evenNuls = 0;
  let oddNuls = 0;
  let bad = 0;
  let first = -1;
  let what = "";
  for (let i = 0; i < n;) {
    const b = src[i] as number;
    let width = 1;
    let kind = "";
    if (b < 0x80) {
      if (b === 0) {
        kind = "NUL byte";
        if (i & 1) oddNuls++;
        else evenNuls++;
      }
      else if ((b < SPACE && b !== TAB && b !== LF && b !== CR) || b === 0x7f) kind = `control character ${formatCharU(b)}`;
    } else {
      const packed = decodeRune(src, i, src.length);
      if (packed === INVALID_RUNE) kind = "invalid UTF-8";
      else width = packed & 7;
    }
    if (kind !== "") {
      bad++;
      if (first < 0) [first, what] = [i, kind];
    }
    i += width;
  }
  if (bad < BINARY_MIN_BAD || bad * 8 < n) return undefined;
  if (Math.max(evenNuls, oddNuls) * 3 >= n && Math.min(evenNuls, oddNuls) * 20 <= bad) {
    return { offset: first, message: `${utf16} (a NUL byte on every other byte from offset ${first})` };
  }
  const share = `${bad} of the first ${n} bytes are not UTF-8 text`;
  return { offset: first, message: `not an Alloy file: binary data (${what} at offset ${first}; ${share})` };
}
