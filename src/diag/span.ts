/** A half-open range of UTF-8 byte offsets into one source file. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A 1-based line and a 1-based column counted in UTF-8 bytes, as Alloy reports them. */
export interface Position {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

const LF = 0x0a;

/**
 * The one home of offset → line lookup: 1-based line over ascending line starts (a plain array, or
 * the printer's int32 list). Lookups near the previous answer step from it, so a walk in source
 * order costs O(1) per lookup and a random one O(log n).
 */
export class LineCursor {
  private readonly starts: ArrayLike<number>;
  private cursor = 0;

  constructor(starts: ArrayLike<number>) {
    this.starts = starts.length > 0 ? starts : [0];
  }

  /** 1-based line containing `offset` (before the first start: line 1; past the end: the last). */
  line(offset: number): number {
    const s = this.starts;
    const last = s.length - 1;
    let i = this.cursor;
    if ((s[i] as number) <= offset) {
      if (i === last || offset < (s[i + 1] as number)) return i + 1;
      // Gallop forward from the previous answer, then search the bracket found.
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

/**
 * The one line index: maps byte offsets to line:column. Built once per file from its bytes, or
 * from the line starts a scanner or layout recorded while writing; lines are split at LF only (CR
 * is ordinary whitespace in Alloy), and a BOM counts as three bytes of line 1.
 */
export class LineIndex {
  /** Byte offset at which each line starts; lineStarts[0] is always 0. */
  readonly lineStarts: readonly number[];
  private readonly cursor: LineCursor;

  constructor(lineStarts: readonly number[]) {
    this.lineStarts = lineStarts.length > 0 ? lineStarts : [0];
    this.cursor = new LineCursor(this.lineStarts);
  }

  static fromBytes(bytes: Uint8Array): LineIndex {
    const starts = [0];
    let i = bytes.indexOf(LF);
    while (i !== -1) {
      starts.push(i + 1);
      i = bytes.indexOf(LF, i + 1);
    }
    return new LineIndex(starts);
  }

  static fromText(text: string): LineIndex {
    return LineIndex.fromBytes(new TextEncoder().encode(text));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 1-based line containing the byte at `offset` (an offset past the end belongs to the last line). */
  line(offset: number): number {
    return this.cursor.line(offset);
  }

  position(offset: number): Position {
    const line = this.line(offset);
    return { offset, line, column: offset - (this.lineStarts[line - 1] as number) + 1 };
  }

  /** Byte offset where 1-based `line` starts. */
  lineStart(line: number): number {
    return this.lineStarts[line - 1] ?? 0;
  }
}
