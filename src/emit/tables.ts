import type { File } from "../ast/index.js";
import { utf8Length } from "../diag/utf8.js";

/** One comment list for every pass: texts and original offsets, flattened, with group starts. */
export interface CommentTable {
  readonly offsets: number[];
  readonly texts: string[];
  readonly lengths: number[];
  /** Index of each group's first comment, plus a final entry = number of comments. */
  readonly groups: number[];
}

export function commentTable(file: File): CommentTable {
  const t: CommentTable = { offsets: [], texts: [], lengths: [], groups: [] };
  for (const g of file.comments) {
    if (g.comments.length === 0) continue;
    t.groups.push(t.offsets.length);
    for (const c of g.comments) {
      t.offsets.push(c.span.start);
      t.texts.push(c.text);
      t.lengths.push(utf8Length(c.text));
    }
  }
  t.groups.push(t.offsets.length);
  return t;
}

const CHUNK = 1 << 16;

/** Size of a first chunk for an output of about `sizeHint` bytes (small outputs, small tables). */
function firstChunk(sizeHint: number): number {
  return Math.min(CHUNK, Math.max(256, (sizeHint >> 2) & ~1));
}

/**
 * Where a pass wrote its texts (stream offsets, see Layout.offset), for a further pass (fixpoint.ts):
 * a sorted list of (key, offset) pairs in fixed chunks (the walker writes texts in source order,
 * so keys only grow), looked up from a cursor since the walker asks about nearby texts; comments
 * by index.
 */
export class Positions {
  readonly comments: Int32Array;
  private readonly chunks: Int32Array[] = [];
  private readonly first: number[] = [];
  private cur: Int32Array;
  private at = 0;
  private lastKey = -1;
  // Lookup cursor: chunk and index.
  private cc = 0;
  private ci = 0;

  constructor(comments: number, sizeHint: number) {
    this.comments = new Int32Array(comments);
    this.cur = new Int32Array(firstChunk(sizeHint));
    this.chunks.push(this.cur);
  }

  /** Adds a text's position; keys must grow (a repeated key keeps its first position). */
  add(key: number, offset: number): void {
    if (key <= this.lastKey) return;
    this.lastKey = key;
    if (this.at === this.cur.length) {
      this.cur = new Int32Array(CHUNK);
      this.chunks.push(this.cur);
      this.at = 0;
    }
    if (this.at === 0) this.first.push(key);
    this.cur[this.at] = key;
    this.cur[this.at + 1] = offset;
    this.at += 2;
  }

  private used(c: number): number {
    return c === this.chunks.length - 1 ? this.at : (this.chunks[c] as Int32Array).length;
  }

  /** Offset of the text with `key` (a key the previous pass wrote). */
  offset(key: number): number {
    const chunk = this.chunks[this.cc] as Int32Array;
    const used = this.used(this.cc);
    let i = this.ci;
    const k = chunk[i] as number;
    if (k === key) return chunk[i + 1] as number;
    // Gallop from the cursor within its chunk: the walker mostly asks about nearby texts.
    let lo: number;
    let hi: number;
    if (k < key) {
      lo = i;
      let step = 2;
      hi = i + step;
      while (hi < used && (chunk[hi] as number) <= key) {
        lo = hi;
        step *= 2;
        hi = i + step;
      }
      if (hi >= used) return this.search(key);
      hi -= 2;
    } else {
      hi = i - 2;
      let step = 2;
      lo = i - step;
      while (lo >= 0 && (chunk[lo] as number) > key) {
        hi = lo - 2;
        step *= 2;
        lo = i - step;
      }
      if (lo < 0) return this.search(key);
    }
    // Now chunk[lo] <= key and the answer is in [lo, hi] (pairs).
    while (lo < hi) {
      const mid = lo + (((hi - lo) >>> 2) << 1) + 2;
      if ((chunk[mid] as number) <= key) lo = mid;
      else hi = mid - 2;
    }
    this.ci = lo;
    return chunk[lo + 1] as number;
  }

  /** Binary search over all chunks. */
  private search(key: number): number {
    let lo = 0;
    let hi = this.first.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.first[mid] as number) <= key) lo = mid;
      else hi = mid - 1;
    }
    const chunk = this.chunks[lo] as Int32Array;
    let a = 0;
    let b = (this.used(lo) >>> 1) - 1;
    while (a < b) {
      const mid = (a + b + 1) >>> 1;
      if ((chunk[2 * mid] as number) <= key) a = mid;
      else b = mid - 1;
    }
    this.cc = lo;
    this.ci = 2 * a;
    return chunk[2 * a + 1] as number;
  }
}

/**
 * What a pass records of where it wrote its texts. Compact: Positions directly (stream offsets,
 * see Layout.offset). Full (when the next pass must read the real output, see
 * Printer.beforeUnpositioned, fixpoint.ts nextInput): every text in order as (what, stream offset, UTF-8 length), where
 * `what` is the key, -1 for `=`, `,` and `.`, or -2 - i for comment i; an alias (a fragment of a
 * joined block name) has length -1 - (its offset in the text before it).
 */
export class Record {
  readonly positions: Positions | undefined;
  readonly chunks: Int32Array[] = [];
  private cur: Int32Array;
  private at = 0;

  constructor(full: boolean, comments: number, sizeHint: number) {
    this.cur = new Int32Array(full ? 3 * firstChunk(sizeHint) : 0);
    if (full) this.chunks.push(this.cur);
    else this.positions = new Positions(comments, sizeHint);
  }

  text(key: number, offset: number, bytes: number): void {
    if (this.positions) {
      if (key >= 0) this.positions.add(key, offset);
    } else this.push(key, offset, bytes);
  }

  comment(index: number, offset: number, bytes: number): void {
    if (this.positions) this.positions.comments[index] = offset;
    else this.push(-2 - index, offset, bytes);
  }

  /** `key` is at `delta` bytes into the text at `offset`. */
  alias(key: number, offset: number, delta: number): void {
    if (this.positions) this.positions.add(key, offset + delta);
    else this.push(key, offset, -1 - delta);
  }

  private push(what: number, offset: number, bytes: number): void {
    if (this.at === this.cur.length) {
      this.cur = new Int32Array(3 * CHUNK);
      this.chunks.push(this.cur);
      this.at = 0;
    }
    const c = this.cur;
    const i = this.at;
    c[i] = what;
    c[i + 1] = offset;
    c[i + 2] = bytes;
    this.at = i + 3;
  }

  /** Entries used in chunk c. */
  used(c: number): number {
    return c === this.chunks.length - 1 ? this.at : (this.chunks[c] as Int32Array).length;
  }
}
