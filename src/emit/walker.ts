import type {
  AccessExpr,
  ArrayExpr,
  BinaryExpr,
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
} from "../ast/index.js";
import {
  BLANK,
  FORMFEED,
  INDENT,
  K_NUMBER,
  K_OTHER,
  K_SLASH,
  K_VALUE,
  M_LITERAL,
  M_PLAIN,
  NEWLINE,
  UNINDENT,
  VTAB,
  type Printer,
} from "./printer.js";
import { B_ATTRIBUTE, B_BLOCK, B_OTHER } from "./stability.js";
import { goQuote } from "../ast/quote.js";
import { keyText } from "./quote.js";
import { utf8Length } from "../diag/utf8.js";

/**
 * The walker (spec §4.3.2): what each node emits. Decisions that look ahead (does the next element
 * start on a later line than the previous one ended) compare lines of the parsed positions: the
 * output keeps those answers, as only whitespace and comments come between. Decisions that look
 * back (did a statement, or a field's value, span several lines) ask the output (Printer.openSpan),
 * as upstream's next run would; in upstream mode they ask the source, as its first run does. A
 * further pass (fixpoint.ts) asks `p.line` about the same keys and gets the previous output's lines.
 *
 * Left-nested chains (`a.b.c`, `f()()`, `x[0][1]`, `1 + 2 + 3`) are walked with loops: the parser
 * builds them iteratively, so their depth is not bounded by its nesting limit.
 */

export interface WalkOptions {
  /** Upstream's meaning-changing output: `%q`-requoted keys, `f(,⏎)` for an empty multi-line call. */
  readonly upstream: boolean;
}

const byteLength = utf8Length;

export class Walker {
  /** Left spines being walked (shared, to avoid an array per chain). */
  private readonly spine: Expr[] = [];

  constructor(
    private readonly p: Printer,
    private readonly options: WalkOptions,
  ) {}

  // --- positions ---------------------------------------------------------------------------

  /** Key of the first text of an expression. */
  private startKey(e: Expr): number {
    for (;;) {
      const kind = e.kind;
      if (kind === "Access" || kind === "Index") e = (e as AccessExpr | IndexExpr).value;
      else if (kind === "Call") e = (e as CallExpr).callee;
      else if (kind === "Binary") e = (e as BinaryExpr).left;
      else return e.span.start;
    }
  }

  private startLine(e: Expr): number {
    return this.p.line(this.startKey(e));
  }

  /** Source line of the last byte of an expression. */
  private endLine(e: Expr): number {
    const p = this.p;
    for (;;) {
      const kind = e.kind;
      if (kind === "Unary") e = (e as UnaryExpr).operand;
      else if (kind === "Binary") e = (e as BinaryExpr).right;
      else if (kind === "Literal") {
        const raw = (e as Literal).raw;
        return raw.includes("\n") ? p.lineAt(e.span.start, byteLength(raw) - 1) : p.line(e.span.start);
      } else if (kind === "Identifier") return p.line(e.span.start);
      else if (kind === "Access") return p.line((e as AccessExpr).name.span.start);
      // Index `]`, Call `)`, Paren `)`, Array `]`, Object `}`: the last byte of the span.
      else return p.line(e.span.end - 1);
    }
  }

  private stmtStartLine(s: Stmt): number {
    return this.p.line(s.kind === "Attribute" ? s.name.span.start : (s.name[0] as { span: { start: number } }).span.start);
  }

  private stmtEndLine(s: Stmt): number {
    return s.kind === "Attribute" ? this.endLine(s.value) : this.p.line(s.span.end - 1);
  }

  // --- statements --------------------------------------------------------------------------

  stmts(list: readonly Stmt[]): void {
    const p = this.p;
    const fromOutput = !this.options.upstream;
    let prevEnd = 0;
    for (let i = 0; i < list.length; i++) {
      const s = list[i] as Stmt;
      const start = this.stmtStartLine(s);
      if (i > 0) {
        if (s.kind === "Block") p.ws(FORMFEED);
        else if (start - prevEnd > 1) p.ws(FORMFEED);
      }
      p.boundaryNext(i === 0 ? B_OTHER : s.kind === "Attribute" ? B_ATTRIBUTE : B_BLOCK);
      if (fromOutput) p.openSpan();
      if (s.kind === "Attribute") {
        p.pos(s.name.span.start);
        this.word(s.name.name, s.name.span.start);
        p.ws(VTAB);
        this.tok("=", -1);
        p.ws(BLANK);
        this.expr(s.value);
      } else {
        this.block(s);
      }
      prevEnd = this.stmtEndLine(s);
      // Whether the statement spans several lines ends an alignment run. Upstream asks the source;
      // the settled output is the one where the answer is the output's own (its next run asks it).
      const multiLine = fromOutput ? p.closeSpan() > 0 : prevEnd > start;
      p.ws(multiLine ? FORMFEED : NEWLINE);
    }
  }

  private block(b: Block): void {
    const p = this.p;
    const first = b.name[0];
    const key = first ? first.span.start : b.span.start;
    p.pos(key);
    if (b.name.length > 1 && !this.options.upstream && p.pinnedWithin(key, b.lbrace)) {
      // A pinned comment after a name split over lines: the fragments one by one, so that the
      // comment can stay inside the name, or see the line where the name really ends.
      this.word((first as Identifier).name, key);
      for (let i = 1; i < b.name.length; i++) {
        const frag = b.name[i] as Identifier;
        this.tok(".", -1);
        this.word(frag.name, frag.span.start);
      }
    } else {
      let name = first ? first.name : "";
      for (let i = 1; i < b.name.length; i++) name += "." + (b.name[i] as Identifier).name;
      this.word(name, key);
      // Where each fragment is, should a later pass print the name fragment by fragment.
      let delta = 0;
      for (let i = 1; i < b.name.length; i++) {
        delta += byteLength((b.name[i - 1] as Identifier).name) + 1;
        p.alias((b.name[i] as Identifier).span.start, delta);
      }
    }
    if (b.label && b.label.value !== "") {
      p.ws(BLANK);
      p.pos(b.label.span.start);
      this.word(`"${b.label.value}"`, b.label.span.start);
    }
    p.ws(BLANK);
    p.pos(b.lbrace);
    this.tok("{", b.lbrace);
    p.ws(INDENT);
    if (b.body.length > 0) {
      p.ws(FORMFEED);
      this.stmts(b.body);
    } else {
      p.ws(BLANK);
    }
    p.ws(UNINDENT);
    const close = b.span.end - 1;
    p.pos(close);
    p.boundaryNext(B_OTHER);
    this.tok("}", close);
  }

  // --- expressions -------------------------------------------------------------------------

  expr(e: Expr): void {
    const p = this.p;
    for (;;) {
      // Node kinds are read once per node: the load is megamorphic across node shapes.
      let kind = e.kind;
      // Prefix operators, then the left spine of postfix and binary operators.
      while (kind === "Unary") {
        const u = e as UnaryExpr;
        p.pos(u.span.start);
        this.tok(u.op, u.span.start);
        e = u.operand;
        kind = e.kind;
      }
      switch (kind) {
        case "Literal":
          p.pos(e.span.start);
          this.literal(e as Literal);
          return;
        case "Identifier":
          p.pos(e.span.start);
          this.word((e as Identifier).name, e.span.start);
          return;
        case "Array":
          this.array(e as ArrayExpr);
          return;
        case "Object":
          this.object(e as ObjectExpr);
          return;
        case "Paren":
          this.tok("(", e.span.start);
          this.expr((e as ParenExpr).inner);
          this.tok(")", e.span.end - 1);
          return;
      }
      const spine = this.spine;
      const bottom = spine.length;
      let base: Expr = e;
      for (;;) {
        const k = base.kind;
        if (k === "Access" || k === "Index") {
          spine.push(base);
          base = (base as AccessExpr | IndexExpr).value;
        } else if (k === "Call") {
          spine.push(base);
          base = (base as CallExpr).callee;
        } else if (k === "Binary") {
          spine.push(base);
          base = (base as BinaryExpr).left;
        } else break;
      }
      this.expr(base);
      while (spine.length > bottom + 1) this.suffix(spine.pop() as Expr);
      const outer = spine.pop() as Expr;
      if (outer.kind !== "Binary") {
        this.suffix(outer);
        return;
      }
      this.operator(outer.op, outer.opSpan.start);
      e = outer.right; // tail position: loop instead of recursing
    }
  }

  private operator(op: string, key: number): void {
    const p = this.p;
    p.ws(BLANK);
    p.pos(key);
    this.tok(op, key);
    p.ws(BLANK);
  }

  /** The part of a spine node after its left operand. */
  private suffix(e: Expr): void {
    const p = this.p;
    switch (e.kind) {
      case "Access":
        this.tok(".", -1);
        this.word(e.name.name, e.name.span.start);
        return;
      case "Index": {
        p.pos(e.lbracket);
        this.tok("[", e.lbracket);
        this.expr(e.index);
        const close = e.span.end - 1;
        p.pos(close);
        this.tok("]", close);
        return;
      }
      case "Call":
        this.call(e);
        return;
      case "Binary":
        this.operator(e.op, e.opSpan.start);
        this.expr(e.right);
        return;
      default:
        throw new Error(`not a postfix or binary node: ${e.kind}`);
    }
  }

  private literal(e: Literal): void {
    const kind = e.literalKind === "number" ? K_NUMBER : K_VALUE;
    const mode = e.literalKind === "string" ? M_LITERAL : M_PLAIN;
    this.p.text(e.raw, kind, false, e.span.start, mode, byteLength(e.raw));
  }

  private array(e: ArrayExpr): void {
    const p = this.p;
    const open = e.span.start;
    const close = e.span.end - 1;
    p.pos(open);
    this.tok("[", open);
    let prev = p.line(open);
    const els = e.elements;
    for (let i = 0; i < els.length; i++) {
      const el = els[i] as Expr;
      let nl = false;
      if (this.startLine(el) !== prev) {
        p.ws(INDENT);
        p.ws(FORMFEED);
        nl = true;
      } else if (i > 0) {
        p.ws(BLANK);
      }
      prev = this.endLine(el);
      this.expr(el);
      if (i + 1 < els.length) this.tok(",", -1);
      if (nl) p.ws(UNINDENT);
    }
    if (els.length > 0 && prev !== p.line(close)) {
      this.tok(",", -1);
      p.ws(INDENT);
      p.ws(FORMFEED);
      p.ws(UNINDENT);
    }
    p.pos(close);
    this.tok("]", close);
  }

  private object(e: ObjectExpr): void {
    const p = this.p;
    const open = e.span.start;
    const close = e.span.end - 1;
    p.pos(open);
    this.tok("{", open);
    p.ws(INDENT);
    let prev = p.line(open);
    const fields = e.fields;
    const fromOutput = !this.options.upstream;
    /** Output lines the previous field's value covers beyond its first (as for statements). */
    let valueLines = 0;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i] as ObjectField;
      const key = f.key.span.start;
      if (p.line(key) !== prev) {
        const before = i > 0 ? (fields[i - 1] as ObjectField).value : undefined;
        const oneLine = before !== undefined && (fromOutput ? valueLines === 0 : this.endLine(before) === this.startLine(before));
        p.ws(oneLine ? NEWLINE : FORMFEED);
      } else if (i > 0) {
        p.ws(BLANK);
      }
      // Upstream's "end of the field name": start + length of the stored name - 1, where a
      // quoted key's stored name lacks the quotes and the empty key `""` is stored as `""`.
      const name = f.key.name;
      const stored = f.key.quoted && name === "" ? 2 : byteLength(name);
      prev = p.lineAt(key, stored - 1);
      p.pos(key);
      if (!f.key.quoted || name === "") {
        this.word(name === "" ? '""' : name, key);
      } else if (this.options.upstream) {
        const q = goQuote(name);
        p.text(q, K_VALUE, false, key, M_LITERAL, byteLength(q));
      } else {
        const q = keyText(name);
        p.text(q, K_VALUE, false, key, M_LITERAL, stored + 2);
      }
      p.ws(VTAB);
      this.tok("=", -1);
      p.ws(BLANK);
      if (fromOutput) p.openSpan();
      this.expr(f.value);
      if (fromOutput) valueLines = p.closeSpan();
      if (i + 1 < fields.length) this.tok(",", -1);
    }
    if (fields.length > 0 && prev !== p.line(close)) {
      this.tok(",", -1);
      p.ws(FORMFEED);
    }
    p.ws(UNINDENT);
    p.pos(close);
    this.tok("}", close);
  }

  private call(e: CallExpr): void {
    const p = this.p;
    const close = e.span.end - 1;
    this.tok("(", e.lparen);
    let prev = p.line(e.lparen);
    const args = e.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as Expr;
      let nl = false;
      if (this.startLine(a) !== prev) {
        p.ws(FORMFEED);
        p.ws(INDENT);
        nl = true;
      }
      this.expr(a);
      prev = this.endLine(a);
      if (i + 1 < args.length) {
        this.tok(",", -1);
        p.ws(BLANK);
      }
      if (nl) p.ws(UNINDENT);
    }
    // Upstream prints `f(⏎)` as `f(,⏎)`, which does not parse; alloyc prints `f()`.
    if (prev !== p.line(close) && (args.length > 0 || this.options.upstream)) {
      this.tok(",", -1);
      p.ws(FORMFEED);
    }
    this.tok(")", close);
  }

  // --- texts -------------------------------------------------------------------------------

  private word(s: string, key: number): void {
    this.p.text(s, K_VALUE, false, key, M_PLAIN, byteLength(s));
  }

  /** An operator or delimiter (ASCII, so its length is its byte length). */
  private tok(s: string, key: number): void {
    const kind = s === "/" ? K_SLASH : s === ")" || s === "]" || s === "}" ? K_VALUE : K_OTHER;
    this.p.text(s, kind, true, key, M_PLAIN, s.length);
  }
}
