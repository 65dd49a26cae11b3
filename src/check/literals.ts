import type { Expr, Literal } from "../ast/index.js";
import type { AlloyType } from "../schema/types.js";
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
export function* typedLiterals(expr: Expr, t: AlloyType): Generator<TypedLiteral> {
  if (expr.kind === "Literal") {
    if (t.kind === "primitive") yield { literal: expr, value: literalValue(expr), type: t };
    return;
  }
  if (expr.kind === "Array" && t.kind === "list") {
    for (const e of expr.elements) yield* typedLiterals(e, t.element);
  } else if (expr.kind === "Object" && t.kind === "map") {
    for (const f of expr.fields) yield* typedLiterals(f.value, t.value);
  } else if (expr.kind === "Object" && t.kind === "object") {
    for (const f of expr.fields) {
      const field = t.fields.find((x) => x.name === f.key.name);
      if (field) yield* typedLiterals(f.value, field.type);
    }
  }
}
