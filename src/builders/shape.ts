import type { BlockSpec, EntrySpec } from "../schema/spec.js";

/**
 * The block structure of a body: which keys of a builder's argument object are nested blocks
 * (everything else is an attribute), which are repeated or labelled, and which hold a block group
 * (`stage: [{ "stage.json": {...} }, ...]`). This is the part of the catalog the builders need to
 * turn an argument object into Alloy. It is read from the entry's spec (the same plain data the
 * checker walks), once per builder, on its first call.
 */

export interface BodyShape {
  /** Nested blocks by name. */
  readonly blocks?: Readonly<Record<string, BlockShape>>;
  /** Block groups by the key that holds them; each maps a member block name to its shape. */
  readonly groups?: Readonly<Record<string, GroupShape>>;
  /** The body is a nested configuration (`foreach > template`): its value is a list of items. */
  readonly config?: true;
}

export type GroupShape = Readonly<Record<string, BlockShape>>;

export interface BlockShape {
  /** May appear more than once: the value may be a list of bodies. */
  readonly multiple?: true;
  /** Takes a label: each body's `label` key is the block label. */
  readonly labeled?: true;
  readonly body: BodyShape;
}

/** A body with only attributes. */
export const attributesOnly: BodyShape = Object.freeze({});

/** The body of a nested configuration. */
export const nestedConfig: BodyShape = Object.freeze({ config: true });

interface SpecBody {
  readonly blocks: readonly BlockSpec[];
  readonly body?: "config";
  readonly blocksRef?: BlockSpec["blocksRef"];
}

const shapes = new WeakMap<EntrySpec, BodyShape>();

/** The shape of an entry's body, made from its spec on first use. */
export function shapeOf(entry: EntrySpec): BodyShape {
  let shape = shapes.get(entry);
  if (shape === undefined) {
    shape = new ShapeReader(entry).body(entry, []);
    shapes.set(entry, shape);
  }
  return shape;
}

/** The members of `group` in the body at `path` (block names from the entry's root). */
export function groupOf(entry: EntrySpec, path: readonly string[], group: string): GroupShape {
  return new ShapeReader(entry).group(path, group);
}

class ShapeReader {
  /** Groups by `path>group`; a group can contain itself (`stage.match` nests any `stage.*`). */
  private readonly groups = new Map<string, GroupShape>();

  constructor(private readonly entry: EntrySpec) {}

  body(b: SpecBody, path: readonly string[]): BodyShape {
    if (b.body === "config") return nestedConfig;
    let blocks: Record<string, BlockShape> | undefined;
    let groups: Record<string, GroupShape> | undefined;
    for (const c of b.blocks) {
      if (c.rejected) continue;
      if (c.group !== undefined) (groups ??= {})[c.group] ??= this.group(path, c.group);
      else (blocks ??= {})[c.name] = this.block(c, [...path, c.name]);
    }
    if (b.blocksRef) (groups ??= {})[b.blocksRef.group] = this.group(b.blocksRef.path, b.blocksRef.group);
    if (blocks === undefined && groups === undefined) return attributesOnly;
    return Object.freeze({ ...(blocks ? { blocks: Object.freeze(blocks) } : {}), ...(groups ? { groups: Object.freeze(groups) } : {}) });
  }

  group(path: readonly string[], group: string): GroupShape {
    const id = `${path.join(">")}>${group}`;
    const known = this.groups.get(id);
    if (known) return known;
    const members: Record<string, BlockShape> = {};
    this.groups.set(id, members);
    let at: SpecBody = this.entry;
    for (const p of path) {
      const next = at.blocks.find((x) => x.name === p);
      if (!next) throw new Error(`${this.entry.name}: no block ${path.join(" > ")}`);
      at = next;
    }
    for (const m of at.blocks) {
      if (m.group === group && !m.rejected) members[m.name] = this.block(m, [...path, m.name]);
    }
    return members;
  }

  private block(b: BlockSpec, path: readonly string[]): BlockShape {
    return Object.freeze({
      ...(b.multiple ? { multiple: true as const } : {}),
      ...(b.labeled ? { labeled: true as const } : {}),
      body: this.body(b, path),
    });
  }
}
