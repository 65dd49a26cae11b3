import * as f from "../ast/factory.js";
import type { Expr } from "../ast/index.js";
import { capsule } from "../schema/capsules.js";
import { BuildError } from "./errors.js";
import { expression, type Expression } from "./expression.js";
import { type BlockRecord, lowerBlock, markTarget, type Scope } from "./lower.js";
import { type CallSite, callSite } from "./origin.js";
import { type BodyShape, parseShape } from "./shape.js";
import { blockTag } from "./tags.js";
import type { ComponentBuilder, ConfigBlockBuilder } from "./types.js";

/**
 * The two kinds of generated builder: `component(...)` for labelled blocks (every component, and
 * the labelled config blocks) and `configBlock(...)` for unlabelled config blocks (`logging`).
 * A builder call records where it was called, lowers its arguments, and returns a frozen handle:
 * an item for `config(...)` whose properties are the block's exports.
 */

/** Export name → capsule kind (`"loki.LogsReceiver"`), or null for an ordinary value. */
export type ExportKinds = Readonly<Record<string, string | null>>;

/** Reads a builder's shape on its first call, once. */
function lazyShape(name: string, text: string): () => BodyShape {
  let shape: BodyShape | undefined;
  return () => (shape ??= parseShape(text, name));
}

const shapes = new WeakMap<object, () => BodyShape>();

/** The block shape a generated builder lowers its arguments by (`loki.stage.*` reads loki.process's). */
export function builderShape(builder: object): BodyShape {
  const shape = shapes.get(builder);
  if (!shape) throw new TypeError("not a generated builder");
  return shape();
}

/**
 * The builder of a labelled entry: its Alloy name, each export's capsule kind (or null), and its
 * block shape in the notation of shape.ts (read on the first call).
 */
export function component<A, E>(name: string, exports: ExportKinds, shapeText: string): ComponentBuilder<A, E> {
  const shape = lazyShape(name, shapeText);
  const build = (label: unknown, args?: unknown) => {
    const site = callSite();
    if (typeof label !== "string") {
      throw new BuildError(`${name}: the first argument is the block label, a string such as "default"`, site);
    }
    return handle(makeRecord(name, label, args, shape(), site), exports);
  };
  shapes.set(build, shape);
  return build as unknown as ComponentBuilder<A, E>;
}

/** The builder of an unlabelled config block (`logging`). */
export function configBlock<A, E>(name: string, exports: ExportKinds, shapeText: string): ConfigBlockBuilder<A, E> {
  const shape = lazyShape(name, shapeText);
  const build = (args?: unknown) => {
    const site = callSite();
    if (typeof args === "string") throw new BuildError(`${name} takes no label; pass its arguments only`, site);
    return handle(makeRecord(name, undefined, args, shape(), site), exports);
  };
  shapes.set(build, shape);
  return build as unknown as ConfigBlockBuilder<A, E>;
}

export interface RecordOptions {
  /** A declaration's body. */
  readonly scope?: Scope;
  readonly requires?: BlockRecord;
}

export function makeRecord(
  name: string,
  label: string | undefined,
  args: unknown,
  shape: BodyShape,
  site: CallSite,
  options: RecordOptions = {},
): BlockRecord {
  const { stmt, lowering } = lowerBlock(name, label, args, shape, site);
  const scopes = options.scope ? [options.scope, ...lowering.scopes] : lowering.scopes;
  return {
    name,
    label,
    site,
    stmt,
    refs: orNone(lowering.refs),
    raws: orNone(lowering.raws),
    nested: orNone(lowering.nested),
    scopes: orNone(scopes),
    ...(options.requires ? { requires: options.requires } : {}),
    exports: undefined,
  };
}

const NONE: readonly never[] = Object.freeze([]);

/** Most lists are empty; one shared empty list saves an array per block. */
function orNone<T>(list: readonly T[]): readonly T[] {
  return list.length === 0 ? NONE : list;
}

/**
 * The handle of a record: `{ [blockTag]: record }` whose prototype has a getter per export, shared
 * by every handle of the builder. An export is made on first use and then kept, so
 * `write.receiver === write.receiver`.
 */
export function handle(record: BlockRecord, exports: ExportKinds): never {
  const h = Object.create(prototypeFor(exports)) as Record<symbol, unknown>;
  Object.defineProperty(h, blockTag, { value: record, enumerable: true });
  return Object.freeze(h) as never;
}

const prototypes = new WeakMap<ExportKinds, object>();

function prototypeFor(exports: ExportKinds): object {
  let proto = prototypes.get(exports);
  if (!proto) {
    proto = Object.create(null) as object;
    for (const key of Object.keys(exports)) {
      const kind = exports[key] ?? null;
      Object.defineProperty(proto, key, {
        enumerable: true,
        get(this: { [blockTag]: BlockRecord }) {
          const record = this[blockTag];
          const made = (record.exports ??= Object.create(null) as Record<string, unknown>);
          return (made[key] ??= exportOf(record, key, kind));
        },
      });
    }
    prototypes.set(exports, proto);
  }
  return proto;
}

const namePaths = new Map<string, Expr>();

/** `loki.write` as an expression, shared by every export of every `loki.write` (nodes are immutable). */
function namePath(name: string): Expr {
  let p = namePaths.get(name);
  if (p === undefined) {
    p = f.path(name);
    namePaths.set(name, p);
  }
  return p;
}

/** `name.label.key` as a capsule of `kind` or an expression, known to point at `record`. */
export function exportOf(record: BlockRecord, key: string, kind: string | null): unknown {
  // Built by parts: a label is one name even if it holds a dot (the checker reports such labels).
  const base = record.label === undefined ? namePath(record.name) : f.access(namePath(record.name), record.label);
  const expr = f.access(base, key);
  markTarget(expr, record);
  return kind === null ? expression(expr) : capsule(kind, expr);
}

/**
 * A builder for a block alloyc has no typed builder for: a component of an imported module
 * (`mod.comp`), or one newer than the catalog. Its arguments are not typed; `exports` names the
 * exports used (each an `Expression<any>`), `blocks` which keys are nested blocks, in the shape
 * notation of shape.ts (`"arguments{}"`, `"rule*{}"`).
 */
export function untyped<E extends string = never>(
  name: string,
  options: { readonly exports?: readonly E[]; readonly blocks?: string } = {},
): ComponentBuilder<{ readonly [key: string]: unknown }, { readonly [K in E]: Expression<any> }> {
  const kinds: Record<string, null> = {};
  for (const e of options.exports ?? []) kinds[e] = null;
  return component(name, kinds, options.blocks ?? "");
}
