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
  /** unknown-key: the key as written (quoted or not), what a did-you-mean replaces. */
  readonly keyWritten?: { readonly span: Span; readonly quoted: boolean };
  /** type: one value that would fit as an element of the list expected here (`source_labels = "a"`). */
  readonly wrap?: true;
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

/** A value still to check against a type, or a finding to report when the walk reaches it. */
type Pending = { readonly expr: Expr; readonly t: AlloyType } | { readonly finding: ValueFinding };

/** Nothing more to check inside a value (shared: a walk step allocates nothing for a leaf). */
const NONE: readonly Pending[] = [];

/** Every static problem of `expr` as a value of type `t`, in source order. */
export function typecheckValue(expr: Expr, t: AlloyType): ValueFinding[] {
  const out: ValueFinding[] = [];
  // Most values are a literal or a reference: checked in place, with no stack to allocate.
  const first = expr.kind === "Object" ? checkObject(expr, t, out) : checkOne(expr, t, out);
  if (first.length === 0) return out;
  // Iterative: array and object literals nest as deep as a built tree likes. Each step reports
  // the value's own findings and returns what comes next inside it, in order.
  const stack: Pending[] = [];
  for (let i = first.length - 1; i >= 0; i--) stack.push(first[i] as Pending);
  while (stack.length > 0) {
    const item = stack.pop() as Pending;
    if ("finding" in item) {
      out.push(item.finding);
      continue;
    }
    const next = item.expr.kind === "Object" ? checkObject(item.expr, item.t, out) : checkOne(item.expr, item.t, out);
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i] as Pending);
  }
  return out;
}

function checkOne(expr: Expr, t: AlloyType, out: ValueFinding[]): readonly Pending[] {
  switch (expr.kind) {
    case "Literal": {
      const value = literalValue(expr);
      const message = decodeError(value, t);
      if (message) out.push({ kind: "type", span: expr.span, message, ...(t.kind === "list" && decodeError(value, t.element) === undefined ? { wrap: true as const } : {}) });
      return NONE;
    }
    case "Array":
      if (t.kind === "any") return NONE;
      if (t.kind !== "list") {
        out.push({ kind: "type", span: expr.span, message: `expected ${alloyTypeName(t)}, got array` });
        return NONE;
      }
      if (t.element.kind === "any") return NONE;
      return expr.elements.map((e) => ({ expr: e, t: t.element }));
    case "Unary": {
      if (expr.operand.kind !== "Literal") return NONE;
      const folded = foldUnary(expr.op, literalValue(expr.operand));
      if (!folded.ok) {
        out.push({ kind: "type", span: expr.operand.span, message: folded.message });
        return NONE;
      }
      return [{ expr: expr.operand, t }];
    }
    case "Binary": {
      if (expr.left.kind !== "Literal" || expr.right.kind !== "Literal") return NONE;
      const folded = foldBinary(literalValue(expr.left), expr.op, literalValue(expr.right));
      if (!folded.ok) {
        out.push({ kind: "type", span: { start: expr.left.span.start, end: expr.right.span.end }, message: folded.message });
        return NONE;
      }
      const message = decodeError(folded.value, t);
      if (message) out.push({ kind: "type", span: expr.span, message });
      return NONE;
    }
    default:
      return NONE;
  }
}

/** An object literal: its fields in order (unknown keys in their place), then its missing keys. */
function checkObject(expr: ObjectExpr, t: AlloyType, out: ValueFinding[]): readonly Pending[] {
  switch (t.kind) {
    case "any":
      return NONE;
    case "map":
      if (t.value.kind === "any") return NONE;
      return expr.fields.map((f) => ({ expr: f.value, t: t.value }));
    case "object": {
      const keys = t.fields.map((f) => f.name);
      const seen = new Set<string>();
      const next: Pending[] = [];
      for (const f of expr.fields) {
        const field = t.fields.find((x) => x.name === f.key.name);
        if (!field) {
          const finding: ValueFinding = {
            kind: "unknown-key",
            span: { start: f.key.span.start, end: f.value.span.end },
            message: `unrecognized attribute name "${f.key.name}"`,
            key: f.key.name,
            keys,
            keyWritten: { span: f.key.span, quoted: f.key.quoted },
          };
          next.push({ finding });
          continue;
        }
        seen.add(field.name);
        next.push({ expr: f.value, t: field.type });
      }
      for (const field of t.fields) {
        if (field.required && !seen.has(field.name)) {
          next.push({ finding: { kind: "missing-key", span: expr.span, message: `missing required attribute "${field.name}"`, key: field.name, keys } });
        }
      }
      return next;
    }
    default:
      out.push({ kind: "type", span: expr.span, message: `expected ${alloyTypeName(t)}, got object` });
      return NONE;
  }
}
