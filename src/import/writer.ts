import type { ContainerTrivia, ItemTrivia } from "./trivia.js";
import { tsString } from "./strings.js";

/**
 * How trivia is written in TypeScript: `comment("text", value)` (or a `comment("text")` item in a
 * list) where the builders' own layout gives exactly the lines the source had, `trivia({...}, value)`
 * where it does not.
 */

/** What the builders' layout writes above an item with no trivia: a blank line or nothing. */
export interface Defaults {
  readonly blank: boolean;
}

export interface Wrapped {
  /** Comment items to put before the value in a list (`comment("x")`). */
  readonly items: readonly string[];
  readonly code: string;
  /** The module used `trivia` / `comment`. */
  readonly uses: readonly ("trivia" | "comment")[];
}

/** A comment line the builders' `comment(...)` writes as given: `// text`. */
function plainComment(line: string): boolean {
  return line.startsWith("//") && !line.includes("\n");
}

/** The text `comment(...)` takes for these `//` lines. */
function commentText(lines: readonly string[]): string {
  return lines.map((l) => (l.startsWith("// ") && l.length > 3 && !l.startsWith("// /") ? l.slice(3) : l)).join("\n");
}

/**
 * `code` with the trivia `t` (of an item) and `c` (of the container it opens): nothing when the
 * layout's default gives it; `comment(...)` when only comment lines come before; else `trivia`.
 * `asItems`: in a list, where a comment is an item of its own.
 */
export function wrap(code: string, t: ItemTrivia | undefined, c: Pick<ContainerTrivia, "open" | "end"> | undefined, d: Defaults, asItems: boolean, canAttach: boolean): Wrapped {
  const lines = t?.lines ?? [];
  const after = t?.after;
  const open = c?.open;
  const end = c?.end && c.end.length > 0 ? c.end : undefined;
  const comments = d.blank ? (lines[0] === "" ? lines.slice(1) : undefined) : lines;
  const idiomatic = comments !== undefined && comments.every(plainComment);
  if (after === undefined && open === undefined && end === undefined) {
    if (idiomatic && comments.length === 0) return { items: [], code, uses: [] };
    if (idiomatic && (asItems || canAttach)) {
      const text = tsString(commentText(comments));
      return asItems
        ? { items: [`comment(${text})`], code, uses: ["comment"] }
        : { items: [], code: `comment(${text}, ${code})`, uses: ["comment"] };
    }
  }
  const spec: string[] = [];
  const defaultLines = d.blank ? [""] : [];
  if (!same(lines, defaultLines)) spec.push(`before: [${lines.map(tsString).join(", ")}]`);
  if (after !== undefined) spec.push(`after: ${tsString(after)}`);
  if (open !== undefined) spec.push(`open: ${tsString(open)}`);
  if (end !== undefined) spec.push(`end: [${end.map(tsString).join(", ")}]`);
  return { items: [], code: `trivia({ ${spec.join(", ")} }, ${code})`, uses: ["trivia"] };
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

