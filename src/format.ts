/**
 * Formatting as tools use it (`alloyc/format`): Alloy source in, the text `alloy fmt` prints out,
 * or the parse diagnostics when the source does not parse. The CLI's `fmt`, the bench, and later
 * the Prettier plugin and the language server call this; it spans parse and emit, so it lives
 * in the facade rather than in either stage.
 */
import type { File } from "./ast/index.js";
import type { Diagnostic, SourceFile } from "./diag/index.js";
import { format as formatTree, formatBytes, PIECE_SEPARATOR, printedEnd } from "./emit/index.js";
import { parseFile, parseInPieces, type ParseResult } from "./parse/index.js";

/** Files at least twice this size are formatted in pieces of at least this size. */
export const PIECE_BYTES = 8 * 1024;

/** The formatted file, or what a file that does not parse gives to report it. */
export type SourceFormat =
  | { readonly formatted: Uint8Array }
  | { readonly unparsable: Pick<ParseResult, "diagnostics" | "source"> };

/** `format`'s answer: the formatted text, or why there is none. */
export type Formatted =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly source: SourceFile };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Formats Alloy source text (or its UTF-8 bytes) as `alloy fmt` would. A source that does not
 * parse is not formatted: its diagnostics come back, with the source to locate them in.
 */
export function format(source: string | Uint8Array, filename = "<input>"): Formatted {
  const bytes = typeof source === "string" ? encoder.encode(source) : source;
  const result = formatSource(bytes, filename);
  if ("unparsable" in result) return { ok: false, diagnostics: result.unparsable.diagnostics, source: result.unparsable.source };
  return { ok: true, text: decoder.decode(result.formatted) };
}

/** Formats a tree the parser gave (its spans and line starts describe a real text). */
export function formatFile(file: File): string {
  return formatTree(file);
}

/**
 * What `alloyc fmt` does with a file: `formatBytes(parseFile(bytes).file)` when it parses.
 *
 * A large file is formatted piece by piece as it is parsed (parseInPieces): pieces are formatted
 * alone and joined as emit says top-level pieces join (PIECE_SEPARATOR). Emit also says where a
 * statement's trailing comments start (printedEnd: a comment before a call's `)` is printed after
 * it), and no cut follows one, since such a comment decides the gap. That gives the same text
 * (test/format.test.ts on the corpus cut at every possible place, and
 * test/format-pieces.property.test.ts on random files and piece sizes). Only one
 * piece's tree is alive at a time, so memory stays bounded, and the garbage collector never
 * traces a tree the size of the file, which keeps the time linear in its size.
 */
export function formatSource(bytes: Uint8Array, name = "<input>", pieceBytes = PIECE_BYTES): SourceFormat {
  if (bytes.length < 2 * pieceBytes) {
    const parsed = parseFile(bytes, name);
    return parsed.diagnostics.length > 0 ? { unparsable: parsed } : { formatted: formatBytes(parsed.file) };
  }
  const out = new OutputBuffer(bytes.length + (bytes.length >> 3));
  const parsed = parseInPieces(bytes, name, pieceBytes, (piece) => out.piece(formatBytes(piece)), printedEnd);
  if (parsed.diagnostics.length > 0) return { unparsable: parsed };
  return { formatted: out.bytes() };
}

/**
 * Formatted pieces joined by PIECE_SEPARATOR, copied into one buffer as they come so that each
 * piece's own buffer dies young.
 */
class OutputBuffer {
  private buffer: Uint8Array;
  private length = 0;

  constructor(sizeHint: number) {
    this.buffer = Buffer.allocUnsafe(sizeHint); // every byte returned is written first
  }

  piece(printed: Uint8Array): void {
    const gap = this.length > 0 ? PIECE_SEPARATOR : undefined;
    const need = this.length + (gap?.length ?? 0) + printed.length;
    if (need > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    if (gap) {
      this.buffer.set(gap, this.length);
      this.length += gap.length;
    }
    this.buffer.set(printed, this.length);
    this.length += printed.length;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}
