import { blockName, type Attribute, type Block, type Stmt } from "../ast/index.js";
import type { ArgumentSpec, BlockSpec, EntrySpec } from "../schema/spec.js";
import { typecheckValue, type ValueFinding } from "./typecheck.js";

/**
 * Binds a block body to its catalog spec: every attribute and nested block is paired with the
 * spec that accepts it (or marked unknown, repeated, of the wrong kind), and what is missing is
 * listed. Rules read these bindings instead of walking specs themselves; the walk follows Alloy's
 * `syntax/typecheck` (spec §5.4) so that positions and the order of findings match upstream.
 */
export interface BodySpec {
  readonly arguments: readonly ArgumentSpec[];
  readonly blocks: readonly BlockSpec[];
  readonly blocksRef?: BlockSpec["blocksRef"];
}

export interface BoundBody {
  /** The block whose body this is. */
  readonly block: Block;
  /** The catalog entry (or custom component) the body belongs to, for messages. */
  readonly entry: string;
  readonly spec: BodySpec;
  /** Block names from the entry root to this body (empty for the entry itself); computed when read. */
  readonly path: readonly string[];
  /** The name of the block whose body this is, when nested (the last element of `path`). */
  readonly blockName: string | undefined;
  readonly attributes: readonly BoundAttribute[];
  readonly blocks: readonly BoundBlock[];
  readonly missingAttributes: readonly ArgumentSpec[];
  readonly missingBlocks: readonly BlockSpec[];
  /** Names Alloy accepts here (rejected docs-only names excluded), for did-you-mean. */
  readonly attributeNames: readonly string[];
  readonly blockNames: readonly string[];
}

export interface BoundAttribute {
  readonly attr: Attribute;
  readonly body: BoundBody;
  /** The argument that accepts it; absent when unknown, repeated or a block name. */
  readonly spec?: ArgumentSpec;
  /** A documented argument that Alloy's decoder rejects (docs-only). */
  readonly rejected?: ArgumentSpec;
  /** The name belongs to a block. */
  readonly blockSpec?: BlockSpec;
  /** The earlier attribute with the same name. */
  readonly duplicateOf?: Attribute;
  /** Static problems of the value (empty unless `spec` is set). */
  readonly findings: readonly ValueFinding[];
}

export interface BoundBlock {
  readonly block: Block;
  readonly name: string;
  readonly spec?: BlockSpec;
  readonly rejected?: BlockSpec;
  /** The name belongs to an attribute. */
  readonly argumentSpec?: ArgumentSpec;
  /** How many blocks of this name the body has. */
  readonly count: number;
  /** The body, bound in turn, unless the block is unknown or illegally repeated. */
  readonly body?: BoundBody;
}

interface SpecIndex {
  readonly arguments: ReadonlyMap<string, ArgumentSpec>;
  readonly blocks: ReadonlyMap<string, BlockSpec>;
  readonly attributeNames: readonly string[];
  readonly blockNames: readonly string[];
  /** What a body must have, in the order "missing" findings list them. */
  readonly requiredArguments: readonly ArgumentSpec[];
  readonly requiredBlocks: readonly BlockSpec[];
}

/** The findings of every value without any: one shared, frozen array instead of one per attribute. */
const NO_FINDINGS: readonly ValueFinding[] = Object.freeze([]);

// Specs are shared, immutable data: index each body spec once (per entry, for blocks_ref bodies).
const indexes = new WeakMap<BodySpec, SpecIndex>();
const refIndexes = new WeakMap<BodySpec, WeakMap<EntrySpec, SpecIndex>>();

function indexOf(spec: BodySpec, entry: EntrySpec | undefined): SpecIndex {
  const cached = spec.blocksRef && entry ? refIndexes.get(spec)?.get(entry) : indexes.get(spec);
  if (cached) return cached;
  const blocks = effectiveBlocks(spec, entry);
  const byName = new Map(blocks.map((b) => [b.name, b]));
  const index: SpecIndex = {
    arguments: new Map(spec.arguments.map((a) => [a.name, a])),
    blocks: byName,
    attributeNames: spec.arguments.filter((a) => !a.rejected).map((a) => a.name),
    blockNames: blocks.filter((b) => !b.rejected).map((b) => b.name),
    requiredArguments: spec.arguments.filter((a) => a.required && !a.rejected),
    requiredBlocks: [...byName.values()].filter((b) => b.required && !b.rejected),
  };
  if (spec.blocksRef && entry) {
    const perEntry = refIndexes.get(spec) ?? new WeakMap<EntrySpec, SpecIndex>();
    perEntry.set(entry, index);
    refIndexes.set(spec, perEntry);
  } else indexes.set(spec, index);
  return index;
}

/** Binds the body of `block` to `spec`; `entry` is the catalog entry, for blocks_ref lookups. */
export function bindBody(block: Block, spec: BodySpec, entry: EntrySpec | undefined, name: string, path: readonly string[] = []): BoundBody {
  // Nested bodies are bound from a work list, not by recursion: a `stage.match` may hold
  // another as deep as a built tree likes.
  const pending: Pending[] = [];
  const root = bindOne({ block, spec, parent: undefined, blockName: path[path.length - 1], prefix: path }, entry, name, pending);
  for (let job = pending.pop(); job; job = pending.pop()) job.into.body = bindOne(job.what, entry, name, pending);
  return root;
}

interface Target {
  readonly block: Block;
  readonly spec: BodySpec;
  /** The enclosing body; its path and `blockName` make this body's path. */
  readonly parent: BoundBody | undefined;
  readonly blockName: string | undefined;
  /** The root's path, as the caller gave it. */
  readonly prefix: readonly string[];
}

interface Pending {
  readonly what: Target;
  readonly into: { body?: BoundBody };
}

function bindOne(target: Target, entry: EntrySpec | undefined, name: string, pending: Pending[]): BoundBody {
  const { block, spec, parent, blockName: ownName, prefix } = target;
  const index = indexOf(spec, entry);
  const attributes: BoundAttribute[] = [];
  const boundBlocks: BoundBlock[] = [];
  const stmts = block.body;
  // Each nested block's name, counted first: a block's count is known when it is bound.
  const names: Array<string | undefined> = new Array(stmts.length);
  const counts = new Map<string, number>();
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i] as Stmt;
    if (s.kind !== "Block") continue;
    const n = blockName(s);
    names[i] = n;
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  const seen = new Map<string, Attribute>();
  const missingAttributes: ArgumentSpec[] = [];
  const missingBlocks: BlockSpec[] = [];
  const body = new Body(
    { block, entry: name, spec, blockName: ownName, attributes, blocks: boundBlocks, missingAttributes, missingBlocks, attributeNames: index.attributeNames, blockNames: index.blockNames },
    parent,
    prefix,
  );
  // One literal per outcome (no spreads): each kind of bound attribute or block keeps one shape.
  for (let i = 0; i < stmts.length; i++) {
    const stmt = stmts[i] as Stmt;
    if (stmt.kind === "Attribute") {
      const n = stmt.name.name;
      const arg = index.arguments.get(n);
      if (!arg || arg.rejected) {
        const b = index.blocks.get(n);
        if (b && !b.rejected) attributes.push({ attr: stmt, body, findings: NO_FINDINGS, blockSpec: b });
        else if (arg) attributes.push({ attr: stmt, body, findings: NO_FINDINGS, rejected: arg });
        else attributes.push({ attr: stmt, body, findings: NO_FINDINGS });
        continue;
      }
      const first = seen.get(n);
      if (first) {
        attributes.push({ attr: stmt, body, duplicateOf: first, findings: NO_FINDINGS });
        continue;
      }
      seen.set(n, stmt);
      const findings = typecheckValue(stmt.value, arg.type);
      attributes.push({ attr: stmt, body, spec: arg, findings: findings.length === 0 ? NO_FINDINGS : findings });
      continue;
    }
    const n = names[i] as string;
    const count = counts.get(n) ?? 0;
    const b = index.blocks.get(n);
    if (!b || b.rejected) {
      const a = index.arguments.get(n);
      if (a && !a.rejected) boundBlocks.push({ block: stmt, name: n, count, argumentSpec: a });
      else if (b) boundBlocks.push({ block: stmt, name: n, count, rejected: b });
      else boundBlocks.push({ block: stmt, name: n, count });
      continue;
    }
    const bound: { -readonly [K in keyof BoundBlock]: BoundBlock[K] } = { block: stmt, name: n, count, spec: b };
    boundBlocks.push(bound);
    const repeatedSingle = count > 1 && !b.multiple;
    if (!repeatedSingle && b.body !== "config") pending.push({ what: { block: stmt, spec: b, parent: body, blockName: n, prefix }, into: bound });
  }
  for (const a of index.requiredArguments) if (!seen.has(a.name)) missingAttributes.push(a);
  for (const b of index.requiredBlocks) if (!counts.has(b.name)) missingBlocks.push(b);
  return body;
}

/**
 * A body whose path is computed when read: copying the path into every body would cost the
 * square of the nesting depth. A class, so that every body shares one shape with `path` on the
 * prototype: an object literal with its own getter is a dictionary-mode object, and every rule's
 * reads of its fields were hash lookups. Made here, not in bindOne, so the body holds only the
 * parent and the path, not bindOne's per-body scratch maps (which would then live as long as the
 * analysis: 1.5x the checker's peak memory).
 */
class Body implements BoundBody {
  #path: readonly string[] | undefined;
  readonly #parent: BoundBody | undefined;
  readonly block: Block;
  readonly entry: string;
  readonly spec: BodySpec;
  readonly blockName: string | undefined;
  readonly attributes: readonly BoundAttribute[];
  readonly blocks: readonly BoundBlock[];
  readonly missingAttributes: readonly ArgumentSpec[];
  readonly missingBlocks: readonly BlockSpec[];
  readonly attributeNames: readonly string[];
  readonly blockNames: readonly string[];

  constructor(fields: Omit<BoundBody, "path">, parent: BoundBody | undefined, prefix: readonly string[]) {
    this.#path = parent ? undefined : prefix;
    this.#parent = parent;
    this.block = fields.block;
    this.entry = fields.entry;
    this.spec = fields.spec;
    this.blockName = fields.blockName;
    this.attributes = fields.attributes;
    this.blocks = fields.blocks;
    this.missingAttributes = fields.missingAttributes;
    this.missingBlocks = fields.missingBlocks;
    this.attributeNames = fields.attributeNames;
    this.blockNames = fields.blockNames;
  }

  get path(): readonly string[] {
    return (this.#path ??= [...(this.#parent as BoundBody).path, this.blockName as string]);
  }
}

/** A body's blocks plus, for `blocks_ref` bodies (`stage.match`), the referenced group. */
function effectiveBlocks(spec: BodySpec, entry: EntrySpec | undefined): readonly BlockSpec[] {
  if (!spec.blocksRef || !entry) return spec.blocks;
  let at: BodySpec | undefined = entry;
  for (const step of spec.blocksRef.path) at = at?.blocks.find((b) => b.name === step);
  if (!at) return spec.blocks;
  const group = spec.blocksRef.group;
  const own = new Set(spec.blocks.map((b) => b.name));
  return [...spec.blocks, ...at.blocks.filter((b) => b.group === group && !own.has(b.name))];
}

/** Every body in a bound tree, parents first, in source order. */
export function flattenBodies(root: BoundBody): BoundBody[] {
  const out: BoundBody[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const b = stack.pop() as BoundBody;
    out.push(b);
    for (let i = b.blocks.length - 1; i >= 0; i--) {
      const inner = (b.blocks[i] as BoundBlock).body;
      if (inner) stack.push(inner);
    }
  }
  return out;
}
