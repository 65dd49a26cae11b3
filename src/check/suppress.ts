import type { File } from "../ast/index.js";
import { codes, span, type Code, type Diagnostic } from "../diag/index.js";
import { LineCursor } from "../diag/span.js";

/**
 * Suppression comments in a parsed file:
 *
 *   // alloyc-ignore-next-line check/unused-export, check/enum-value
 *   // alloyc-ignore-file check/unused-export
 *
 * `next-line` drops the named findings that start on the next line holding something other than
 * comments; `file` drops them anywhere in the file, wherever the comment is written. At least one
 * code is required (an all-silencing comment hides the next new finding too). A suppression that
 * drops nothing, or names a code that does not exist, is itself reported (lint/unused-suppression)
 * so stale ones get removed; it cannot suppress itself. Both `//` and `/* *\/` comments work.
 */

const UNUSED: Code = "lint/unused-suppression";
const DIRECTIVE = /^(?:\/\/|\/\*)\s*alloyc-ignore-(next-line|file)\b([^]*)$/;

interface Suppression {
  readonly kind: "next-line" | "file";
  readonly code: string;
  /** The comment, where an unused suppression is reported. */
  readonly at: { readonly start: number; readonly end: number };
  /** For next-line: the line (0-based) it applies to. */
  readonly line: number;
  used: boolean;
}

/**
 * The findings of one file that no suppression comment drops, then one warning per suppression
 * that dropped nothing (in source order). `bytes` is the file's source, for finding the line a
 * `next-line` comment applies to.
 */
export function applySuppressions(file: File, bytes: Uint8Array, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const suppressions = suppressionsIn(file, bytes);
  if (suppressions.length === 0) return [...diagnostics];
  const byKey = new Map<string, Suppression[]>();
  for (const s of suppressions) {
    const key = s.kind === "file" ? `file ${s.code}` : `${s.line} ${s.code}`;
    const list = byKey.get(key) ?? [];
    list.push(s);
    byKey.set(key, list);
  }
  const kept: Diagnostic[] = [];
  for (const d of diagnostics) {
    const line = lineOf(file, d.span.start);
    const matches = [...(byKey.get(`file ${d.code}`) ?? []), ...(byKey.get(`${line} ${d.code}`) ?? [])];
    for (const s of matches) s.used = true;
    if (matches.length === 0) kept.push(d);
  }
  for (const s of suppressions) {
    if (s.used) continue;
    const known = s.code in codes;
    kept.push({
      code: UNUSED,
      severity: codes[UNUSED].severity,
      span: span(s.at.start, s.at.end),
      message: known
        ? `alloyc-ignore-${s.kind} ${s.code} suppresses nothing${s.kind === "next-line" ? " on the next line" : " in this file"}`
        : `alloyc-ignore-${s.kind} names an unknown code ${JSON.stringify(s.code)}`,
      help: known ? "remove it, or the code that no longer applies" : "a code is what a finding shows in brackets, such as [check/unused-export]",
    });
  }
  return kept;
}

/** Every suppression written in the file's comments; a directive without a code is one unknown code "". */
function suppressionsIn(file: File, bytes: Uint8Array): Suppression[] {
  const out: Suppression[] = [];
  const comments = file.comments.flatMap((g) => g.comments);
  for (const [i, c] of comments.entries()) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    const kind = m[1] as "next-line" | "file";
    const rest = (m[2] ?? "").replace(/\*\/$/, "");
    const names = rest
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    // At most one next-line target: the first line after the comment holding a token.
    const line = kind === "next-line" ? lineOf(file, nextToken(bytes, comments, i)) : -1;
    for (const code of names.length > 0 ? names : [""]) out.push({ kind, code, at: c.span, line, used: false });
  }
  return out;
}

/** The first byte after comment `i` that is neither white space nor inside a comment. */
function nextToken(bytes: Uint8Array, comments: ReadonlyArray<{ span: { start: number; end: number } }>, i: number): number {
  let pos = (comments[i] as { span: { end: number } }).span.end;
  let next = i + 1;
  while (pos < bytes.length) {
    const c = comments[next];
    if (c && c.span.start <= pos) {
      pos = Math.max(pos, c.span.end);
      next++;
      continue;
    }
    const b = bytes[pos] as number;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return pos;
    pos++;
  }
  return bytes.length;
}

/** The 0-based line of a byte offset (diag's line cursor over the file's line starts). */
function lineOf(file: File, offset: number): number {
  return new LineCursor(file.lineStarts).line(offset) - 1;
}
