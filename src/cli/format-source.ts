import { formatBytes } from "../emit/index.js";
import { parseFile, parseInPieces, type ParseResult } from "../parse/index.js";

/** Files at least twice this size are formatted in pieces of at least this size. */
export const PIECE_BYTES = 8 * 1024;

/** The formatted file, or what a file that does not parse gives to report it. */
export type SourceFormat =
  | { readonly formatted: Uint8Array }
  | { readonly unparsable: Pick<ParseResult, "diagnostics" | "source"> };

/**
 * What `alloyc fmt` does with a file: `formatBytes(parseFile(bytes).file)` when it parses.
 *
 * A large file is formatted piece by piece as it is parsed (parseInPieces): pieces are formatted
 * alone and joined by the blank line the formatter puts before a top-level block, which gives
 * the same text (test/cli/format-source.test.ts checks it on the corpus, cut at every possible
 * place). Only one piece's tree is alive at a time, so memory stays bounded, and the garbage
 * collector never traces a tree the size of the file, which keeps the time linear in its size.
 */
export function formatSource(bytes: Uint8Array, name = "<input>", pieceBytes = PIECE_BYTES): SourceFormat {
  if (bytes.length < 2 * pieceBytes) {
    const parsed = parseFile(bytes, name);
    return parsed.diagnostics.length > 0 ? { unparsable: parsed } : { formatted: formatBytes(parsed.file) };
  }
  const out = new OutputBuffer(bytes.length + (bytes.length >> 3));
  const parsed = parseInPieces(bytes, name, pieceBytes, (piece) => out.piece(formatBytes(piece)));
  if (parsed.diagnostics.length > 0) return { unparsable: parsed };
  return { formatted: out.bytes() };
}

/**
 * Formatted pieces (each with its final newline) joined by one blank line, copied into one
 * buffer as they come so that each piece's own buffer dies young.
 */
class OutputBuffer {
  private buffer: Uint8Array;
  private length = 0;

  constructor(sizeHint: number) {
    this.buffer = Buffer.allocUnsafe(sizeHint); // every byte returned is written first
  }

  piece(printed: Uint8Array): void {
    const gap = this.length > 0 ? 1 : 0; // the piece before ends in a newline: one more makes the blank line
    const need = this.length + gap + printed.length;
    if (need > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    if (gap > 0) this.buffer[this.length++] = 0x0a;
    this.buffer.set(printed, this.length);
    this.length += printed.length;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}
