import type { Comment, File } from "../ast/index.js";

/**
 * Where the comments and blank lines of a formatted file sit, in the terms the builders take
 * them (src/builders/trivia.ts): lines before a statement, list element or object field
 * (comments as written, "" for a blank line), a comment after one on its last line, a comment
 * after an opening `{` or `[`, and lines before a closing one. The input is `alloy fmt` output,
 * so at most one blank line separates anything. Comments no container claims (inside an
 * expression, between a block's name and `{`) are left over and reported by the caller.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface ItemTrivia {
  /** The lines above the item, exactly. */
  readonly lines: readonly string[];
  readonly after?: string;
}

export interface ContainerTrivia {
  readonly open?: string;
  readonly end: readonly string[];
  readonly items: readonly ItemTrivia[];
}

export class TriviaReader {
  private readonly comments: readonly Comment[];
  readonly claimed = new Set<Comment>();

  constructor(
    private readonly bytes: Uint8Array,
    file: File,
  ) {
    this.comments = file.comments.flatMap((g) => g.comments);
  }

  /** Comments not claimed by any container. */
  unclaimed(): readonly Comment[] {
    return this.comments.filter((c) => !this.claimed.has(c));
  }

  /**
   * The trivia of a container whose contents start at `from` (just past `{` or `[`, or 0 for the
   * file) and end at `to` (the closing bracket, or the end of the file), holding `items` in order.
   */
  container(from: number, to: number, items: readonly Span[]): ContainerTrivia {
    const key = `${from}:${to}`;
    let t = this.read.get(key);
    if (t === undefined) {
      t = this.readContainer(from, to, items);
      this.read.set(key, t);
    }
    return t;
  }

  /** Containers read so far: a body is read once, however many times it is asked for. */
  private readonly read = new Map<string, ContainerTrivia>();

  private readContainer(from: number, to: number, items: readonly Span[]): ContainerTrivia {
    let pos = from;
    let open: string | undefined;
    const first = this.inRange(pos, items[0]?.start ?? to);
    if (from > 0 && first[0] && this.newlines(pos, first[0].span.start) === 0) {
      open = this.claim(first[0]).text;
      pos = first[0].span.end;
    }
    const out: ItemTrivia[] = [];
    items.forEach((item, i) => {
      const lines = this.lines(pos, item.start);
      pos = item.end;
      const next = items[i + 1]?.start ?? to;
      const trailing = this.inRange(pos, next)[0];
      let after: string | undefined;
      if (trailing && this.newlines(pos, trailing.span.start) === 0) {
        after = this.claim(trailing).text;
        pos = trailing.span.end;
      }
      out.push(after === undefined ? { lines } : { lines, after });
    });
    const end = this.lines(pos, to, true);
    return { ...(open !== undefined ? { open } : {}), end, items: out };
  }

  /** Comment and blank lines between `from` and `to`; `last`: no blank line is kept after the last comment. */
  private lines(from: number, to: number, last = false): string[] {
    const out: string[] = [];
    let cursor = from;
    for (const c of this.inRange(from, to)) {
      if (this.newlines(cursor, c.span.start) >= 2 && !(cursor === 0 && from === 0)) out.push("");
      out.push(this.claim(c).text);
      cursor = c.span.end;
    }
    if (!last && this.newlines(cursor, to) >= 2 && !(cursor === 0 && from === 0)) out.push("");
    return out;
  }

  private claim(c: Comment): Comment {
    this.claimed.add(c);
    return c;
  }

  /** Unclaimed comments starting in [from, to). */
  private inRange(from: number, to: number): Comment[] {
    const out: Comment[] = [];
    let lo = 0;
    let hi = this.comments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.comments[mid] as Comment).span.start < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.comments.length; i++) {
      const c = this.comments[i] as Comment;
      if (c.span.start >= to) break;
      if (!this.claimed.has(c)) out.push(c);
    }
    return out;
  }

  private newlines(from: number, to: number): number {
    let n = 0;
    for (let i = from; i < to; i++) if (this.bytes[i] === 10) n++;
    return n;
  }
}
