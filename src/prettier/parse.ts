/**
 * The Prettier parser `alloy`: the text goes through the `alloyc/format` facade once, so that what
 * Prettier prints is exactly what `alloyc fmt` prints. A text that does not parse throws the error
 * Prettier reports per file: Alloy's message, at a `loc` in Prettier's terms.
 */
import type { Diagnostic, SourceFile } from "../diag/index.js";
import { format } from "../format.js";

/**
 * The tree Prettier sees: one node over the whole text, carrying `alloyc fmt`'s output. Alloy's
 * layout is decided for the file as a whole (alignment runs across statements), so there is no
 * smaller node Prettier could print on its own.
 */
export interface AlloyRoot {
  readonly type: "AlloyFile";
  /** Where the file starts and ends, as indices into Prettier's text (UTF-16 code units). */
  readonly start: number;
  readonly end: number;
  /** The text `alloyc fmt` prints for the file, with LF line ends. */
  readonly formatted: string;
}

/** Prettier's parse error: a SyntaxError with `loc` (1-based line and column), as its own parsers throw. */
export interface AlloySyntaxError extends SyntaxError {
  readonly loc: { readonly start: LineColumn; readonly end: LineColumn };
  /** The same position as Alloy reports it: its column counts UTF-8 bytes. */
  readonly alloy: { readonly line: number; readonly column: number; readonly code: string };
}

interface LineColumn {
  readonly line: number;
  readonly column: number;
}

const decoder = new TextDecoder();

export function parse(text: string, options?: { filepath?: string }): AlloyRoot {
  const result = format(text, options?.filepath ?? "<input>");
  if (!result.ok) throw syntaxError(result.diagnostics, result.source);
  return { type: "AlloyFile", start: 0, end: text.length, formatted: result.text };
}

export function locStart(node: AlloyRoot): number {
  return node.start;
}

export function locEnd(node: AlloyRoot): number {
  return node.end;
}

/** The first error (by position) as Prettier's error; Prettier shows one code frame per file. */
function syntaxError(diagnostics: readonly Diagnostic[], source: SourceFile): AlloySyntaxError {
  const first = [...diagnostics].sort((a, b) => a.span.start - b.span.start)[0] as Diagnostic;
  const start = lineColumn(source, first.span.start);
  const end = lineColumn(source, Math.max(first.span.end, first.span.start));
  const error = new SyntaxError(`${first.message} (${start.line}:${start.column})`);
  const alloy = { ...source.lines.position(first.span.start), code: first.code };
  return Object.assign(error, { loc: { start, end }, alloy: { line: alloy.line, column: alloy.column, code: alloy.code } });
}

/**
 * A byte offset as Prettier's 1-based line and column: alloyc's spans count UTF-8 bytes, Prettier
 * counts UTF-16 code units, so the bytes of the line before the offset are decoded and measured.
 */
export function lineColumn(source: SourceFile, offset: number): LineColumn {
  const line = source.lines.line(offset);
  const lineStart = source.lines.lineStart(line);
  return { line, column: decoder.decode(source.bytes.subarray(lineStart, offset)).length + 1 };
}
