import fc from "fast-check";
import type { BinaryOp, Expr, File, Literal, LiteralKind, ObjectField, Stmt } from "../../src/ast/index.js";
import { SourceWriter } from "./helpers.js";

/**
 * Random Alloy files for property tests: a random tree (every node kind, non-ASCII identifiers,
 * strings with TABs, escapes and emoji, multi-line raw strings, quoted and raw keys) written out
 * with a random layout (line breaks wherever Alloy allows them, trailing commas where needed,
 * blank lines, odd indentation, line and block comments). Writing it builds the AST the parser
 * must produce, with exact spans.
 */

export type G =
  | { t: "lit"; raw: string; kind: LiteralKind }
  | { t: "id"; name: string }
  | { t: "arr"; els: G[] }
  | { t: "obj"; fields: Array<{ key: GKey; v: G }> }
  | { t: "acc"; v: G; name: string }
  | { t: "idx"; v: G; i: G }
  | { t: "call"; f: G; args: G[] }
  | { t: "un"; op: "!" | "-"; v: G }
  | { t: "bin"; op: BinaryOp; l: G; r: G }
  | { t: "par"; v: G };

export interface GKey {
  form: "ident" | "dq" | "raw";
  text: string;
}

export type GStmt =
  | { t: "attr"; name: string; v: G }
  | { t: "block"; name: string[]; label: string | undefined; body: GStmt[] };

const identifier = fc.constantFrom("a", "b", "foo_bar", "x1", "_", "é", "métrica_café", "ŝfoo", "a۰۱۸", "bar９８７６", "日本", "𝒳y");

const dqChar = fc.constantFrom(
  "a", "b", " ", "\t", "é", "日", "🙂", '\\"', "\\\\", "\\n", "\\t", "\\u00e9", "\\x41", "\\101", "`", "{", "\v", "\f",
);
const rawChar = fc.constantFrom("a", " ", "  ", "\t", "\n", "\n\t", "\n\t\t", "  \n", "é", '"', "\\", "🙂", "\r\n", "{");

const dqString = fc.array(dqChar, { maxLength: 6 }).map((cs) => `"${cs.join("")}"`);
const rawString = fc.array(rawChar, { maxLength: 6 }).map((cs) => "`" + cs.join("") + "`");

const literal: fc.Arbitrary<G> = fc.oneof(
  fc.constantFrom("0", "1", "42", "010").map((raw): G => ({ t: "lit", raw, kind: "number" })),
  fc.constantFrom("3.14", "1e5", "2.5e-3", ".5", "1.", "1E+10").map((raw): G => ({ t: "lit", raw, kind: "float" })),
  fc.oneof(dqString, rawString).map((raw): G => ({ t: "lit", raw, kind: "string" })),
  fc.constantFrom("true", "false").map((raw): G => ({ t: "lit", raw, kind: "bool" })),
  fc.constant<G>({ t: "lit", raw: "null", kind: "null" }),
);

const key: fc.Arbitrary<GKey> = fc.oneof(
  identifier.map((text): GKey => ({ form: "ident", text })),
  fc.array(dqChar, { maxLength: 4 }).map((cs): GKey => ({ form: "dq", text: cs.join("") })),
  fc.array(rawChar, { maxLength: 3 }).map((cs): GKey => ({ form: "raw", text: cs.join("") })),
);

const binaryOp = fc.constantFrom<BinaryOp>("||", "&&", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "^");

export const tree = fc.letrec<{ expr: G; stmt: GStmt; file: GStmt[] }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 4, depthIdentifier: "expr" },
    literal,
    identifier.map((name): G => ({ t: "id", name })),
    fc.array(tie("expr"), { maxLength: 4 }).map((els): G => ({ t: "arr", els })),
    fc.array(fc.record({ key, v: tie("expr") }), { maxLength: 4 }).map((fields): G => ({ t: "obj", fields })),
    fc.record({ v: tie("expr"), name: identifier }).map(({ v, name }): G => ({ t: "acc", v, name })),
    fc.record({ v: tie("expr"), i: tie("expr") }).map(({ v, i }): G => ({ t: "idx", v, i })),
    fc.record({ f: tie("expr"), args: fc.array(tie("expr"), { maxLength: 3 }) }).map(({ f, args }): G => ({ t: "call", f, args })),
    fc.record({ op: fc.constantFrom<"!" | "-">("!", "-"), v: tie("expr") }).map(({ op, v }): G => ({ t: "un", op, v })),
    fc.record({ op: binaryOp, l: tie("expr"), r: tie("expr") }).map(({ op, l, r }): G => ({ t: "bin", op, l, r })),
    tie("expr").map((v): G => ({ t: "par", v })),
  ),
  stmt: fc.oneof(
    { maxDepth: 3, depthIdentifier: "stmt" },
    fc.record({ name: identifier, v: tie("expr") }).map(({ name, v }): GStmt => ({ t: "attr", name, v })),
    fc
      .record({
        name: fc.array(identifier, { minLength: 1, maxLength: 3 }),
        label: fc.option(fc.oneof(identifier, fc.constant("")), { nil: undefined }),
        body: fc.array(tie("stmt"), { maxLength: 3 }),
      })
      .map(({ name, label, body }): GStmt => ({ t: "block", name, label, body })),
  ),
  file: fc.array(tie("stmt"), { maxLength: 5 }),
}));

// --- writing a tree out -------------------------------------------------------------------------

const PREC: Record<BinaryOp, number> = {
  "||": 1, "&&": 2, "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3, "+": 4, "-": 4, "*": 5, "/": 5, "%": 5, "^": 6,
};

function precOf(g: G): number {
  switch (g.t) {
    case "bin":
      return PREC[g.op];
    case "un":
      return 7;
    case "acc":
    case "idx":
    case "call":
      return 8;
    default:
      return 9;
  }
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMENTS = ["// c", "// é 日本 🙂", "// trailing  ", "/* b */", "/* é */", "//"];
const BLOCK_COMMENTS = ["/* b */", "/* é */", "/**/"];

export class Layouter {
  private readonly w = new SourceWriter();
  private readonly rnd: () => number;
  private depth = 0;

  constructor(seed: number) {
    this.rnd = mulberry32(seed);
  }

  private chance(p: number): boolean {
    return this.rnd() < p;
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)] as T;
  }

  private indent(): string {
    return this.pick(["", "  ", "\t", "    ", "\t\t", " \t"]).repeat(this.chance(0.8) ? 1 : 0) + "\t".repeat(this.depth % 3);
  }

  /** Where a line break may not go (after a value): nothing, a space or a block comment. */
  private tight(space = false): void {
    if (this.chance(0.08)) {
      this.w.space(" ");
      this.w.comment(this.pick(BLOCK_COMMENTS));
      this.w.space(" ");
    } else if (space || this.chance(0.3)) this.w.space(this.pick([" ", "  ", "\t"]));
  }

  /** Where a line break may go (after an operator, `=`, `,`, `.`, `(`, `[`, `{`). */
  private loose(): void {
    const r = this.rnd();
    if (r < 0.45) this.tight();
    else if (r < 0.75) this.w.space("\n" + this.indent());
    else if (r < 0.85) {
      this.w.space(" ");
      this.w.comment(this.pick(COMMENTS));
      this.w.space("\n" + this.indent());
    } else if (r < 0.92) {
      this.w.space("\n\n" + this.indent());
      this.w.comment(this.pick(COMMENTS));
      this.w.space("\n" + this.indent());
    } else {
      this.w.space(" ");
      this.w.comment(this.pick(["/* multi\nline */", "/* a\n\tb\n*/"]));
      this.w.space(this.chance(0.5) ? " " : "\n" + this.indent());
    }
  }

  /** Between statements: a newline, maybe blank lines and comments. */
  private between(): void {
    if (this.chance(0.2)) {
      this.w.space(" ");
      this.w.comment(this.pick(COMMENTS));
    }
    this.w.space(this.pick(["\n", "\n", "\n\n", "\n\n\n", "\n \n"]));
    if (this.chance(0.25)) {
      this.w.space(this.indent());
      this.w.comment(this.pick(COMMENTS));
      this.w.space(this.pick(["\n", "\n\n"]));
    }
    this.w.space(this.indent());
  }

  file(stmts: readonly GStmt[]): { text: string; file: File } {
    if (this.chance(0.2)) {
      this.w.comment(this.pick(COMMENTS));
      this.w.space("\n");
    }
    const body = this.stmts(stmts);
    if (this.chance(0.3)) {
      this.w.space(this.pick(["\n", " ", "\n\n"]));
      this.w.comment(this.pick(COMMENTS));
    }
    this.w.space(this.pick(["", "\n", "\n\n"]));
    return { text: this.w.text, file: this.w.file(body) };
  }

  private stmts(list: readonly GStmt[]): Stmt[] {
    const out: Stmt[] = [];
    list.forEach((s, i) => {
      if (i > 0) this.between();
      out.push(this.stmt(s));
    });
    return out;
  }

  private stmt(s: GStmt): Stmt {
    const w = this.w;
    if (s.t === "attr") {
      const name = { kind: "Identifier" as const, name: s.name, span: w.token(s.name) };
      this.tight();
      w.token("=");
      this.loose();
      const value = this.expr(s.v);
      return { kind: "Attribute", name, value, span: { start: name.span.start, end: value.span.end } };
    }
    const name = s.name.map((n, i) => {
      if (i > 0) {
        this.tight();
        w.token(".");
        this.loose();
      }
      return { kind: "Identifier" as const, name: n, span: w.token(n) };
    });
    const start = (name[0] as { span: { start: number } }).span.start;
    this.tight(true);
    let label: { kind: "Label"; value: string; span: { start: number; end: number } } | undefined;
    if (s.label !== undefined) {
      const span = w.token(`"${s.label}"`);
      if (s.label !== "") label = { kind: "Label", value: s.label, span };
      this.tight(true);
    }
    const lbrace = w.token("{").start;
    let body: Stmt[] = [];
    if (s.body.length === 0) {
      if (this.chance(0.5)) w.space(this.pick([" ", "\n", "\n\n"]));
    } else if (s.body.length === 1 && this.chance(0.3)) {
      w.space(" ");
      body = this.stmts(s.body);
      w.space(" ");
    } else {
      this.depth++;
      w.space("\n" + this.indent());
      body = this.stmts(s.body);
      this.depth--;
      this.between();
    }
    const close = w.token("}");
    const block = { kind: "Block" as const, name, lbrace, body, span: { start, end: close.end } };
    return label ? { ...block, label } : block;
  }

  private wrap(g: G, needsParen: boolean): Expr {
    return needsParen ? this.expr({ t: "par", v: g }) : this.expr(g);
  }

  private expr(g: G): Expr {
    const w = this.w;
    switch (g.t) {
      case "lit": {
        const span = w.token(g.raw);
        return { kind: "Literal", literalKind: g.kind, raw: g.raw, span } satisfies Literal;
      }
      case "id":
        return { kind: "Identifier", name: g.name, span: w.token(g.name) };
      case "par": {
        const open = w.token("(");
        this.loose();
        const inner = this.expr(g.v);
        this.tight();
        const close = w.token(")");
        return { kind: "Paren", inner, span: { start: open.start, end: close.end } };
      }
      case "un": {
        const op = w.token(g.op);
        this.loose();
        const operand = this.wrap(g.v, precOf(g.v) < 7);
        return { kind: "Unary", op: g.op, operand, span: { start: op.start, end: operand.span.end } };
      }
      case "bin": {
        const p = PREC[g.op];
        const left = g.op === "^" ? this.wrap(g.l, precOf(g.l) < 7) : this.wrap(g.l, precOf(g.l) < p);
        this.tight();
        const opSpan = w.token(g.op);
        this.loose();
        const right = g.op === "^" ? this.wrap(g.r, precOf(g.r) < 6) : this.wrap(g.r, precOf(g.r) <= p);
        return { kind: "Binary", op: g.op, opSpan, left, right, span: { start: left.span.start, end: right.span.end } };
      }
      case "acc": {
        const value = this.wrap(g.v, precOf(g.v) < 8);
        this.tight(value.kind === "Literal" && value.literalKind === "number");
        w.token(".");
        this.loose();
        const name = { kind: "Identifier" as const, name: g.name, span: w.token(g.name) };
        return { kind: "Access", value, name, span: { start: value.span.start, end: name.span.end } };
      }
      case "idx": {
        const value = this.wrap(g.v, precOf(g.v) < 8);
        this.tight();
        const lbracket = w.token("[").start;
        this.loose();
        const index = this.expr(g.i);
        this.tight();
        const close = w.token("]");
        return { kind: "Index", value, index, lbracket, span: { start: value.span.start, end: close.end } };
      }
      case "call": {
        const callee = this.wrap(g.f, precOf(g.f) < 8);
        this.tight();
        const lparen = w.token("(").start;
        const args = this.list(g.args, (a) => this.expr(a));
        const close = w.token(")");
        return { kind: "Call", callee, args, lparen, span: { start: callee.span.start, end: close.end } };
      }
      case "arr": {
        const open = w.token("[");
        const elements = this.list(g.els, (a) => this.expr(a));
        const close = w.token("]");
        return { kind: "Array", elements, span: { start: open.start, end: close.end } };
      }
      case "obj": {
        const open = w.token("{");
        const fields = this.list(g.fields, (f): ObjectField => {
          const text = f.key.form === "ident" ? f.key.text : f.key.form === "dq" ? `"${f.key.text}"` : "`" + f.key.text + "`";
          const span = w.token(text);
          const key = { kind: "ObjectKey" as const, name: f.key.text, quoted: f.key.form !== "ident", span };
          this.tight();
          w.token("=");
          this.loose();
          const value = this.expr(f.v);
          return { kind: "ObjectField", key, value, span: { start: span.start, end: value.span.end } };
        });
        const close = w.token("}");
        return { kind: "Object", fields, span: { start: open.start, end: close.end } };
      }
    }
  }

  /** Elements after an opening bracket, up to (not including) the closing one. */
  private list<T, N>(items: readonly T[], one: (item: T) => N): N[] {
    const out: N[] = [];
    this.depth++;
    if (items.length === 0) {
      if (this.chance(0.3)) this.loose();
    } else {
      this.loose();
      items.forEach((item, i) => {
        out.push(one(item));
        const last = i === items.length - 1;
        if (!last || this.chance(0.4)) {
          this.tight();
          this.w.token(",");
          this.loose();
        } else {
          this.tight();
        }
      });
    }
    this.depth--;
    return out;
  }
}

/** A random file: its text and the tree the parser must build from it. */
export const randomFile = fc.tuple(tree.file, fc.integer()).map(([stmts, seed]) => new Layouter(seed).file(stmts));
