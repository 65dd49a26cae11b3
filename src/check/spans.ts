import type { Block, File } from "../ast/index.js";
import { LineIndex, type Position, type Span } from "../diag/index.js";
import { utf8Length } from "../diag/utf8.js";
import type { Stability } from "../schema/spec.js";

/** `length` bytes from the start of a block's name (how Alloy marks a block by its id). */
export function nameSpan(block: Block, length: number): Span {
  const start = (block.name[0] ?? block).span.start;
  return { start, end: start + length };
}

/** The bytes of a block's dotted name as written (`loki.wirte`), what a did-you-mean replaces. */
export function dottedNameSpan(block: Block): Span {
  const first = block.name[0];
  const last = block.name[block.name.length - 1];
  return first && last ? { start: first.span.start, end: last.span.end } : { start: block.span.start, end: block.span.start };
}

/** A block marked by its dotted name, or by its id (name and label), as Alloy marks it. */
export function nodeSpan(node: { readonly block: Block; readonly name: string; readonly id: string }, by: "name" | "id" = "name"): Span {
  return nameSpan(node.block, utf8Length(by === "name" ? node.name : node.id));
}

/** From the block's name to its `{`, inclusive (labels, cycles). */
export function headerSpan(block: Block): Span {
  return { start: block.span.start, end: block.lbrace + 1 };
}

const lineIndexes = new WeakMap<File, LineIndex>();

/** 1-based line and byte column of an offset in `file`. */
export function positionOf(file: File, offset: number): Position {
  let index = lineIndexes.get(file);
  if (!index) {
    index = new LineIndex(file.lineStarts);
    lineIndexes.set(file, index);
  }
  return index.position(offset);
}

const LEVELS: readonly Stability[] = ["experimental", "public-preview", "generally-available"];

/** Whether `stability` is below `minimum` (experimental < public-preview < generally-available). */
export function isBelow(stability: Stability, minimum: Stability): boolean {
  return LEVELS.indexOf(stability) < LEVELS.indexOf(minimum);
}

/**
 * A related location for a finding reported in file `from`: the span itself when `span` is in the
 * same file, else that file's name and the span's line:column.
 */
export function relatedAt(
  files: readonly { readonly file: File; readonly filename: string }[],
  from: number,
  at: number,
  span: Span,
  message: string,
): { readonly message: string; readonly span: Span } | { readonly message: string; readonly file: string; readonly line: number; readonly column: number } {
  if (at === from) return { message, span };
  const target = files[at] as { readonly file: File; readonly filename: string };
  const p = positionOf(target.file, span.start);
  return { message, file: target.filename, line: p.line, column: p.column };
}
