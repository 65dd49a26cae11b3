import * as f from "../ast/factory.js";
import { type Capsule, capsuleKindOf } from "../schema/capsules.js";
import { exportOf, handle, makeRecord } from "./component.js";
import type { ConfigItem } from "./config.js";
import type { Expression } from "./expression.js";
import type { BlockRecord } from "./lower.js";
import { type CallSite, callSite } from "./origin.js";
import { scopeOf } from "./scope.js";
import { attributesOnly } from "./shape.js";
import { blockTag } from "./tags.js";
import type { Arg, Item } from "./types.js";
import { nodeTrivia, valueTrivia, wrappedValue } from "./trivia.js";

/**
 * Custom components: `declare("name", { arg: argument<T>() }, (args) => ({ body, exports }))`
 * writes a `declare "name" { argument ... body ... export ... }` block and returns a builder for
 * its instances, typed by the arguments and exports declared. Inside the body an argument is an
 * `Expression<T>` (`argument.arg.value`), so a `LogsReceiver[]` argument wires into `forward_to`
 * and nowhere else. The declaration itself is an item: list it in `config(...)` before its uses.
 */

const argumentTag: unique symbol = Symbol.for("alloyc.argument") as never;

export interface ArgumentOptions<T> {
  /** Written as the block's `comment` attribute. */
  readonly comment?: string | Expression<string>;
  readonly optional?: boolean | Expression<boolean>;
  readonly default?: Arg<T>;
}

/** An argument of a custom component; `T` is its value type, `Optional` whether it may be left out. */
export interface ArgumentDecl<T, Optional extends boolean> {
  readonly [argumentTag]: { readonly options: ArgumentOptions<T>; readonly site: CallSite; readonly optional?: Optional };
}

/** A required argument of type `T` (`optional: false` is written out, as some modules do). */
export function argument<T>(options?: { readonly comment?: string | Expression<string>; readonly optional?: false | Expression<false> }): ArgumentDecl<T, false>;
/** An optional argument (`optional = true`), with an optional default. */
export function argument<T>(options: {
  readonly optional: true | Expression<boolean>;
  readonly default?: Arg<T>;
  readonly comment?: string | Expression<string>;
}): ArgumentDecl<T, true>;
export function argument<T>(options: ArgumentOptions<T> = {}): ArgumentDecl<T, boolean> {
  return Object.freeze({ [argumentTag]: { options, site: callSite() } });
}

type ArgumentType<D> = D extends ArgumentDecl<infer T, boolean> ? T : never;
type Declared = Readonly<Record<string, ArgumentDecl<any, boolean>>>;

/** The arguments as the body sees them. */
export type ArgumentValues<A extends Declared> = { readonly [K in keyof A]: Expression<ArgumentType<A[K]>> };

type RequiredKeys<A extends Declared> = { [K in keyof A]: A[K] extends ArgumentDecl<any, true> ? never : K }[keyof A];

/** What an instance takes: required arguments must be given. */
export type InstanceArguments<A extends Declared> = { readonly [K in RequiredKeys<A>]: Arg<ArgumentType<A[K]>> } & {
  readonly [K in Exclude<keyof A, RequiredKeys<A>>]?: Arg<ArgumentType<A[K]>>;
};

/** What an instance exports: capsules keep their kind, values become expressions of their type. */
export type InstanceExports<E> = {
  readonly [K in keyof E]: E[K] extends Capsule<string> ? E[K] : E[K] extends Expression<infer T> ? Expression<T> : Expression<E[K]>;
};

type InstanceParams<A extends Declared> = {} extends InstanceArguments<A> ? [args?: InstanceArguments<A>] : [args: InstanceArguments<A>];

/** The builder of a custom component's instances. */
export type InstanceBuilder<A extends Declared, E> = (label: string, ...args: InstanceParams<A>) => Item & InstanceExports<E>;

/**
 * The declaration (an item for `config`) and the builder of its instances; `from(module)` builds
 * the instances of a config that imports the declaring file (`import.file "mod"` → `mod.name`).
 */
export type CustomComponent<A extends Declared, E> = Item & InstanceBuilder<A, E> & { readonly from: (module: Item) => InstanceBuilder<A, E> };

/** A declaration's body: its items; an argument's value (`args.x`) among them puts that argument's block there. */
export type DeclareBody<E> = readonly DeclareItem[] | { readonly body: readonly DeclareItem[]; readonly exports?: E };

type DeclareItem = ConfigItem | Expression<unknown>;

export function declare<A extends Declared, E extends Readonly<Record<string, unknown>> = {}>(
  name: string,
  args: A,
  body: (args: ArgumentValues<A>) => DeclareBody<E>,
): CustomComponent<A, E> {
  const site = callSite();
  const argRecords: BlockRecord[] = [];
  const argumentOf = new Map<unknown, BlockRecord>();
  const values: Record<string, unknown> = {};
  for (const [key, decl] of Object.entries(args)) {
    const { options, site: at } = decl[argumentTag];
    const record = makeRecord("argument", key, options, attributesOnly, at);
    const t = valueTrivia.get(decl);
    if (t) nodeTrivia.set(record.stmt, t);
    argRecords.push(record);
    values[key] = exportOf(record, "value", null);
    argumentOf.set(values[key], record);
  }
  const result = body(values as ArgumentValues<A>);
  const items = Array.isArray(result) ? result : (result as { body: readonly ConfigItem[] }).body;
  const exported: Readonly<Record<string, unknown>> = Array.isArray(result) ? {} : ((result as { exports?: E }).exports ?? {});
  const kinds: Record<string, string | null> = {};
  const exportOfValue = new Map<unknown, BlockRecord>();
  const exportRecords = Object.entries(exported).map(([key, value]) => {
    kinds[key] = capsuleKindOf(value) ?? null;
    const record = makeRecord("export", key, { value }, attributesOnly, site);
    // Trivia given for an export's value is its block's (alloyc import writes it there).
    const t = typeof value === "object" && value !== null ? valueTrivia.get(value) : undefined;
    const attribute = record.stmt.body[0];
    if (t && attribute) {
      nodeTrivia.set(record.stmt, t);
      nodeTrivia.delete(attribute);
    }
    if (typeof value === "object" && value !== null && !exportOfValue.has(value)) exportOfValue.set(value, record);
    return record;
  });
  const asItem = (record: BlockRecord) => ({ [blockTag]: record });
  // An argument's value, or an export's, listed among the body's items puts its block there, as a
  // source may interleave them (with the trivia given to it there); the other arguments come
  // first and the other exports last.
  const placed = new Set<BlockRecord>();
  const bodyItems = items.map((item) => {
    // The item, or the value it wraps (trivia), nearest first: an export's value, or an argument's.
    let record: BlockRecord | undefined;
    for (let v: unknown = item; record === undefined && typeof v === "object" && v !== null; v = wrappedValue.get(v)) {
      record = exportOfValue.get(v) ?? argumentOf.get(v);
    }
    if (!record) return item;
    placed.add(record);
    const t = valueTrivia.get(item as object);
    if (t) nodeTrivia.set(record.stmt, t);
    return asItem(record);
  });
  const leading = argRecords.filter((r) => !placed.has(r)).map(asItem);
  const trailing = exportRecords.filter((r) => !placed.has(r)).map(asItem);
  const scope = scopeOf([...leading, ...bodyItems, ...trailing], site, `declare "${name}"`, true);
  const declaration: BlockRecord = {
    name: "declare",
    label: name,
    site,
    stmt: f.block("declare", name, scope.records.map((r) => r.stmt)),
    refs: [],
    raws: [],
    nested: [],
    scopes: [scope],
    exports: undefined,
  };
  const instance = (label: string, given: unknown = {}) =>
    handle(makeRecord(name, label, given, attributesOnly, callSite(), { requires: declaration }), kinds);
  Object.defineProperty(instance, blockTag, { value: declaration });
  // Instances in a config that imports this declaration's file: `<import label>.<name>`.
  const from = (module: Item) => (label: string, given: unknown = {}) =>
    handle(makeRecord(`${module[blockTag].label ?? ""}.${name}`, label, given, attributesOnly, callSite()), kinds);
  Object.defineProperty(instance, "from", { value: from });
  return instance as unknown as CustomComponent<A, E>;
}
