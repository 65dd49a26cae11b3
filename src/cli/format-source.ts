import { formatBytes } from "../emit/index.js";
import { parseFile, type ParseResult } from "../parse/index.js";
import { blockSplits } from "../parse/splits.js";

/** Files at least twice this size are formatted in pieces of at least this size. */
export const PIECE_BYTES = 64 * 1024;

/** The formatted file, or the parse of a file that does not parse (for its diagnostics). */
export type SourceFormat = { readonly formatted: Uint8Array } | { readonly unparsable: ParseResult };

/**
 * What `alloyc fmt` does with a file: `formatBytes(parseFile(bytes).file)` when it parses.
 *
 * A large file is parsed and formatted piece by piece, cut where a top-level block starts
 * (parse/splits.ts): the output is the same (test/cli/format-source.test.ts checks it on the
 * corpus), but only one piece's tree is alive at a time. Memory stays bounded, and the garbage
 * collector never traces a tree the size of the file, which keeps the time linear in its size.
 */
export function formatSource(bytes: Uint8Array, name = "<input>", pieceBytes = PIECE_BYTES): SourceFormat {
  const splits = bytes.length >= 2 * pieceBytes ? blockSplits(bytes, pieceBytes) : undefined;
  const pieces = splits !== undefined && splits.length > 0 ? formatPieces(bytes, splits) : undefined;
  if (pieces !== undefined) return { formatted: pieces };
  // Small, unsplittable, or a piece did not parse: the whole file decides (and reports).
  const parsed = parseFile(bytes, name);
  return parsed.diagnostics.length > 0 ? { unparsable: parsed } : { formatted: formatBytes(parsed.file) };
}

/** The pieces formatted and joined by one blank line; undefined if a piece does not parse. */
function formatPieces(bytes: Uint8Array, splits: readonly number[]): Uint8Array | undefined {
  const printed: Uint8Array[] = [];
  let size = 1;
  let start = 0;
  for (const end of [...splits, bytes.length]) {
    const { file, diagnostics } = parseFile(bytes.subarray(start, end));
    if (diagnostics.length > 0) return undefined;
    const piece = formatBytes(file);
    printed.push(piece.subarray(0, piece.length - 1)); // without its final newline
    size += piece.length - 1 + (printed.length > 1 ? 2 : 0);
    start = end;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const piece of printed) {
    if (at > 0) {
      out[at++] = 0x0a;
      out[at++] = 0x0a;
    }
    out.set(piece, at);
    at += piece.length;
  }
  out[at] = 0x0a;
  return out;
}
