import type {
  ArrayExpr,
  Block,
  Comment,
  CommentGroup,
  Expr,
  File,
  Identifier,
  ObjectExpr,
  ObjectField,
  Stmt,
} from "../ast/index.js";
import type { Span } from "../diag/index.js";
import { utf8Length } from "../diag/utf8.js";
import type { Trivia } from "./trivia.js";

/**
 * Gives a synthetic tree (src/ast/factory.ts: every span empty) the positions it would have if
 * it had been written out canonically, so that the emitter, which takes every layout decision
 * from source lines, prints it as `alloy fmt` prints that canonical text. The text itself is not
 * kept (only its length and line starts), unless asked for (`text: true`, for tests).
 *
 * Canonical text, as the lab's expected output is written:
 * - one statement per line; a blank line before every block except the first statement of its
 *   body, and before an attribute that follows a block;
 * - block bodies on their own lines (`{ }` when empty);
 * - comments as a group of `//` lines just above the statement they annotate;
 * - objects one field per line, closing brace on its own line, except inside arrays and call
 *   arguments, where they stay on one line;
 * - arrays on one line, except when they hold a non-empty object (one element per line) or the
 *   builder asked otherwise.
 */

export interface LayoutHints {
  /** Comment lines to write above a statement (text without `//` gets `// ` prepended). */
  readonly comments?: (stmt: Stmt) => readonly string[] | undefined;
  /** Forces an array or object onto several lines (true) or one line (false). */
  readonly multiline?: (node: ArrayExpr | ObjectExpr | Expr) => boolean | undefined;
  /** Exact comments and blank lines around a statement, element or field (trivia.ts). */
  readonly trivia?: (node: Stmt | Expr) => Trivia | undefined;
  /** Comment lines after the last statement. */
  readonly trailingComments?: readonly string[];
  /** Synthetic nodes whose placed span the caller wants back (`spans`). */
  readonly track?: (node: Stmt | Expr) => boolean;
  /** Keep the canonical text (tests compare it with the parser's reading of it). */
  readonly text?: boolean;
}

export interface Laid {
  readonly file: File;
  /** Placed spans of the tracked nodes, keyed by the synthetic node. */
  readonly spans: Map<Stmt | Expr, Span>;
  /** The canonical text, when `hints.text` was set. */
  readonly text?: string;
}

export function layout(body: readonly Stmt[], hints: LayoutHints = {}): Laid {
  const w = new Writer(hints);
  const placed = w.stmts(body, 0);
  if (hints.trailingComments && hints.trailingComments.length > 0) {
    if (placed.length > 0) w.newline();
    w.commentGroup(hints.trailingComments, 0);
  }
  const file: File = { kind: "File", body: placed, comments: w.groups, lineStarts: w.lineStarts, span: { start: 0, end: w.offset } };
  return { file, spans: w.spans, ...(hints.text ? { text: w.chunks.join("") } : {}) };
}

type Context = "statement" | "inline";

const TABS = Array.from({ length: 16 }, (_, i) => "\t".repeat(i));

class Writer {
  offset = 0;
  readonly lineStarts: number[] = [0];
  readonly groups: CommentGroup[] = [];
  readonly spans = new Map<Stmt | Expr, Span>();
  readonly chunks: string[] = [];
  private readonly keepText: boolean;

  constructor(private readonly hints: LayoutHints) {
    this.keepText = hints.text === true;
  }

  /** Writes single-line text; returns its start offset. */
  put(s: string): number {
    const at = this.offset;
    this.offset += utf8Length(s);
    if (this.keepText) this.chunks.push(s);
    return at;
  }

  newline(): void {
    this.put("\n");
    this.lineStarts.push(this.offset);
  }

  indent(level: number): void {
    if (level > 0) this.put(TABS[level] ?? "\t".repeat(level));
  }

  commentGroup(lines: readonly string[], level: number): void {
    const comments: Comment[] = [];
    for (const raw of lines.flatMap((l) => l.split("\n"))) {
      const text = raw.startsWith("//") ? raw : raw === "" ? "//" : `// ${raw}`;
      this.indent(level);
      const start = this.put(text);
      comments.push({ kind: "Comment", text, span: { start, end: this.offset } });
      this.newline();
    }
    const first = comments[0];
    const last = comments[comments.length - 1];
    if (first && last) this.groups.push({ kind: "CommentGroup", comments, span: { start: first.span.start, end: last.span.end } });
  }

  /** Trivia lines: each comment on its own line as written, "" a blank line. */
  lines(lines: readonly string[], level: number): void {
    let group: Comment[] = [];
    const close = (): void => {
      const first = group[0];
      const last = group[group.length - 1];
      if (first && last) this.groups.push({ kind: "CommentGroup", comments: group, span: { start: first.span.start, end: last.span.end } });
      group = [];
    };
    for (const line of lines) {
      if (line === "") {
        close();
        this.newline();
        continue;
      }
      this.indent(level);
      group.push(this.commentText(line));
      this.newline();
    }
    close();
  }

  /** A comment after the text on the current line (one group of its own). */
  trailing(text: string): void {
    this.put(" ");
    const c = this.commentText(text);
    this.groups.push({ kind: "CommentGroup", comments: [c], span: c.span });
  }

  /** Writes a comment as written; a block comment may hold line breaks. */
  private commentText(text: string): Comment {
    const start = this.offset;
    text.split("\n").forEach((part, i) => {
      if (i > 0) this.newline();
      this.put(part);
    });
    return { kind: "Comment", text, span: { start, end: this.offset } };
  }

  stmts(list: readonly Stmt[], level: number): Stmt[] {
    const out: Stmt[] = [];
    let prevBlock = false;
    for (let i = 0; i < list.length; i++) {
      const s = list[i] as Stmt;
      const isBlock = s.kind === "Block";
      const t = this.hints.trivia?.(s);
      if (t?.before) this.lines(t.before, level);
      else if (i > 0 && (isBlock || prevBlock)) this.newline();
      const comments = this.hints.comments?.(s);
      if (comments && comments.length > 0) this.commentGroup(comments, level);
      this.indent(level);
      const placed = isBlock ? this.block(s, level) : this.attribute(s, level);
      if (t?.after !== undefined) this.trailing(t.after);
      this.newline();
      if (this.hints.track?.(s)) this.spans.set(s, placed.span);
      out.push(placed);
      prevBlock = isBlock;
    }
    return out;
  }

  private attribute(s: Stmt & { kind: "Attribute" }, level: number): Stmt {
    const start = this.put(s.name.name);
    const name = { ...s.name, span: { start, end: this.offset } };
    this.put(" = ");
    const value = this.expr(s.value, level, "statement");
    return { kind: "Attribute", name, value, span: { start, end: this.offset } };
  }

  private block(b: Block, level: number): Block {
    const start = this.offset;
    const name: Identifier[] = [];
    for (let i = 0; i < b.name.length; i++) {
      const f = b.name[i] as Identifier;
      if (i > 0) this.put(".");
      const at = this.put(f.name);
      name.push({ ...f, span: { start: at, end: this.offset } });
    }
    let label: Block["label"];
    if (b.label) {
      this.put(" ");
      const at = this.put(`"${b.label.value}"`);
      label = { ...b.label, span: { start: at, end: this.offset } };
    }
    this.put(" ");
    const lbrace = this.put("{");
    let body: Stmt[] = [];
    const t = this.hints.trivia?.(b);
    if (b.body.length === 0 && t?.open === undefined && t?.end === undefined) this.put(" ");
    else if (b.body.length === 0 && t?.end === undefined && t?.open?.startsWith("/*") && !t.open.includes("\n")) {
      // `{ /* nothing to set */ }` stays on one line.
      this.trailing(t.open);
      this.put(" ");
    } else {
      if (t?.open !== undefined) this.trailing(t.open);
      this.newline();
      body = this.stmts(b.body, level + 1);
      if (t?.end) this.lines(t.end, level + 1);
      this.indent(level);
    }
    this.put("}");
    return { kind: "Block", name, ...(label ? { label } : {}), lbrace, body, span: { start, end: this.offset } };
  }

  expr(e: Expr, level: number, context: Context): Expr {
    const placed = this.place(e, level, context);
    if (this.hints.track?.(e)) this.spans.set(e, placed.span);
    return placed;
  }

  // Hot path (every node of every block): loops and no closures, to keep allocation down.
  private place(e: Expr, level: number, context: Context): Expr {
    const start = this.offset;
    switch (e.kind) {
      case "Identifier":
        this.put(e.name);
        return { ...e, span: { start, end: this.offset } };
      case "Literal":
        // A raw string may hold line breaks (rawString).
        e.raw.split("\n").forEach((part, i) => {
          if (i > 0) this.newline();
          this.put(part);
        });
        return { ...e, span: { start, end: this.offset } };
      case "Access": {
        const value = this.expr(e.value, level, "inline");
        this.put(".");
        const at = this.put(e.name.name);
        return { ...e, value, name: { ...e.name, span: { start: at, end: this.offset } }, span: { start, end: this.offset } };
      }
      case "Index": {
        const value = this.expr(e.value, level, "inline");
        const lbracket = this.put("[");
        const index = this.expr(e.index, level, "inline");
        this.put("]");
        return { ...e, value, index, lbracket, span: { start, end: this.offset } };
      }
      case "Call": {
        const callee = this.expr(e.callee, level, "inline");
        const lparen = this.put("(");
        const args: Expr[] = [];
        // One argument per line when the builder asked for it (lines(call)).
        const multi = e.args.length > 0 && this.hints.multiline?.(e) === true;
        const own = multi ? this.hints.trivia?.(e) : undefined;
        if (own?.open !== undefined) this.trailing(own.open);
        for (let i = 0; i < e.args.length; i++) {
          const x = e.args[i] as Expr;
          const t = multi ? this.hints.trivia?.(x) : undefined;
          if (multi) {
            this.newline();
            if (t?.before) this.lines(t.before, level + 1);
            this.indent(level + 1);
          } else if (i > 0) this.put(", ");
          args.push(this.expr(x, multi ? level + 1 : level, "inline"));
          if (multi) this.put(",");
          if (t?.after !== undefined) this.trailing(t.after);
        }
        if (multi) {
          this.newline();
          if (own?.end) this.lines(own.end, level + 1);
          this.indent(level);
        }
        this.put(")");
        return { ...e, callee, args, lparen, span: { start, end: this.offset } };
      }
      case "Unary": {
        this.put(e.op);
        const operand = this.expr(e.operand, level, "inline");
        return { ...e, operand, span: { start, end: this.offset } };
      }
      case "Binary": {
        const left = this.expr(e.left, level, "inline");
        this.put(" ");
        const opAt = this.put(e.op);
        this.put(" ");
        const right = this.expr(e.right, level, "inline");
        return { ...e, left, opSpan: { start: opAt, end: opAt + e.op.length }, right, span: { start, end: this.offset } };
      }
      case "Paren": {
        this.put("(");
        const inner = this.expr(e.inner, level, "inline");
        this.put(")");
        return { ...e, inner, span: { start, end: this.offset } };
      }
      case "Array":
        return this.array(e, level);
      case "Object":
        return this.object(e, level, context);
    }
  }

  private array(e: ArrayExpr, level: number): ArrayExpr {
    const start = this.put("[");
    const forced = this.hints.multiline?.(e);
    const own = this.hints.trivia?.(e);
    const multi = (e.elements.length > 0 || own?.end !== undefined) && (forced ?? e.elements.some((x) => x.kind === "Object" && x.fields.length > 0));
    const elements: Expr[] = [];
    if (multi && own?.open !== undefined) this.trailing(own.open);
    for (let i = 0; i < e.elements.length; i++) {
      const x = e.elements[i] as Expr;
      const t = multi ? this.hints.trivia?.(x) : undefined;
      if (multi) {
        this.newline();
        if (t?.before) this.lines(t.before, level + 1);
        this.indent(level + 1);
      } else if (i > 0) this.put(", ");
      elements.push(this.expr(x, level + 1, "inline"));
      if (multi) this.put(",");
      if (t?.after !== undefined) this.trailing(t.after);
    }
    if (multi) {
      this.newline();
      if (own?.end) this.lines(own.end, level + 1);
      this.indent(level);
    }
    this.put("]");
    return { ...e, elements, span: { start, end: this.offset } };
  }

  private object(e: ObjectExpr, level: number, context: Context): ObjectExpr {
    const start = this.put("{");
    const forced = this.hints.multiline?.(e);
    const own = this.hints.trivia?.(e);
    const multi = (e.fields.length > 0 || own?.end !== undefined) && (forced ?? context === "statement");
    const fields: ObjectField[] = [];
    if (multi && own?.open !== undefined) this.trailing(own.open);
    for (let i = 0; i < e.fields.length; i++) {
      const f = e.fields[i] as ObjectField;
      const t = multi ? this.hints.trivia?.(f.value) : undefined;
      if (multi) {
        this.newline();
        if (t?.before) this.lines(t.before, level + 1);
        this.indent(level + 1);
      } else if (i > 0) this.put(", ");
      const keyAt = this.put(f.key.quoted ? `"${f.key.name}"` : f.key.name);
      const key = { ...f.key, span: { start: keyAt, end: this.offset } };
      this.put(" = ");
      const value = this.expr(f.value, level + 1, multi ? "statement" : "inline");
      fields.push({ ...f, key, value, span: { start: keyAt, end: this.offset } });
      if (multi) this.put(",");
      if (t?.after !== undefined) this.trailing(t.after);
    }
    if (multi) {
      this.newline();
      if (own?.end) this.lines(own.end, level + 1);
      this.indent(level);
    }
    this.put("}");
    return { ...e, fields, span: { start, end: this.offset } };
  }
}
