import type { Expr, ObjectExpr } from "../ast/index.js";
import type { Span } from "../diag/index.js";
import type { AlloyType } from "../schema/types.js";
import { foldBinary, foldUnary, literalValue, type ConstValue } from "./values.js";

/**
 * Static checks of one attribute value against its catalog type, as Alloy's `syntax/typecheck`
 * does them (spec §5.4): literals, array and object literals (recursively), a unary operator on
 * a literal and a binary operator on two literals. References, calls and anything else are left
 * to other rules (capsule wiring) or to the runtime.
 */
export type ValueFindingKind = "type" | "unknown-key" | "missing-key";

export interface ValueFinding {
  readonly kind: ValueFindingKind;
  readonly span: Span;
  readonly message: string;
  /** unknown-key / missing-key: the key, and the keys the object type accepts. */
  readonly key?: string;
  readonly keys?: readonly string[];
}

/** Alloy's name for the values of a catalog type, as its decoder prints it in messages. */
export function alloyTypeName(t: AlloyType): string {
  switch (t.kind) {
    case "primitive":
      if (t.name === "secret" || t.name === "optional_secret") return "capsule";
      return t.name === "duration" ? "string" : t.name;
    case "list":
      return "array";
    case "map":
    case "object":
      return "object";
    case "capsule":
      return "capsule";
    case "function":
      return "function";
    case "any":
      return "any";
  }
}

/** Why a constant cannot be decoded into type `t` (Alloy's conversion rules, spec §5.3), or undefined. */
export function decodeError(v: ConstValue, t: AlloyType): string | undefined {
  if (v.type === "null" || t.kind === "any") return undefined;
  const want = alloyTypeName(t);
  if (t.kind === "primitive") {
    switch (t.name) {
      case "string":
      case "duration":
        return v.type === "string" || v.type === "number" ? undefined : `expected string, got ${v.type}`;
      case "secret":
      case "optional_secret":
        return v.type === "string" ? undefined : `expected capsule, got ${v.type}`;
      case "bool":
        return v.type === "bool" ? undefined : `expected bool, got ${v.type}`;
      case "number":
        if (v.type === "number") return undefined;
        if (v.type === "string" && parsesAsNumber(v.value)) return undefined;
        return `expected number, got ${v.type}`;
    }
  }
  return `expected ${want}, got ${v.type}`;
}

/** Alloy's string → number conversion (value.convertValue): signed, float or unsigned syntax. */
function parsesAsNumber(s: string): boolean {
  if (s === "") return false;
  if (s.startsWith("-")) return /^-\d+$/.test(s);
  if (/[.eE]/.test(s)) return /^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) || /^[+-]?(inf|infinity|nan)$/i.test(s);
  return /^\d+$/.test(s);
}

/** Every static problem of `expr` as a value of type `t`, in source order. */
export function typecheckValue(expr: Expr, t: AlloyType): ValueFinding[] {
  const out: ValueFinding[] = [];
  check(expr, t, out);
  return out;
}

function check(expr: Expr, t: AlloyType, out: ValueFinding[]): void {
  switch (expr.kind) {
    case "Literal": {
      const message = decodeError(literalValue(expr), t);
      if (message) out.push({ kind: "type", span: expr.span, message });
      return;
    }
    case "Array":
      if (t.kind === "any") return;
      if (t.kind !== "list") {
        out.push({ kind: "type", span: expr.span, message: `expected ${alloyTypeName(t)}, got array` });
        return;
      }
      if (t.element.kind === "any") return;
      for (const e of expr.elements) check(e, t.element, out);
      return;
    case "Object":
      checkObject(expr, t, out);
      return;
    case "Unary": {
      if (expr.operand.kind !== "Literal") return;
      const folded = foldUnary(expr.op, literalValue(expr.operand));
      if (!folded.ok) out.push({ kind: "type", span: expr.operand.span, message: folded.message });
      else check(expr.operand, t, out);
      return;
    }
    case "Binary": {
      if (expr.left.kind !== "Literal" || expr.right.kind !== "Literal") return;
      const folded = foldBinary(literalValue(expr.left), expr.op, literalValue(expr.right));
      if (!folded.ok) {
        out.push({ kind: "type", span: { start: expr.left.span.start, end: expr.right.span.end }, message: folded.message });
        return;
      }
      const message = decodeError(folded.value, t);
      if (message) out.push({ kind: "type", span: expr.span, message });
      return;
    }
    default:
      return;
  }
}

function checkObject(expr: ObjectExpr, t: AlloyType, out: ValueFinding[]): void {
  switch (t.kind) {
    case "any":
      return;
    case "map":
      if (t.value.kind === "any") return;
      for (const f of expr.fields) check(f.value, t.value, out);
      return;
    case "object": {
      const keys = t.fields.map((f) => f.name);
      const seen = new Set<string>();
      for (const f of expr.fields) {
        const field = t.fields.find((x) => x.name === f.key.name);
        if (!field) {
          out.push({
            kind: "unknown-key",
            span: { start: f.key.span.start, end: f.value.span.end },
            message: `unrecognized attribute name "${f.key.name}"`,
            key: f.key.name,
            keys,
          });
          continue;
        }
        seen.add(field.name);
        check(f.value, field.type, out);
      }
      for (const field of t.fields) {
        if (field.required && !seen.has(field.name)) {
          out.push({ kind: "missing-key", span: expr.span, message: `missing required attribute "${field.name}"`, key: field.name, keys });
        }
      }
      return;
    }
    default:
      out.push({ kind: "type", span: expr.span, message: `expected ${alloyTypeName(t)}, got object` });
  }
}
