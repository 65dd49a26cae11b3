/**
 * Component arguments as plain values, for the simulator: literals, operators, string and list
 * functions of the standard library that are pure, `sys.env` from the values the user gives, and
 * references the caller can resolve (another component's static export). Anything else (a
 * component's runtime export, `constants.hostname`, `file.*` reads) is a SimulateError naming the
 * argument: "cannot evaluate argument X at file:line:col: why". Lives in the facade because it
 * joins the AST, the checker's literal rules and the simulator's types.
 */
import { blockName, type Block, type Expr, type Stmt } from "./ast/index.js";
import { foldBinary, foldUnary, unquote, type ConstValue } from "./check/values.js";
import { LineIndex } from "./diag/index.js";
import { stdlibReplacement } from "./schema/index.js";
import { SimulateError } from "./simulate/errors.js";
import type { RuleSpec, SourcePos, StageBlockValue, StageSpec } from "./simulate/types.js";

export interface EvalContext {
  /** The file name for positions. */
  readonly file: string;
  readonly lines: LineIndex;
  /** `sys.env` values; an unset variable is "" as in Alloy. */
  readonly env: Readonly<Record<string, string>>;
  /** Resolves a reference (`local.file.x.content`); undefined when it is not static. */
  readonly resolve?: (path: readonly string[]) => unknown;
}

export function evalContext(file: string, lineStarts: readonly number[], env: Readonly<Record<string, string>> = {}, resolve?: EvalContext["resolve"]): EvalContext {
  return { file, lines: new LineIndex(lineStarts), env, ...(resolve ? { resolve } : {}) };
}

export function positionOf(ctx: EvalContext, offset: number): SourcePos {
  const line = ctx.lines.line(offset);
  return { file: ctx.file, line, col: offset - (ctx.lines.lineStarts[line - 1] ?? 0) + 1 };
}

/** Thrown inside evaluation, turned into a SimulateError naming the argument by `evaluateArgument`. */
class CannotEvaluate extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** The value of one argument; `name` is how the message names it (`rule.regex`). */
export function evaluateArgument(name: string, expr: Expr, ctx: EvalContext): unknown {
  try {
    return evaluate(expr, ctx);
  } catch (e) {
    if (!(e instanceof CannotEvaluate)) throw e;
    const pos = positionOf(ctx, e.offset);
    throw new SimulateError(`cannot evaluate argument ${name} at ${pos.file}:${pos.line}:${pos.col}: ${e.message}`, pos);
  }
}

function evaluate(expr: Expr, ctx: EvalContext): unknown {
  switch (expr.kind) {
    case "Literal":
      return fromConst(literalConst(expr.literalKind, expr.raw));
    case "Paren":
      return evaluate(expr.inner, ctx);
    case "Array":
      return expr.elements.map((e) => evaluate(e, ctx));
    case "Object":
      return Object.fromEntries(expr.fields.map((f) => [f.key.quoted ? unquote(`"${f.key.name}"`) : f.key.name, evaluate(f.value, ctx)]));
    case "Unary": {
      const folded = foldUnary(expr.op, toConst(evaluate(expr.operand, ctx), expr.operand.span.start));
      if (!folded.ok) throw new CannotEvaluate(folded.message, expr.span.start);
      return fromConst(folded.value);
    }
    case "Binary": {
      const left = evaluate(expr.left, ctx);
      if (expr.op === "&&" && left === false) return false;
      if (expr.op === "||" && left === true) return true;
      const right = evaluate(expr.right, ctx);
      if ((expr.op === "==" || expr.op === "!=") && (typeof left === "object" || typeof right === "object")) {
        const same = JSON.stringify(left) === JSON.stringify(right);
        return expr.op === "==" ? same : !same;
      }
      if (expr.op === "+" && Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
      const folded = foldBinary(toConst(left, expr.left.span.start), expr.op, toConst(right, expr.right.span.start));
      if (!folded.ok) throw new CannotEvaluate(folded.message, expr.opSpan.start);
      return fromConst(folded.value);
    }
    case "Index": {
      const value = evaluate(expr.value, ctx);
      const index = evaluate(expr.index, ctx);
      if (Array.isArray(value) && typeof index === "number") return value[index] ?? null;
      if (isRecord(value) && typeof index === "string") return Object.hasOwn(value, index) ? value[index] : null;
      throw new CannotEvaluate(`cannot index ${typeName(value)} with ${typeName(index)}`, expr.lbracket);
    }
    case "Identifier":
    case "Access": {
      const path = referencePath(expr);
      const resolved = path ? ctx.resolve?.(path) : undefined;
      if (resolved !== undefined) return resolved;
      if (expr.kind === "Access") {
        const value = path ? undefined : evaluate(expr.value, ctx);
        if (isRecord(value)) return Object.hasOwn(value, expr.name.name) ? value[expr.name.name] : null;
      }
      throw new CannotEvaluate(`${path ? path.join(".") : "this value"} is not known before the pipeline runs (only literals, pure standard-library calls, sys.env and static exports are)`, expr.span.start);
    }
    case "Call":
      return call(expr, ctx);
  }
}

function referencePath(expr: Expr): string[] | undefined {
  if (expr.kind === "Identifier") return [expr.name];
  if (expr.kind !== "Access") return undefined;
  const base = referencePath(expr.value);
  return base ? [...base, expr.name.name] : undefined;
}

function call(expr: Extract<Expr, { kind: "Call" }>, ctx: EvalContext): unknown {
  const path = referencePath(expr.callee);
  const written = path?.join(".") ?? "this function";
  const name = stdlibReplacement(written) ?? written;
  const fn = FUNCTIONS[name];
  if (!fn) {
    const why = name.startsWith("constants.") || name.startsWith("file.") && name !== "file.path_join" ? "depends on the host it runs on" : "is not supported by the simulator";
    throw new CannotEvaluate(`${written} ${why}`, expr.span.start);
  }
  const args = expr.args.map((a) => evaluate(a, ctx));
  try {
    return fn(args, ctx);
  } catch (e) {
    if (e instanceof CannotEvaluate) throw e;
    throw new CannotEvaluate(`${written}: ${e instanceof Error ? e.message : String(e)}`, expr.span.start);
  }
}

type Fn = (args: unknown[], ctx: EvalContext) => unknown;

function str(args: unknown[], i: number): string {
  const v = args[i];
  if (typeof v !== "string") throw new Error(`argument ${i + 1} must be a string, got ${typeName(v)}`);
  return v;
}
function list(args: unknown[], i: number): unknown[] {
  const v = args[i];
  if (!Array.isArray(v)) throw new Error(`argument ${i + 1} must be a list, got ${typeName(v)}`);
  return v;
}

const FUNCTIONS: Record<string, Fn> = {
  "sys.env": (a, ctx) => ctx.env[str(a, 0)] ?? "",
  "string.format": (a) => goSprintf(str(a, 0), a.slice(1)),
  "string.join": (a) => list(a, 0).map((v, i) => str(list(a, 0), i)).join(str(a, 1)),
  "string.replace": (a) => str(a, 0).replaceAll(str(a, 1), str(a, 2)),
  "string.split": (a) => str(a, 0).split(str(a, 1)),
  "string.to_lower": (a) => str(a, 0).toLowerCase(),
  "string.to_upper": (a) => str(a, 0).toUpperCase(),
  "string.trim": (a) => trimCutset(str(a, 0), str(a, 1)),
  "string.trim_prefix": (a) => (str(a, 0).startsWith(str(a, 1)) ? str(a, 0).slice(str(a, 1).length) : str(a, 0)),
  "string.trim_suffix": (a) => (str(a, 1) !== "" && str(a, 0).endsWith(str(a, 1)) ? str(a, 0).slice(0, -str(a, 1).length) : str(a, 0)),
  "string.trim_space": (a) => str(a, 0).replace(/^[\s\u0085]+|[\s\u0085]+$/gu, ""),
  "array.concat": (a) => a.flatMap((_, i) => list(a, i)),
  coalesce: (a) => a.find((v) => !isZero(v)) ?? a.at(-1) ?? null,
  "convert.nonsensitive": (a) => str(a, 0),
  "encoding.from_json": (a) => JSON.parse(str(a, 0)) as unknown,
  "encoding.to_json": (a) => JSON.stringify(a[0]),
  "encoding.url_encode": (a) => encodeURIComponent(str(a, 0)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replaceAll("%20", "+"),
  "encoding.url_decode": (a) => decodeURIComponent(str(a, 0).replaceAll("+", " ")),
};

function trimCutset(s: string, cutset: string): string {
  const chars = new Set(cutset);
  const cps = [...s];
  let start = 0;
  let end = cps.length;
  while (start < end && chars.has(cps[start] as string)) start++;
  while (end > start && chars.has(cps[end - 1] as string)) end--;
  return cps.slice(start, end).join("");
}

function isZero(v: unknown): boolean {
  return v === null || v === "" || v === 0 || v === false || (Array.isArray(v) && v.length === 0) || (isRecord(v) && Object.keys(v).length === 0);
}

/** Go's fmt verbs the configs use: %s %v %d %q %f %x %%; others are refused by name. */
function goSprintf(format: string, args: unknown[]): string {
  let next = 0;
  return format.replace(/%([-+# 0]*\d*(?:\.\d+)?)?([a-zA-Z%])/g, (whole, flags: string | undefined, verb: string) => {
    if (verb === "%") return "%";
    if (next >= args.length) return `%!${verb}(MISSING)`;
    const v = args[next++];
    const precision = /\.(\d+)/.exec(flags ?? "")?.[1];
    switch (verb) {
      case "s":
      case "v":
        return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);
      case "d":
        if (typeof v !== "number" || !Number.isInteger(v)) return `%!d(${typeName(v)}=${String(v)})`;
        return String(v);
      case "q":
        return JSON.stringify(v);
      case "f":
        return typeof v === "number" ? v.toFixed(precision === undefined ? 6 : Number(precision)) : `%!f(${typeName(v)})`;
      case "x":
        return typeof v === "number" ? v.toString(16) : Buffer.from(String(v)).toString("hex");
      default:
        throw new Error(`the format verb ${whole} is not supported by the simulator`);
    }
  });
}

function literalConst(kind: "number" | "float" | "string" | "bool" | "null", raw: string): ConstValue {
  switch (kind) {
    case "null":
      return { type: "null" };
    case "bool":
      return { type: "bool", value: raw === "true" };
    case "string":
      return { type: "string", value: unquote(raw) };
    default: {
      const n = Number(raw);
      return { type: "number", value: n, kind: kind === "float" || !Number.isSafeInteger(n) ? "float" : "int" };
    }
  }
}

function fromConst(v: ConstValue): unknown {
  return v.type === "null" ? null : v.value;
}

function toConst(v: unknown, offset: number): ConstValue {
  if (v === null) return { type: "null" };
  if (typeof v === "boolean") return { type: "bool", value: v };
  if (typeof v === "string") return { type: "string", value: v };
  if (typeof v === "number") return { type: "number", value: v, kind: Number.isInteger(v) ? "int" : "float" };
  throw new CannotEvaluate(`operators on ${typeName(v)} values are not supported by the simulator`, offset);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "object") return "object";
  return typeof v;
}

/** The attributes and nested blocks of a block, evaluated; `owner` names them in messages. */
export function blockValue(block: Block, ctx: EvalContext, owner: string): StageBlockValue {
  const args: Record<string, unknown> = {};
  const blocks: Record<string, StageBlockValue[]> = {};
  for (const stmt of block.body) {
    if (stmt.kind === "Attribute") args[stmt.name.name] = evaluateArgument(`${owner}.${stmt.name.name}`, stmt.value, ctx);
    else {
      const name = blockName(stmt);
      (blocks[name] ??= []).push(blockValue(stmt, ctx, `${owner}.${name}`));
    }
  }
  return { args, blocks, span: positionOf(ctx, block.span.start) };
}

const RULE_FIELDS: Record<string, "string" | "strings" | "number"> = {
  source_labels: "strings", separator: "string", regex: "string", modulus: "number", target_label: "string", replacement: "string", action: "string",
};

/** The `rule` blocks directly in `body`, as RuleSpecs (types checked; defaults left to the engine). */
export function ruleSpecs(body: readonly Stmt[], ctx: EvalContext, ruleBlock = "rule"): RuleSpec[] {
  const rules: RuleSpec[] = [];
  for (const stmt of body) {
    if (stmt.kind !== "Block" || blockName(stmt) !== ruleBlock) continue;
    const spec: Record<string, unknown> = { span: positionOf(ctx, stmt.span.start) };
    for (const attr of stmt.body) {
      if (attr.kind !== "Attribute") continue;
      const name = attr.name.name;
      const want = RULE_FIELDS[name];
      const pos = positionOf(ctx, attr.span.start);
      if (!want) throw new SimulateError(`unknown attribute ${ruleBlock}.${name}`, pos);
      const value = evaluateArgument(`${ruleBlock}.${name}`, attr.value, ctx);
      const ok =
        want === "strings" ? Array.isArray(value) && value.every((v) => typeof v === "string") : want === "number" ? typeof value === "number" && Number.isInteger(value) && value >= 0 : typeof value === "string";
      if (!ok) throw new SimulateError(`${ruleBlock}.${name} must be ${want === "strings" ? "a list of strings" : want === "number" ? "a non-negative integer" : "a string"}`, pos);
      spec[name] = value;
    }
    rules.push(spec as unknown as RuleSpec);
  }
  return rules;
}

/** The `stage.*` blocks of a loki.process body, in order, as the stage runner takes them. */
export function stageSpecs(body: readonly Stmt[], ctx: EvalContext): StageSpec[] {
  const stages: StageSpec[] = [];
  for (const stmt of body) {
    if (stmt.kind !== "Block") continue;
    const full = blockName(stmt);
    if (!full.startsWith("stage.")) continue;
    const name = full.slice("stage.".length);
    const inner = stmt.body.filter((s) => !(s.kind === "Block" && blockName(s).startsWith("stage.")));
    const value = blockValue({ ...stmt, body: inner }, ctx, full);
    const nested = stageSpecs(stmt.body, ctx);
    stages.push({ name, args: value.args, blocks: value.blocks, ...(nested.length > 0 ? { stages: nested } : {}), span: value.span });
  }
  return stages;
}
