/**
 * Byte offsets (alloyc's spans) ↔ LSP positions. LSP lines end at CRLF, LF or a lone CR, and its
 * character counts UTF-16 code units unless the client negotiated UTF-8 (then bytes). Built once
 * per document version over its UTF-8 bytes.
 */
export type PositionEncoding = "utf-16" | "utf-8";

export interface LspPosition {
  readonly line: number;
  readonly character: number;
}

export interface LspRange {
  readonly start: LspPosition;
  readonly end: LspPosition;
}

const LF = 0x0a;
const CR = 0x0d;

export class PositionMap {
  /** Byte offset at which each LSP line starts. */
  private readonly starts: number[];
  /** Byte offset at which each line's text ends (before its line break). */
  private readonly ends: number[];

  constructor(
    readonly bytes: Uint8Array,
    readonly encoding: PositionEncoding,
  ) {
    const starts = [0];
    const ends: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      if (b !== LF && b !== CR) continue;
      ends.push(i);
      if (b === CR && bytes[i + 1] === LF) i++;
      starts.push(i + 1);
    }
    ends.push(bytes.length);
    this.starts = starts;
    this.ends = ends;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line holding the byte at `offset` (a line break belongs to the line it ends). */
  private lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** How many units of the negotiated encoding bytes [from, to) of one line are. */
  private units(from: number, to: number): number {
    if (this.encoding === "utf-8") return to - from;
    let n = 0;
    for (let i = from; i < to; i++) {
      const b = this.bytes[i] as number;
      if ((b & 0xc0) === 0x80) continue; // a continuation byte
      n += b >= 0xf0 ? 2 : 1; // a 4-byte sequence is a surrogate pair in UTF-16
    }
    return n;
  }

  position(offset: number): LspPosition {
    const at = Math.max(0, Math.min(offset, this.bytes.length));
    const line = this.lineOf(at);
    const start = this.starts[line] as number;
    return { line, character: this.units(start, Math.min(at, this.ends[line] as number)) };
  }

  range(start: number, end: number): LspRange {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** The byte offset of an LSP position; a character past the line's end is its end. */
  offset(position: LspPosition): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.bytes.length;
    const start = this.starts[position.line] as number;
    const end = this.ends[position.line] as number;
    if (this.encoding === "utf-8") return snapToCharacter(this.bytes, Math.min(start + Math.max(0, position.character), end));
    let units = 0;
    let i = start;
    while (i < end && units < position.character) {
      const b = this.bytes[i] as number;
      const length = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      units += length === 4 ? 2 : 1;
      i += length;
    }
    return Math.min(i, end);
  }
}

/** `offset`, moved back to the first byte of the character it is inside. */
function snapToCharacter(bytes: Uint8Array, offset: number): number {
  let i = offset;
  while (i > 0 && ((bytes[i] as number) & 0xc0) === 0x80) i--;
  return i;
}
