import { Layout } from "./layout.js";
import { B_ATTRIBUTE, B_COMMENT, Stability } from "./stability.js";
import { Record, type CommentTable, type Positions } from "./tables.js";
import { LineCursor as LineTable } from "../diag/span.js";

/**
 * The printer core (spec §4.3.3): whitespace commands are queued and written when the next text
 * arrives; comments are injected before the first text whose (possibly estimated) source offset
 * is at or after them. Output goes to the aligner model in layout.ts.
 *
 * Positions: the walker names source positions by their offset in the *parsed* file ("keys").
 * The first pass maps keys to themselves; a further pass (fixpoint.ts) maps them to where the
 * previous pass wrote each text, with that pass's line table.
 *
 * Settled in one pass (alloyc mode): what upstream's next run would decide from this output's
 * lines is decided from them here. Comments due before a text without a position of its own move
 * on to the next text with one (groupDue); a comment after a text that a re-read would place on
 * an earlier line than it is written (a call's `)` after its line break) gets the blank line a
 * re-read keeps (prefix); statements' and values' spans are output lines (openSpan). The
 * stability check (check, inject) says when a further pass could still decide otherwise.
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

// How a comment group whose placement would not parse is placed (PrinterOptions.pinned).
export const PINNED = 1;
export const STEPPED = 2;

// Kinds of text, as far as the printer cares: fusing tokens, end of file, and whether a line
// break may follow (not after a value: Alloy would end the statement there).
export const K_WS = 0;
export const K_NUMBER = 1; // a NUMBER literal (a value)
export const K_SLASH = 2;
export const K_OTHER = 3; // an operator or opening delimiter
export const K_VALUE = 4; // identifier, literal, label, key, `)`, `]`, `}`
const K_EOF = 5;


// How a text is written: plain, a string literal or quoted key, or a comment.
export const M_PLAIN = 0;
export const M_LITERAL = 1;
export const M_COMMENT = 2;

export interface PrinterOptions {
  /** Reproduce upstream's meaning-changing quirks (literal TABs as separators, trimmed raw strings). */
  readonly upstream: boolean;
  /** Where the previous pass wrote each text (absent: positions are the parsed file's). */
  readonly positions?: Positions;
  /** Line starts of the text the positions refer to. */
  readonly lineStarts: ArrayLike<number>;
  /** Expected output size in bytes (to size buffers once). */
  readonly sizeHint: number;
  /** Render the output even when the pass turns out unstable (the last pass allowed). */
  readonly mustRender: boolean;
  /**
   * Record where each text is written, for a further pass (fixpoint.ts): "full" keeps every text
   * with its length, to read positions from the real output.
   */
  readonly record?: "compact" | "full";
  /**
   * How comment groups (by index) whose placement would not parse are placed (see inject):
   * STEPPED as upstream's next run places them, PINNED before the first text that follows them
   * in the source.
   */
  readonly pinned?: Uint8Array;
}

export class Printer {
  readonly layout: Layout;
  /** Where each text was written, when asked to record (options.record; never in upstream mode). */
  readonly record: Record | undefined;
  /**
   * A stepped or pinned comment went before a text without a position of its own: the next pass
   * must read the real output, whose padding decides where such a comment goes (fixpoint.ts).
   */
  beforeUnpositioned = false;

  /** Comment groups whose placement does not parse (see inject), and those of them deferred. */
  readonly illegal: number[] = [];
  readonly illegalDeferred: number[] = [];

  private readonly upstream: boolean;
  private readonly mustRender: boolean;
  private readonly pinned: Uint8Array | undefined;
  private readonly positions: Positions | undefined;
  private readonly lines: LineTable;
  private readonly comments: CommentTable;
  private group = 0;
  /** Offset of the next comment group to inject (Infinity when none is left). */
  private nextComment = Infinity;

  private indent = 0;
  private lastTok = K_OTHER;
  private readonly pending: number[] = [];
  private np = 0;
  private posOff = 0;
  private posLine = 1;
  private hasPos = false;
  private lastLine = 0;
  private atLineStart = true;
  private wroteAny = false;
  /** Real (not estimated) line where the last text written ends. */
  private lastRealLine = 0;
  /** The last text written (not a comment) was a value: no line break may follow in a statement. */
  private lastValue = false;
  /** The next text starts a statement or closes a block (a line break may precede it): B_*. */
  private boundary = 0;

  // Output lines, for the decisions taken from the output (see openSpan and prefix).
  /** Output line where the last text (not a comment) ends. */
  private lastOutEnd = 1;
  /**
   * The line a re-read of this output would estimate for the end of the last text or comment:
   * the output line of the last one with a position of its own (texts without one are estimated
   * from the text before them, spec §4.3.3).
   */
  private outEstimate = 1;
  /** Output lines where the open spans' first texts start (see openSpan). */
  private spanStarts = new Int32Array(16);
  private spanDepth = 0;
  /** The innermost open span has no text yet. */
  private spanOpen = false;

  private isUnstable = false;
  private readonly stability = new Stability();

  constructor(comments: CommentTable, options: PrinterOptions) {
    this.comments = comments;
    this.upstream = options.upstream;
    this.mustRender = options.mustRender;
    this.pinned = options.pinned;
    this.positions = options.positions;
    this.lines = new LineTable(options.lineStarts);
    this.layout = new Layout(options.sizeHint);
    this.record =
      options.record !== undefined && !options.upstream ? new Record(options.record === "full", comments.offsets.length, options.sizeHint) : undefined;
    this.advanceGroup(0);
  }

  /** Whether printing this output again could print something else (fixpoint.ts). */
  get unstable(): boolean {
    return this.isUnstable;
  }

  private markUnstable(): void {
    if (this.isUnstable) return;
    this.isUnstable = true;
    // Another pass follows: this pass only has to say where its texts go.
    if (!this.mustRender) this.layout.discard = true;
  }

  private advanceGroup(group: number): void {
    const c = this.comments;
    this.group = group;
    this.nextComment = group < c.groups.length - 1 ? this.commentOff(c.groups[group] as number) : Infinity;
  }

  /** Offset of the text at `key` in the text being read. */
  off(key: number): number {
    return this.positions === undefined ? key : this.positions.offset(key);
  }

  /** Offset of comment i in the text being read. */
  private commentOff(i: number): number {
    return this.positions === undefined ? (this.comments.offsets[i] as number) : (this.positions.comments[i] as number);
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

  /** Whether a pinned comment group starts at a key in [from, to]. */
  pinnedWithin(from: number, to: number): boolean {
    const pinned = this.pinned;
    if (pinned === undefined) return false;
    const { groups, offsets } = this.comments;
    let lo = 0;
    let hi = groups.length - 1; // first group starting at or after `from`
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((offsets[groups[mid] as number] as number) < from) lo = mid + 1;
      else hi = mid;
    }
    for (let g = lo; g < groups.length - 1 && (offsets[groups[g] as number] as number) <= to; g++) {
      if (pinned[g] === PINNED) return true;
    }
    return false;
  }

  /** The text `key` is `delta` bytes into the last text written (a joined block name's part). */
  alias(key: number, delta: number): void {
    this.record?.alias(key, this.lastTextOffset, delta);
  }

  /**
   * The next text starts a statement or is a block's `}`: B_ATTRIBUTE or B_BLOCK for a statement
   * after the first of its body (their blank-line decision differs), else B_OTHER.
   */
  boundaryNext(kind: number): void {
    this.boundary = kind;
  }

  /**
   * Starts a span (a statement, a field's value): closeSpan tells how many output lines its texts
   * cover. Spans nest; a span's first text is written before any span inside it opens.
   */
  openSpan(): void {
    if (this.spanDepth === this.spanStarts.length) {
      const grown = new Int32Array(this.spanDepth * 2);
      grown.set(this.spanStarts);
      this.spanStarts = grown;
    }
    this.spanStarts[this.spanDepth++] = this.layout.outLine;
    this.spanOpen = true;
  }

  /** Ends the innermost span: the output line of its last text minus that of its first. */
  closeSpan(): number {
    const start = this.spanStarts[--this.spanDepth] as number;
    const open = this.spanOpen;
    this.spanOpen = false;
    return open ? 0 : this.lastOutEnd - start;
  }

  ws(cmd: number): void {
    this.pending[this.np++] = cmd;
    this.lastTok = K_WS;
  }

  /**
   * Writes a text. `token` marks operators and delimiters (they may need a space so as not to
   * fuse with the previous text); `key` is the text's position in the parsed file, or -1 for
   * `=`, `,` and `.`, which are never asked about.
   */
  text(s: string, kind: number, token: boolean, key: number, mode: number, bytes: number): void {
    if (token) {
      const c = s.charCodeAt(0);
      if ((this.lastTok === K_NUMBER && c === 0x2e) || (this.lastTok === K_SLASH && c === 0x2a)) {
        this.pending[0] = BLANK;
        this.np = 1;
      }
    }
    this.lastTok = kind;
    const nextOff = this.posOff;
    const nextLine = this.posLine;
    const positioned = this.hasPos;
    this.hasPos = false;
    // Pinned comments go before the first text that follows them in the source.
    this.realOff = key >= 0 ? this.off(key) : nextOff;
    this.flush(nextOff, nextLine, kind, positioned);
    this.gapKind = this.boundary;
    this.boundary = 0;
    this.writeText(nextOff, nextLine, s, mode, key, -1, bytes, positioned);
    this.lastValue = kind === K_VALUE || kind === K_NUMBER;
  }

  private realOff = 0;

  /** Whether the current comment group goes before the text being written. */
  private groupDue(nextOff: number, positioned: boolean): boolean {
    const mark = this.pinned === undefined ? 0 : this.pinned[this.group];
    if (mark === PINNED) return this.nextComment <= nextOff || this.nextComment <= this.realOff;
    // Before a text without a position of its own (estimated from the text before it), a re-read
    // of the output finds the comment after that estimate and moves it on: it settles before the
    // next text with a position (or at the end), unless that would not parse (then it is STEPPED
    // as upstream moves it, one run at a time).
    return this.nextComment <= nextOff && (positioned || this.upstream || mark === STEPPED);
  }

  /** End of file: the remaining comments; pending whitespace is dropped. Returns the output. */
  finish(): Uint8Array {
    // Past every comment (a group left over is Infinity, which this does not reach).
    this.realOff = Number.MAX_SAFE_INTEGER;
    this.flush(Number.MAX_SAFE_INTEGER, Infinity, K_EOF, true);
    return this.layout.finishBytes();
  }

  private flush(nextOff: number, nextLine: number, kind: number, positioned: boolean): void {
    if (this.groupDue(nextOff, positioned)) {
      this.inject(nextOff, nextLine, kind, positioned);
    } else if (kind !== K_EOF) {
      this.writePending(this.np);
      if (this.nextComment <= nextOff && !this.deferred) {
        this.deferred = true;
        this.deferLine = this.layout.outLine;
      }
    }
  }

  /** Output line of the first text a deferred group was moved past. */
  private deferLine = 0;

  /** The group due was not injected before a text without a position of its own (groupDue). */
  private deferred = false;

  /**
   * Injects the comment groups due before the next text. Upstream's placement can move a comment
   * past an access's name or a call's `)` and so put a line break right after a value, where
   * Alloy ends the statement: the output would not parse. alloyc notes such groups (`illegal`,
   * and `illegalDeferred` for those groupDue moved on); the pass is then run again with them
   * STEPPED (placed as upstream's next run places them) or PINNED to their place in the source
   * (fixpoint.ts, repairedPass).
   */
  private inject(nextOff: number, nextLine: number, kind: number, positioned: boolean): void {
    const firstGroup = this.group;
    const mark = this.pinned === undefined ? 0 : this.pinned[firstGroup];
    const pinned = mark === PINNED;
    // A pinned group is placed as in the source: around it, the real lines of the texts (`=`,
    // `,` and `.` are always on the line of the text before them).
    if (pinned) {
      this.lastLine = this.lastRealLine;
      if (kind !== K_EOF) nextLine = this.realOff === nextOff && !positioned ? this.lastRealLine : this.lines.line(this.realOff);
    }
    if (this.deferred && mark === 0) nextLine = this.deferredLines(nextOff, nextLine, kind);
    // A comment placed before a text without a position of its own moves on the next pass
    // (unless pinned: then it stays before that text).
    if (!positioned && kind !== K_EOF && !this.upstream) {
      this.beforeUnpositioned = true;
      if (!pinned) this.markUnstable();
    }
    const valueBefore = this.wroteAny && this.lastValue;
    this.injectingPinned = mark !== 0;
    this.injectingAtEnd = kind === K_EOF;
    let requested = false;
    for (let i = 0; i < this.np; i++) if (this.pending[i] === NEWLINE || this.pending[i] === FORMFEED) requested = true;
    const c = this.comments;
    let last = -1;
    let breaks = false;
    while (this.groupDue(nextOff, positioned)) {
      const first = c.groups[this.group] as number;
      const end = c.groups[this.group + 1] as number;
      for (let i = first; i < end; i++) {
        const off = this.commentOff(i);
        const line = this.lines.line(off);
        const text = c.texts[i] as string;
        if (this.prefix(nextLine, line)) breaks = true;
        if (text.charCodeAt(1) === 0x2f || text.includes("\n")) breaks = true;
        this.gapKind = B_COMMENT;
        this.writeText(off, line, text, M_COMMENT, -1, i, c.lengths[i] as number, true);
        last = i;
      }
      this.advanceGroup(this.group + 1);
    }
    if (this.suffix(nextLine, kind, last)) breaks = true;
    // A comment moved past texts with line breaks around it: the element or statement after it
    // may start on another line than the source said, which a re-read decides otherwise.
    if (this.deferred && breaks && !pinned) this.markUnstable();
    // A line break the walker asked for (from source lines) that the comments took away: the
    // lines it was decided from are not the output's.
    if (requested && !breaks && kind !== K_EOF) this.markUnstable();
    if (breaks && valueBefore && this.boundary === 0 && kind !== K_EOF && !this.upstream) {
      for (let g = firstGroup; g < this.group; g++) {
        this.illegal.push(g);
        if (this.deferred) this.illegalDeferred.push(g);
      }
    }
    this.deferred = false;
    this.drifted = false;
  }

  /**
   * Lines around deferred groups as upstream's runs settle them. Its first run writes the group
   * before the first text it was moved past, on that text's line; a re-read estimates the texts
   * after it from the comment itself, so the group stays on the line of the text before it (or
   * drifts, see prefix), and as many line breaks (at most 2) follow it as the output has between
   * that first text and the next (plus the one after a line comment). Returns the next text's
   * line in the comments' terms, and sets lastLine likewise.
   */
  private deferredLines(nextOff: number, nextLine: number, kind: number): number {
    const c = this.comments;
    this.lastLine = this.lines.line(this.commentOff(c.groups[this.group] as number));
    if (kind === K_EOF) return nextLine;
    let breaks = this.layout.outLine - this.deferLine;
    for (let i = 0; i < this.np; i++) if (this.pending[i] === NEWLINE || this.pending[i] === FORMFEED) breaks++;
    let g = this.group + 1;
    while (g < c.groups.length - 1 && this.commentOff(c.groups[g] as number) <= nextOff) g++;
    const last = (c.groups[g] as number) - 1;
    const text = c.texts[last] as string;
    const end = this.lines.line(this.commentOff(last)) + count(text, "\n") + count(text, "\f");
    return end + Math.min(breaks + (text.charCodeAt(1) === 0x2f ? 1 : 0), 2);
  }

  /** Whitespace before a comment on `line`; true when it breaks the line. */
  private prefix(nextLine: number, line: number): boolean {
    if (!this.wroteAny) return false;
    // The last text is on a later output line than a re-read would estimate (a `)` or `]` after
    // the line break before it): there the comment settles after a blank line, the only
    // placement a re-read keeps (k line breaks are kept iff k = min(k + drift, 2)).
    const drift = !this.upstream && !this.injectingPinned && this.layout.outLine > this.outEstimate;
    if (drift) {
      this.breakBeforeComment(2);
      // Settled by construction: the check's source lines do not describe this gap.
      this.drifted = true;
      // Between statements (or at the end) nothing else looks at this line break; inside an
      // expression the next element would start on a new line, which the walker did not decide.
      this.stability.gapSettled = this.boundary !== 0 || this.injectingAtEnd;
      return true;
    }
    if (line === this.lastLine) {
      this.writeByte(nextLine === line ? BLANK : TAB, 1);
      return false;
    }
    const n = this.lastLine > 0 ? line - this.lastLine : 0;
    this.breakBeforeComment(n);
    return n > 0;
  }

  /** A comment on its own line, `n` lines after the last (spec §4.3.3 commentPrefix). */
  private breakBeforeComment(n: number): void {
    const p = this.pending;
    for (let i = 0; i < this.np; i++) {
      const k = p[i] as number;
      if (k === INDENT || k === UNINDENT) continue;
      p[i] = IGNORE;
      this.writePending(i);
      break;
    }
    if (n > 0) this.writeByte(FORMFEED, Math.min(n, 2));
  }

  /** The group being injected is pinned, or injected at the end of the file (see inject). */
  private injectingPinned = false;
  private injectingAtEnd = false;
  /** The comment being injected was placed by the drift rule (see prefix); reset by inject. */
  private drifted = false;

  /** Whitespace after injected comments; true when it breaks the line. */
  private suffix(nextLine: number, kind: number, last: number): boolean {
    if (kind === K_EOF) return false;
    const c = this.comments;
    const text = c.texts[last] as string;
    if (text.charCodeAt(1) === 0x2a) {
      const end = this.commentOff(last) + (c.lengths[last] as number) - 1;
      if (this.lines.line(end) === nextLine) this.writeByte(BLANK, 1);
    }
    let n = nextLine - this.lastLine;
    // Upstream can write a text right after a line comment (when the comment sits just after
    // the previous text): it would become part of the comment.
    if (n <= 0 && text.charCodeAt(1) === 0x2f && !this.upstream) n = 1;
    // After a comment that drifted onto its own line, a re-read also sees a gap before the next
    // statement, and its FORMFEED (spec §4.3.2, statement list step 2).
    let droppedFormfeed = this.drifted && this.boundary === B_ATTRIBUTE;
    const p = this.pending;
    for (let i = 0; i < this.np; i++) {
      const k = p[i] as number;
      if (k <= FORMFEED) {
        if (k === FORMFEED) droppedFormfeed = true;
        p[i] = IGNORE;
      }
    }
    this.writePending(this.np);
    if (n > 0) this.writeByte(droppedFormfeed ? FORMFEED : NEWLINE, Math.min(n, 2));
    return n > 0;
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
    for (let i = n; i < this.np; i++) p[i - n] = p[i] as number;
    this.np -= n;
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

  /**
   * Writes a text at its (estimated) position `off`/`line`. `key` is its key (-1 if none), or
   * `comment` the index of the comment it is.
   */
  private writeText(
    off: number,
    line: number,
    s: string,
    mode: number,
    key: number,
    comment: number,
    bytes: number,
    positioned: boolean,
  ): void {
    if (this.atLineStart) this.writeIndent();
    if (this.spanOpen && comment < 0) {
      this.spanStarts[this.spanDepth - 1] = this.layout.outLine;
      this.spanOpen = false;
    }
    let lfs = 0;
    let ffs = 0;
    if (mode !== M_PLAIN) {
      lfs = count(s, "\n");
      ffs = count(s, "\f");
    }
    const l = this.layout;
    if (!this.upstream) {
      const at = l.offset;
      this.lastTextOffset = at;
      const record = this.record;
      if (record !== undefined) {
        if (comment >= 0) record.comment(comment, at, bytes);
        else record.text(key, at, bytes);
      }
      // Where the text really is (comments are always written at their own position).
      const real = comment >= 0 ? off : key >= 0 ? this.off(key) : -1;
      if (real >= 0) {
        const start = positioned ? line : this.lines.line(real);
        const end = lfs > 0 ? this.lines.line(real + bytes - 1) : start;
        if (!this.isUnstable && !this.stability.text(start, end, lfs, ffs, l.outLine, this.gapKind, this.injectingAtEnd)) this.markUnstable();
        this.lastRealLine = end;
      }
    }
    if (mode === M_PLAIN) l.plain(s, bytes);
    else if (mode === M_COMMENT) l.comment(s, bytes);
    else if (this.upstream) l.raw(s);
    else l.literal(s, bytes);
    if (comment < 0) this.lastOutEnd = l.outLine;
    if (positioned) this.outEstimate = l.outLine;
    this.posOff = off + bytes;
    // The printer's estimate counts form feeds as line breaks (line tables do not).
    this.posLine = line + lfs + ffs;
    this.lastLine = this.posLine;
    this.atLineStart = false;
    this.wroteAny = true;
  }

  private lastTextOffset = 0;

    /** What the gap before the text being written is (B_*, stability.ts). */
  private gapKind = 0;
}

function count(s: string, ch: string): number {
  let n = 0;
  let i = s.indexOf(ch);
  while (i !== -1) {
    n++;
    i = s.indexOf(ch, i + 1);
  }
  return n;
}
