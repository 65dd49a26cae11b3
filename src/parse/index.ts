import type { Expr, File } from "../ast/index.js";
import type { Diagnostic, SourceFile } from "../diag/index.js";
import { groupComments } from "./comments.js";
import { ErrorCollector } from "./errors.js";
import { alloyParser, type AlloyParser } from "./grammar.js";
import { TokenStream } from "./scanner.js";

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

/** Runs one entry rule of the shared parser over the tokens of `bytes`, read as it goes. */
function run<T>(bytes: Uint8Array, entry: (parser: AlloyParser) => T, onOverflow: () => T) {
  const stream = new TokenStream(bytes);
  const errors = new ErrorCollector(stream.lines);
  const parser = alloyParser();
  parser.reset_(stream, errors);
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
  return { result, stream, diagnostics: errors.merge(stream.errors) };
}

/**
 * Parses one Alloy file. Never throws on user input: every problem is a diagnostic with Alloy's
 * message at Alloy's position (UTF-8 byte offsets; a BOM counts).
 */
export function parseFile(input: Uint8Array | string, filename = "<input>"): ParseResult {
  const bytes = typeof input === "string" ? encoder.encode(input) : input;
  const { result: body, stream, diagnostics } = run(bytes, (p) => p.file(), () => []);
  return { file: fileNode(body, stream, bytes.length), diagnostics, source: { name: filename, bytes, lines: stream.lines } };
}

function fileNode(body: File["body"], stream: TokenStream, size: number): File {
  return {
    kind: "File",
    body,
    comments: groupComments(stream.comments, stream.tokenStarts, stream.lines),
    lineStarts: stream.lines.lineStarts,
    span: { start: 0, end: size },
  };
}

const NULL: Expr = { kind: "Literal", literalKind: "null", raw: "null", span: { start: 0, end: 0 } };

/** Parses a lone expression (a value typed by a user, a builder's raw escape hatch). */
export function parseExpression(input: Uint8Array | string): ExpressionResult {
  const bytes = typeof input === "string" ? encoder.encode(input) : input;
  const { result: expr, diagnostics } = run(bytes, (p) => p.lone(), () => NULL);
  return { expr, diagnostics };
}
