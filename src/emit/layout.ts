import { utf8Length } from "../diag/utf8.js";
import { OffsetList } from "./text.js";

/**
 * The last two stages of the printer (spec §4.3.4–4.3.5): an elastic-tabstop aligner with Go
 * text/tabwriter semantics (min width 0, tab width 8, padding 1, DiscardEmptyColumns, TabIndent)
 * and the trimmer.
 *
 * Instead of a byte stream with TAB/VT/LF/FF separators and 0xFF escapes, the printer writes into
 * this model: the UTF-8 bytes of the current *section* (the text between two form feeds;
 * alignment never crosses one) go to a buffer, and separators are recorded as metadata: where
 * each cell and line ends. At a form feed the aligner computes the column widths and copies the
 * section to the output with the padding inserted, trimming blanks at line ends.
 *
 * Text that must survive verbatim is *protected*: comments (upstream escapes them) and, unless the
 * upstream quirks are wanted, string literals and quoted keys. Protected text never splits a cell
 * and blanks inside it are never trimmed. A comment is opaque even across lines; a literal's line
 * breaks are real line breaks for the aligner, as upstream.
 */

/** Cell ended by a TAB: a hard cell (its column is never discarded as empty). */
const HARD = 1;
/** A TAB starting a raw string's continuation line: a hard cell always printed as one TAB. */
const PINNED = 2;

/** lineProt value when nothing in the line is protected. */
const NONE = -1;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function growBytes(a: Uint8Array<ArrayBuffer>, need: number): Uint8Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Uint8Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class Layout {
  /** 1-based line of the output being written (LF count so far + 1). */
  outLine = 1;
  /**
   * Offset in the *stream*: the output before alignment, every separator and newline counted as
   * one byte. It orders texts as the output does, with a gap between two texts exactly when the
   * output has one, and the same lines, which is all a further pass asks of positions.
   */
  offset = 0;
  /** Stream offsets where lines start. */
  readonly lineStarts = new OffsetList();
  /** Only track stream offsets and lines; nothing is rendered (an unstable pass). */
  discard = false;

  // The current section: its bytes, its lines and cells. Consecutive lines and cells are
  // contiguous in `sec`: a cell's content runs from the previous cell's end (or the line start).
  private sec = new Uint8Array(1 << 12);
  private secLen = 0;
  private nLines = 0;
  private lineEnd = new Int32Array(256);
  private lineCell = new Int32Array(256); // first cell of each line
  /** Per line: byte offset in `sec` just past the last protected text, or -(c + 2) for pinned cell c. */
  private lineProt = new Int32Array(256);
  private nCells = 0;
  private cellEnd = new Int32Array(256);
  private cellFlags = new Int32Array(256);
  private cellWidth = new Int32Array(256); // width of the cell's column (aligner output)
  private cellText = new Int32Array(256); // code points of the cell's content
  private curCell = 0;
  private curProt = NONE;

  /** The output, allocated at the first section rendered (a pass that only tracks needs none). */
  private out = new Uint8Array(0);
  private outLen = 0;
  private readonly sizeHint: number;

  /** `sizeHint`: the expected output size in bytes (the buffer grows if needed). */
  constructor(sizeHint: number) {
    this.sizeHint = sizeHint;
    this.lineStarts.push(0);
  }

  /** Ordinary text of `bytes` UTF-8 bytes (tokens, identifiers, numbers: no separators). */
  plain(s: string, bytes: number): void {
    this.offset += bytes;
    if (this.discard) return;
    if (this.secLen + bytes > this.sec.length) this.sec = growBytes(this.sec, this.secLen + bytes);
    const buf = this.sec;
    let at = this.secLen;
    if (bytes === s.length) {
      for (let i = 0; i < bytes; i++) buf[at++] = s.charCodeAt(i);
    } else {
      at += encoder.encodeInto(s, buf.subarray(at)).written;
    }
    this.secLen = at;
  }

  /** Protected, opaque text (a comment): its line breaks do not end the aligner's line. */
  comment(s: string, bytes: number): void {
    const start = this.offset;
    this.protect(s, bytes);
    let i = s.indexOf("\n");
    while (i !== -1) {
      this.outLine++;
      this.lineStarts.push(start + (bytes === s.length ? i : utf8Length(s.slice(0, i))) + 1);
      i = s.indexOf("\n", i + 1);
    }
  }

  /**
   * A string literal or quoted key kept verbatim: TAB, VT and FF inside it are text, and blanks at
   * the end of its lines are not trimmed. Its LFs are line breaks for the aligner; TABs that start
   * a continuation line are cells (as upstream) but always print as exactly one TAB.
   */
  literal(s: string, bytes: number): void {
    let nl = s.indexOf("\n");
    if (nl === -1) {
      this.protect(s, bytes);
      return;
    }
    this.protectPiece(s.slice(0, nl));
    while (nl !== -1) {
      this.newline(false);
      const next = s.indexOf("\n", nl + 1);
      const end = next === -1 ? s.length : next;
      let i = nl + 1;
      while (i < end && s.charCodeAt(i) === 9) {
        this.endCell(HARD | PINNED);
        if (!this.discard) this.curProt = -(this.nCells - 1) - 2;
        i++;
      }
      if (i < end) this.protectPiece(s.slice(i, end));
      nl = next;
    }
  }

  /** Upstream's treatment of a literal: TAB, VT, LF and FF inside it are separators. */
  raw(s: string): void {
    let from = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c !== 9 && c !== 10 && c !== 11 && c !== 12) continue;
      this.plainPiece(s.slice(from, i));
      from = i + 1;
      if (c === 9 || c === 11) this.cell(c === 9);
      else this.newline(c === 12);
    }
    this.plainPiece(s.slice(from));
  }

  space(): void {
    this.offset++;
    if (this.discard) return;
    if (this.secLen === this.sec.length) this.sec = growBytes(this.sec, this.secLen + 1);
    this.sec[this.secLen++] = 0x20;
  }

  /** Ends the current cell (TAB: hard, VT: soft). */
  cell(hard: boolean): void {
    this.endCell(hard ? HARD : 0);
  }

  /** Ends the line (LF); a form feed also ends the alignment section. */
  newline(formfeed: boolean): void {
    this.outLine++;
    this.lineStarts.push(++this.offset);
    if (this.discard) return;
    this.endLine();
    if (formfeed) this.flushSection(false);
  }

  /**
   * The aligned and trimmed output (no final newline), as UTF-8. In its buffer it is followed by
   * an LF, so that `alloy fmt`'s output is a view of the same bytes (see withNewline).
   */
  finishBytes(): Uint8Array {
    if (this.discard) return new Uint8Array(0);
    this.endLine();
    this.flushSection(true);
    if (this.outLen === this.out.length) this.out = growBytes(this.out, this.outLen + 1);
    this.out[this.outLen] = 0x0a;
    return this.out.subarray(0, this.outLen);
  }

  /** `printed` (from finishBytes) and the LF after it. */
  static withNewline(printed: Uint8Array): Uint8Array {
    return new Uint8Array(printed.buffer, printed.byteOffset, printed.length + 1);
  }

  static decode(bytes: Uint8Array): string {
    return decoder.decode(bytes);
  }

  private plainPiece(s: string): void {
    if (s.length > 0) this.plain(s, utf8Length(s));
  }

  private protectPiece(s: string): void {
    if (s.length > 0) this.protect(s, utf8Length(s));
  }

  private protect(s: string, bytes: number): void {
    this.plain(s, bytes);
    if (!this.discard) this.curProt = this.secLen;
  }

  private endCell(flags: number): void {
    this.offset++;
    if (this.discard) return;
    const c = this.nCells++;
    if (c >= this.cellEnd.length) {
      this.cellEnd = grow(this.cellEnd, c + 1);
      this.cellFlags = grow(this.cellFlags, c + 1);
      this.cellWidth = grow(this.cellWidth, c + 1);
      this.cellText = grow(this.cellText, c + 1);
    }
    this.cellEnd[c] = this.secLen;
    this.cellFlags[c] = flags;
  }

  private endLine(): void {
    const l = this.nLines++;
    if (l >= this.lineEnd.length) {
      this.lineEnd = grow(this.lineEnd, l + 1);
      this.lineCell = grow(this.lineCell, l + 1);
      this.lineProt = grow(this.lineProt, l + 1);
    }
    this.lineEnd[l] = this.secLen;
    this.lineCell[l] = this.curCell;
    this.lineProt[l] = this.curProt;
    this.curCell = this.nCells;
    this.curProt = NONE;
  }

  private flushSection(last: boolean): void {
    if (this.nCells > 0) this.columns(0, this.nLines, 0);
    // Room for the section, its newlines and the padding (at most 1 + width/8 TABs or width
    // spaces per cell; a width never exceeds the section's length + 1).
    let room = this.outLen + this.secLen + this.nLines + 1;
    for (let c = 0; c < this.nCells; c++) room += (this.cellWidth[c] as number) + 1;
    if (room > this.out.length) {
      this.out = this.out.length === 0 ? new Uint8Array(Math.max(room, 1 << 12, this.sizeHint + (this.sizeHint >> 3))) : growBytes(this.out, room);
    }
    let start = 0;
    for (let l = 0; l < this.nLines; l++) {
      start = this.render(l, start);
      if (!last || l + 1 < this.nLines) this.out[this.outLen++] = 0x0a;
    }
    this.secLen = 0;
    this.nLines = 0;
    this.nCells = 0;
    this.curCell = 0;
  }

  private cellsOf(l: number): number {
    const end = l + 1 < this.nLines ? this.lineCell[l + 1] : this.nCells;
    return (end as number) - (this.lineCell[l] as number);
  }

  private lineStartOf(l: number): number {
    return l === 0 ? 0 : (this.lineEnd[l - 1] as number);
  }

  /**
   * Column blocks (tabwriter's format): for column `col`, each maximal run of consecutive lines
   * having a cell there is a block whose width is max(cell width + 1), or 0 when all its cells are
   * empty and soft; the next column is computed inside each block only.
   */
  private columns(lo: number, hi: number, col: number): void {
    const sec = this.sec;
    let i = lo;
    while (i < hi) {
      if (this.cellsOf(i) <= col) {
        i++;
        continue;
      }
      let j = i;
      let width = 0;
      let discard = true;
      let deeper = false;
      for (; j < hi; j++) {
        const n = this.cellsOf(j);
        if (n <= col) break;
        if (n > col + 1) deeper = true;
        const c = (this.lineCell[j] as number) + col;
        const from = col === 0 ? this.lineStartOf(j) : (this.cellEnd[c - 1] as number);
        const to = this.cellEnd[c] as number;
        let w = 0;
        for (let k = from; k < to; k++) if (((sec[k] as number) & 0xc0) !== 0x80) w++;
        this.cellText[c] = w;
        if (w + 1 > width) width = w + 1;
        if (w > 0 || ((this.cellFlags[c] as number) & HARD) !== 0) discard = false;
      }
      if (discard) width = 0;
      for (let k = i; k < j; k++) this.cellWidth[(this.lineCell[k] as number) + col] = width;
      if (deeper) this.columns(i, j, col + 1);
      i = j;
    }
  }

  /** Copies line l to the output with its padding (spec §4.3.4 step 6), trimmed; returns its end. */
  private render(l: number, from: number): number {
    const sec = this.sec;
    const out = this.out;
    const lineOut = this.outLen;
    let o = lineOut;
    const prot = this.lineProt[l] as number;
    let protOut = lineOut;
    const first = this.lineCell[l] as number;
    const last = first + this.cellsOf(l);
    let useTabs = true;
    for (let c = first; c < last; c++) {
      const to = this.cellEnd[c] as number;
      const width = this.cellWidth[c] as number;
      if (to === from) {
        if (((this.cellFlags[c] as number) & PINNED) !== 0) {
          out[o++] = 0x09;
          if (prot === -c - 2) protOut = o;
        } else if (useTabs) {
          for (let n = Math.ceil(width / 8); n > 0; n--) out[o++] = 0x09;
        } else {
          for (let n = width; n > 0; n--) out[o++] = 0x20;
        }
      } else {
        useTabs = false;
        if (prot > from && prot <= to) protOut = o + (prot - from);
        for (let k = from; k < to; k++) out[o++] = sec[k] as number;
        for (let n = width - (this.cellText[c] as number); n > 0; n--) out[o++] = 0x20;
      }
      from = to;
    }
    const end = this.lineEnd[l] as number;
    if (prot > from && prot <= end) protOut = o + (prot - from);
    for (let k = from; k < end; k++) out[o++] = sec[k] as number;
    while (o > protOut) {
      const ch = out[o - 1];
      if (ch !== 0x20 && ch !== 0x09) break;
      o--;
    }
    this.outLen = o;
    return end;
  }
}
