/**
 * Each entry's block shape in the compact notation src/builders/shape.ts reads (its grammar is
 * there): which keys are blocks, repeated, labelled, nested configurations, and block groups.
 * Written from the spec, so the builders lower by the same model the checker walks.
 */
import type { BlockSpec, EntrySpec } from "../src/schema/spec.js";

interface SpecBody {
  readonly blocks: readonly BlockSpec[];
  readonly body?: "config";
  readonly blocksRef?: BlockSpec["blocksRef"];
}

const NAME = /^[A-Za-z0-9_.-]+$/;

export function shapeText(entry: EntrySpec): string {
  return body(entry, entry);
}

function body(entry: EntrySpec, b: SpecBody): string {
  const items: string[] = [];
  const groups: string[] = [];
  for (const c of b.blocks) {
    if (c.rejected) continue;
    if (c.group !== undefined) {
      if (!groups.includes(c.group)) groups.push(c.group);
    } else items.push(block(entry, c));
  }
  for (const g of groups) {
    const members = b.blocks.filter((c) => c.group === g && !c.rejected).map((c) => block(entry, c));
    items.push(`(${name(g)}: ${members.join(" ")})`);
  }
  if (b.blocksRef) items.push(`^${b.blocksRef.path.map(name).join(">")}:${name(b.blocksRef.group)}`);
  return items.join(" ");
}

function block(entry: EntrySpec, b: BlockSpec): string {
  const marks = `${b.multiple ? "*" : ""}${b.labeled ? "@" : ""}${b.body === "config" ? "!" : ""}`;
  const inner = b.body === "config" ? "" : body(entry, b);
  return `${name(b.name)}${marks}${inner ? `{${inner}}` : ""}`;
}

function name(n: string): string {
  if (!NAME.test(n)) throw new Error(`block name ${JSON.stringify(n)} cannot be written in the shape notation`);
  return n;
}
