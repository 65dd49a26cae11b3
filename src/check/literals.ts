import type { Expr, Literal } from "../ast/index.js";
import type { AlloyType, PrimitiveName } from "../schema/types.js";
import { literalValue, type ConstValue } from "./values.js";

export interface TypedLiteral {
  readonly literal: Literal;
  readonly value: ConstValue;
  /** The primitive type the literal is decoded into. */
  readonly type: AlloyType;
}

/**
 * The literals of an attribute value paired with the primitive type each one is decoded into,
 * looking through array literals (for lists) and object literals (for maps and objects). Values
 * computed at run time (references, calls) are skipped: only what is written is checked.
 */
export function* typedLiterals(root: Expr, rootType: AlloyType): Generator<TypedLiteral> {
  // Most values are a lone literal (or no literal at all): no stack for those.
  if (root.kind === "Literal") {
    if (rootType.kind === "primitive") yield { literal: root, value: literalValue(root), type: rootType };
    return;
  }
  if (root.kind !== "Array" && root.kind !== "Object") return;
  // Iterative (pending values last-first on a stack), so nesting depth costs no call stack.
  const stack: Array<{ expr: Expr; t: AlloyType }> = [{ expr: root, t: rootType }];
  while (stack.length > 0) {
    const { expr, t } = stack.pop() as { expr: Expr; t: AlloyType };
    if (expr.kind === "Literal") {
      if (t.kind === "primitive") yield { literal: expr, value: literalValue(expr), type: t };
      continue;
    }
    const next: Array<{ expr: Expr; t: AlloyType }> = [];
    if (expr.kind === "Array" && t.kind === "list") {
      for (const e of expr.elements) next.push({ expr: e, t: t.element });
    } else if (expr.kind === "Object" && t.kind === "map") {
      for (const f of expr.fields) next.push({ expr: f.value, t: t.value });
    } else if (expr.kind === "Object" && t.kind === "object") {
      for (const f of expr.fields) {
        const field = t.fields.find((x) => x.name === f.key.name);
        if (field) next.push({ expr: f.value, t: field.type });
      }
    }
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i] as { expr: Expr; t: AlloyType });
  }
}

const holding = new Map<string, WeakMap<AlloyType, boolean>>();

/**
 * Whether a value of type `t` can hold a literal of primitive `name` at any depth (a list of
 * durations, an object with a duration field). Cached per type: the catalog's types are shared,
 * so a rule that looks for one primitive skips every other attribute without walking its value.
 */
export function holdsPrimitive(t: AlloyType, name: PrimitiveName): boolean {
  let cache = holding.get(name);
  if (!cache) holding.set(name, (cache = new WeakMap()));
  const cached = cache.get(t);
  if (cached !== undefined) return cached;
  let found = false;
  const stack: AlloyType[] = [t];
  while (stack.length > 0 && !found) {
    const u = stack.pop() as AlloyType;
    if (u.kind === "primitive") found = u.name === name;
    else if (u.kind === "list") stack.push(u.element);
    else if (u.kind === "map") stack.push(u.value);
    else if (u.kind === "object") for (const f of u.fields) stack.push(f.type);
  }
  cache.set(t, found);
  return found;
}
