import type { CallExpr, Expr, Identifier, Stmt } from "../ast/index.js";
import type { Span } from "../diag/index.js";
import { hasVariable, lookupNode, type Scope, type ScopeNode } from "./scope.js";

/**
 * References: every traversal (`a.b.c`, an identifier followed by field names; indexing or a call
 * ends it) in a block body, resolved against the block ids of its scope the way `alloy validate`
 * does (spec §6 step 6): the shortest prefix that names a block wins.
 */
export interface Traversal {
  /** The identifiers of the traversal, in order. */
  readonly parts: readonly Identifier[];
  /** The outermost expression of the traversal (an Identifier or an Access chain). */
  readonly expr: Expr;
  readonly span: Span;
  /** The call this traversal is the callee of (`sys.env(...)`), if any. */
  readonly call?: CallExpr;
}

export type Resolution =
  /** A block: `rest` are the names after its id (the export and beyond). */
  | { readonly kind: "block"; readonly target: ScopeNode; readonly rest: readonly Identifier[]; readonly fromParent: boolean }
  /** A variable in scope (`module_path`, a foreach `var`, `argument` in a module). */
  | { readonly kind: "variable" }
  /** The standard library (the first name is a namespace or a top-level function). */
  | { readonly kind: "stdlib" }
  | { readonly kind: "unresolved" };

export interface Reference {
  readonly traversal: Traversal;
  /** The block whose body holds the traversal. */
  readonly from: ScopeNode;
  readonly resolution: Resolution;
}

export function dotted(parts: readonly Identifier[]): string {
  return parts.map((p) => p.name).join(".");
}

/** The traversals of a list of statements, in source order (nested blocks included). */
export function traversalsOf(body: readonly Stmt[]): Traversal[] {
  const out: Traversal[] = [];
  const stmts = [...body].reverse();
  while (stmts.length > 0) {
    const s = stmts.pop() as Stmt;
    if (s.kind === "Attribute") collect(s.value, out, undefined);
    else for (let i = s.body.length - 1; i >= 0; i--) stmts.push(s.body[i] as Stmt);
  }
  return out;
}

function chain(expr: Expr): Identifier[] | undefined {
  const parts: Identifier[] = [];
  let cur: Expr = expr;
  while (cur.kind === "Access") {
    parts.push(cur.name);
    cur = cur.value;
  }
  if (cur.kind !== "Identifier") return undefined;
  parts.push(cur);
  return parts.reverse();
}

function collect(expr: Expr, out: Traversal[], call: CallExpr | undefined): void {
  const parts = chain(expr);
  if (parts) {
    out.push({ parts, expr, span: expr.span, ...(call ? { call } : {}) });
    return;
  }
  switch (expr.kind) {
    case "Access":
      // `f().x` or `a[0].x`: the field after an interruption is not part of any traversal.
      collect(expr.value, out, undefined);
      return;
    case "Index":
      collect(expr.value, out, undefined);
      collect(expr.index, out, undefined);
      return;
    case "Call":
      collect(expr.callee, out, expr);
      for (const a of expr.args) collect(a, out, undefined);
      return;
    case "Array":
      for (const e of expr.elements) collect(e, out, undefined);
      return;
    case "Object":
      for (const f of expr.fields) collect(f.value, out, undefined);
      return;
    case "Unary":
      collect(expr.operand, out, undefined);
      return;
    case "Binary":
      collect(expr.left, out, undefined);
      collect(expr.right, out, undefined);
      return;
    case "Paren":
      collect(expr.inner, out, undefined);
      return;
    default:
      return;
  }
}

/** Resolves one traversal from `scope` (spec §6 step 6). */
export function resolveTraversal(parts: readonly Identifier[], scope: Scope, stdlibRoots: ReadonlySet<string>): Resolution {
  let id = "";
  for (let i = 0; i < parts.length; i++) {
    id = i === 0 ? (parts[0] as Identifier).name : `${id}.${(parts[i] as Identifier).name}`;
    const found = lookupNode(scope, id);
    if (found) return { kind: "block", target: found.node, rest: parts.slice(i + 1), fromParent: found.fromParent };
  }
  const first = (parts[0] as Identifier).name;
  if (hasVariable(scope, first)) return { kind: "variable" };
  if (stdlibRoots.has(first)) return { kind: "stdlib" };
  return { kind: "unresolved" };
}

/** The statements of a block that its references come from (declare bodies and templates excluded). */
export function referenceBody(node: ScopeNode): readonly Stmt[] {
  if (node.kind === "declare") return [];
  if (node.template) return node.block.body.filter((s) => s !== node.template);
  return node.block.body;
}
