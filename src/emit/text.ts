/**
 * Small text helpers for the printer: UTF-8 byte lengths (positions are byte offsets), code point
 * counts (alignment widths) and a line table lookup tuned for mostly increasing offsets.
 */

/** UTF-8 length of `s` in bytes (lone surrogates count 3, as TextEncoder writes U+FFFD). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 2; // 4 bytes for 2 UTF-16 units
        i++;
      } else n += 2;
    } else n += 2;
  }
  return n;
}

/** Number of Unicode code points in `s` (what the aligner counts as a cell's width). */
export function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = s.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) n--;
    }
  }
  return n;
}

/** Number of LF and FF characters: how far the printer's estimated line advances over a text. */
export function countBreaks(s: string): number {
  let n = 0;
  let i = s.indexOf("\n");
  while (i !== -1) {
    n++;
    i = s.indexOf("\n", i + 1);
  }
  i = s.indexOf("\f");
  while (i !== -1) {
    n++;
    i = s.indexOf("\f", i + 1);
  }
  return n;
}

/** A growable list of int32 offsets (line starts of an output: no per-push garbage, no boxing). */
export class OffsetList {
  private items = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = value;
  }

  /** The offsets so far (a view: later pushes may or may not show in it). */
  view(): Int32Array {
    return this.items.subarray(0, this.length);
  }
}

/**
 * Byte offset → 1-based line over a table of line starts. Lookups near the previous one are
 * answered by stepping from it, so a walk in source order costs O(1) per lookup.
 */
export class LineTable {
  private readonly starts: ArrayLike<number>;
  private cursor = 0;

  constructor(starts: ArrayLike<number>) {
    this.starts = starts.length > 0 ? starts : [0];
  }

  line(offset: number): number {
    const s = this.starts;
    const last = s.length - 1;
    let i = this.cursor;
    if ((s[i] as number) <= offset) {
      if (i === last || offset < (s[i + 1] as number)) return i + 1;
      // Gallop forward: the walker mostly asks about nearby offsets.
      let lo = i + 1;
      let step = 2;
      let hi = i + step;
      while (hi <= last && (s[hi] as number) <= offset) {
        lo = hi;
        step *= 2;
        hi = i + step;
      }
      i = this.search(offset, lo, Math.min(hi - 1, last));
    } else {
      let hi = i - 1;
      let step = 2;
      let lo = i - step;
      while (lo > 0 && (s[lo] as number) > offset) {
        hi = lo - 1;
        step *= 2;
        lo = i - step;
      }
      i = this.search(offset, Math.max(lo, 0), hi);
    }
    this.cursor = i;
    return i + 1;
  }

  /** Largest index in [lo, hi] whose start is ≤ offset (lo if none). */
  private search(offset: number, lo: number, hi: number): number {
    const s = this.starts;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((s[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
