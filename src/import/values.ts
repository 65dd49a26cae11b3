import { isValidIdentifier, type ArrayExpr, type BinaryOp, type Expr, type ObjectExpr } from "../ast/index.js";
import { stdlibLookup } from "../schema/index.js";
import { exactNumber, exactString, tsKey, tsString } from "./strings.js";
import type { Importer } from "./importer.js";
import { wrap } from "./writer.js";

/**
 * Alloy expressions as TypeScript: literals as JavaScript values, lists and objects as literals
 * (with `lines(...)`/`inline(...)` where the source breaks them differently from the builders'
 * layout), references as property accesses on the component's const (`write.receiver`), the
 * standard library through its typed namespaces (`sys.env("X")`, `string.format(...)`), and
 * anything else through `raw(...)`, counted.
 */

/** Where a value sits: an attribute or a field of a multi-line object (statement), or inside a list or call. */
export type Context = "statement" | "inline";

/** `op.<name>` for each binary operator. */
const OPERATORS: Record<BinaryOp, string> = {
  "+": "add", "-": "sub", "*": "mul", "/": "div", "%": "mod", "^": "pow", "==": "eq", "!=": "ne",
  "<": "lt", "<=": "le", ">": "gt", ">=": "ge", "&&": "and", "||": "or",
};

/** The typed standard-library namespaces alloyc exports under their Alloy names. */
const NAMESPACES = new Set(["array", "constants", "convert", "encoding", "file", "string", "sys"]);
/** Functions alloyc exports at the top level. */
const TOP_FUNCTIONS = new Set(["coalesce", "json_path"]);

export class ValueWriter {
  constructor(private readonly im: Importer) {}

  value(e: Expr, context: Context): string {
    switch (e.kind) {
      case "Literal":
        return this.literal(e);
      case "Array":
        return this.array(e);
      case "Object":
        return this.object(e, context);
      case "Identifier":
      case "Access":
        return this.reference(e);
      case "Index": {
        const base = this.value(e.value, "inline");
        if (!this.isExpressionCode(e.value)) return this.raw(e);
        return this.im.use("index", `index(${base}, ${this.value(e.index, "inline")})`);
      }
      case "Call":
        return this.call(e);
      case "Unary":
        if (e.op === "-" && e.operand.kind === "Literal") {
          const n = exactNumber(e.operand.raw);
          if (n !== undefined && n > 0) return `-${e.operand.raw}`;
        }
        return this.im.use("op", `op.${e.op === "!" ? "not" : "neg"}(${this.value(e.operand, "inline")})`);
      case "Binary":
        if (this.im.broken(e.left.span.end, e.right.span.start)) return this.im.unsupported(e, "an operator expression broken over lines");
        return this.im.use("op", `op.${OPERATORS[e.op]}(${this.value(e.left, "inline")}, ${this.value(e.right, "inline")})`);
      case "Paren":
        if (this.im.broken(e.span.start, e.inner.span.start) || this.im.broken(e.inner.span.end, e.span.end)) return this.im.unsupported(e, "a parenthesised expression over several lines");
        return this.im.use("op", `op.paren(${this.value(e.inner, "inline")})`);
    }
  }

  private literal(e: Expr & { kind: "Literal" }): string {
    switch (e.literalKind) {
      case "string": {
        if (e.raw.startsWith("`")) return this.im.use("rawString", `rawString(${tsString(e.raw.slice(1, -1))})`);
        const s = exactString(e.raw);
        return s !== undefined ? tsString(s) : this.raw(e);
      }
      case "number":
      case "float":
        return exactNumber(e.raw) !== undefined ? e.raw : this.raw(e);
      case "bool":
      case "null":
        return e.raw;
    }
  }

  /** A list: multi-line when the source breaks it, marked where that differs from the builders' default. */
  private array(e: ArrayExpr): string {
    const layout = this.im.layoutOf(e);
    if (layout === "mixed") return this.im.unsupported(e, "a list broken over lines in a way the builders do not write");
    const multi = layout === "multi";
    const t = multi ? this.im.trivia.container(e.span.start + 1, e.span.end - 1, e.elements.map((x) => x.span)) : undefined;
    const elements = e.elements.map((x, i) => {
      const code = this.value(x, "inline");
      const w = wrap(code, t?.items[i], undefined, { blank: false }, false, false);
      return this.im.using(w);
    });
    let code = `[${elements.join(", ")}]`;
    const fallback = e.elements.some((x) => x.kind === "Object" && x.fields.length > 0);
    if (multi !== fallback && (e.elements.length > 0 || multi)) code = this.im.use(multi ? "lines" : "inline", `${multi ? "lines" : "inline"}(${code})`);
    if (t && (t.open !== undefined || t.end.length > 0)) {
      if (e.elements.length === 0 && !multi) return code;
      code = this.im.using(wrap(code, undefined, t, { blank: false }, false, false));
    }
    return code;
  }

  private object(e: ObjectExpr, context: Context): string {
    const layout = this.im.layoutOf(e);
    if (layout === "mixed") return this.im.unsupported(e, "an object broken over lines in a way the builders do not write");
    const multi = layout === "multi";
    const keys = new Set<string>();
    const quotedKeys: string[] = [];
    for (const f of e.fields) {
      const key = this.im.keyName(f.key);
      if (key !== undefined && f.key.quoted && isValidIdentifier(key)) quotedKeys.push(key);
      if (key === undefined) return this.im.unsupported(f.key, "an object key the builders would write differently");
      if (keys.has(key)) return this.im.unsupported(f.key, "a key written twice in one object");
      if (/^(0|[1-9][0-9]*)$/.test(key)) return this.im.unsupported(f.key, "a number-like key (JavaScript orders those first)");
      keys.add(key);
    }
    const t = multi ? this.im.trivia.container(e.span.start + 1, e.span.end - 1, e.fields.map((x) => x.span)) : undefined;
    const fields = e.fields.map((f, i) => {
      const code = this.value(f.value, multi ? "statement" : "inline");
      return `${tsKey(this.im.keyName(f.key) as string)}: ${this.im.using(wrap(code, t?.items[i], undefined, { blank: false }, false, false))}`;
    });
    let code = `{ ${fields.join(", ")} }`;
    if (e.fields.length === 0) code = "{}";
    if (quotedKeys.length > 0) {
      const all = quotedKeys.length === e.fields.length;
      code = this.im.use("quoted", `quoted(${code}${all ? "" : `, [${quotedKeys.map(tsString).join(", ")}]`})`);
    }
    const fallback = context === "statement";
    if (multi !== fallback && e.fields.length > 0) code = this.im.use(multi ? "lines" : "inline", `${multi ? "lines" : "inline"}(${code})`);
    if (t && (t.open !== undefined || t.end.length > 0)) code = this.im.using(wrap(code, undefined, t, { blank: false }, false, false));
    return code;
  }

  /** A reference to a component's export, an argument of a declare, a stdlib constant, or `ref`. */
  private reference(e: Expr): string {
    const path = dotted(e);
    if (path === undefined) return this.raw(e);
    const resolved = this.im.resolve(path);
    if (resolved !== undefined) return resolved;
    const info = stdlibLookup(path.join("."));
    if (info?.kind === "constant" && path[0] === "constants" && path.length === 2) return this.im.use("constants", path.join("."));
    return this.im.use("ref", `ref<any>(${tsString(path.join("."))})`);
  }

  private call(e: Expr & { kind: "Call" }): string {
    const path = dotted(e.callee);
    if (path === undefined) return this.raw(e);
    const name = path.join(".");
    const layout = this.im.callLayout(e);
    if (layout === "mixed") return this.im.unsupported(e, "a call broken over lines in a way the builders do not write");
    const t = layout === "multi" ? this.im.trivia.container(e.lparen + 1, e.span.end - 1, e.args.map((x) => x.span)) : undefined;
    const args = e.args.map((a, i) => this.im.using(wrap(this.value(a, "inline"), t?.items[i], undefined, { blank: false }, false, false)));
    const code = this.callCode(path, name, args);
    if (layout !== "multi") return code;
    const marked = this.im.use("lines", `lines(${code})`);
    return t && (t.open !== undefined || t.end.length > 0) ? this.im.using(wrap(marked, undefined, t, { blank: false }, false, false)) : marked;
  }

  private callCode(path: readonly string[], name: string, args: readonly string[]): string {
    const info = stdlibLookup(name);
    if (info?.kind === "function" && this.arityFits(info, args.length)) {
      if (path.length === 2 && NAMESPACES.has(path[0] as string)) return this.im.use(path[0] as string, `${name}(${args.join(", ")})`);
      if (path.length === 1 && TOP_FUNCTIONS.has(name)) return this.im.use(name, `${name}(${args.join(", ")})`);
      if (path.length === 1) return this.im.use("std", `std.${name}(${args.join(", ")})`);
    }
    return this.im.use("call", `call<any>(${[tsString(name), ...args].join(", ")})`);
  }

  private arityFits(info: NonNullable<ReturnType<typeof stdlibLookup>>, n: number): boolean {
    const params = info.params ?? [];
    const required = params.filter((p) => !p.optional).length;
    if (info.variadic) return n >= required - 1;
    return n >= required && n <= params.length;
  }

  /** Whether the TypeScript for `e` is an `Expression` (what `index` takes). */
  private isExpressionCode(e: Expr): boolean {
    return e.kind === "Identifier" || e.kind === "Access" || e.kind === "Call" || e.kind === "Index";
  }

  /** The escape hatch for this value only: its formatted text, counted and located. */
  raw(e: Expr): string {
    return this.im.raw(e);
  }
}

/** `a.b.c` as its names, for identifiers and accesses only. */
export function dotted(e: Expr): string[] | undefined {
  const out: string[] = [];
  let cur: Expr = e;
  while (cur.kind === "Access") {
    out.unshift(cur.name.name);
    cur = cur.value;
  }
  if (cur.kind !== "Identifier") return undefined;
  out.unshift(cur.name);
  return out;
}

