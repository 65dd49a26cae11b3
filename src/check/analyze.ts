import type { Expr, File, Stmt } from "../ast/index.js";
import type { EntryInfo, EntrySpec, Stability } from "../schema/spec.js";
import type { Catalog } from "./catalog.js";
import { declareTypes, type DeclareTypes } from "./declare-types.js";
import { referenceBody, resolveTraversal, traversalsOf, type Reference } from "./resolve.js";
import { allScopes, buildScope, lookupCustom, type CustomComponent, type Scope, type ScopeNode } from "./scope.js";
import { isBelow } from "./spans.js";
import { literalString } from "./values.js";
import { bindBody, flattenBodies, type BodySpec, type BoundBody } from "./validate.js";

/**
 * Everything the rules need, computed once per check: the scope tree, what each component block
 * is (a catalog component, a custom component, an imported one), each schema-bound body and
 * every reference with its resolution.
 */
export type Registration =
  /** `blocked`: Alloy would refuse it under the given stability level or community setting. */
  | { readonly kind: "builtin"; readonly info: EntryInfo; readonly spec: EntrySpec | undefined; readonly blocked: boolean }
  | { readonly kind: "declare"; readonly custom: CustomComponent; readonly module: Scope }
  /** From an `import.*` namespace; `module` is the imported file when it could be read. */
  | { readonly kind: "import"; readonly custom: CustomComponent; readonly module: Scope | undefined; readonly member: CustomComponent | undefined }
  | { readonly kind: "removed"; readonly info: EntryInfo | undefined }
  | { readonly kind: "unknown" };

export interface ResolvedImport {
  readonly file: File;
  /** The imported file's name, against which its own imports are resolved. */
  readonly filename: string;
}

/** Reads a module for `import.file`: `path` as written, relative to the importing file `from`. */
export type ImportResolver = (path: string, from: string) => ResolvedImport | File | undefined;

/** One file of a configuration. */
export interface SourceInput {
  readonly file: File;
  /** The name diagnostics print, and against which `import.file` paths are resolved. */
  readonly filename: string;
}

export interface Analysis {
  /** The files of the configuration, in the order given (Alloy merges a directory's files by name). */
  readonly files: readonly SourceInput[];
  readonly root: Scope;
  /** Every scope, parents first. */
  readonly scopes: readonly Scope[];
  /** Every block node in Alloy's processing order (a nested scope right after its owner). */
  readonly nodes: readonly ScopeNode[];
  /** Component blocks only. */
  registration(node: ScopeNode): Registration;
  /** Nodes whose body is checked against a schema, with the bound body. */
  readonly bodies: ReadonlyMap<ScopeNode, BoundBody>;
  /** Every bound body (nested blocks included), parents first, with the node it belongs to. */
  readonly allBodies: readonly { readonly node: ScopeNode; readonly body: BoundBody }[];
  /** Every reference of every node that Alloy resolves, in processing order. */
  readonly references: readonly Reference[];
  /** The reference whose traversal is exactly this expression. */
  referenceAt(expr: Expr): Reference | undefined;
  /** For `import.file` nodes: the imported module, "unreadable", or undefined when not a literal path. */
  importedModule(node: ScopeNode): Scope | "unreadable" | undefined;
  /** Whether community components are enabled; undefined when the caller did not say. */
  readonly communityComponents: boolean | undefined;
  /** Custom components' argument and export types, inferred from their bodies (declare-types.ts). */
  readonly types: DeclareTypes;
}

export interface AnalyzeOptions {
  readonly catalog: Catalog;
  readonly resolveImport?: ImportResolver;
  /** The minimum stability Alloy runs with; when given, components below it are refused. */
  readonly stabilityLevel?: Stability;
  /** `--feature.community-components.enabled`; defaults to false when a stability level is given. */
  readonly communityComponents?: boolean;
}

export function analyze(files: readonly SourceInput[], options: AnalyzeOptions): Analysis {
  const { catalog } = options;
  const communityComponents = options.communityComponents ?? (options.stabilityLevel !== undefined ? false : undefined);
  const refuses = (info: EntryInfo): boolean =>
    info.community ? communityComponents === false : info.stability !== null && options.stabilityLevel !== undefined && isBelow(info.stability, options.stabilityLevel);
  const fileIndex = new Map<Stmt, number>();
  files.forEach((f, i) => f.file.body.forEach((s) => fileIndex.set(s, i)));
  const root = buildScope(
    files.flatMap((f) => f.file.body),
    "root",
    undefined,
    undefined,
    (s) => fileIndex.get(s) ?? 0,
  );
  const scopes = allScopes(root);
  const nodes = processingOrder(root);

  const imports = new Map<ScopeNode, Scope | "unreadable" | undefined>();
  const importedModule = (node: ScopeNode): Scope | "unreadable" | undefined => {
    if (imports.has(node)) return imports.get(node);
    let result: Scope | "unreadable" | undefined;
    const path = node.name === "import.file" ? literalString(node.block, "filename") : undefined;
    if (path !== undefined && options.resolveImport) {
      const got = options.resolveImport(path, (files[node.file] as SourceInput).filename);
      const imported = got === undefined ? undefined : "kind" in got ? got : got.file;
      result = imported ? buildScope(imported.body, "module") : "unreadable";
    }
    imports.set(node, result);
    return result;
  };

  const registrations = new Map<ScopeNode, Registration>();
  const registration = (node: ScopeNode): Registration => {
    let r = registrations.get(node);
    if (!r) {
      r = register(node, catalog, importedModule, refuses);
      registrations.set(node, r);
    }
    return r;
  };

  const bodies = new Map<ScopeNode, BoundBody>();
  const types = declareTypes({ catalog, registration, bound: (n) => bodies.get(n) });
  const allBodies: { node: ScopeNode; body: BoundBody }[] = [];
  const references: Reference[] = [];
  const byExpr = new Map<Expr, Reference>();
  for (const node of nodes) {
    const spec = bodySpec(node, catalog, types);
    if (spec) {
      const block = node.template ? { ...node.block, body: node.block.body.filter((s) => s !== node.template) } : node.block;
      const bound = bindBody(block, spec.body, spec.entry, node.name);
      bodies.set(node, bound);
      for (const body of flattenBodies(bound)) allBodies.push({ node, body });
    }
    if (node.kind === "component") {
      const r = registration(node);
      if (r.kind === "unknown" || r.kind === "removed" || (r.kind === "builtin" && r.blocked)) continue;
    }
    for (const t of traversalsOf(referenceBody(node))) {
      const ref: Reference = { traversal: t, from: node, resolution: resolveTraversal(t.parts, node.scope, catalog.stdlib.roots) };
      references.push(ref);
      byExpr.set(t.expr, ref);
    }
  }
  const referenceAt = (expr: Expr): Reference | undefined => byExpr.get(expr);
  return { files, root, scopes, nodes, registration, bodies, allBodies, references, referenceAt, importedModule, communityComponents, types };
}

/** Every block node, a nested scope's right after its owner; iterative, whatever the nesting. */
function processingOrder(root: Scope): ScopeNode[] {
  const nodes: ScopeNode[] = [];
  const stack: Array<{ scope: Scope; at: number }> = [{ scope: root, at: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { scope: Scope; at: number };
    const n = top.scope.nodes[top.at++];
    if (!n) {
      stack.pop();
      continue;
    }
    nodes.push(n);
    if (n.inner) stack.push({ scope: n.inner, at: 0 });
  }
  return nodes;
}

function register(
  node: ScopeNode,
  catalog: Catalog,
  importedModule: (n: ScopeNode) => Scope | "unreadable" | undefined,
  refuses: (info: EntryInfo) => boolean,
): Registration {
  const custom = lookupCustom(node.scope, node.name);
  if (custom?.kind === "declare" && custom.node.inner) return { kind: "declare", custom, module: custom.node.inner };
  if (custom?.kind === "import") {
    const imported = importedModule(custom.node);
    const module = imported === "unreadable" ? undefined : imported;
    const memberName = node.name.split(".")[1];
    const member = module && memberName !== undefined ? module.customs.get(memberName) : undefined;
    return { kind: "import", custom, module, member };
  }
  const info = catalog.info(node.name);
  if (info?.removed || catalog.legacy(node.name)) return { kind: "removed", info };
  if (!info || info.kind !== "component") return { kind: "unknown" };
  return { kind: "builtin", info, spec: catalog.spec(node.name), blocked: refuses(info) };
}

const LABELSTORE: BodySpec = { arguments: [], blocks: [] };

function bodySpec(
  node: ScopeNode,
  catalog: Catalog,
  types: DeclareTypes,
): { body: BodySpec; entry: EntrySpec | undefined } | undefined {
  switch (node.kind) {
    case "declare":
      return undefined;
    case "component":
      return types.bodySpec(node);
    case "service":
    case "config": {
      if (node.name === "labelstore") return { body: LABELSTORE, entry: undefined };
      // http, remotecfg and livedebugging are catalog config blocks too.
      const spec = catalog.spec(node.name);
      if (!spec) return undefined;
      if (node.name !== "foreach") return { body: spec, entry: spec };
      return { body: { arguments: spec.arguments, blocks: spec.blocks.filter((b) => b.name !== "template") }, entry: spec };
    }
  }
}
