import type { File } from "../ast/index.js";
import { printSettled, runPass } from "./fixpoint.js";
import { Layout } from "./layout.js";
import { commentTable } from "./tables.js";

/**
 * The formatter: AST → Alloy text as `alloy fmt` prints it (spec §4; DESIGN.md "Formatter
 * target"). The layout follows the parsed positions (line breaks, blank lines, comments), so
 * `format` wants a tree whose spans and `lineStarts` describe a real text, as the parser gives.
 *
 * alloyc prints upstream's fixed point, and keeps the meaning where upstream would change it:
 * README.md, "Differences from upstream alloy fmt" lists the differences.
 */

/** What `alloyc fmt` writes: the printer output plus exactly one newline. */
export function format(file: File): string {
  return Layout.decode(Layout.withNewline(printSettled(file)));
}

/** `format` as UTF-8 bytes (what the CLI writes). */
export function formatBytes(file: File): Uint8Array {
  return Layout.withNewline(printSettled(file));
}

/** The printer output alone (no final newline), as upstream's printer tests compare it. */
export function print(file: File): string {
  return Layout.decode(printSettled(file));
}

/**
 * Exactly what one run of upstream `alloy fmt` writes, quirks included (re-escaped keys, `f(,⏎)`,
 * TABs in strings used as separators, raw strings trimmed; no second pass). For conformance tests
 * and for explaining differences; `format` is what alloyc prints.
 */
export function formatUpstream(file: File): string {
  const input = { lineStarts: file.lineStarts, sizeHint: file.span.end - file.span.start };
  return Layout.decode(Layout.withNewline(runPass(file, commentTable(file), true, input, true).bytes));
}

export { keyText } from "./quote.js";
export { PIECE_SEPARATOR, printedEnd } from "./join.js";
