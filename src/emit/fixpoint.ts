import type { File } from "../ast/index.js";
import { PINNED, Printer, STEPPED } from "./printer.js";
import { OffsetList } from "./text.js";
import { commentTable, Positions, type CommentTable, type Record } from "./tables.js";
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
  record?: "compact" | "full",
): Pass {
  const printer = new Printer(comments, { upstream, mustRender, pinned, record, ...input });
  new Walker(printer, { upstream }).stmts(file.body);
  const bytes = printer.finish();
  return { bytes, unstable: printer.unstable, printer };
}

/**
 * Positions for the pass after `pass`. Offsets in the layout's stream (separators one byte each)
 * decide everything as the real output would, except where a comment went before a text without
 * a position of its own: the estimate for such a text runs from the previous one by byte lengths,
 * so there the real padding counts, and the real output is read instead (`pass` then has a full
 * record, see repairedPass).
 */
function nextInput(pass: Pass, comments: CommentTable): PassInput {
  const { layout } = pass.printer;
  const record = pass.printer.record as Record;
  if (record.positions) return { positions: record.positions, lineStarts: layout.lineStarts.view(), sizeHint: layout.offset };
  const out = pass.bytes;
  const positions = new Positions(comments.offsets.length, pass.bytes.length);
  const lineStarts = new OffsetList();
  lineStarts.push(0);
  let b = 0;
  let last = 0;
  let nextNl = out.indexOf(0x0a);
  for (let c = 0; c < record.chunks.length; c++) {
    const chunk = record.chunks[c] as Int32Array;
    const used = record.used(c);
    for (let i = 0; i < used; i += 3) {
      const what = chunk[i] as number;
      const bytes = chunk[i + 2] as number;
      if (bytes < 0) {
        positions.add(what, last - 1 - bytes); // an alias into the text before
        continue;
      }
      for (;;) {
        const ch = out[b];
        if (ch === 0x20 || ch === 0x09) b++;
        else if (ch === 0x0a) lineStarts.push(++b);
        else break;
      }
      last = b;
      if (what >= 0) positions.add(what, b);
      else if (what <= -2) positions.comments[-2 - what] = b;
      const end = b + bytes;
      if (nextNl !== -1 && nextNl < b) nextNl = out.indexOf(0x0a, b);
      // A multi-line text (comment, string, key): its line starts.
      while (nextNl !== -1 && nextNl < end) {
        lineStarts.push(nextNl + 1);
        nextNl = out.indexOf(0x0a, nextNl + 1);
      }
      b = end;
    }
  }
  if (b > out.length) throw new Error("alloyc emit: internal error: printed texts do not match the output");
  return { positions, lineStarts: lineStarts.view(), sizeHint: out.length };
}

/**
 * A pass that keeps every comment where the output parses. When a comment group's placement would
 * not (Printer.inject), the pass runs again with that group placed as upstream's next run places
 * it (STEPPED; for a group the one-pass rule moved) or, if that does not parse either, before the
 * first text that follows it in the source (PINNED). Marks are found afresh in every pass (a later
 * pass may find the placement fine). `record`: the pass records its positions.
 */
function repairedPass(
  file: File,
  comments: CommentTable,
  input: PassInput,
  mustRender: boolean,
  record: boolean,
): { pass: Pass; pinned: boolean; runs: number } {
  let marks: Uint8Array | undefined;
  let pass = runPass(file, comments, false, input, mustRender, undefined, record ? "compact" : undefined);
  let runs = 1;
  while (pass.printer.illegal.length > 0) {
    marks ??= new Uint8Array(comments.groups.length - 1);
    const deferred = new Set(pass.printer.illegalDeferred);
    let fresh = false;
    for (const g of pass.printer.illegal) {
      const next = marks[g] === 0 && deferred.has(g) ? STEPPED : PINNED;
      if (marks[g] === PINNED || marks[g] === next) continue;
      marks[g] = next;
      fresh = true;
    }
    if (!fresh) break;
    // Rendered and recorded: a further pass follows, and is compared with this one (see settle).
    pass = runPass(file, comments, false, input, true, marks, "full");
    runs++;
  }
  return { pass, pinned: marks !== undefined, runs };
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
    if (repaired.pass.printer.record === undefined) {
      repaired = repairedPass(file, comments, input, mustRender, true);
      runs += repaired.runs;
    }
    previous = repaired.pinned ? repaired.pass.bytes : undefined;
    input = nextInput(repaired.pass, comments);
  }
}
