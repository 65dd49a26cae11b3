import { codePoints } from "./text.js";

/**
 * The last two stages of the printer (spec §4.3.4–4.3.5): an elastic-tabstop aligner with Go
 * text/tabwriter semantics (min width 0, tab width 8, padding 1, DiscardEmptyColumns, TabIndent)
 * and the trimmer.
 *
 * Instead of a byte stream with TAB/VT/LF/FF separators and 0xFF escapes, the printer writes
 * straight into this model: lines of cells, grouped into sections (a form feed ends a section).
 * Text that must survive verbatim (comments; string literals and quoted keys unless the upstream
 * quirks are wanted) is *protected*: it never splits a cell and trailing blanks inside it are never
 * trimmed. The difference between comments and literals is that a literal's line breaks are real
 * line breaks for the aligner (as upstream), while a comment is one opaque cell.
 */

/** Cell terminated by a TAB: a hard cell (never discarded as an empty column). */
const HARD = 1;
/** A TAB at the start of a raw string's continuation line: a hard cell always printed as one TAB. */
const PINNED = 2;

interface Line {
  readonly cells: readonly string[];
  readonly flags: readonly number[];
  readonly final: string;
  /** Index of the cell holding the last protected text (cells.length = the final cell), or -1. */
  readonly protCell: number;
  /** Offset just past the protected text inside that cell. */
  readonly protOff: number;
  /** Padding after each cell, filled in by the aligner. */
  pad?: number[];
  /** Width of each cell's column (needed for runs of empty leading cells). */
  width?: number[];
}

const NO_CELLS: readonly string[] = [];
const NO_FLAGS: readonly number[] = [];

const TABS: string[] = [""];
const SPACES: string[] = [""];

function tabs(n: number): string {
  while (TABS.length <= n && TABS.length < 64) TABS.push((TABS[TABS.length - 1] as string) + "\t");
  return n < TABS.length ? (TABS[n] as string) : "\t".repeat(n);
}

function spaces(n: number): string {
  while (SPACES.length <= n && SPACES.length < 128) SPACES.push((SPACES[SPACES.length - 1] as string) + " ");
  return n < SPACES.length ? (SPACES[n] as string) : " ".repeat(n);
}

export class Layout {
  /** 1-based line of the output being written (LF count so far + 1). */
  outLine = 1;
  private cells: string[] = [];
  private flags: number[] = [];
  private cur = "";
  private protCell = -1;
  private protOff = 0;
  private section: Line[] = [];
  private readonly done: string[] = [];

  /** Ordinary text: tokens, identifiers, numbers (no separators inside). */
  plain(s: string): void {
    this.cur += s;
  }

  /** An opaque protected cell segment (a comment): its line breaks do not end the line. */
  comment(s: string): void {
    this.protect(s);
    let i = s.indexOf("\n");
    while (i !== -1) {
      this.outLine++;
      i = s.indexOf("\n", i + 1);
    }
  }

  /**
   * A string literal or quoted key kept verbatim: a TAB, VT or FF inside it is text, and blanks
   * at the end of its lines are not trimmed. Its LFs are line breaks for the aligner; TABs that
   * start a continuation line are cells (as upstream) but always print as exactly one TAB.
   */
  literal(s: string): void {
    let nl = s.indexOf("\n");
    if (nl === -1) {
      this.protect(s);
      return;
    }
    this.protect(s.slice(0, nl));
    while (nl !== -1) {
      this.newline(false);
      const next = s.indexOf("\n", nl + 1);
      const end = next === -1 ? s.length : next;
      let i = nl + 1;
      while (i < end && s.charCodeAt(i) === 9) {
        this.cells.push("");
        this.flags.push(HARD | PINNED);
        this.protCell = this.cells.length - 1;
        this.protOff = 0;
        i++;
      }
      if (i < end) this.protect(s.slice(i, end));
      nl = next;
    }
  }

  /** Upstream's treatment of literal text: TAB, VT, LF and FF inside it are separators. */
  raw(s: string): void {
    let from = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c !== 9 && c !== 10 && c !== 11 && c !== 12) continue;
      this.cur += s.slice(from, i);
      from = i + 1;
      if (c === 9 || c === 11) this.cell(c === 9);
      else this.newline(c === 12);
    }
    this.cur += s.slice(from);
  }

  space(): void {
    this.cur += " ";
  }

  /** Ends the current cell (TAB: hard, VT: soft). */
  cell(hard: boolean): void {
    this.cells.push(this.cur);
    this.flags.push(hard ? HARD : 0);
    this.cur = "";
  }

  /** Ends the line (LF); a form feed also ends the alignment section. */
  newline(formfeed: boolean): void {
    this.pushLine();
    this.outLine++;
    if (formfeed) this.flushSection();
  }

  /** The aligned and trimmed text (no final newline). */
  finish(): string {
    this.pushLine();
    this.flushSection();
    return this.done.join("\n");
  }

  private protect(s: string): void {
    this.cur += s;
    this.protCell = this.cells.length;
    this.protOff = this.cur.length;
  }

  private pushLine(): void {
    const n = this.cells.length;
    this.section.push({
      cells: n === 0 ? NO_CELLS : this.cells,
      flags: n === 0 ? NO_FLAGS : this.flags,
      final: this.cur,
      protCell: this.protCell,
      protOff: this.protOff,
    });
    if (n > 0) {
      this.cells = [];
      this.flags = [];
    }
    this.cur = "";
    this.protCell = -1;
    this.protOff = 0;
  }

  private flushSection(): void {
    const lines = this.section;
    this.section = [];
    let anyCells = false;
    for (const ln of lines) {
      if (ln.cells.length > 0) {
        anyCells = true;
        break;
      }
    }
    if (anyCells) columns(lines, 0, lines.length, 0);
    for (const ln of lines) this.done.push(render(ln));
  }
}

/**
 * Column blocks (tabwriter's format): for column `col`, each maximal run of consecutive lines
 * having a cell there is one block whose width is max(cell width + 1), or 0 when every cell in it
 * is empty and soft; the next column is computed inside each block only.
 */
function columns(lines: readonly Line[], lo: number, hi: number, col: number): void {
  let i = lo;
  while (i < hi) {
    if ((lines[i] as Line).cells.length <= col) {
      i++;
      continue;
    }
    let j = i;
    let width = 0;
    let discard = true;
    let deeper = false;
    for (; j < hi; j++) {
      const ln = lines[j] as Line;
      const n = ln.cells.length;
      if (n <= col) break;
      if (n > col + 1) deeper = true;
      const text = ln.cells[col] as string;
      const w = text.length === 0 ? 0 : codePoints(text);
      if (!ln.pad) {
        ln.pad = new Array<number>(n);
        ln.width = new Array<number>(n);
      }
      (ln.pad as number[])[col] = w; // cell width for now; turned into padding below
      if (w + 1 > width) width = w + 1;
      if (w > 0 || ((ln.flags[col] as number) & HARD) !== 0) discard = false;
    }
    if (discard) width = 0;
    for (let k = i; k < j; k++) {
      const ln = lines[k] as Line;
      const pad = ln.pad as number[];
      pad[col] = width - (pad[col] as number);
      (ln.width as number[])[col] = width;
    }
    if (deeper) columns(lines, i, j, col + 1);
    i = j;
  }
}

function render(ln: Line): string {
  const n = ln.cells.length;
  let s = "";
  let protEnd = 0;
  if (n > 0) {
    const pad = ln.pad as number[];
    const width = ln.width as number[];
    let useTabs = true;
    for (let j = 0; j < n; j++) {
      const text = ln.cells[j] as string;
      if (text.length === 0) {
        if (((ln.flags[j] as number) & PINNED) !== 0) {
          s += "\t";
          if (ln.protCell === j) protEnd = s.length;
        } else if (useTabs) s += tabs(Math.ceil((width[j] as number) / 8));
        else s += spaces(pad[j] as number);
      } else {
        useTabs = false;
        if (ln.protCell === j) protEnd = s.length + ln.protOff;
        s += text + spaces(pad[j] as number);
      }
    }
  }
  if (ln.protCell === n) protEnd = s.length + ln.protOff;
  s += ln.final;
  let e = s.length;
  while (e > protEnd) {
    const c = s.charCodeAt(e - 1);
    if (c !== 32 && c !== 9) break;
    e--;
  }
  return e < s.length ? s.slice(0, e) : s;
}
