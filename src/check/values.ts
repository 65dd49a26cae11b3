import type { BinaryOp, Block, Literal, UnaryOp } from "../ast/index.js";

/**
 * Constant values of literal expressions, evaluated the way Alloy's typecheck does it (spec §5.2,
 * §5.4): only literals, a unary operator on a literal and a binary operator on two literals are
 * ever folded; anything else is left to the runtime.
 */
export type ConstValue =
  | { readonly type: "null" }
  | { readonly type: "bool"; readonly value: boolean }
  | { readonly type: "number"; readonly value: number; readonly kind: "int" | "uint" | "float" }
  | { readonly type: "string"; readonly value: string };

export type ConstType = ConstValue["type"];

/** Either a value or the message Alloy's evaluator reports. */
export type Folded = { readonly ok: true; readonly value: ConstValue } | { readonly ok: false; readonly message: string };

export function literalValue(lit: Literal): ConstValue {
  switch (lit.literalKind) {
    case "null":
      return { type: "null" };
    case "bool":
      return { type: "bool", value: lit.raw === "true" };
    case "number": {
      const n = Number(lit.raw);
      return { type: "number", value: n, kind: Number.isSafeInteger(n) ? "uint" : "float" };
    }
    case "float":
      return { type: "number", value: Number(lit.raw), kind: "float" };
    case "string":
      return { type: "string", value: unquote(lit.raw) };
  }
}

/** The value of `name = <literal>` in a block body; undefined when absent or not a literal. */
export function literalAttribute(block: Block, name: string): ConstValue | undefined {
  for (const s of block.body) {
    if (s.kind === "Attribute" && s.name.name === name && s.value.kind === "Literal") return literalValue(s.value);
  }
  return undefined;
}

/** The value of `name = "literal"` in a block body, when written as a string literal. */
export function literalString(block: Block, name: string): string | undefined {
  const v = literalAttribute(block, name);
  return v?.type === "string" ? v.value : undefined;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", '"': '"',
};

/**
 * The text of a string literal: raw strings verbatim (CRs dropped, as Go does), double-quoted ones
 * with Go's escapes. The parser has already rejected malformed escapes, so this never fails.
 */
export function unquote(raw: string): string {
  if (raw.startsWith("`")) return raw.slice(1, -1).replaceAll("\r", "");
  const body = raw.slice(1, -1);
  if (!body.includes("\\")) return body;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = body[++i] as string;
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) out += simple;
    else if (next === "x" || next === "u" || next === "U") {
      const width = next === "x" ? 2 : next === "u" ? 4 : 8;
      const code = parseInt(body.slice(i + 1, i + 1 + width), 16);
      // Built ASTs are not validated by the scanner: keep a malformed escape as written.
      if (!Number.isInteger(code) || code > 0x10ffff) out += `\\${next}`;
      else out += next === "x" ? String.fromCharCode(code) : String.fromCodePoint(code);
      i += Number.isInteger(code) ? width : 0;
    } else if (next >= "0" && next <= "7") {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else out += next;
  }
  return out;
}

export function foldUnary(op: UnaryOp, v: ConstValue): Folded {
  if (op === "!") {
    if (v.type !== "bool") return { ok: false, message: `expected bool, got ${v.type}` };
    return { ok: true, value: { type: "bool", value: !v.value } };
  }
  if (v.type !== "number") return { ok: false, message: `expected number, got ${v.type}` };
  return { ok: true, value: { type: "number", value: -v.value, kind: v.kind === "float" ? "float" : "int" } };
}

const ALLOWED: Readonly<Record<Exclude<BinaryOp, "==" | "!=">, readonly ConstType[]>> = {
  "||": ["bool"],
  "&&": ["bool"],
  "+": ["number", "string"],
  "-": ["number"],
  "*": ["number"],
  "/": ["number"],
  "%": ["number"],
  "^": ["number"],
  "<": ["number", "string"],
  ">": ["number", "string"],
  "<=": ["number", "string"],
  ">=": ["number", "string"],
};

/** Go prints a []value.Type with %v as `[number string capsule]`. */
function allowedText(op: keyof typeof ALLOWED): string {
  return `[${[...ALLOWED[op], ...(op === "+" ? ["capsule"] : [])].join(" ")}]`;
}

function equal(a: ConstValue, b: ConstValue): boolean {
  if (a.type !== b.type) return false;
  return a.type === "null" || (a as { value: unknown }).value === (b as { value: unknown }).value;
}

/** Evaluates `l op r` on two constants with Alloy's operand rules and messages. */
export function foldBinary(l: ConstValue, op: BinaryOp, r: ConstValue): Folded {
  if (op === "==") return { ok: true, value: { type: "bool", value: equal(l, r) } };
  if (op === "!=") return { ok: true, value: { type: "bool", value: !equal(l, r) } };
  const allowed = ALLOWED[op];
  for (const side of [l, r]) {
    if (!allowed.includes(side.type)) {
      return { ok: false, message: `should be one of ${allowedText(op)} for binop ${op}, got ${side.type}` };
    }
  }
  if (l.type !== r.type) return { ok: false, message: `expected ${l.type}, got ${r.type}` };
  if (l.type === "bool" && r.type === "bool") {
    return { ok: true, value: { type: "bool", value: op === "||" ? l.value || r.value : l.value && r.value } };
  }
  if (l.type === "string" && r.type === "string") {
    if (op === "+") return { ok: true, value: { type: "string", value: l.value + r.value } };
    const cmp = l.value < r.value ? -1 : l.value > r.value ? 1 : 0;
    return { ok: true, value: { type: "bool", value: compare(op, cmp) } };
  }
  if (l.type === "number" && r.type === "number") {
    const kind = l.kind === "float" || r.kind === "float" ? "float" : l.kind === "int" || r.kind === "int" ? "int" : "uint";
    if ((op === "/" || op === "%") && r.value === 0) return { ok: false, message: "divide by zero error" };
    const num = (value: number): Folded => ({ ok: true, value: { type: "number", value, kind } });
    switch (op) {
      case "+":
        return num(l.value + r.value);
      case "-":
        return num(l.value - r.value);
      case "*":
        return num(l.value * r.value);
      case "/":
        return num(kind === "float" ? l.value / r.value : Math.trunc(l.value / r.value));
      case "%":
        return num(l.value % r.value);
      case "^":
        return num(Math.pow(l.value, r.value));
      default:
        return { ok: true, value: { type: "bool", value: compare(op, Math.sign(l.value - r.value)) } };
    }
  }
  return { ok: false, message: `expected ${l.type}, got ${r.type}` };
}

function compare(op: BinaryOp, cmp: number): boolean {
  switch (op) {
    case "<":
      return cmp < 0;
    case ">":
      return cmp > 0;
    case "<=":
      return cmp <= 0;
    default:
      return cmp >= 0;
  }
}
