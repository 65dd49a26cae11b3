import type { Block } from "./nodes.js";

/** The dotted name of a block: `loki.source.file`. */
export function blockName(block: Block): string {
  return block.name.map((f) => f.name).join(".");
}
