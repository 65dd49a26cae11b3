import type { Expr, File } from "../ast/index.js";
import type { Diagnostic, SourceFile } from "../diag/index.js";
import { groupComments } from "./comments.js";
import { ErrorCollector } from "./errors.js";
import { alloyParser, type AlloyParser } from "./grammar.js";
import { scan, type ScanResult } from "./scanner.js";

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

/** Scans `bytes` and runs one entry rule of the shared parser over the tokens. */
function run<T>(bytes: Uint8Array, entry: (parser: AlloyParser) => T, onOverflow: () => T) {
  const scanned = scan(bytes);
  const tokens = scanned.tokens;
  const eof = tokens[tokens.length - 1];
  const errors = new ErrorCollector(scanned.lines);
  const parser = alloyParser();
  parser.reset_(tokens.slice(0, -1), eof ? eof.startOffset : bytes.length, errors);
  let result: T;
  try {
    result = entry(parser);
  } catch (e) {
    // Only a JavaScript stack overflow can get here; report it rather than crash.
    if (!(e instanceof RangeError)) throw e;
    errors.tooDeep(0, 0, "input nested too deeply to parse", tokens.length);
    result = onOverflow();
  } finally {
    parser.release_();
  }
  return { result, scanned, diagnostics: errors.merge(scanned.errors) };
}

/**
 * Parses one Alloy file. Never throws on user input: every problem is a diagnostic with Alloy's
 * message at Alloy's position (UTF-8 byte offsets; a BOM counts).
 */
export function parseFile(input: Uint8Array | string, filename = "<input>"): ParseResult {
  const bytes = typeof input === "string" ? encoder.encode(input) : input;
  const { result: body, scanned, diagnostics } = run(bytes, (p) => p.file(), () => []);
  return { file: fileNode(body, scanned, bytes.length), diagnostics, source: { name: filename, bytes, lines: scanned.lines } };
}

function fileNode(body: File["body"], scanned: ScanResult, size: number): File {
  return {
    kind: "File",
    body,
    comments: groupComments(scanned.comments, scanned.tokens, scanned.lines),
    lineStarts: scanned.lines.lineStarts,
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
