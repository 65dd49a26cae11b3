import type { File } from "../ast/index.js";
import { utf8Length } from "./text.js";

/** One comment list for all passes: texts and original offsets, flattened, with group starts. */
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

const CHUNK = 3 << 15;

/**
 * Where a pass wrote its texts, in fixed chunks so that recording never copies. Compact: a
 * (key, stream offset) pair per text with a key. Full (only when the next pass must read the real
 * output, see Printer.beforeUnpositioned): a (key, stream offset, UTF-8 length) triple per text,
 * key -1 for `=`, `,` and `.`.
 */
export class Record {
  readonly chunks: Int32Array[] = [];
  /** Entries per text: 2 (compact) or 3 (full). */
  readonly stride: number;
  maxKey = 0;
  private cur = new Int32Array(CHUNK);
  private at = 0;

  constructor(full: boolean) {
    this.stride = full ? 3 : 2;
    this.chunks.push(this.cur);
  }

  add(key: number, offset: number, bytes: number): void {
    if (this.stride === 2 && key < 0) return;
    if (this.at + this.stride > CHUNK) {
      this.cur = new Int32Array(CHUNK);
      this.chunks.push(this.cur);
      this.at = 0;
    }
    const c = this.cur;
    const i = this.at;
    c[i] = key;
    c[i + 1] = offset;
    if (this.stride === 3) c[i + 2] = bytes;
    this.at = i + this.stride;
    if (key > this.maxKey) this.maxKey = key;
  }

  /** Entries used in chunk c. */
  used(c: number): number {
    return c === this.chunks.length - 1 ? this.at : CHUNK - (CHUNK % this.stride);
  }
}
