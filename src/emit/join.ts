/**
 * How two formatted top-level pieces of one file join (src/format.ts formats a large file in
 * pieces). Each piece ends in its newline, and the formatter puts a blank line before a
 * top-level block that follows another statement, which is where pieces are cut: so one more
 * newline goes between them.
 */
export const PIECE_SEPARATOR: Uint8Array = Uint8Array.of(0x0a);
