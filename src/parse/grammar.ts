import { EmbeddedActionsParser, EOF, type IToken, type TokenType } from "chevrotain";
import type { TokenStream } from "./scanner.js";
import type {
  ArrayExpr,
  BinaryOp,
  Block,
  Expr,
  Identifier,
  Label,
  Literal,
  LiteralKind,
  ObjectExpr,
  ObjectField,
  Stmt,
} from "../ast/index.js";
import { isValidIdentifier } from "../ast/index.js";
import type { ErrorCollector, ErrorKind } from "./errors.js";
import { goQuote } from "../ast/quote.js";
import { utf8Length } from "../diag/utf8.js";
import * as T from "./tokens.js";

/** LA(k) beyond what has been read (only Chevrotain's own error paths could ask). */
const END: IToken = { image: "", startOffset: 0, endOffset: -1, tokenType: EOF, tokenTypeIdx: EOF.tokenTypeIdx as number };

/** Deeper nesting than this is reported instead of risking the JavaScript stack. */
export const MAX_DEPTH = 400;

const BINARY_PRECEDENCE = new Map<TokenType, number>([
  [T.OrOr, 1], [T.AndAnd, 2],
  [T.Eq, 3], [T.Neq, 3], [T.Lt, 3], [T.Lte, 3], [T.Gt, 3], [T.Gte, 3],
  [T.Plus, 4], [T.Minus, 4],
  [T.Star, 5], [T.Slash, 5], [T.Percent, 5],
  [T.Caret, 6],
]);
const POW_PRECEDENCE = 6;

const LITERAL_KIND = new Map<TokenType, LiteralKind>([
  [T.NumberTok, "number"], [T.FloatTok, "float"], [T.StringTok, "string"], [T.BoolTok, "bool"], [T.NullTok, "null"],
]);

/** Where a missing operand's recovery stops (spec §3.3). */
const OPERAND_STOP = new Set<TokenType>([T.Terminator, T.RParen, T.RCurly, T.RBracket, T.Comma, EOF]);

/**
 * Alloy's grammar as a Chevrotain parser. Alloy's parser is LL(1) with hand-made recovery (skip
 * rules, a substituted `null`, one error per line), and alloyc must report exactly what Alloy
 * reports, so each rule decides on LA(1) itself and Chevrotain's built-in recovery is off.
 * Tokens are read from scanner.ts one at a time through Chevrotain's lexer-adapter hooks (LA and
 * consumeToken), as Alloy's parser pulls them: the parser never looks further than LA(1) and
 * never backtracks, so no token vector is built. LA(1) at the end is the scanner's EOF token.
 */
export class AlloyParser extends EmbeddedActionsParser {
  private errors_!: ErrorCollector;
  private eofOffset = 0;
  /** Index of LA(1) in the token list, mirrored here to order errors. */
  private index = 0;
  private depth = 0;
  private tooDeep = false;

  constructor() {
    super(T.allTokens, { recoveryEnabled: false, skipValidations: true, maxLookahead: 1 });
    this.performSelfAnalysis();
  }

  private stream: TokenStream | undefined;
  /** Takes the top-level statements as they are parsed, instead of the file's body (see index.ts). */
  private topLevel: ((stmt: Stmt) => void) | undefined;
  /** LA(1) and LA(0). */
  private current: IToken = END;
  private previous: IToken = END;

  reset_(stream: TokenStream, errors: ErrorCollector, topLevel?: (stmt: Stmt) => void): void {
    this.input = []; // resets Chevrotain's state; tokens come from the stream
    this.stream = stream;
    this.topLevel = topLevel;
    this.previous = END;
    this.current = END;
    this.errors_ = errors;
    this.index = 0;
    this.depth = 0;
    this.tooDeep = false;
    this.consumeToken();
  }

  /** Lets go of the last input: the shared parser must not keep a file's tokens alive. */
  release_(): void {
    this.stream = undefined;
    this.topLevel = undefined;
    this.current = this.previous = END;
  }

  // Chevrotain's lexer adapter, overridden for a streaming lexer (see the class comment).
  override LA(howMuch: number): IToken {
    return howMuch === 1 ? this.current : howMuch === 0 ? this.previous : END;
  }

  override LA_FAST(howMuch: number): IToken {
    return this.LA(howMuch);
  }

  consumeToken(): void {
    this.previous = this.current;
    const t = (this.stream as TokenStream).next();
    if (t.tokenType === EOF) this.eofOffset = t.startOffset;
    this.current = t;
  }

  importLexerState(state: number): void {
    // Only backtracking and Chevrotain's recovery rewind, and both are off.
    throw new Error(`alloyc parser: cannot rewind the token stream (to ${state})`);
  }

  // ---- token helpers -------------------------------------------------------------------------

  private get tok(): IToken {
    return this.LA(1);
  }

  private is(type: TokenType): boolean {
    return this.LA(1).tokenType === type;
  }

  private get atEof(): boolean {
    return this.LA(1).tokenType === EOF;
  }

  private offsetOf(t: IToken): number {
    return t.tokenType === EOF ? this.eofOffset : t.startOffset;
  }

  private endOf(t: IToken): number {
    return t.tokenType === EOF ? this.eofOffset : end(t);
  }

  /** Takes the current token (never EOF: Alloy's scanner stays at EOF). */
  private next(): IToken {
    const t = this.LA(1);
    if (t.tokenType === EOF) return t;
    this.index++;
    return this.CONSUME(T.AnyToken);
  }

  private report(kind: ErrorKind, start: number, end: number, message: string, order?: number): void {
    this.errors_.report(kind, start, end, message, this.index, order);
  }

  private errorAtTok(message: string): void {
    const t = this.tok;
    this.report("syntax", this.offsetOf(t), this.endOf(t), message);
  }

  private got(): string {
    return T.tokenName(this.tok.tokenType);
  }

  /** expect(X): always consumes one token, matching or not. */
  private expect(type: TokenType): IToken {
    const t = this.tok;
    if (t.tokenType !== type) this.errorAtTok(`expected ${T.tokenName(type)}, got ${this.got()}`);
    return this.next();
  }

  private skipUntil(stop: (t: TokenType) => boolean): void {
    while (!this.atEof && !stop(this.tok.tokenType)) this.next();
  }

  private enter(): boolean {
    if (++this.depth <= MAX_DEPTH) return true;
    if (!this.tooDeep) {
      this.tooDeep = true;
      const t = this.tok;
      this.errors_.tooDeep(this.offsetOf(t), this.endOf(t), `nesting deeper than ${MAX_DEPTH} levels is not supported`, this.index);
    }
    // Give up on the rest of the input: nothing sensible can be recovered from here.
    while (!this.atEof) this.next();
    return false;
  }

  // ---- statements ----------------------------------------------------------------------------

  /** File = Body EOF . */
  readonly file = this.RULE("file", (): Stmt[] => {
    if (this.RECORDING_PHASE) return [];
    return this.SUBRULE(this.body, { ARGS: [false] });
  });

  /**
   * Body = [ Statement { TERMINATOR Statement } ] [ TERMINATOR ] .
   * Inside a block the body ends at "}", which may follow a statement on its line.
   */
  readonly body = this.RULE("body", (inBlock: boolean): Stmt[] => {
    const stmts: Stmt[] = [];
    if (this.RECORDING_PHASE) return stmts;
    while (!this.atEof && !(inBlock && this.is(T.RCurly))) {
      const stmt = this.SUBRULE(this.statement);
      if (stmt) {
        if (!inBlock && this.topLevel) this.topLevel(stmt);
        else stmts.push(stmt);
      }
      if (this.atEof || (inBlock && this.is(T.RCurly))) break;
      if (!this.is(T.Terminator)) {
        this.errorAtTok(`expected TERMINATOR, got ${this.got()}`);
        this.skipStatement();
      }
      this.next();
    }
    return compact(stmts);
  });

  /** Skips to a TERMINATOR outside any bracket opened since the error. */
  private skipStatement(): void {
    let curly = 0;
    let bracket = 0;
    let paren = 0;
    while (!this.atEof) {
      const type = this.tok.tokenType;
      if (type === T.LCurly) curly++;
      else if (type === T.RCurly) curly--;
      else if (type === T.LBracket) bracket++;
      else if (type === T.RBracket) bracket--;
      else if (type === T.LParen) paren++;
      else if (type === T.RParen) paren--;
      else if (type === T.Terminator && curly <= 0 && bracket <= 0 && paren <= 0) return;
      this.next();
    }
  }

  /** Statement recovery: move past the current token, then on to the next identifier. */
  private skipToNextIdent(): void {
    this.next();
    this.skipUntil((t) => t === T.Ident);
  }

  /**
   * Statement = Attribute | Block .
   * Attribute = identifier "=" Expression .
   * Block     = BlockName [ Label ] "{" Body "}" .
   * BlockName = identifier { "." identifier } .
   */
  readonly statement = this.RULE("statement", (): Stmt | undefined => {
    if (this.RECORDING_PHASE) return undefined;
    const name = this.blockName();
    if (!name) {
      this.skipToNextIdent();
      return undefined;
    }
    // Label problems are reported and parsing goes on as if the label were fine; a token that
    // is not a label at all is taken in its place (Alloy's recovery, probes label_*).
    let labelTok: IToken | undefined;
    if (this.is(T.StringTok)) {
      labelTok = this.next();
      const value = labelTok.image.slice(1, -1);
      if (labelTok.image.startsWith("`")) {
        this.report("syntax", labelTok.startOffset, end(labelTok),
          `expected block label to be a double quoted string, but got ${goQuote(labelTok.image)}`);
      } else if (value !== "" && !isValidIdentifier(value)) {
        this.report("syntax", labelTok.startOffset, end(labelTok),
          `expected block label to be a valid identifier, but got ${goQuote(value)}`);
      }
    } else if (!this.is(T.Assign) && !this.is(T.LCurly)) {
      this.errorAtTok(`expected block label, got ${this.got()}`);
      labelTok = this.next();
    }

    const labelValue = labelTok ? labelTok.image.slice(1, -1) : "";
    if (this.is(T.Assign)) return this.attributeRest(name, labelTok, labelValue);
    if (this.is(T.LCurly)) {
      const label: Label | undefined = labelTok && labelValue !== ""
        ? { kind: "Label", value: labelValue, span: { start: labelTok.startOffset, end: end(labelTok) } }
        : undefined;
      return this.blockRest(name, label);
    }
    if (name.length === 1 && labelValue === "") {
      this.errorAtTok(`expected attribute assignment or block body, got ${this.got()}`);
    } else {
      this.errorAtTok(`expected block body, got ${this.got()}`);
    }
    this.skipToNextIdent();
    return undefined;
  });

  private blockName(): Identifier[] | undefined {
    if (!this.is(T.Ident)) {
      this.errorAtTok(`expected identifier, got ${this.got()}`);
      return undefined;
    }
    const parts = [this.identifier(this.next())];
    while (this.is(T.Dot)) {
      this.next();
      if (!this.is(T.Ident)) {
        this.errorAtTok(`expected identifier, got ${this.got()}`);
        return undefined;
      }
      parts.push(this.identifier(this.next()));
    }
    return compact(parts);
  }

  private attributeRest(name: Identifier[], labelTok: IToken | undefined, labelValue: string): Stmt {
    const first = name[0] as Identifier;
    if (name.length > 1) {
      const joined = name.map((n) => n.name).join(".");
      this.report("always", first.span.start, first.span.start + utf8Length(joined),
        'attribute names may only consist of a single identifier with no "."');
    }
    if (labelTok) {
      this.report("always", labelTok.startOffset, labelTok.startOffset + utf8Length(labelValue) + 2,
        "attribute names may not have labels");
    }
    this.next(); // "="
    const value = this.SUBRULE(this.expression);
    return { kind: "Attribute", name: first, value, span: { start: first.span.start, end: value.span.end } };
  }

  private blockRest(name: Identifier[], label: Label | undefined): Block {
    const lbrace = this.next().startOffset;
    const body = this.enter() ? this.SUBRULE2(this.body, { ARGS: [true] }) : [];
    this.depth--;
    const rcurly = this.expect(T.RCurly);
    const start = (name[0] as Identifier).span.start;
    const span = { start, end: this.endOf(rcurly) };
    return label ? { kind: "Block", name, label, lbrace, body, span } : { kind: "Block", name, lbrace, body, span };
  }

  /** A lone expression, optionally followed by one TERMINATOR, then EOF. */
  readonly lone = this.RULE("lone", (): Expr => {
    if (this.RECORDING_PHASE) return NULL_EXPR;
    const expr = this.SUBRULE4(this.expression);
    if (this.is(T.Terminator)) this.next();
    if (!this.atEof) this.errorAtTok(`expected EOF, got ${this.got()}`);
    return expr;
  });

  // ---- expressions ---------------------------------------------------------------------------

  /**
   * Expression = OrExpr .  OrExpr = AndExpr { "||" AndExpr } . ... MulExpr = PowExpr { ... } .
   * PowExpr = UnaryExpr [ "^" PowExpr ] .
   * The six binary levels are parsed by precedence climbing in one rule, so nesting depth (and
   * the stack) grows with brackets, not with the number of operator levels.
   */
  readonly expression = this.RULE("expression", (): Expr => {
    if (this.RECORDING_PHASE) return NULL_EXPR;
    return this.binary(1);
  });

  private binary(minPrecedence: number): Expr {
    let left = this.power();
    for (;;) {
      const precedence = BINARY_PRECEDENCE.get(this.tok.tokenType);
      if (precedence === undefined || precedence < minPrecedence || precedence === POW_PRECEDENCE) return left;
      const opTok = this.next();
      left = binaryNode(left, opTok, this.binary(precedence + 1));
    }
  }

  /** PowExpr = UnaryExpr [ "^" PowExpr ], right-associative, built without recursion. */
  private power(): Expr {
    const operands = [this.unary()];
    const ops: IToken[] = [];
    while (this.is(T.Caret)) {
      ops.push(this.next());
      operands.push(this.unary());
    }
    let right = operands[operands.length - 1] as Expr;
    for (let i = ops.length - 1; i >= 0; i--) right = binaryNode(operands[i] as Expr, ops[i] as IToken, right);
    return right;
  }

  /** UnaryExpr = ( "!" | "-" ) UnaryExpr | PostfixExpr . (iterative: `!!!…x` cannot overflow) */
  private unary(): Expr {
    const ops: IToken[] = [];
    while (this.is(T.Not) || this.is(T.Minus)) ops.push(this.next());
    let expr = this.postfix();
    for (let i = ops.length - 1; i >= 0; i--) {
      const op = ops[i] as IToken;
      expr = { kind: "Unary", op: op.image as "!" | "-", operand: expr, span: { start: op.startOffset, end: expr.span.end } };
    }
    return expr;
  }

  /**
   * PostfixExpr = PrimaryExpr { "." identifier | "[" Expression "]" | "(" [ ExprList ] ")" } .
   * A STRING or "{" right after an operand is a block written where a value belongs.
   */
  private postfix(): Expr {
    let expr = this.primary();
    for (;;) {
      const type = this.tok.tokenType;
      if (type === T.Dot) {
        this.next();
        const nameTok = this.expect(T.Ident);
        const name = this.identifier(nameTok);
        expr = { kind: "Access", value: expr, name, span: { start: expr.span.start, end: this.endOf(nameTok) } };
      } else if (type === T.LBracket) {
        const lbracket = this.next().startOffset;
        const index = this.nested();
        const close = this.expect(T.RBracket);
        expr = { kind: "Index", value: expr, index, lbracket, span: { start: expr.span.start, end: this.endOf(close) } };
      } else if (type === T.LParen) {
        const lparen = this.next().startOffset;
        const args = this.exprList(T.RParen);
        const close = this.expect(T.RParen);
        expr = { kind: "Call", callee: expr, args, lparen, span: { start: expr.span.start, end: this.endOf(close) } };
      } else break;
    }
    if (this.is(T.StringTok) || this.is(T.LCurly)) this.blockAsExpression(expr);
    return expr;
  }

  /** Only a complete `[label] { body }` is reported as a block; a missing `{` is reported as such. */
  private blockAsExpression(operand: Expr): void {
    if (this.is(T.StringTok)) this.next();
    if (!this.is(T.LCurly)) {
      this.expect(T.LCurly);
      return;
    }
    this.next();
    this.SUBRULE3(this.body, { ARGS: [true] });
    const close = this.expect(T.RCurly);
    // Listed where Alloy reports it, at the block's end: after the errors inside the block.
    this.report("always", operand.span.start, this.endOf(close), "cannot use a block as an expression", this.endOf(close));
  }

  /**
   * PrimaryExpr = identifier | string | number | float | "true" | "false" | "null"
   *             | "(" Expression ")" | "[" [ ExprList ] "]" | "{" [ FieldList ] "}" .
   */
  private primary(): Expr {
    const t = this.tok;
    const type = t.tokenType;
    if (type === T.Ident) return this.identifier(this.next());
    const literalKind = LITERAL_KIND.get(type);
    if (literalKind) {
      this.next();
      return { kind: "Literal", literalKind, raw: t.image, span: { start: t.startOffset, end: end(t) } } satisfies Literal;
    }
    if (type === T.LParen) {
      this.next();
      const inner = this.nested();
      const close = this.expect(T.RParen);
      return { kind: "Paren", inner, span: { start: t.startOffset, end: this.endOf(close) } };
    }
    if (type === T.LBracket) return this.array();
    if (type === T.LCurly) return this.object();
    this.errorAtTok(`expected expression, got ${this.got()}`);
    const at = this.offsetOf(t);
    this.skipUntil((s) => OPERAND_STOP.has(s));
    return { kind: "Literal", literalKind: "null", raw: "null", span: { start: at, end: at } };
  }

  /** An expression one bracket deeper. */
  private nested(): Expr {
    if (!this.enter()) {
      this.depth--;
      return NULL_EXPR;
    }
    const expr = this.SUBRULE2(this.expression);
    this.depth--;
    return expr;
  }

  /** ExprList = Expression { "," Expression } [ "," ] . */
  private exprList(close: TokenType): Expr[] {
    const items: Expr[] = [];
    while (!this.is(close) && !this.atEof) {
      items.push(this.nested());
      if (this.is(close)) break;
      if (!this.is(T.Comma)) {
        this.errorAtTok("missing ',' in expression list");
        this.next();
        continue;
      }
      this.next();
    }
    return compact(items);
  }

  private array(): ArrayExpr {
    const open = this.next();
    const elements = this.exprList(T.RBracket);
    const close = this.expect(T.RBracket);
    return { kind: "Array", elements, span: { start: open.startOffset, end: this.endOf(close) } };
  }

  /** "{" [ FieldList ] "}" with FieldList = Field { "," Field } [ "," ] . */
  private object(): ObjectExpr {
    const open = this.next();
    const fields: ObjectField[] = [];
    while (!this.is(T.RCurly) && !this.atEof) {
      fields.push(this.field());
      if (this.is(T.RCurly)) break;
      if (!this.is(T.Comma)) {
        this.errorAtTok("missing ',' in field list");
        this.next();
        continue;
      }
      this.next();
    }
    const close = this.expect(T.RCurly);
    return { kind: "Object", fields: compact(fields), span: { start: open.startOffset, end: this.endOf(close) } };
  }

  /** Field = ( identifier | string ) "=" Expression . */
  private field(): ObjectField {
    const t = this.tok;
    let key: ObjectField["key"];
    if (t.tokenType === T.Ident || t.tokenType === T.StringTok) {
      this.next();
      const quoted = t.tokenType === T.StringTok;
      key = {
        kind: "ObjectKey",
        name: quoted ? t.image.slice(1, -1) : t.image,
        quoted,
        span: { start: t.startOffset, end: end(t) },
      };
    } else {
      this.errorAtTok(`expected field name (string or identifier), got ${this.got()}`);
      const at = this.offsetOf(t);
      key = { kind: "ObjectKey", name: "", quoted: false, span: { start: at, end: at } };
      this.skipUntil((s) => s === T.Assign);
    }
    this.expect(T.Assign);
    const value = this.nested();
    return { kind: "ObjectField", key, value, span: { start: key.span.start, end: value.span.end } };
  }

  private identifier(t: IToken): Identifier {
    if (t.tokenType === EOF) return { kind: "Identifier", name: "", span: { start: this.eofOffset, end: this.eofOffset } };
    return { kind: "Identifier", name: t.image, span: { start: t.startOffset, end: end(t) } };
  }
}

function binaryNode(left: Expr, opTok: IToken, right: Expr): Expr {
  return {
    kind: "Binary",
    op: opTok.image as BinaryOp,
    opSpan: { start: opTok.startOffset, end: end(opTok) },
    left,
    right,
    span: { start: left.span.start, end: right.span.end },
  };
}

/** Half-open end of a scanned token (Chevrotain's endOffset is inclusive). */
function end(t: IToken): number {
  return (t.endOffset as number) + 1;
}

const NULL_EXPR: Literal = { kind: "Literal", literalKind: "null", raw: "null", span: { start: 0, end: 0 } };

let singleton: AlloyParser | undefined;

/**
 * An exactly sized copy of a list built by pushing: a grown array keeps up to ~1.5x + 16 spare
 * slots, which for a tree of small lists is a third of its memory. The copy is made once, and
 * the grown array dies young.
 */
function compact<T>(list: T[]): T[] {
  return list.length === 0 ? EMPTY : list.slice();
}
const EMPTY: never[] = Object.freeze([]) as never[];

/** The parser is built once (self-analysis is costly) and reused for every file. */
export function alloyParser(): AlloyParser {
  singleton ??= new AlloyParser();
  return singleton;
}
