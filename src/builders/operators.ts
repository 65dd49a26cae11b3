import type { BinaryOp, Expr } from "../ast/index.js";
import * as f from "../ast/factory.js";
import { expression, type Expression, toExpr } from "./expression.js";

/**
 * Alloy's operators as typed expressions: `op.add(a, b)` is `a + b` (numbers, or strings joined),
 * `op.eq(a, b)` is `a == b`, `op.paren(x)` is `(x)`. Each operand may be a value or an
 * expression; the result is an expression of the type the operator yields.
 */

type Value<T> = T | Expression<T>;

function binary<T>(operator: BinaryOp) {
  return (left: unknown, right: unknown): Expression<T> => expression<T>(f.binary(operator, operand(left), operand(right)));
}

function operand(value: unknown): Expr {
  return toExpr(value, "operand");
}

export const op = Object.freeze({
  /** `a + b`: numbers added, or strings joined. */
  add: binary("+") as <T extends string | number>(left: Value<T>, right: Value<T>) => Expression<T>,
  /** `a - b` */
  sub: binary<number>("-") as (left: Value<number>, right: Value<number>) => Expression<number>,
  /** `a * b` */
  mul: binary<number>("*") as (left: Value<number>, right: Value<number>) => Expression<number>,
  /** `a / b` */
  div: binary<number>("/") as (left: Value<number>, right: Value<number>) => Expression<number>,
  /** `a % b` */
  mod: binary<number>("%") as (left: Value<number>, right: Value<number>) => Expression<number>,
  /** `a ^ b` (power) */
  pow: binary<number>("^") as (left: Value<number>, right: Value<number>) => Expression<number>,
  /** `a == b` */
  eq: binary<boolean>("==") as (left: unknown, right: unknown) => Expression<boolean>,
  /** `a != b` */
  ne: binary<boolean>("!=") as (left: unknown, right: unknown) => Expression<boolean>,
  /** `a < b` */
  lt: binary<boolean>("<") as <T extends string | number>(left: Value<T>, right: Value<T>) => Expression<boolean>,
  /** `a <= b` */
  le: binary<boolean>("<=") as <T extends string | number>(left: Value<T>, right: Value<T>) => Expression<boolean>,
  /** `a > b` */
  gt: binary<boolean>(">") as <T extends string | number>(left: Value<T>, right: Value<T>) => Expression<boolean>,
  /** `a >= b` */
  ge: binary<boolean>(">=") as <T extends string | number>(left: Value<T>, right: Value<T>) => Expression<boolean>,
  /** `a && b` */
  and: binary<boolean>("&&") as (left: Value<boolean>, right: Value<boolean>) => Expression<boolean>,
  /** `a || b` */
  or: binary<boolean>("||") as (left: Value<boolean>, right: Value<boolean>) => Expression<boolean>,
  /** `!a` */
  not: (value: Value<boolean>): Expression<boolean> => expression(f.unary("!", operand(value))),
  /** `-a` */
  neg: (value: Value<number>): Expression<number> => expression(f.unary("-", operand(value))),
  /** `(a)`: parentheses, as a source wrote them. */
  paren: <T>(value: Value<T>): Expression<T> => expression(f.paren(operand(value))),
});
