import type { File } from "../ast/index.js";
import { Printer, commentTable, type CommentTable } from "./printer.js";
import { Walker } from "./walker.js";

/**
 * Upstream's fmt is not always a fixed point: every layout decision looks at *source* lines, and
 * a pass can change them (a statement that spanned several lines printed on one, `b { a = 1 }`
 * expanded, a comment moved past a `)`), so a second `alloy fmt` run may print something else
 * (spec §4.4 quirk 5). alloyc prints the settled result.
 *
 * A further pass needs no parser: the AST is the same, only positions change. The printer records
 * where it wrote each text with a key (the text's offset in the parsed file) and the line starts
 * of what it wrote; the next pass reads positions through that map, which decides everything as
 * re-parsing the output would. The printer's stability check (Printer.check) tells when a further
 * pass would decide everything the same way, so settled input costs one pass, and a pass known to
 * be unstable stops rendering.
 */

/** Enough for every input seen so far (the corpus needs at most 2); a safety net, not a limit. */
const MAX_PASSES = 8;

export interface Pass {
  /** Printer output (UTF-8, no final newline); empty for an unstable pass that did not render. */
  readonly bytes: Uint8Array;
  readonly unstable: boolean;
  readonly printer: Printer;
}

export interface PassInput {
  readonly map?: Int32Array;
  readonly lineStarts: readonly number[];
  readonly sizeHint: number;
}

export function runPass(file: File, comments: CommentTable, upstream: boolean, input: PassInput, mustRender: boolean): Pass {
  const printer = new Printer(comments, { upstream, mustRender, ...input });
  new Walker(printer, { upstream }).stmts(file.body);
  const bytes = printer.finish();
  return { bytes, unstable: printer.unstable, printer };
}

/** The printer output (UTF-8, no final newline) of `file`, settled. */
export function printSettled(file: File): Uint8Array {
  const comments = commentTable(file);
  let input: PassInput = { lineStarts: file.lineStarts, sizeHint: file.span.end };
  for (let n = 1; ; n++) {
    const pass = runPass(file, comments, false, input, n === MAX_PASSES);
    if (!pass.unstable || n === MAX_PASSES) return pass.bytes;
    const layout = pass.printer.layout;
    input = { map: pass.printer.record.toMap(), lineStarts: layout.lineStarts, sizeHint: layout.offset };
  }
}
