import type { File } from "../ast/index.js";
import { Layout } from "./layout.js";
import { LineTable, countBreaks, utf8Length } from "./text.js";

/**
 * The printer core (spec §4.3.3): whitespace commands are queued and written when the next text
 * arrives; comments are injected before the first text whose (possibly estimated) source offset
 * is at or after them. Output goes to the aligner model in layout.ts.
 *
 * Positions: the walker names source positions by their offset in the *parsed* file ("keys").
 * A pass over a file that was never printed maps keys to themselves; a later pass (fixpoint.ts)
 * maps them to where the previous pass printed each text, with that output's line table, which is
 * exactly what re-parsing the previous output would give.
 */

// Whitespace commands (spec §4.3.1). TAB only ever reaches writeByte (comment separators).
export const BLANK = 0;
export const VTAB = 1;
export const NEWLINE = 2;
export const FORMFEED = 3;
export const INDENT = 4;
export const UNINDENT = 5;
export const IGNORE = 6;
const TAB = 7;

// Kinds of text, as far as the printer cares (fusing tokens, end of file).
export const K_WS = 0;
export const K_NUMBER = 1;
export const K_SLASH = 2;
export const K_OTHER = 3;
const K_EOF = 4;

// How a text is written: plain, a string literal or quoted key, or a comment.
export const M_PLAIN = 0;
export const M_LITERAL = 1;
export const M_COMMENT = 2;

export interface PrinterOptions {
  /** Reproduce upstream's meaning-changing quirks (literal TABs as separators, trimmed raw strings). */
  readonly upstream: boolean;
  /** Key → offset in the text being re-read (absent: the parsed file itself). */
  readonly map?: Int32Array;
  /** Line starts of the text the positions refer to. */
  readonly lineStarts: readonly number[];
}

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

export class Printer {
  readonly layout = new Layout();
  /** Set when a second pass over this output could print something different (fixpoint.ts). */
  unstable = false;
  /** Every text written, in order, with its key (-1 for `=`, `,` and `.`): for fixpoint.ts. */
  readonly keys: number[] = [];
  readonly texts: string[] = [];

  private readonly upstream: boolean;
  private readonly map: Int32Array | undefined;
  private readonly lines: LineTable;
  private readonly comments: CommentTable;
  private group = 0;

  private indent = 0;
  private lastTok = K_OTHER;
  private pending: number[] = [];
  private posOff = 0;
  private posLine = 1;
  private hasPos = false;
  private lastLine = 0;
  private atLineStart = true;
  private wroteAny = false;

  // Stability check: line of the previous positioned text, in the input and in the output.
  private seqStarted = false;
  private prevSrcEnd = 0;
  private prevOutEnd = 0;

  constructor(comments: CommentTable, options: PrinterOptions) {
    this.comments = comments;
    this.upstream = options.upstream;
    this.map = options.map;
    this.lines = new LineTable(options.lineStarts);
  }

  /** Offset of the text at `key` in the text being read. */
  off(key: number): number {
    return this.map === undefined ? key : (this.map[key] as number);
  }

  line(key: number): number {
    return this.lines.line(this.off(key));
  }

  /** Line of the byte `delta` bytes after the text at `key`. */
  lineAt(key: number, delta: number): number {
    return this.lines.line(this.off(key) + delta);
  }

  /** POS marker: the next text's source position. */
  pos(key: number): void {
    this.posOff = this.off(key);
    this.posLine = this.lines.line(this.posOff);
    this.hasPos = true;
  }

  ws(cmd: number): void {
    this.pending.push(cmd);
    this.lastTok = K_WS;
  }

  /**
   * Writes a text. `token` marks operators and delimiters (they may need a space so as not to
   * fuse with the previous text); `key` is the text's position in the parsed file when known.
   */
  text(s: string, kind: number, token: boolean, key: number, mode: number, bytes: number): void {
    if (token) {
      const c = s.charCodeAt(0);
      if ((this.lastTok === K_NUMBER && c === 0x2e) || (this.lastTok === K_SLASH && c === 0x2a)) {
        this.pending.length = 0;
        this.pending.push(BLANK);
      }
    }
    this.lastTok = kind;
    const nextOff = this.posOff;
    const nextLine = this.posLine;
    const positioned = this.hasPos;
    this.hasPos = false;
    this.flush(nextOff, nextLine, kind, positioned);
    this.writeText(nextOff, nextLine, s, mode, key, bytes);
  }

  /** End of file: the remaining comments; pending whitespace is dropped. Returns the text. */
  finish(): string {
    this.flush(Infinity, Infinity, K_EOF, true);
    return this.layout.finish();
  }

  private flush(nextOff: number, nextLine: number, kind: number, positioned: boolean): void {
    const c = this.comments;
    if (this.group < c.groups.length - 1 && this.off(c.offsets[c.groups[this.group] as number] as number) <= nextOff) {
      this.inject(nextOff, nextLine, kind, positioned);
    } else if (kind !== K_EOF) {
      this.writePending(this.pending.length);
    }
  }

  private inject(nextOff: number, nextLine: number, kind: number, positioned: boolean): void {
    // A comment placed before a text without a position of its own moves on the next pass.
    if (!positioned) this.unstable = true;
    const c = this.comments;
    let last = -1;
    while (this.group < c.groups.length - 1) {
      const first = c.groups[this.group] as number;
      if (this.off(c.offsets[first] as number) > nextOff) break;
      const end = c.groups[this.group + 1] as number;
      for (let i = first; i < end; i++) {
        const key = c.offsets[i] as number;
        this.prefix(nextLine, key);
        this.writeText(this.off(key), this.line(key), c.texts[i] as string, M_COMMENT, key, c.lengths[i] as number);
        last = i;
      }
      this.group++;
    }
    this.suffix(nextLine, kind, last);
  }

  private prefix(nextLine: number, key: number): void {
    if (!this.wroteAny) return;
    const line = this.line(key);
    if (line === this.lastLine) {
      this.writeByte(nextLine === line ? BLANK : TAB, 1);
      return;
    }
    const p = this.pending;
    for (let i = 0; i < p.length; i++) {
      const k = p[i] as number;
      if (k === INDENT || k === UNINDENT) continue;
      p[i] = IGNORE;
      this.writePending(i);
      break;
    }
    const n = this.lastLine > 0 ? line - this.lastLine : 0;
    if (n > 0) this.writeByte(FORMFEED, Math.min(n, 2));
  }

  private suffix(nextLine: number, kind: number, last: number): void {
    if (kind === K_EOF) return;
    const c = this.comments;
    const text = c.texts[last] as string;
    if (text.charCodeAt(1) === 0x2a) {
      const key = c.offsets[last] as number;
      if (this.lineAt(key, (c.lengths[last] as number) - 1) === nextLine) this.writeByte(BLANK, 1);
    }
    const n = nextLine - this.lastLine;
    let droppedFormfeed = false;
    const p = this.pending;
    for (let i = 0; i < p.length; i++) {
      const k = p[i] as number;
      if (k <= FORMFEED) {
        if (k === FORMFEED) droppedFormfeed = true;
        p[i] = IGNORE;
      }
    }
    this.writePending(p.length);
    if (n > 0) this.writeByte(droppedFormfeed ? FORMFEED : NEWLINE, Math.min(n, 2));
  }

  private writePending(n: number): void {
    if (n === 0) return;
    const p = this.pending;
    for (let i = 0; i < n; i++) {
      const k = p[i] as number;
      if (k === IGNORE) continue;
      if (k === INDENT) this.indent++;
      else if (k === UNINDENT) this.indent--;
      else this.writeByte(k, 1);
    }
    if (n === p.length) p.length = 0;
    else p.splice(0, n);
  }

  private writeIndent(): void {
    for (let i = 0; i < this.indent; i++) this.layout.cell(true);
  }

  private writeByte(cmd: number, count: number): void {
    if (this.atLineStart) this.writeIndent();
    const l = this.layout;
    for (let i = 0; i < count; i++) {
      if (cmd === BLANK) l.space();
      else if (cmd === VTAB) l.cell(false);
      else if (cmd === TAB) l.cell(true);
      else l.newline(cmd === FORMFEED);
    }
    this.atLineStart = cmd === NEWLINE || cmd === FORMFEED;
    this.wroteAny = true;
  }

  private writeText(off: number, line: number, s: string, mode: number, key: number, bytes: number): void {
    if (this.atLineStart) this.writeIndent();
    const breaks = mode === M_PLAIN ? 0 : countBreaks(s);
    if (key >= 0 && !this.upstream && !this.unstable) this.check(s, key, bytes, breaks);
    this.keys.push(key);
    this.texts.push(s);
    const l = this.layout;
    if (mode === M_PLAIN) l.plain(s);
    else if (mode === M_COMMENT) l.comment(s);
    else if (this.upstream) l.raw(s);
    else l.literal(s);
    this.posOff = off + bytes;
    this.posLine = line + breaks;
    this.lastLine = this.posLine;
    this.atLineStart = false;
    this.wroteAny = true;
  }

  /**
   * The stability check (see fixpoint.ts): a re-read of this output decides everything the same
   * way iff, between consecutive positioned texts, the number of line breaks (capped at 2) is the
   * same in the output as in the input, no text's own line count changes, and no comment was
   * placed before a text without a position of its own (checked in inject).
   */
  private check(s: string, key: number, bytes: number, breaks: number): void {
    if (breaks > 0 && s.includes("\f")) {
      this.unstable = true;
      return;
    }
    const srcStart = this.line(key);
    const srcEnd = breaks > 0 ? this.lineAt(key, bytes - 1) : srcStart;
    const outStart = this.layout.outLine;
    const outEnd = outStart + breaks;
    if (this.seqStarted) {
      const g = srcStart - this.prevSrcEnd;
      const h = outStart - this.prevOutEnd;
      if (g < 0 || Math.min(g, 2) !== Math.min(h, 2)) this.unstable = true;
    }
    if (srcEnd - srcStart !== breaks) this.unstable = true;
    this.seqStarted = true;
    this.prevSrcEnd = srcEnd;
    this.prevOutEnd = outEnd;
  }
}
