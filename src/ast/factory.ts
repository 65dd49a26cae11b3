import { isValidIdentifier } from "./identifiers.js";
import { quoteInner } from "./quote.js";
import type {
  AccessExpr,
  ArrayExpr,
  Attribute,
  BinaryExpr,
  BinaryOp,
  Block,
  CallExpr,
  Expr,
  Identifier,
  IndexExpr,
  Literal,
  ObjectExpr,
  ObjectField,
  ParenExpr,
  Stmt,
  UnaryExpr,
  UnaryOp,
} from "./nodes.js";

/**
 * Synthetic constructors for code that writes Alloy rather than parsing it (the builders, tests).
 * Every node gets the empty span: positions are assigned afterwards, in one pass over the finished
 * tree, by a layout that decides where each node would sit in canonically written text
 * (src/builders/layout.ts). Literal text is produced here, so a literal always reads back as the
 * value it was made from.
 */

const NO_SPAN = Object.freeze({ start: 0, end: 0 });

export function ident(name: string): Identifier {
  return { kind: "Identifier", name, span: NO_SPAN };
}

/** `a.b.c` from `"a.b.c"`: an identifier followed by field accesses. */
export function path(dotted: string): Identifier | AccessExpr {
  const [first, ...rest] = dotted.split(".");
  let e: Identifier | AccessExpr = ident(first as string);
  for (const name of rest) e = access(e, name);
  return e;
}

export function access(value: Expr, name: string): AccessExpr {
  return { kind: "Access", value, name: ident(name), span: NO_SPAN };
}

export function index(value: Expr, key: Expr): IndexExpr {
  return { kind: "Index", value, index: key, lbracket: 0, span: NO_SPAN };
}

export function call(callee: Expr, args: readonly Expr[]): CallExpr {
  return { kind: "Call", callee, args, lparen: 0, span: NO_SPAN };
}

export function unary(op: UnaryOp, operand: Expr): UnaryExpr {
  return { kind: "Unary", op, operand, span: NO_SPAN };
}

export function binary(op: BinaryOp, left: Expr, right: Expr): BinaryExpr {
  return { kind: "Binary", op, opSpan: NO_SPAN, left, right, span: NO_SPAN };
}

export function paren(inner: Expr): ParenExpr {
  return { kind: "Paren", inner, span: NO_SPAN };
}

export function array(elements: readonly Expr[]): ArrayExpr {
  return { kind: "Array", elements, span: NO_SPAN };
}

/** An object; keys that are not identifiers are written as quoted strings. */
export function object(fields: ReadonlyArray<readonly [string, Expr]>): ObjectExpr {
  return { kind: "Object", fields: fields.map(([k, v]) => field(k, v)), span: NO_SPAN };
}

export function field(key: string, value: Expr): ObjectField {
  const quoted = !isValidIdentifier(key);
  return {
    kind: "ObjectField",
    key: { kind: "ObjectKey", name: quoted ? quoteInner(key) : key, quoted, span: NO_SPAN },
    value,
    span: NO_SPAN,
  };
}

/** A double-quoted string literal with Go escapes, as Alloy reads it back. */
export function string(value: string): Literal {
  return { kind: "Literal", literalKind: "string", raw: `"${quoteInner(value)}"`, span: NO_SPAN };
}

/**
 * A number literal. Alloy has no negative literals, so `-5` is the unary minus of `5`; JavaScript
 * prints every finite number in a form Alloy's scanner reads back (`1e+21` included).
 */
export function number(value: number): Literal | UnaryExpr {
  if (!Number.isFinite(value)) throw new RangeError(`Alloy has no literal for ${value}`);
  if (value < 0 || Object.is(value, -0)) return unary("-", number(-value) as Literal);
  const raw = String(value);
  return { kind: "Literal", literalKind: /^\d+$/.test(raw) ? "number" : "float", raw, span: NO_SPAN };
}

export function bool(value: boolean): Literal {
  return { kind: "Literal", literalKind: "bool", raw: value ? "true" : "false", span: NO_SPAN };
}

export function nullLiteral(): Literal {
  return { kind: "Literal", literalKind: "null", raw: "null", span: NO_SPAN };
}

export function attribute(name: string, value: Expr): Attribute {
  return { kind: "Attribute", name: sharedName(name), value, span: NO_SPAN };
}

/** `name "label" { body }`; the dotted name becomes its fragments, the label is stored quoted-inner. */
export function block(name: string, label: string | undefined, body: readonly Stmt[]): Block {
  let fragments = blockNames.get(name);
  if (fragments === undefined) {
    fragments = Object.freeze(name.split(".").map(sharedName));
    blockNames.set(name, fragments);
  }
  return {
    kind: "Block",
    name: fragments,
    ...(label !== undefined && label !== "" ? { label: { kind: "Label", value: quoteInner(label), span: NO_SPAN } } : {}),
    lbrace: 0,
    body,
    span: NO_SPAN,
  };
}

// Nodes are immutable and positioned later by copying, so the identifiers of attribute and
// block names (a few hundred distinct ones, used by every block) are made once and shared.
const names = new Map<string, Identifier>();
const blockNames = new Map<string, readonly Identifier[]>();

function sharedName(name: string): Identifier {
  let id = names.get(name);
  if (id === undefined) {
    id = Object.freeze(ident(name));
    names.set(name, id);
  }
  return id;
}
