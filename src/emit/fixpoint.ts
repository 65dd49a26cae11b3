import type { File } from "../ast/index.js";
import { Printer, commentTable, type CommentTable } from "./printer.js";
import { utf8Length } from "./text.js";
import { Walker } from "./walker.js";

/**
 * Upstream's fmt is not always a fixed point: every layout decision looks at *source* lines, and
 * a pass can change them (a statement that spanned several lines printed on one, `b { a = 1 }`
 * expanded, a comment moved past a `)`), so a second `alloy fmt` run may print something else
 * (spec §4.4 quirk 5). alloyc prints the settled result.
 *
 * A second pass needs no parser: the AST is the same, only positions change. Every text the
 * printer writes is recorded with its key (its offset in the parsed file); the pass's output is
 * scanned to find where each text landed, giving key → offset and a line table for that output —
 * what re-parsing it would give. The printer's stability check (Printer.check) tells when a
 * further pass would decide everything the same way, so already settled input costs one pass.
 */

/** Enough for every input seen so far (the corpus needs at most 2); a safety net, not a limit. */
const MAX_PASSES = 8;

export interface Pass {
  readonly text: string;
  readonly unstable: boolean;
  readonly keys: readonly number[];
  readonly texts: readonly string[];
}

export function runPass(
  file: File,
  comments: CommentTable,
  upstream: boolean,
  map: Int32Array | undefined,
  lineStarts: readonly number[],
): Pass {
  const printer = new Printer(comments, { upstream, map, lineStarts });
  new Walker(printer, { upstream }).stmts(file.body);
  const text = printer.finish();
  return { text, unstable: printer.unstable, keys: printer.keys, texts: printer.texts };
}

/** Where each recorded text landed in `pass.text`: key → byte offset, and its line starts. */
export function locate(pass: Pass): { map: Int32Array; lineStarts: number[] } {
  const { text: out, keys, texts } = pass;
  let maxKey = 0;
  for (const k of keys) if (k > maxKey) maxKey = k;
  const map = new Int32Array(maxKey + 1);
  const lineStarts = [0];
  let i = 0; // UTF-16 index into out
  let b = 0; // byte offset
  for (let t = 0; t < texts.length; t++) {
    for (;;) {
      const c = out.charCodeAt(i);
      if (c === 0x20 || c === 0x09) {
        i++;
        b++;
      } else if (c === 0x0a) {
        i++;
        b++;
        lineStarts.push(b);
      } else break;
    }
    const s = texts[t] as string;
    if (!out.startsWith(s, i)) {
      throw new Error(`alloyc emit: internal error: printed text ${JSON.stringify(s)} not found at ${i}`);
    }
    const key = keys[t] as number;
    if (key >= 0) map[key] = b;
    if (s.includes("\n")) {
      let from = 0;
      let nl = s.indexOf("\n");
      while (nl !== -1) {
        b += utf8Length(s.slice(from, nl)) + 1;
        lineStarts.push(b);
        from = nl + 1;
        nl = s.indexOf("\n", from);
      }
      b += utf8Length(s.slice(from));
    } else {
      b += utf8Length(s);
    }
    i += s.length;
  }
  return { map, lineStarts };
}

/** The printer output (no final newline) of `file`, settled. */
export function printSettled(file: File): string {
  const comments = commentTable(file);
  let pass = runPass(file, comments, false, undefined, file.lineStarts);
  for (let n = 1; pass.unstable && n < MAX_PASSES; n++) {
    const { map, lineStarts } = locate(pass);
    const next = runPass(file, comments, false, map, lineStarts);
    // Same text → same positions → the next pass would print it again: settled.
    if (next.text === pass.text) return next.text;
    pass = next;
  }
  return pass.text;
}
