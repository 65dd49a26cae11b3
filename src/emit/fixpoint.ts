import type { File } from "../ast/index.js";
import { Printer } from "./printer.js";
import { commentTable, type CommentTable, type Positions } from "./tables.js";
import { Walker } from "./walker.js";

/**
 * Upstream's fmt is not always a fixed point: its layout decisions look at *source* lines, and a
 * run can change them, so a second `alloy fmt` may print something else (spec §4.4 quirk 5).
 * alloyc prints the settled output, and prints it in one pass wherever it can: the decisions a
 * second run would take otherwise are taken from the output itself (which statements and values
 * span several lines, a comment after a `)` on its own line, comments before texts without a
 * position of their own: see the printer and walker). Real configurations (every corpus file)
 * settle in that one pass.
 *
 * What the one pass cannot settle is some comments in unusual places (a comment inside a block
 * name or an access split over lines, one that a line break of its own moves across elements):
 * their placement depends on lines the pass has not written yet. The printer's stability check
 * (Printer.check and inject) tells when a further pass could decide anything differently; only
 * then does a further pass run. It needs no parser: the AST is the same, only positions change.
 * A pass that records (Printer.written) keeps where it wrote each text, by the text's offset in
 * the parsed file, and the next pass asks those positions instead of the parsed ones, which
 * decides everything as re-reading the output would.
 */

/** Enough for every input seen so far (random files with comments everywhere need at most 3). */
const MAX_PASSES = 8;

export interface Pass {
  /** Printer output (UTF-8, no final newline); empty for an unstable pass that did not render. */
  readonly bytes: Uint8Array;
  readonly unstable: boolean;
  readonly printer: Printer;
}

export interface PassInput {
  readonly positions?: Positions;
  readonly lineStarts: ArrayLike<number>;
  readonly sizeHint: number;
}

export function runPass(
  file: File,
  comments: CommentTable,
  upstream: boolean,
  input: PassInput,
  mustRender: boolean,
  pinned?: Uint8Array,
  record = false,
): Pass {
  const printer = new Printer(comments, { upstream, mustRender, pinned, record, ...input });
  new Walker(printer, { upstream }).stmts(file.body);
  const bytes = printer.finish();
  return { bytes, unstable: printer.unstable, printer };
}

/**
 * A pass that keeps every comment where the output parses: when upstream's placement of a comment
 * group would not (Printer.inject), the pass runs again with that group pinned to its place in the
 * source. Pins are found afresh in every pass (a later pass may find upstream's placement fine).
 */
function repairedPass(
  file: File,
  comments: CommentTable,
  input: PassInput,
  mustRender: boolean,
  record: boolean,
): { pass: Pass; pinned: boolean; runs: number } {
  let pins: Uint8Array | undefined;
  let pass = runPass(file, comments, false, input, mustRender, undefined, record);
  let runs = 1;
  while (pass.printer.illegal.length > 0) {
    pins ??= new Uint8Array(comments.groups.length - 1);
    let fresh = false;
    for (const g of pass.printer.illegal) {
      if (pins[g] === 1) continue;
      pins[g] = 1;
      fresh = true;
    }
    if (!fresh) break;
    // Rendered and recorded: a further pass follows, and is compared with this one (see settle).
    pass = runPass(file, comments, false, input, true, pins, true);
    runs++;
  }
  return { pass, pinned: pins !== undefined, runs };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The printer output (UTF-8, no final newline) of `file`, settled. */
export function printSettled(file: File): Uint8Array {
  return settle(file).bytes;
}

/** `printSettled`, and how many times the printer ran to get there (1 for settled input). */
export function settle(file: File): { bytes: Uint8Array; runs: number } {
  const comments = commentTable(file);
  let runs = 0;
  let input: PassInput = { lineStarts: file.lineStarts, sizeHint: file.span.end - file.span.start };
  /** Output of the previous pass when it pinned comments (its stability is then unknown). */
  let previous: Uint8Array | undefined;
  for (let n = 1; ; n++) {
    const last = n === MAX_PASSES;
    const mustRender = last || previous !== undefined;
    // The first pass records nothing: it is the only one settled input needs.
    let repaired = repairedPass(file, comments, input, mustRender, n > 1);
    runs += repaired.runs;
    if (last || (!repaired.pass.unstable && !repaired.pinned)) return { bytes: repaired.pass.bytes, runs };
    // Same output as the pass it read: the next pass would print it again.
    if (previous !== undefined && sameBytes(previous, repaired.pass.bytes)) return { bytes: repaired.pass.bytes, runs };
    if (repaired.pass.printer.written === undefined) {
      repaired = repairedPass(file, comments, input, mustRender, true);
      runs += repaired.runs;
    }
    previous = repaired.pinned ? repaired.pass.bytes : undefined;
    const { written, layout } = repaired.pass.printer;
    input = { positions: written, lineStarts: layout.lineStarts.view(), sizeHint: layout.offset };
  }
}
