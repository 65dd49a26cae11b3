import type { Expr, ObjectField } from "../ast/index.js";
import * as f from "../ast/factory.js";
import { type Capsule, capsuleKindOf } from "../schema/capsules.js";
import { blockTag } from "./tags.js";
import { nodeTrivia, valueTrivia } from "./trivia.js";

/**
 * Typed Alloy expressions: what an attribute holds when it is not a plain value. A reference to
 * another component's export, a standard-library call, an argument of a custom component and a
 * raw escape hatch are all `Expression<T>`, where `T` is the Alloy value the expression yields.
 * The brand is nominal and covariant in `T`: `Expression<string>` fits where a string is expected,
 * not where a number is. Capsules (src/schema/capsules.ts) are separate brands and lower the
 * same way: both carry the AST they print as.
 */

/** `Symbol.for`, so that two loaded copies of alloyc recognise each other's expressions. */
export const expressionBrand: unique symbol = Symbol.for("alloyc.expression") as never;

/** Carries `T` for the type checker only; at run time it is an empty object. */
export interface ValueTag<T> {
  readonly valueType?: T;
}

export interface Expression<T> {
  readonly [expressionBrand]: ValueTag<T>;
  /** The AST the expression prints as (synthetic: positions are assigned by the layout). */
  readonly expr: Expr;
}

/** A secret string: it converts to `secret` attributes only (Alloy refuses secret → string). */
export type Secret = string & { readonly __alloySecret?: true };

const TAG: ValueTag<never> = Object.freeze({});

/** Wraps an AST as an expression of type `T` (no check that it yields a `T`). */
export function expression<T>(expr: Expr): Expression<T> {
  return Object.freeze({ [expressionBrand]: TAG as ValueTag<T>, expr });
}

export function isExpression(value: unknown): value is Expression<unknown> {
  return typeof value === "object" && value !== null && expressionBrand in value;
}

/**
 * A reference by its dotted Alloy path, for things alloyc did not build: `ref("foreach_item")`,
 * a component from an imported module. Exports of built components are typed already
 * (`write.receiver`); prefer those.
 */
export function ref<T = unknown>(dotted: string): Expression<T> {
  return expression(f.path(dotted));
}

/**
 * The escape hatch: Alloy expression text printed exactly as given, on one line. The checker does
 * not look inside it, and alloyc does not reformat it, so write it as `alloy fmt` would.
 */
export function raw<T = any>(text: string): Expression<T> {
  if (text.includes("\n")) throw new TypeError("raw(): the expression must fit on one line");
  if (text.trim() === "") throw new TypeError("raw(): the expression is empty");
  const node = f.ident(text);
  rawNodes.add(node);
  return expression<T>(node);
}

/** AST nodes made by `raw`: the checker's findings inside them are dropped (see check.ts). */
export const rawNodes = new WeakSet<Expr>();

/** `value[key]`: an element of a list or a key of a map. */
export function index<T>(
  value: Expression<readonly T[]> | Expression<Readonly<Record<string, T>>>,
  key: number | string | Expression<number> | Expression<string>,
): Expression<T> {
  return expression(f.index(value.expr, toExpr(key)));
}

/** `value.name`: a field of an object. */
export function field<T extends object, K extends keyof T & string>(value: Expression<T>, name: K): Expression<T[K]> {
  return expression(f.access(value.expr, name));
}

/** A call of any Alloy function by name; the typed standard library (stdlib.gen.ts) is built on it. */
export function call<T>(fn: string, ...args: readonly unknown[]): Expression<T> {
  return expression(f.call(f.path(fn), args.map((a) => toExpr(a))));
}

// --- JavaScript values → Alloy expressions ----------------------------------------------------

/** Array and object values the builder marked to print on several lines (`lines`) or on one (`inline`). */
export const layoutMarks = new WeakMap<object, boolean>();

/** Prints an array one element per line, an object one field per line, or a call one argument per line. */
export function lines<T extends object>(value: T): T {
  layoutMarks.set(value, true);
  return value;
}

/** Prints an array or object on one line. */
export function inline<T extends object>(value: T): T {
  layoutMarks.set(value, false);
  return value;
}

/** Objects whose keys (all, or the ones listed) print quoted: `{ "job" = "x" }`. */
const quotedKeys = new WeakMap<object, ReadonlySet<string> | true>();

/** Prints the keys of an object (all of them, or the ones listed) as strings, `"job" = "x"`, as a source may write them. */
export function quoted<T extends object>(value: T, keys?: readonly (keyof T & string)[]): T {
  quotedKeys.set(value, keys === undefined ? true : new Set(keys));
  return value;
}

function quotedField(key: string, value: Expr, keys: ReadonlySet<string> | true): ObjectField {
  const field = f.field(key, value);
  if (field.key.quoted || (keys !== true && !keys.has(key))) return field;
  return { ...field, key: { ...field.key, quoted: true } };
}

/**
 * A raw string, `` `text` ``, printed as written (no escapes: a regular expression reads as it
 * is). The text may hold line breaks, not a backtick.
 */
export function rawString(text: string): Expression<string> {
  if (text.includes("`")) throw new TypeError("rawString(): a raw string cannot hold a backtick");
  return expression({ kind: "Literal", literalKind: "string", raw: `\`${text}\``, span: { start: 0, end: 0 } });
}

/** The marks, transferred to the AST nodes made from marked values (read by the layout). */
export const nodeMarks = new WeakMap<Expr, boolean>();

/** Thrown for a value that has no Alloy form; `path` names where it was found. */
export class ValueError extends TypeError {
  override readonly name = "ValueError";
}

/**
 * The Alloy expression for a JavaScript value: strings, finite numbers, booleans, null, arrays,
 * plain objects (Alloy objects; keys that are not identifiers are quoted), expressions and
 * capsules. `onExpression` sees the AST of every expression and capsule found and returns the
 * node to use in its place (the lowering copies it, so each use gets its own position).
 */
export function toExpr(value: unknown, where = "value", onExpression?: (e: Expr) => Expr): Expr {
  switch (typeof value) {
    case "string":
      return f.string(value);
    case "number":
      if (!Number.isFinite(value)) throw new ValueError(`${where}: Alloy has no number ${value}`);
      return f.number(value);
    case "boolean":
      return f.bool(value);
    case "object": {
      if (value === null) return f.nullLiteral();
      if (isExpression(value) || capsuleKindOf(value) !== undefined) {
        const expr = (value as Expression<unknown> | Capsule<string>).expr;
        const node = withTrivia(value, onExpression ? onExpression(expr) : expr);
        const mark = layoutMarks.get(value);
        if (mark !== undefined) nodeMarks.set(node, mark);
        return node;
      }
      if (blockTag in value) {
        throw new ValueError(`${where}: a component is not a value; pass one of its exports, such as .receiver or .targets`);
      }
      let node: Expr;
      if (Array.isArray(value)) {
        node = f.array(value.map((v, i) => toExpr(v, `${where}[${i}]`, onExpression)));
      } else if (isPlainObject(value)) {
        const fields: Array<readonly [string, Expr]> = [];
        for (const [k, v] of Object.entries(value)) {
          if (v !== undefined) fields.push([k, toExpr(v, `${where}.${k}`, onExpression)]);
        }
        const keys = quotedKeys.get(value);
        node = keys === undefined ? f.object(fields) : { ...f.object([]), fields: fields.map(([k, v]) => quotedField(k, v, keys)) };
      } else {
        throw new ValueError(`${where}: ${describe(value)} has no Alloy form; pass one of its exports, such as .receiver`);
      }
      const mark = layoutMarks.get(value);
      if (mark !== undefined) nodeMarks.set(node, mark);
      return withTrivia(value, node);
    }
    default:
      throw new ValueError(`${where}: a ${typeof value} has no Alloy form`);
  }
}

/** Moves a value's trivia (trivia.ts) to the node it became; a new node, so uses never share it. */
function withTrivia(value: object, node: Expr): Expr {
  const t = valueTrivia.get(value);
  if (t === undefined) return node;
  // A copy (with the reference mark lower.ts keeps on it): the node may be an export's, shared by every use.
  const own = Object.defineProperties({}, Object.getOwnPropertyDescriptors(node)) as Expr;
  if (rawNodes.has(node)) rawNodes.add(own);
  const mark = nodeMarks.get(node);
  if (mark !== undefined) nodeMarks.set(own, mark);
  nodeTrivia.set(own, t);
  return own;
}

export function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: object): string {
  const name = (value as { constructor?: { name?: string } }).constructor?.name;
  return name ? `a ${name}` : "this object";
}
