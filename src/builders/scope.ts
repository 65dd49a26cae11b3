import { BuildError } from "./errors.js";
import type { BlockRecord, Scope } from "./lower.js";
import { type CallSite, originOf } from "./origin.js";
import { blockTag, commentTag } from "./tags.js";
import { nodeTrivia, valueTrivia } from "./trivia.js";

/**
 * A list of config items as one scope: the order of the blocks, the comments before them, and the
 * rule that a name and label are declared once per scope (Alloy: "block ID already declared").
 */

/** Comments attached with `comment(text, value)`, by value. */
export const valueComments = new WeakMap<object, string[]>();

export function isCommentItem(value: unknown): value is { readonly [commentTag]: string } {
  return typeof value === "object" && value !== null && commentTag in value;
}

export function recordOf(value: unknown): BlockRecord | undefined {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return undefined;
  return (value as { [blockTag]?: BlockRecord })[blockTag];
}

/** `loki.write "default"`, `logging`. */
export function title(r: Pick<BlockRecord, "name" | "label">): string {
  return r.label === undefined ? r.name : `${r.name} "${r.label}"`;
}

/**
 * Flattens `items` (nested lists; `false`, `null` and `undefined` are skipped, for conditional
 * items) into a scope. `isolated`: a module body (`declare`), which cannot see outer blocks.
 */
export function scopeOf(items: readonly unknown[], site: CallSite, where: string, isolated: boolean): Scope {
  const records: BlockRecord[] = [];
  const comments = new Map<BlockRecord, readonly string[]>();
  const seen = new Map<string, BlockRecord>();
  let pending: string[] = [];
  const add = (item: unknown, at: string): void => {
    if (item === undefined || item === null || item === false) return;
    if (Array.isArray(item)) {
      item.forEach((x, i) => add(x, `${at}[${i}]`));
      return;
    }
    if (isCommentItem(item)) {
      pending.push(item[commentTag]);
      return;
    }
    const record = recordOf(item);
    if (!record) {
      throw new BuildError(`${where}: ${at} is not a component, a config block or a comment`, site);
    }
    const key = `${record.name}\u0000${record.label ?? ""}`;
    const first = seen.get(key);
    if (first === record) throw new BuildError(`${where}: ${title(record)} is listed twice`, site, "check/duplicate-block");
    if (first) {
      throw new BuildError(`${title(record)} is declared twice in ${where}; labels must be unique per component`, record.site, "check/duplicate-block", [
        { message: "first declared here", origin: () => originOf(first.site) },
      ]);
    }
    seen.set(key, record);
    const t = valueTrivia.get(item as object);
    if (t) nodeTrivia.set(record.stmt, t);
    const attached = valueComments.get(item as object);
    const all = attached ? [...pending, ...attached] : pending;
    if (all.length > 0) comments.set(record, all);
    pending = [];
    records.push(record);
  };
  items.forEach((x, i) => add(x, `item ${i + 1}`));
  return { records, comments, trailing: pending, isolated };
}
