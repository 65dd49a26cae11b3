import { blockName, type Block } from "./ast/index.js";
import type { BlockSpec, EntrySpec } from "./schema/index.js";

/** The spec of nested blocks `chain` (outermost first) inside `entry`; hover and completion share it. */
export function blockSpecAt(entry: EntrySpec | undefined, chain: readonly Block[]): BlockSpec | undefined {
  let body: { readonly blocks: readonly BlockSpec[] } | undefined = entry;
  let spec: BlockSpec | undefined;
  for (const b of chain) {
    spec = body?.blocks.find((s) => s.name === blockName(b));
    body = spec;
  }
  return spec;
}
