import type { Expr, Stmt } from "../ast/index.js";
import * as f from "../ast/factory.js";
import { capsuleKindOf } from "../schema/capsules.js";
import { expression, type Expression, isExpression, layoutMarks } from "./expression.js";

/**
 * The comments and blank lines around a value, exactly as a source had them: what `alloyc import`
 * writes so that a config compiles back to the file it came from. `comment(...)` is the way to
 * annotate a pipeline by hand; `trivia` says precisely where each line goes.
 */
export interface Trivia {
  /**
   * The lines above the statement, list element or object field the value becomes: comment text
   * as written (`// a`, `/* b *\/`), or "" for a blank line. When given (even empty), the
   * layout adds no blank line of its own.
   */
  readonly before?: readonly string[];
  /** A comment after it on its last line (after the `,` in a list or object). */
  readonly after?: string;
  /** A comment after the opening `{` or `[` of the block, list or object it becomes. */
  readonly open?: string;
  /** The lines before its closing `}` or `]` (comments and blank lines, as in `before`). */
  readonly end?: readonly string[];
}

/** The value a trivia holder wraps (an export or expression given trivia; itself maybe a holder), for code that compares values. */
export const wrappedValue = new WeakMap<object, unknown>();

/** Trivia by the value it was given for (the lowering moves it to the AST it makes). */
export const valueTrivia = new WeakMap<object, Trivia>();
/** Trivia of lowered statements and expressions (read by the layout). */
export const nodeTrivia = new WeakMap<Stmt | Expr, Trivia>();

type Widen<T> = T extends string ? string : T extends number ? number : T extends boolean ? boolean : T;

/**
 * `value` with the comments and blank lines `spec` places around it. An object or list carries
 * them itself; anything else (a string, an export, an expression) is wrapped in a new expression,
 * so an export used in several places keeps each use's own trivia.
 */
export function trivia<T>(spec: Trivia, value: T): T extends object ? T : Expression<Widen<T>> {
  let holder: object;
  if (typeof value === "function") holder = value; // a custom component's declaration
  else if (typeof value === "object" && value !== null && !isExpression(value) && capsuleKindOf(value) === undefined) holder = value;
  else if (typeof value === "object" && value !== null) holder = expression((value as unknown as Expression<unknown>).expr);
  else holder = expression(literal(value));
  // trivia(a, trivia(b, x)): both apply (a wins where they say the same thing).
  const inner = typeof value === "object" && value !== null ? valueTrivia.get(value) : undefined;
  valueTrivia.set(holder, inner ? { ...inner, ...spec } : spec);
  const mark = typeof value === "object" && value !== null ? layoutMarks.get(value) : undefined;
  if (mark !== undefined && holder !== value) layoutMarks.set(holder, mark);
  if (holder !== value) wrappedValue.set(holder, value);
  return holder as never;
}

function literal(value: unknown): Expr {
  if (typeof value === "string") return f.string(value);
  if (typeof value === "number") return f.number(value);
  if (typeof value === "boolean") return f.bool(value);
  if (value === null) return f.nullLiteral();
  throw new TypeError("trivia(spec, value): value must be an object, a string, a number, a boolean or null");
}
