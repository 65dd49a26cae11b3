import type { Expr, File, Stmt } from "../ast/index.js";
import type { Diagnostic, SourceFile } from "../diag/index.js";
import { CommentGrouper, groupComments } from "./comments.js";
import { ErrorCollector } from "./errors.js";
import { alloyParser, type AlloyParser } from "./grammar.js";
import { TokenStream } from "./scanner.js";
import type { Token } from "./tokens.js";

export interface ParseResult {
  /** The tree, recovered as far as possible; when `diagnostics` has errors, tools must not format it. */
  readonly file: File;
  readonly diagnostics: Diagnostic[];
  readonly source: SourceFile;
}

export interface ExpressionResult {
  readonly expr: Expr;
  readonly diagnostics: Diagnostic[];
}

const encoder = new TextEncoder();

/**
 * Runs one entry rule of the shared parser over the tokens of `bytes`, read as it goes;
 * `topLevel` takes the top-level statements instead of the body (see parseInPieces).
 */
function run<T>(stream: TokenStream, entry: (parser: AlloyParser) => T, onOverflow: () => T, topLevel?: (stmt: Stmt) => void) {
  const errors = new ErrorCollector(stream.lines, stream);
  const parser = alloyParser();
  parser.reset_(stream, errors, topLevel);
  let result: T;
  try {
    result = entry(parser);
    stream.drain();
  } catch (e) {
    // Only a JavaScript stack overflow can get here; report it rather than crash.
    if (!(e instanceof RangeError)) throw e;
    stream.drain();
    errors.tooDeep(0, 0, "input nested too deeply to parse", stream.tokenCount);
    result = onOverflow();
  } finally {
    parser.release_();
  }
  return { result, diagnostics: errors.merge(stream.errors) };
}

/**
 * Parses one Alloy file. Never throws on user input: every problem is a diagnostic with Alloy's
 * message at Alloy's position (UTF-8 byte offsets; a BOM counts).
 */
export function parseFile(input: Uint8Array | string, filename = "<input>"): ParseResult {
  const bytes = typeof input === "string" ? encoder.encode(input) : input;
  const stream = new TokenStream(bytes);
  const { result: body, diagnostics } = run(stream, (p) => p.file(), () => []);
  const file: File = { kind: "File", body, comments: groupComments(stream), lineStarts: stream.lines.lineStarts, span: { start: 0, end: bytes.length } };
  return { file, diagnostics, source: { name: filename, bytes, lines: stream.lines } };
}

/**
 * Parses one Alloy file as parseFile does (the same diagnostics), but hands it over in pieces
 * instead of building one tree: `onPiece` gets consecutive runs of top-level statements, cut
 * before a top-level block that follows another statement with no comment in between, at least
 * `minBytes` after the previous cut. A piece is a File whose span is its part of the input (its
 * comments, and positions and lines of the whole input); the pieces' bodies and comments together
 * are the file's. Only a piece and the statement being parsed are alive at a time.
 *
 * Cutting there keeps pieces independent for the formatter: it always starts a new alignment
 * section and puts one blank line before such a block, and no comment can move across the cut.
 * A formatter that prints some comments of a statement after its last text says from where
 * (`trailingFrom`, emit's printedEnd): no cut follows a statement with a comment from there on.
 */
export function parseInPieces(
  input: Uint8Array | string,
  filename: string,
  minBytes: number,
  onPiece: (piece: File) => void,
  trailingFrom: (stmt: Stmt) => number = (stmt) => stmt.span.end,
): Omit<ParseResult, "file"> {
  const bytes = typeof input === "string" ? encoder.encode(input) : input;
  const stream = new TokenStream(bytes);
  const grouper = new CommentGrouper(stream);
  let body: Stmt[] = [];
  let pieceStart = 0;
  let prevEnd = 0;
  const flush = (end: number): void => {
    const comments = grouper.groupsBefore(end);
    onPiece({ kind: "File", body, comments, lineStarts: stream.lines.lineStarts, span: { start: pieceStart, end } });
    body = [];
    pieceStart = end;
    grouper.forgetGrouped();
  };
  /** Whether a comment read so far starts in [from, to) (only the last statement's are after `to`). */
  const commentBetween = (from: number, to: number): boolean => {
    const comments = stream.comments;
    let i = comments.length - 1;
    while (i >= 0 && (comments[i] as Token).startOffset >= to) i--;
    return i >= 0 && (comments[i] as Token).startOffset >= from;
  };
  const topLevel = (stmt: Stmt): void => {
    const start = stmt.span.start;
    if (stmt.kind === "Block" && body.length > 0 && start - pieceStart >= minBytes && !commentBetween(prevEnd, start)) flush(start);
    body.push(stmt);
    prevEnd = trailingFrom(stmt);
  };
  const { diagnostics } = run(stream, (p) => p.file(), () => [], topLevel);
  flush(bytes.length);
  return { diagnostics, source: { name: filename, bytes, lines: stream.lines } };
}

const NULL: Expr = { kind: "Literal", literalKind: "null", raw: "null", span: { start: 0, end: 0 } };

/** Parses a lone expression (a value typed by a user, a builder's raw escape hatch). */
export function parseExpression(input: Uint8Array | string): ExpressionResult {
  const bytes = typeof input === "string" ? encoder.encode(input) : input;
  const { result: expr, diagnostics } = run(new TokenStream(bytes), (p) => p.lone(), () => NULL);
  return { expr, diagnostics };
}
