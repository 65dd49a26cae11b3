import { formatBytes } from "../emit/index.js";
import { parseFile, parseInPieces, type ParseResult } from "../parse/index.js";

/** Files at least twice this size are formatted in pieces of at least this size. */
export const PIECE_BYTES = 16 * 1024;

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
  const printed: Uint8Array[] = [];
  const parsed = parseInPieces(bytes, name, pieceBytes, (piece) => printed.push(formatBytes(piece)));
  if (parsed.diagnostics.length > 0) return { unparsable: parsed };
  return { formatted: join(printed) };
}

/** Formatted pieces (each with its final newline) joined by one blank line. */
function join(printed: readonly Uint8Array[]): Uint8Array {
  if (printed.length === 1) return printed[0] as Uint8Array;
  let size = 0;
  for (const piece of printed) size += piece.length + 1;
  const out = new Uint8Array(size - 1);
  let at = 0;
  for (const piece of printed) {
    if (at > 0) out[at++] = 0x0a; // the piece before ends in a newline: this makes the blank line
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}
