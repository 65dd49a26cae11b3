import type { Span } from "../diag/index.js";

/**
 * The Alloy syntax tree: immutable plain data. Every node has a `kind` and a half-open byte span;
 * nodes keep the spans of their delimiters where the formatter or a diagnostic needs them.
 * Behaviour lives in free functions (walk.ts, the emitter, the checker), never on nodes.
 */

export interface File {
  readonly kind: "File";
  readonly body: readonly Stmt[];
  /** Every comment group in source order (comments are not attached to nodes). */
  readonly comments: readonly CommentGroup[];
  /** Byte offset of each line start, for turning spans into lines (formatter, diagnostics). */
  readonly lineStarts: readonly number[];
  readonly span: Span;
}

export type Stmt = Attribute | Block;

export interface Attribute {
  readonly kind: "Attribute";
  readonly name: Identifier;
  readonly value: Expr;
  readonly span: Span;
}

export interface Block {
  readonly kind: "Block";
  /** Name fragments: `loki.source.file` is three identifiers. */
  readonly name: readonly Identifier[];
  /** The label without quotes (not unescaped); absent when none or `""` was written. */
  readonly label?: Label;
  /** Offset of `{`; the closing `}` is the last byte of `span`. */
  readonly lbrace: number;
  readonly body: readonly Stmt[];
  readonly span: Span;
}

export interface Label {
  readonly kind: "Label";
  /** Text between the quotes, exactly as written. */
  readonly value: string;
  /** The quoted token. */
  readonly span: Span;
}

export type Expr =
  | Identifier
  | Literal
  | ArrayExpr
  | ObjectExpr
  | AccessExpr
  | IndexExpr
  | CallExpr
  | UnaryExpr
  | BinaryExpr
  | ParenExpr;

export interface Identifier {
  readonly kind: "Identifier";
  readonly name: string;
  readonly span: Span;
}

export type LiteralKind = "number" | "float" | "string" | "bool" | "null";

export interface Literal {
  readonly kind: "Literal";
  readonly literalKind: LiteralKind;
  /** Verbatim source text, quotes and backticks included; the formatter prints it unchanged. */
  readonly raw: string;
  readonly span: Span;
}

/** `[a, b]`: span runs from `[` to just past `]`. */
export interface ArrayExpr {
  readonly kind: "Array";
  readonly elements: readonly Expr[];
  readonly span: Span;
}

/** `{k = v}`: span runs from `{` to just past `}`. */
export interface ObjectExpr {
  readonly kind: "Object";
  readonly fields: readonly ObjectField[];
  readonly span: Span;
}

export interface ObjectField {
  readonly kind: "ObjectField";
  readonly key: ObjectKey;
  readonly value: Expr;
  readonly span: Span;
}

export interface ObjectKey {
  readonly kind: "ObjectKey";
  /** Identifier text, or the text between the quotes/backticks of a string key (not unescaped). */
  readonly name: string;
  /** Written as a string ("a" or `a`) rather than an identifier. */
  readonly quoted: boolean;
  /** The key token as written (quotes included). */
  readonly span: Span;
}

/** `value.name` */
export interface AccessExpr {
  readonly kind: "Access";
  readonly value: Expr;
  readonly name: Identifier;
  readonly span: Span;
}

/** `value[index]`: `]` is the last byte of span. */
export interface IndexExpr {
  readonly kind: "Index";
  readonly value: Expr;
  readonly index: Expr;
  readonly lbracket: number;
  readonly span: Span;
}

/** `callee(args)`: `)` is the last byte of span. */
export interface CallExpr {
  readonly kind: "Call";
  readonly callee: Expr;
  readonly args: readonly Expr[];
  readonly lparen: number;
  readonly span: Span;
}

export type UnaryOp = "!" | "-";

/** span.start is the operator. */
export interface UnaryExpr {
  readonly kind: "Unary";
  readonly op: UnaryOp;
  readonly operand: Expr;
  readonly span: Span;
}

export type BinaryOp = "||" | "&&" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/" | "%" | "^";

export interface BinaryExpr {
  readonly kind: "Binary";
  readonly op: BinaryOp;
  readonly opSpan: Span;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/** `(inner)`: span runs from `(` to just past `)`. */
export interface ParenExpr {
  readonly kind: "Paren";
  readonly inner: Expr;
  readonly span: Span;
}

export interface Comment {
  readonly kind: "Comment";
  /** `// …` or `/* … *\/` as written, carriage returns removed (spec §1.3). */
  readonly text: string;
  /** Raw byte span in the source (CRs included). */
  readonly span: Span;
}

/** Consecutive comments with no token between them, each starting at most one line after the last. */
export interface CommentGroup {
  readonly kind: "CommentGroup";
  readonly comments: readonly Comment[];
  readonly span: Span;
}

export type Node = File | Stmt | Label | Expr | ObjectField | ObjectKey | Comment | CommentGroup;

export function assertNever(x: never): never {
  throw new Error(`unexpected node: ${JSON.stringify(x)}`);
}
