import type { Severity } from "./codes.js";
import type { Diagnostic } from "./diagnostic.js";
import { LineIndex, type Position, type Span } from "./span.js";
import { utf8Length } from "./utf8.js";

/** One file's text with its line table: what a renderer needs to turn spans into positions. */
export interface SourceFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly lines: LineIndex;
}

export function sourceFile(name: string, bytes: Uint8Array): SourceFile {
  return { name, bytes, lines: LineIndex.fromBytes(bytes) };
}

export interface Located {
  readonly file: SourceFile;
  readonly diagnostic: Diagnostic;
}

const decoder = new TextDecoder();

/**
 * Characters a terminal acts on rather than shows: C0 controls but TAB, DEL, C1 controls, and the
 * bidirectional overrides that can reorder what a line seems to say.
 */
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

function escapedForm(ch: string): string {
  const cp = ch.charCodeAt(0);
  return cp < 0x80 ? `\\x${cp.toString(16).padStart(2, "0")}` : `\\u${cp.toString(16).padStart(4, "0")}`;
}

/**
 * Text from a file (its lines, its name) as it may reach a terminal: each control character in a
 * visible form (ESC is `\x1b`, U+009B is `\u009b`), so a file cannot drive the terminal it is
 * reported on, or break one-name-per-line output with a newline. TAB is kept.
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, escapedForm);
}

/** Start and inclusive end position of a diagnostic, as Alloy prints them (end = last byte). */
export function locate(file: SourceFile, d: Diagnostic): { start: Position; end: Position } {
  const start = file.lines.position(d.span.start);
  const end = file.lines.position(Math.max(d.span.start, d.span.end - 1));
  return { start, end };
}

/** A line longer than this many bytes is shown as a window around what is marked. */
const LONG_LINE = 512;
/** How many bytes of a long line a frame shows either side of its marks. */
const WINDOW_CONTEXT = 100;

/** What a frame shows of one line: its text from byte column `firstColumn` (1 unless cut). */
interface ShownLine {
  readonly text: string;
  readonly firstColumn: number;
  readonly cutLeft: boolean;
  readonly cutRight: boolean;
}

/**
 * One line of the file; a long one only around byte columns `from`..`to`, so that a frame costs
 * the same on a 10 MB line as on a short one (the whole line is Alloy's form, kept for the rest).
 */
function sourceLine(file: SourceFile, line: number, from: number, to: number): ShownLine {
  const start = file.lines.lineStart(line);
  const next = line < file.lines.lineCount ? file.lines.lineStart(line + 1) - 1 : file.bytes.length;
  if (next - start <= LONG_LINE) return { text: decoder.decode(file.bytes.subarray(start, next)), firstColumn: 1, cutLeft: false, cutRight: false };
  let first = Math.max(start, start + from - 1 - WINDOW_CONTEXT);
  let end = Math.min(next, start + Math.max(from, Math.min(to, from + WINDOW_CONTEXT)) + WINDOW_CONTEXT);
  // Whole UTF-8 characters: step over continuation bytes at either edge.
  while (first > start && ((file.bytes[first] as number) & 0xc0) === 0x80) first--;
  while (end < next && ((file.bytes[end] as number) & 0xc0) === 0x80) end++;
  return { text: decoder.decode(file.bytes.subarray(first, end)), firstColumn: first - start + 1, cutLeft: first > start, cutRight: end < next };
}

const CUT = "…";

/** How text renderers print for a terminal. */
export interface RenderOptions {
  /** ANSI colours: the severity word and the carets in the severity's colour, the code dimmed. */
  readonly color?: boolean;
}

const SEVERITY_COLOR: Readonly<Record<Severity, string>> = { error: "31", warning: "33", info: "36" };
const DIM = "2";

function paint(text: string, sgr: string, on: boolean | undefined): string {
  return on ? `\x1b[${sgr}m${text}\x1b[0m` : text;
}

/**
 * The first line of a finding in alloyc's text form: `WHERE: severity: message [code]` (WHERE is
 * `FILE:LINE:COL`, or only FILE when there is no position; no code, no brackets).
 */
export function findingHeader(where: string, severity: Severity, message: string, code: string | undefined, options: RenderOptions = {}): string {
  const tail = code === undefined ? "" : ` ${paint(`[${code}]`, DIM, options.color)}`;
  return `${where}: ${paint(severity, SEVERITY_COLOR[severity], options.color)}: ${message}${tail}\n`;
}

/**
 * The code frame Alloy prints under a diagnostic (syntax/diag/printer.go behaviour, spec §3.5):
 * one line of context either side, TABs as four spaces, carets under the byte range (in the
 * severity's colour when colour is on).
 */
export function codeFrame(file: SourceFile, start: Position, end: Position, options: RenderOptions & { readonly severity?: Severity } = {}): string {
  const first = Math.max(1, start.line - 1);
  const last = Math.min(file.lines.lineCount, end.line + 1);
  const width = String(last).length;
  const multi = end.line > start.line;
  const gutter = " ".repeat(width);
  let out = "";
  for (let line = first; line <= last; line++) {
    const isEnd = multi && line === end.line;
    const from = isEnd ? 1 : start.column;
    const to = multi && !isEnd ? Infinity : end.column;
    const shown = sourceLine(file, line, isEnd ? end.column : start.column, multi ? (isEnd ? end.column : start.column) : end.column);
    // A CRLF line's CR is not shown; any other control character is, escaped.
    const text = shown.text.replace(/\r$/, "");
    const bar = multi ? (line > start.line && line <= end.line ? "| " : "  ") : "";
    const left = shown.cutLeft ? CUT : "";
    const right = shown.cutRight ? CUT : "";
    out += `${String(line).padStart(width)} | ${bar}${left}${escapeControl(text.replace(/[\t\v]/g, "    "))}${right}` + "\n";
    if (line === start.line || isEnd) {
      const fill = multi ? "_" : " ";
      let marker = (multi ? (isEnd ? " | |_" : " |  _") : " | ") + (shown.cutLeft ? fill : "");
      let column = shown.firstColumn;
      for (const ch of text) {
        if (column > to) break;
        // As wide as the character is shown: four for a TAB, the escape's width for a control.
        if (ch === "\t" || ch === "\v") marker += fill.repeat(4);
        else marker += (column >= from ? "^" : fill).repeat(escapeControl(ch).length);
        column += utf8Length(ch);
      }
      // The bar stays plain; from the first mark on, the severity's colour.
      const mark = marker.search(/[^ |]/);
      out += options.color && mark !== -1 ? gutter + marker.slice(0, mark) + paint(marker.slice(mark), SEVERITY_COLOR[options.severity ?? "error"], true) + "\n" : gutter + marker + "\n";
    }
  }
  return out;
}

/** Alloy's own pretty form (`alloy validate`): `Error: FILE:L:C: message`, a blank line, the frame. */
export function renderAlloyPretty(items: readonly Located[]): string {
  return items
    .map(({ file, diagnostic }) => {
      const { start, end } = locate(file, diagnostic);
      const head = `${diagnostic.severity === "error" ? "Error" : "Warning"}: ${escapeControl(file.name)}:${start.line}:${start.column}: ${escapeControl(diagnostic.message)}\n`;
      return head + "\n" + codeFrame(file, start, end);
    })
    .join("\n");
}

/** The order of every output form: by file name, then by offset. */
export function compareLocated(a: Located, b: Located): number {
  if (a.file.name !== b.file.name) return a.file.name < b.file.name ? -1 : 1;
  return (a.diagnostic.order ?? a.diagnostic.span.start) - (b.diagnostic.order ?? b.diagnostic.span.start);
}

/** alloyc's text form: `FILE:LINE:COL: severity: message [code]`, then the frame (and help). */
export function renderText(items: readonly Located[], options: RenderOptions = {}): string {
  return [...items]
    .sort(compareLocated)
    .map(({ file, diagnostic: d }) => {
      const { start, end } = locate(file, d);
      let out = findingHeader(`${escapeControl(file.name)}:${start.line}:${start.column}`, d.severity, escapeControl(d.message), d.code, options);
      out += codeFrame(file, start, end, { ...options, severity: d.severity });
      if (d.help) out += `  = help: ${escapeControl(d.help)}\n`;
      for (const r of d.related ?? []) {
        const at = "span" in r ? file.lines.position(r.span.start) : r;
        out += `  = note: ${escapeControl(r.message)} (${escapeControl("span" in r ? file.name : r.file)}:${at.line}:${at.column})\n`;
      }
      return out;
    })
    .join("\n");
}

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
  help?: string;
  related?: JsonRelated[];
  fixes?: JsonFix[];
}

/** A related place: a span of the finding's file (with its end), or a line:column elsewhere. */
export interface JsonRelated {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
}

/** One edit of a fix: the half-open range it replaces and the text it puts there. */
export interface JsonEdit {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

export interface JsonFix {
  description: string;
  edits: JsonEdit[];
}

/** A span as JSON's half-open range: the end column is the one just past the last byte. */
function range(file: SourceFile, s: Span): { line: number; column: number; endLine: number; endColumn: number } {
  const start = file.lines.position(s.start);
  const end = file.lines.position(Math.max(s.start, s.end));
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/**
 * The machine form of each finding: position, severity, code, message, then (when there are any)
 * help, related locations and fixes. Half-open end for JSON/SARIF: the column just past the last byte.
 */
export function toJson(items: readonly Located[]): JsonDiagnostic[] {
  return [...items].sort(compareLocated).map(({ file, diagnostic: d }) => {
    const out: JsonDiagnostic = { file: file.name, ...range(file, d.span), severity: d.severity, code: d.code, message: d.message };
    if (d.help !== undefined) out.help = d.help;
    if (d.related && d.related.length > 0) {
      out.related = d.related.map((r) =>
        "span" in r ? { file: file.name, ...range(file, r.span), message: r.message } : { file: r.file, line: r.line, column: r.column, message: r.message },
      );
    }
    if (d.fixes && d.fixes.length > 0) {
      out.fixes = d.fixes.map((f) => ({ description: f.description, edits: f.edits.map((e) => ({ file: file.name, ...range(file, e.span), newText: e.newText })) }));
    }
    return out;
  });
}

/**
 * The line that ends text output, on standard error: `2 errors, 1 warning in 3 files` (info
 * findings counted as `N notes`), or `no problems in 3 files`.
 */
export function summaryLine(items: readonly Located[], fileCount: number): string {
  const count = { error: 0, warning: 0, info: 0 };
  for (const { diagnostic } of items) count[diagnostic.severity]++;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  const parts = [
    ...(count.error > 0 ? [plural(count.error, "error")] : []),
    ...(count.warning > 0 ? [plural(count.warning, "warning")] : []),
    ...(count.info > 0 ? [plural(count.info, "note")] : []),
  ];
  return `${parts.length > 0 ? parts.join(", ") : "no problems"} in ${plural(fileCount, "file")}\n`;
}

export function renderJson(items: readonly Located[]): string {
  return JSON.stringify(toJson(items), null, 2) + "\n";
}
