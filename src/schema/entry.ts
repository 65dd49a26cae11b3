import type { z } from "zod";
import { registerEntryMeta } from "./registry.js";
import type { EntryKind, EntrySpec, Stability } from "./spec.js";

/**
 * One catalog entry (a component or a config block): its walkable spec and its zod schemas.
 * `arguments` validates a block body (attributes and nested blocks, see registry.ts for the value
 * shape); `exports` describes the fields other components reference.
 */
export interface CatalogEntry<A = z.ZodType, E = z.ZodType> {
  readonly name: string;
  readonly kind: EntryKind;
  readonly stability: Stability | null;
  readonly docs: string;
  readonly labeled: boolean;
  readonly spec: EntrySpec;
  /** Built on first access (schemas cost far more to construct than the spec data). */
  readonly arguments: A;
  readonly exports: E;
}

/**
 * Used by the generated modules: pairs an entry's spec with a function that builds its schemas.
 * The schemas are built, and their field metadata registered, the first time either is read.
 */
// The type parameters are unconstrained on purpose: checking each generated ZodObject type
// against z.ZodType costs tsc a structural comparison per entry.
export function defineEntry<S extends { readonly arguments: unknown; readonly exports: unknown }>(
  spec: EntrySpec,
  build: () => S,
): CatalogEntry<S["arguments"], S["exports"]> {
  let built: S | undefined;
  const schemas = (): S => {
    if (built === undefined) {
      built = build();
      registerEntryMeta(spec, built.arguments as z.ZodType);
    }
    return built;
  };
  return Object.freeze({
    name: spec.name,
    kind: spec.kind,
    stability: spec.stability,
    docs: spec.docs,
    labeled: spec.labeled,
    spec,
    get arguments() {
      return schemas().arguments;
    },
    get exports() {
      return schemas().exports;
    },
  });
}
