import type { File } from "../ast/index.js";
import { Printer } from "./printer.js";
import { Positions, commentTable, type CommentTable } from "./tables.js";
import { OffsetList } from "./text.js";
import { Walker } from "./walker.js";

/**
 * Upstream's fmt is not always a fixed point: every layout decision looks at *source* lines, and
 * a pass can change them (a statement that spanned several lines printed on one, `b { a = 1 }`
 * expanded, a comment moved past a `)`), so a second `alloy fmt` run may print something else
 * (spec §4.4 quirk 5). alloyc prints the settled result.
 *
 * A further pass needs no parser: the AST is the same, only positions change. The printer records
 * where it wrote each text with a key (the text's offset in the parsed file) and the line starts
 * of what it wrote; the next pass asks those positions instead of the parsed ones, which decides
 * everything as re-parsing the output would. The printer's stability check (Printer.check) tells
 * when a further pass would decide everything the same way, so settled input costs one pass, and
 * a pass known to be unstable stops rendering.
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
  readonly positions?: Positions;
  readonly lineStarts: ArrayLike<number>;
  readonly sizeHint: number;
}

/**
 * Positions for the pass after `pass`. Offsets in the layout's stream (separators one byte each)
 * decide everything as the real output would, except where a comment went before a text without
 * a position of its own: the estimate for such a text runs from the previous one by byte lengths,
 * so there the real padding counts, and the real output is read instead (`pass` then has a full
 * record, see repairedPass).
 */
function nextInput(pass: Pass, comments: CommentTable): PassInput {
  const { record, layout } = pass.printer;
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

export function runPass(
  file: File,
  comments: CommentTable,
  upstream: boolean,
  input: PassInput,
  mustRender: boolean,
  pinned?: Uint8Array,
  fullRecord = false,
): Pass {
  const printer = new Printer(comments, { upstream, mustRender, pinned, fullRecord, ...input });
  new Walker(printer, { upstream }).stmts(file.body);
  const bytes = printer.finish();
  return { bytes, unstable: printer.unstable, printer };
}

/**
 * A pass that keeps every comment where the output parses: when upstream's placement of a comment
 * group would not (Printer.inject), the pass runs again with that group pinned to its place in the
 * source. Pins are found afresh in every pass (a later pass may find upstream's placement fine).
 */
function repairedPass(file: File, comments: CommentTable, input: PassInput, mustRender: boolean): { pass: Pass; pinned: boolean } {
  let pins: Uint8Array | undefined;
  let pass = runPass(file, comments, false, input, mustRender);
  // The next pass reads this one's real output (rare): run it again, rendered, recording it all.
  if (pass.printer.beforeUnpositioned) pass = runPass(file, comments, false, input, true, undefined, true);
  while (pass.printer.illegal.length > 0) {
    pins ??= new Uint8Array(comments.groups.length - 1);
    let fresh = false;
    for (const g of pass.printer.illegal) {
      if (pins[g] === 1) continue;
      pins[g] = 1;
      fresh = true;
    }
    if (!fresh) break;
    // Rendered: the next pass is compared with this one (see printSettled).
    pass = runPass(file, comments, false, input, true, pins, true);
  }
  return { pass, pinned: pins !== undefined };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The printer output (UTF-8, no final newline) of `file`, settled. */
export function printSettled(file: File): Uint8Array {
  const comments = commentTable(file);
  let input: PassInput = { lineStarts: file.lineStarts, sizeHint: file.span.end - file.span.start };
  /** Output of the previous pass when it pinned comments (its stability is then unknown). */
  let previous: Uint8Array | undefined;
  for (let n = 1; ; n++) {
    const { pass, pinned } = repairedPass(file, comments, input, n === MAX_PASSES || previous !== undefined);
    if (n === MAX_PASSES) return pass.bytes;
    if (!pass.unstable && !pinned) return pass.bytes;
    // Same output as the pass it read: the next pass would print it again.
    if (previous !== undefined && sameBytes(previous, pass.bytes)) return pass.bytes;
    previous = pinned ? pass.bytes : undefined;
    input = nextInput(pass, comments);
  }
}
