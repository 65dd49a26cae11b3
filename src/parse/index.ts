import type { Expr, File } from "../ast/index.js";
import type { Diagnostic, SourceFile } from "../diag/index.js";
import { groupComments } from "./comments.js";
import { ErrorCollector } from "./errors.js";
import { alloyParser } from "./grammar.js";
import { scan } from "./scanner.js";

export interface ParseResult {
  /** The tree, recovered as far as possible; when `diagnostics` has errors, tools must not format it. */
  readonly file: File;
  readonly diagnostics: Diagnostic[];
  readonly source: SourceFile;
}

const encoder = new TextEncoder();

/**
 * Parses one Alloy file. Never throws on user input: every problem is a diagnostic with Alloy's
 * message at Alloy's position (UTF-8 byte offsets; a BOM counts).
 */
export function parseFile(input: Uint8Array | string, filename = "<input>"): ParseResult {
  const bytes = typeof input === "string" ? encoder.encode(input) : input;
  const scanned = scan(bytes);
  const tokens = scanned.tokens;
  const eof = tokens[tokens.length - 1];
  const errors = new ErrorCollector(scanned.lines);
  const parser = alloyParser();
  parser.reset_(tokens.slice(0, -1), eof ? eof.startOffset : bytes.length, errors);
  let body: File["body"];
  try {
    body = parser.file();
  } catch (e) {
    // Only a JavaScript stack overflow can get here; report it rather than crash.
    if (!(e instanceof RangeError)) throw e;
    errors.tooDeep(0, 0, "input nested too deeply to parse", tokens.length);
    body = [];
  }
  const file: File = {
    kind: "File",
    body,
    comments: groupComments(scanned.comments, tokens, scanned.lines),
    lineStarts: scanned.lines.lineStarts,
    span: { start: 0, end: bytes.length },
  };
  return { file, diagnostics: errors.merge(scanned.errors), source: { name: filename, bytes, lines: scanned.lines } };
}

export interface ExpressionResult {
  readonly expr: Expr;
  readonly diagnostics: Diagnostic[];
}

/** Parses a lone expression (a value typed by a user, a builder's raw escape hatch). */
export function parseExpression(input: Uint8Array | string): ExpressionResult {
  const bytes = typeof input === "string" ? encoder.encode(input) : input;
  const scanned = scan(bytes);
  const tokens = scanned.tokens;
  const eof = tokens[tokens.length - 1];
  const errors = new ErrorCollector(scanned.lines);
  const parser = alloyParser();
  parser.reset_(tokens.slice(0, -1), eof ? eof.startOffset : bytes.length, errors);
  const expr = parser.lone();
  return { expr, diagnostics: errors.merge(scanned.errors) };
}
