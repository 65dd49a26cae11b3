import { blockName, type Attribute, type Block, type Stmt } from "../ast/index.js";
import { literalAttribute, literalString } from "./values.js";

/**
 * The symbol table: every block of a configuration classified the way `alloy validate` does
 * (spec §6 step 4) and grouped into scopes. The root file is one scope; each `declare` body is a
 * module scope (it sees only its own blocks, but may use custom components declared around it);
 * each `foreach > template` is a scope that may also reference the blocks around it.
 */

/** Top-level block names that are configuration blocks rather than components. */
export const CONFIG_BLOCKS: ReadonlySet<string> = new Set([
  "foreach", "argument", "export", "logging", "tracing", "import.file", "import.string", "import.http", "import.git",
]);
/** Unlabelled blocks that configure one of Alloy's services. */
export const SERVICES: ReadonlySet<string> = new Set(["http", "cluster", "labelstore", "livedebugging", "otel", "remotecfg", "ui"]);
/** Services that accept no configuration block at all. */
export const UNCONFIGURABLE_SERVICES: ReadonlySet<string> = new Set(["cluster", "otel", "ui"]);

export type NodeKind = "declare" | "config" | "component" | "service";
export type ScopeKind = "root" | "module" | "foreach";

export interface ScopeNode {
  readonly kind: NodeKind;
  readonly block: Block;
  /** Dotted block name (`loki.write`). */
  readonly name: string;
  readonly label: string | undefined;
  /** Name and label joined by `.`: how references and duplicates name the block. */
  readonly id: string;
  readonly scope: Scope;
  /** Index of the file the block is written in (a configuration may span several files). */
  readonly file: number;
  /** The first block with the same id in this scope, when this one repeats it. */
  readonly duplicateOf: ScopeNode | undefined;
  /** The nested scope of a `declare` body or a `foreach` template. */
  inner: Scope | undefined;
  /** `foreach` only: its `template` block (the last one, as Alloy takes it). */
  readonly template: Block | undefined;
}

/** A custom component: a `declare` in scope, or the namespace of an `import.*` block. */
export interface CustomComponent {
  readonly kind: "declare" | "import";
  readonly label: string;
  readonly node: ScopeNode;
}

export interface Scope {
  readonly kind: ScopeKind;
  readonly parent: Scope | undefined;
  readonly owner: ScopeNode | undefined;
  /** False inside a `declare` body (Alloy's "module"), also for foreach templates within it. */
  readonly atRoot: boolean;
  /** A foreach template's own scope. */
  readonly inForeach: boolean;
  /** In Alloy's processing order: declares, config blocks, components, services. */
  readonly nodes: readonly ScopeNode[];
  /** First block for each id. */
  readonly byId: ReadonlyMap<string, ScopeNode>;
  /** Custom components registered in this scope, by label. */
  readonly customs: ReadonlyMap<string, CustomComponent>;
  /** Identifiers in scope besides blocks (`module_path`, a foreach `var`, `argument` in modules). */
  readonly variables: ReadonlySet<string>;
  /** Attributes written where only blocks belong (top level, declare bodies, templates). */
  readonly strayAttributes: readonly StrayAttribute[];
}

export interface StrayAttribute {
  readonly attr: Attribute;
  readonly file: number;
}

interface MutableScope extends Scope {
  readonly nodes: ScopeNode[];
  readonly byId: Map<string, ScopeNode>;
  readonly customs: Map<string, CustomComponent>;
  readonly variables: Set<string>;
  readonly strayAttributes: StrayAttribute[];
}

function classify(block: Block, name: string): NodeKind {
  if (name === "declare") return "declare";
  if (CONFIG_BLOCKS.has(name)) return "config";
  if (block.label === undefined && SERVICES.has(name)) return "service";
  return "component";
}

const ORDER: Readonly<Record<NodeKind, number>> = { declare: 0, config: 1, component: 2, service: 3 };

function newScope(kind: ScopeKind, parent: Scope | undefined, owner: ScopeNode | undefined): MutableScope {
  return {
    kind,
    parent,
    owner,
    // Alloy's validator tracks "root" (false inside declare bodies) and "foreach" per state.
    atRoot: kind === "root" || (kind === "foreach" && (parent?.atRoot ?? true)),
    inForeach: kind === "foreach",
    nodes: [],
    byId: new Map(),
    customs: new Map(),
    variables: new Set(["module_path"]),
    strayAttributes: [],
  };
}

/**
 * Builds the scope tree of a configuration (or of a module body when `kind` is "module").
 * `fileOf` tells which file each top-level statement comes from when the configuration is a
 * directory of files; nested scopes belong to their owner's file.
 */
export function buildScope(
  body: readonly Stmt[],
  kind: ScopeKind = "root",
  parent?: Scope,
  owner?: ScopeNode,
  fileOf: (stmt: Stmt) => number = () => owner?.file ?? 0,
): Scope {
  const root = scopeOf(body, kind, parent, owner, fileOf);
  // Nested scopes (declare bodies, templates) are built from a work list rather than by
  // recursion, so a deeply nested built tree cannot overflow the stack.
  const pending: Scope[] = [root];
  while (pending.length > 0) {
    const scope = pending.pop() as Scope;
    for (const node of scope.nodes) {
      if (node.kind === "declare") node.inner = scopeOf(node.block.body, "module", scope, node, () => node.file);
      else if (node.template) {
        const inner = scopeOf(node.template.body, "foreach", scope, node, () => node.file);
        const v = literalString(node.block, "var");
        if (v !== undefined) (inner.variables as Set<string>).add(v);
        node.inner = inner;
      }
      if (node.inner) pending.push(node.inner);
    }
  }
  return root;
}

/** One scope's own blocks, classified and in processing order (nested scopes not built yet). */
function scopeOf(body: readonly Stmt[], kind: ScopeKind, parent: Scope | undefined, owner: ScopeNode | undefined, fileOf: (stmt: Stmt) => number): MutableScope {
  const scope = newScope(kind, parent, owner);
  if (kind === "module") scope.variables.add("argument");
  // Built here, then each repeat's duplicateOf set in place: a copy ({ ...n, duplicateOf }) would
  // give repeats another shape than first blocks, and every read of a node a second case.
  const found: Array<{ -readonly [K in keyof ScopeNode]: ScopeNode[K] }> = [];
  for (const stmt of body) {
    if (stmt.kind === "Attribute") {
      scope.strayAttributes.push({ attr: stmt, file: fileOf(stmt) });
      continue;
    }
    const name = blockName(stmt);
    const label = stmt.label?.value || undefined;
    const id = label === undefined ? name : `${name}.${label}`;
    const nodeKind = classify(stmt, name);
    let template: Block | undefined;
    if (name === "foreach") {
      for (const s of stmt.body) if (s.kind === "Block" && blockName(s) === "template") template = s;
    }
    found.push({ kind: nodeKind, block: stmt, name, label, id, scope, file: fileOf(stmt), duplicateOf: undefined, inner: undefined, template });
  }
  // Alloy keeps one "already declared" table per kind of block, in processing order.
  found.sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
  const seen = new Map<string, ScopeNode>();
  for (const node of found) {
    const key = `${ORDER[node.kind]}:${node.id}`;
    const first = seen.get(key);
    if (first) node.duplicateOf = first;
    else seen.set(key, node);
    if (!scope.byId.has(node.id)) scope.byId.set(node.id, node);
    scope.nodes.push(node);
    register(scope, node);
  }
  return scope;
}

function register(scope: MutableScope, node: ScopeNode): void {
  if (node.label === undefined || node.duplicateOf) return;
  if (node.kind === "declare" && !scope.customs.has(node.label)) {
    scope.customs.set(node.label, { kind: "declare", label: node.label, node });
  } else if (node.name.startsWith("import.") && !scope.customs.has(node.label)) {
    scope.customs.set(node.label, { kind: "import", label: node.label, node });
  }
}

/** The custom component a block name refers to: its first part, looked up outwards. */
export function lookupCustom(scope: Scope, name: string): CustomComponent | undefined {
  const first = name.split(".", 1)[0] as string;
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const c = s.customs.get(first);
    if (c) return c;
  }
  return undefined;
}

/** The block with `id` visible from `scope`: its own, then (from templates) the enclosing ones. */
export function lookupNode(scope: Scope, id: string): { node: ScopeNode; fromParent: boolean } | undefined {
  let fromParent = false;
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const node = s.byId.get(id);
    if (node) return { node, fromParent };
    if (s.kind !== "foreach") return undefined;
    fromParent = true;
  }
  return undefined;
}

/** Whether `name` is a variable visible in `scope` (foreach variables are seen by nested templates). */
export function hasVariable(scope: Scope, name: string): boolean {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (s.variables.has(name)) return true;
    if (s.kind !== "foreach") return false;
  }
  return false;
}

/** Every scope below and including `root`, parents before children (depth first, in order). */
export function allScopes(root: Scope): Scope[] {
  const out: Scope[] = [];
  const stack: Scope[] = [root];
  while (stack.length > 0) {
    const s = stack.pop() as Scope;
    out.push(s);
    for (let i = s.nodes.length - 1; i >= 0; i--) {
      const inner = (s.nodes[i] as ScopeNode).inner;
      if (inner) stack.push(inner);
    }
  }
  return out;
}

/** The argument blocks of a module scope that define a custom component's arguments. */
export function moduleArguments(scope: Scope): ScopeNode[] {
  return scope.nodes.filter((n) => n.name === "argument" && n.label !== undefined && !n.duplicateOf);
}

/** The export blocks of a module scope. */
export function moduleExports(scope: Scope): ScopeNode[] {
  return scope.nodes.filter((n) => n.name === "export" && n.label !== undefined && !n.duplicateOf);
}

/** `optional = true` written literally on an argument block. */
export function isOptionalArgument(block: Block): boolean {
  const v = literalAttribute(block, "optional");
  return v?.type === "bool" && v.value;
}
