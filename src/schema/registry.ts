import { z } from "zod";
import type { ArgumentSpec, BlockSpec, EntrySpec, JsonValue, Provenance } from "./spec.js";
import { type AlloyType, capsuleOf, secretOf } from "./types.js";

/**
 * Alloy facts about each field of a generated schema, in a typed zod registry (zod.dev/metadata)
 * rather than in `.describe()` strings. The key is the schema that sits in the parent object's
 * shape under that field's key; the checker looks fields up while it walks a schema (or while it
 * maps a zod issue path back to the AST).
 *
 * Value shape of a block body (what builders pass and what the checker builds from an AST):
 * - attribute `name = v`                  → `name: v`
 * - block `b { }`                          → `b: { ... }`; repeated (`multiple`) → `b: [{ ... }, ...]`
 * - labelled block `b "x" { }`             → `b: [{ label: "x", ... }]`
 * - grouped blocks (`stage.json { }` ...)  → `stage: [{ "stage.json": { ... } }, ...]`, in order
 */
export type AlloyFieldMeta = AttributeMeta | BlockMeta | GroupMeta | LabelMeta;

export interface AttributeMeta {
  readonly kind: "attribute";
  /** The Alloy attribute name (the key in the shape). */
  readonly name: string;
  readonly type: AlloyType;
  readonly required: boolean;
  /** Documented default, when it is a valid value. */
  readonly default?: JsonValue;
  /** The value is (or holds) a `secret` / `optional_secret`. */
  readonly secret?: "secret" | "optional_secret";
  /** The capsule kind the value is (or holds, in a list or map). */
  readonly capsule?: string;
  readonly enum?: readonly string[];
  readonly provenance: Provenance;
  readonly spec: ArgumentSpec;
}

export interface BlockMeta {
  readonly kind: "block";
  /** The Alloy block name (the key in the shape, or in a group element). */
  readonly name: string;
  readonly required: boolean;
  /** Repeated block: the value is an array of bodies. */
  readonly multiple: boolean;
  /** Labelled block: each body has a `label` key. */
  readonly labeled: boolean;
  /** Set for members of a block group (then the key lives inside a group element). */
  readonly group?: string;
  readonly provenance: Provenance;
  readonly spec: BlockSpec;
}

/** The array that holds a group's blocks in order, e.g. `stage` in `loki.process`. */
export interface GroupMeta {
  readonly kind: "group";
  readonly name: string;
  readonly members: readonly BlockSpec[];
}

/** The `label` key of a labelled block's body. */
export interface LabelMeta {
  readonly kind: "label";
  readonly block: BlockSpec;
}

export const alloyMeta = z.registry<AlloyFieldMeta>();

/**
 * zod types `alloyMeta.get`/`add` through `$replace<Meta, Schema>`, which maps the meta type
 * recursively; over the recursive spec types (AlloyType, BlockSpec, JsonValue) that is too deep
 * for tsc (TS2589). These two functions are the typed way in and out.
 */
interface MetaStore {
  get(schema: z.core.$ZodType): AlloyFieldMeta | undefined;
  add(schema: z.core.$ZodType, meta: AlloyFieldMeta): unknown;
  has(schema: z.core.$ZodType): boolean;
}
const store = alloyMeta as unknown as MetaStore;

/** The Alloy metadata of a field schema (the schema under the field's key in its parent's shape). */
export function fieldMeta(schema: z.core.$ZodType): AlloyFieldMeta | undefined {
  return store.get(schema);
}

interface Body {
  readonly arguments: readonly ArgumentSpec[];
  readonly blocks: readonly BlockSpec[];
  readonly body?: "config";
}

/** Registers metadata for every field of an entry's arguments schema, walking spec and schema together. */
export function registerEntryMeta(spec: EntrySpec, schema: z.ZodType): void {
  registerBody(spec, spec, schema, `${spec.name}`);
}

function registerBody(entry: EntrySpec, body: Body, schema: z.ZodType, where: string): void {
  if (body.body === "config") return;
  const shape = objectShape(schema, where);
  const field = (key: string): z.ZodType => {
    const s = shape[key];
    if (!s) throw new Error(`${where}: schema has no field ${JSON.stringify(key)}`);
    return s;
  };
  for (const a of body.arguments) {
    if (a.rejected) continue;
    store.add(field(a.name), attributeMeta(a));
  }
  const groups = new Map<string, BlockSpec[]>();
  for (const b of body.blocks) {
    if (b.rejected) continue;
    if (b.group !== undefined) {
      const members = groups.get(b.group) ?? [];
      members.push(b);
      groups.set(b.group, members);
      continue;
    }
    const s = field(b.name);
    store.add(s, blockMeta(b));
    registerBlock(entry, b, s, `${where} > ${b.name}`);
  }
  for (const [group, members] of groups) {
    const s = field(group);
    store.add(s, { kind: "group", name: group, members });
    const element = unwrap(s);
    const elementShape = objectShape(element, `${where} > ${group}`);
    for (const m of members) {
      const ms = elementShape[m.name];
      if (!ms) throw new Error(`${where} > ${group}: no member ${m.name}`);
      if (store.has(ms)) continue; // a recursive group (blocks_ref) is walked once
      store.add(ms, blockMeta(m));
      registerBlock(entry, m, ms, `${where} > ${m.name}`);
    }
  }
}

function registerBlock(entry: EntrySpec, b: BlockSpec, s: z.ZodType, where: string): void {
  const body = unwrap(s);
  if (b.labeled) {
    const label = objectShape(body, where)["label"];
    if (label) store.add(label, { kind: "label", block: b });
  }
  registerBody(entry, b, body, where);
  if (b.blocksRef) {
    // The referenced group's element schema is shared with the place that defines the group
    // (and registered there); only this block's own array field needs its metadata.
    const { path, group } = b.blocksRef;
    const s = objectShape(body, where)[group];
    if (!s) throw new Error(`${where}: schema has no group ${JSON.stringify(group)}`);
    store.add(s, { kind: "group", name: group, members: resolveGroup(entry, path, group) });
  }
}

function attributeMeta(a: ArgumentSpec): AttributeMeta {
  const secret = secretOf(a.type);
  const capsule = capsuleOf(a.type);
  return {
    kind: "attribute",
    name: a.name,
    type: a.type,
    required: a.required,
    ...(a.default !== undefined ? { default: a.default } : {}),
    ...(secret ? { secret } : {}),
    ...(capsule ? { capsule } : {}),
    ...(a.enum ? { enum: a.enum } : {}),
    provenance: a.provenance,
    spec: a,
  };
}

function blockMeta(b: BlockSpec): BlockMeta {
  return {
    kind: "block",
    name: b.name,
    required: b.required,
    multiple: b.multiple,
    labeled: b.labeled,
    ...(b.group !== undefined ? { group: b.group } : {}),
    provenance: b.provenance,
    spec: b,
  };
}

/** The blocks of `group` defined in the body at `path` (block names from the entry root). */
export function resolveGroup(entry: EntrySpec, path: readonly string[], group: string): BlockSpec[] {
  let body: Body = entry;
  for (const name of path) {
    const next = body.blocks.find((b) => b.name === name);
    if (!next) throw new Error(`${entry.name}: no block ${path.join(" > ")}`);
    body = next;
  }
  return body.blocks.filter((b) => b.group === group && !b.rejected);
}

/** Looks through optional and array wrappers to the body object of a block field. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else return s;
  }
}

function objectShape(schema: z.ZodType, where: string): Readonly<Record<string, z.ZodType>> {
  if (!(schema instanceof z.ZodObject)) throw new Error(`${where}: expected an object schema`);
  return schema.shape as Record<string, z.ZodType>;
}
