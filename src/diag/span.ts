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
 * Maps byte offsets to line:column. Built once per file from its bytes; lines are split at LF only
 * (CR is ordinary whitespace in Alloy), and a BOM counts as three bytes of line 1.
 */
export class LineIndex {
  /** Byte offset at which each line starts; lineStarts[0] is always 0. */
  readonly lineStarts: readonly number[];

  constructor(lineStarts: readonly number[]) {
    this.lineStarts = lineStarts;
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
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
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
