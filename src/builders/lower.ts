import type { Block, Expr, Stmt } from "../ast/index.js";
import * as f from "../ast/factory.js";
import { capsuleKindOf } from "../schema/capsules.js";
import { BuildError, pathInMessage } from "./errors.js";
import { isExpression, isPlainObject, rawNodes, toExpr, ValueError } from "./expression.js";
import type { CallSite } from "./origin.js";
import { attributesOnly, type BlockShape, type BodyShape, type GroupShape } from "./shape.js";
import { isCommentItem, scopeOf, valueComments } from "./scope.js";
import { commentTag, siteTag } from "./tags.js";
import { nodeTrivia, valueTrivia } from "./trivia.js";

/**
 * Turns a builder's argument object into Alloy statements, by the entry's shape: keys that name
 * blocks become blocks (a list → repeated blocks; a `label` key → the block label), keys that
 * name a group hold `{ "stage.x": {...} }` elements in order, every other key is an attribute.
 * Key order is output order. Lowering happens when the builder is called, so a value with no
 * Alloy form is reported at that call.
 */

/** What a builder call made: the block, and what the config needs to know about it. */
export interface BlockRecord {
  /** `loki.write`, or a custom component's name. */
  readonly name: string;
  readonly label: string | undefined;
  readonly site: CallSite;
  /** The synthetic block (positions come from the layout). */
  readonly stmt: Block;
  /** Expressions in the block that refer to other built blocks. */
  readonly refs: readonly Reference[];
  /** Expressions in the block that hold `raw(...)` text. */
  readonly raws: readonly Expr[];
  /** Nested blocks made by helpers that know their own call site (stages, relabel rules). */
  readonly nested: readonly NestedSite[];
  /** Nested scopes: a custom component's declaration body, `foreach > template` bodies. */
  readonly scopes: readonly Scope[];
  /** A custom component instance: the declaration it needs in scope. */
  readonly requires?: BlockRecord;
  /** Exports made so far (made on first use: most components use one of theirs). */
  exports: Record<string, unknown> | undefined;
}

export interface Reference {
  /** The expression as used (a copy per use, so each use gets its own position). */
  readonly expr: Expr;
  readonly target: BlockRecord;
  /** The referenced path as written, for messages. */
  readonly text: string;
}

export interface NestedSite {
  readonly stmt: Stmt;
  readonly site: CallSite;
}

/** The items of one config or declaration body, in order, with the comments before each. */
export interface Scope {
  readonly records: readonly BlockRecord[];
  /** Comments before each record's block. */
  readonly comments: ReadonlyMap<BlockRecord, readonly string[]>;
  /** Comments after the last item. */
  readonly trailing: readonly string[];
  /** A module body (`declare`): it cannot see the blocks around it. */
  readonly isolated: boolean;
}

/**
 * An export's AST node points at the block it belongs to through a non-enumerable property: the
 * layout's copies do not carry it, and unlike a WeakMap it costs the garbage collector nothing
 * (a 100,000-component config has hundreds of thousands of exports).
 */
const target: unique symbol = Symbol("alloyc.target");

export function markTarget(e: Expr, record: BlockRecord): void {
  Object.defineProperty(e, target, { value: record });
}

function targetOf(e: Expr): BlockRecord | undefined {
  return (e as { [target]?: BlockRecord })[target];
}

/** Comments for synthetic statements inside blocks (read by the layout). */
export const stmtComments = new WeakMap<Stmt, readonly string[]>();

export class BodyLowering {
  readonly refs: Reference[] = [];
  readonly raws: Expr[] = [];
  readonly nested: NestedSite[] = [];
  readonly scopes: Scope[] = [];

  constructor(private readonly site: CallSite) {}

  /** Lowers `args` (a plain object) by `shape`; `skip` leaves out a key (a block's `label`). */
  body(args: object, shape: BodyShape, where: string, skip?: string): Stmt[] {
    const out: Stmt[] = [];
    for (const key of Object.keys(args)) {
      const value: unknown = (args as Record<string, unknown>)[key];
      if (value === undefined || key === skip) continue;
      const at = `${where}.${key}`;
      const block = shape.blocks?.[key];
      const group = shape.groups?.[key];
      if (block) this.blocks(key, value, block, at, out);
      else if (group) this.group(value, group, at, out);
      else out.push(withComments(f.attribute(key, this.value(value, at)), value));
    }
    return out;
  }

  /** An attribute value: JS values become literals; expressions are copied and their references noted. */
  value(value: unknown, where: string): Expr {
    return toExpr(value, where, (e) => this.use(e));
  }

  private use(e: Expr): Expr {
    const copy: Expr = { ...e };
    let text: string | undefined;
    const visit = (n: Expr): void => {
      const to = targetOf(n);
      if (to) this.refs.push({ expr: copy, target: to, text: (text ??= exprText(n)) });
      if (rawNodes.has(n)) this.raws.push(copy);
      forEachChild(n, visit);
    };
    visit(e);
    return copy;
  }

  private blocks(name: string, value: unknown, shape: BlockShape, where: string, out: Stmt[]): void {
    if (shape.body.config) {
      // `foreach > template`: a nested configuration, written as a list of items.
      const scope = scopeOf(Array.isArray(value) ? value : [value], this.site, where, false);
      this.scopes.push(scope);
      out.push(f.block(name, undefined, scope.records.map((r) => r.stmt)));
      return;
    }
    this.elements(value, where, (el, at, comments) => out.push(this.block(name, el, shape, at, comments)));
  }

  private group(value: unknown, group: GroupShape, where: string, out: Stmt[]): void {
    this.elements(value, where, (el, at, comments) => {
      const keys = Object.keys(el);
      if (keys.length !== 1) {
        throw new ValueError(`${at}: each element holds exactly one block, such as { "${Object.keys(group)[0] ?? "name"}": {...} }; got ${keys.length}`);
      }
      const name = keys[0] as string;
      const inner: unknown = (el as Record<string, unknown>)[name];
      const stmt = this.block(name, inner, group[name] ?? { body: attributesOnly }, `${at}["${name}"]`, comments);
      const t = valueTrivia.get(el);
      if (t) nodeTrivia.set(stmt, t);
      const site = (el as { [siteTag]?: CallSite })[siteTag];
      if (site) this.nested.push({ stmt, site });
      out.push(stmt);
    });
  }

  /** Calls `each` for every body in a block value (one object, or a list with comment items). */
  private elements(value: unknown, where: string, each: (el: object, at: string, comments: string[]) => void): void {
    const list: readonly unknown[] = Array.isArray(value) ? value : [value];
    let pending: string[] = [];
    list.forEach((el, i) => {
      const at = Array.isArray(value) ? `${where}[${i}]` : where;
      if (isCommentItem(el)) {
        pending.push(el[commentTag]);
        return;
      }
      if (typeof el !== "object" || el === null || Array.isArray(el) || isExpression(el) || capsuleKindOf(el) !== undefined || !isPlainObject(el)) {
        throw new ValueError(`${at}: this is a block; give it an object of its attributes and blocks`);
      }
      each(el, at, pending);
      pending = [];
    });
    if (pending.length > 0) throw new ValueError(`${where}: a comment(...) must come before the block it describes`);
  }

  private block(name: string, el: unknown, shape: BlockShape, where: string, comments: readonly string[]): Block {
    if (typeof el !== "object" || el === null || Array.isArray(el) || !isPlainObject(el)) {
      throw new ValueError(`${where}: this is a block; give it an object of its attributes and blocks`);
    }
    let label: string | undefined;
    if (shape.labeled) {
      const l: unknown = (el as { label?: unknown }).label;
      if (typeof l !== "string") throw new ValueError(`${where}: ${name} blocks take a label: give the body a label: "..." key`);
      label = l;
    }
    const body = this.body(el, shape.body, where, shape.labeled ? "label" : undefined);
    const stmt = withComments(f.block(name, label, body), el, comments);
    const site = (el as { [siteTag]?: CallSite })[siteTag];
    if (site) this.nested.push({ stmt, site });
    return stmt;
  }
}

/** Lowers a builder's arguments; a value with no Alloy form becomes a BuildError at `site`. */
export function lowerBlock(
  name: string,
  label: string | undefined,
  args: unknown,
  shape: BodyShape,
  site: CallSite,
): { stmt: Block; lowering: BodyLowering } {
  const title = label === undefined ? name : `${name} "${label}"`;
  if (args !== undefined && (typeof args !== "object" || args === null || Array.isArray(args) || !isPlainObject(args))) {
    throw new BuildError(`${title}: the arguments must be an object`, site);
  }
  const lowering = new BodyLowering(site);
  try {
    return { stmt: f.block(name, label, lowering.body(args ?? {}, shape, title)), lowering };
  } catch (e) {
    if (e instanceof ValueError) throw new BuildError(e.message, site, undefined, [], pathInMessage(e.message, title));
    throw e;
  }
}

function withComments<S extends Stmt>(stmt: S, value: unknown, before: readonly string[] = []): S {
  const attached = typeof value === "object" && value !== null ? valueComments.get(value) : undefined;
  const t = typeof value === "object" && value !== null ? valueTrivia.get(value) : undefined;
  if (t) nodeTrivia.set(stmt, t);
  const all = attached ? [...before, ...attached] : before;
  if (all.length > 0) stmtComments.set(stmt, all);
  return stmt;
}

export function forEachChild(e: Expr, visit: (child: Expr) => void): void {
  switch (e.kind) {
    case "Access":
      return visit(e.value);
    case "Index":
      visit(e.value);
      return visit(e.index);
    case "Call":
      visit(e.callee);
      return e.args.forEach(visit);
    case "Unary":
      return visit(e.operand);
    case "Binary":
      visit(e.left);
      return visit(e.right);
    case "Paren":
      return visit(e.inner);
    case "Array":
      return e.elements.forEach(visit);
    case "Object":
      return e.fields.forEach((fl) => visit(fl.value));
    case "Identifier":
    case "Literal":
      return;
  }
}

/** `loki.write.default.receiver` for a reference path (identifiers and accesses only). */
export function exprText(e: Expr): string {
  if (e.kind === "Identifier") return e.name;
  if (e.kind === "Access") return `${exprText(e.value)}.${e.name.name}`;
  return "expression";
}
