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

/** `a.b.c` as its identifiers, or undefined when the expression is not a plain traversal. */
export function chain(expr: Expr): Identifier[] | undefined {
  // Most subexpressions are not a chain: find that out before allocating.
  let base: Expr = expr;
  while (base.kind === "Access") base = base.value;
  if (base.kind !== "Identifier") return undefined;
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

/** One literal per case, no spread: every traversal has one of two shapes. */
function traversal(parts: readonly Identifier[], expr: Expr, call: CallExpr | undefined): Traversal {
  return call ? { parts, expr, span: expr.span, call } : { parts, expr, span: expr.span };
}

/**
 * The traversals of one expression, in source order. Iterative (an explicit stack of pending
 * subexpressions), so a chain of a million operators cannot overflow the stack.
 */
function collect(root: Expr, out: Traversal[], rootCall: CallExpr | undefined): void {
  // Most values are a literal or a single reference: no stack for those.
  if (root.kind === "Literal") return;
  const rootParts = chain(root);
  if (rootParts) {
    out.push(traversal(rootParts, root, rootCall));
    return;
  }
  const stack: Array<{ expr: Expr; call: CallExpr | undefined }> = [{ expr: root, call: rootCall }];
  // Children are pushed last-first so that they come off the stack in source order.
  const push = (exprs: readonly Expr[]): void => {
    for (let i = exprs.length - 1; i >= 0; i--) stack.push({ expr: exprs[i] as Expr, call: undefined });
  };
  while (stack.length > 0) {
    const { expr, call } = stack.pop() as { expr: Expr; call: CallExpr | undefined };
    const parts = chain(expr);
    if (parts) {
      out.push(traversal(parts, expr, call));
      continue;
    }
    switch (expr.kind) {
      case "Access": {
        // `f().x` or `a[0].x`: the fields after an interruption are not part of any traversal;
        // every Access down to the interruption fails `chain` alike, so go straight to it.
        let base: Expr = expr.value;
        while (base.kind === "Access") base = base.value;
        stack.push({ expr: base, call: undefined });
        break;
      }
      case "Index":
        push([expr.value, expr.index]);
        break;
      case "Call":
        for (let i = expr.args.length - 1; i >= 0; i--) stack.push({ expr: expr.args[i] as Expr, call: undefined });
        stack.push({ expr: expr.callee, call: expr });
        break;
      case "Array":
        push(expr.elements);
        break;
      case "Object":
        push(expr.fields.map((f) => f.value));
        break;
      case "Unary":
        stack.push({ expr: expr.operand, call: undefined });
        break;
      case "Binary":
        push([expr.left, expr.right]);
        break;
      case "Paren":
        stack.push({ expr: expr.inner, call: undefined });
        break;
      default:
        break;
    }
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
  if (hasVariable(scope, first)) return VARIABLE;
  if (stdlibRoots.has(first)) return STDLIB;
  return UNRESOLVED;
}

// The resolutions that carry nothing but their kind: one object each, shared by every reference.
const VARIABLE: Resolution = Object.freeze({ kind: "variable" });
const STDLIB: Resolution = Object.freeze({ kind: "stdlib" });
const UNRESOLVED: Resolution = Object.freeze({ kind: "unresolved" });

/** The statements of a block that its references come from (declare bodies and templates excluded). */
export function referenceBody(node: ScopeNode): readonly Stmt[] {
  if (node.kind === "declare") return [];
  if (node.template) return node.block.body.filter((s) => s !== node.template);
  return node.block.body;
}
