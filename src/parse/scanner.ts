import { isIdentPart, isIdentStart } from "../ast/identifiers.js";
import type { LineIndex } from "../diag/span.js";
import {
  asciiClass, BACKTICK, BOM, DIGIT, DOT, DOUBLE_QUOTE, EOF_CHAR, formatCharU, LF, SINGLE_QUOTE, SLASH, STAR,
} from "./chars.js";
import { type LexError, SourceReader } from "./reader.js";
import {
  AndAnd, Assign, BoolTok, Caret, Comma, Comment, Dot, EOF, Eq, FloatTok, Gt, Gte, Ident, Illegal,
  LBracket, LCurly, LParen, Lt, Lte, makeToken, Minus, Neq, Not, NullTok, NumberTok, OrOr, Percent,
  Plus, RBracket, RCurly, RParen, Slash, Star, StringTok, Terminator, type Token,
} from "./tokens.js";
import type { TokenType } from "chevrotain";

export type { LexError } from "./reader.js";

/**
 * Alloy's scanner: turns characters into tokens and inserts TERMINATORs (§1.9). Create one per
 * input and call nextToken() until EOF, or use scan()/scanAll().
 */
export class Scanner extends SourceReader {
  private readonly autoTerminators: boolean;

  constructor(src: Uint8Array, insertTerminators = true) {
    super(src);
    this.autoTerminators = insertTerminators;
  }

  /** Scans the next token, COMMENTs included. After EOF it keeps returning EOF. */
  nextToken(): Token {
    if (this.stopped) return this.stoppedEof();
    this.skipWhitespace();
    const start = this.offset;
    const ch = this.ch;
    if (ch >= 0 && ch < 0x80) {
      const cls = asciiClass[ch] as number;
      if (cls === DIGIT || (ch === DOT && this.peekIsDigit())) return this.finish(this.scanNumber(start), true);
      if (cls !== 0) return this.finish(this.scanIdentifier(start), true);
    } else if (ch === EOF_CHAR) {
      this.emitted++;
      if (this.insertTerm) {
        this.insertTerm = false;
        return makeToken(Terminator, "", start, start - 1);
      }
      return makeToken(EOF, "", start, start - 1);
    } else if (isIdentStart(ch)) {
      return this.finish(this.scanIdentifier(start), true);
    }
    this.next(); // `ch` is the token's first character, this.ch the one after it
    switch (ch) {
      case LF: // only reached when a terminator is due; otherwise skipped as whitespace
        this.insertTerm = false;
        this.emitted++;
        return makeToken(Terminator, "\n", start, start);
      case SINGLE_QUOTE:
        this.error(start, "illegal single-quoted string; use double quotes");
        return this.finish(this.scanString(start, SINGLE_QUOTE, true, false, Illegal), true);
      case DOUBLE_QUOTE:
        return this.finish(this.scanString(start, DOUBLE_QUOTE, true, false, StringTok), true);
      case BACKTICK:
        return this.finish(this.scanString(start, BACKTICK, false, true, StringTok), true);
      case 0x7c: // |
        return this.finish(this.doubled(start, 0x7c, OrOr, "missing second | in ||"), false);
      case 0x26: // &
        return this.finish(this.doubled(start, 0x26, AndAnd, "missing second & in &&"), false);
      case 0x21: // !
        return this.finish(this.withEquals(start, Not, Neq), false);
      case 0x3d: // =
        return this.finish(this.withEquals(start, Assign, Eq), false);
      case 0x3c: // <
        return this.finish(this.withEquals(start, Lt, Lte), false);
      case 0x3e: // >
        return this.finish(this.withEquals(start, Gt, Gte), false);
      case 0x2b: return this.finish(single(Plus, start), false);
      case 0x2d: return this.finish(single(Minus, start), false);
      case STAR: return this.finish(single(Star, start), false);
      case 0x25: return this.finish(single(Percent, start), false);
      case 0x5e: return this.finish(single(Caret, start), false);
      case 0x7b: return this.finish(single(LCurly, start), false);
      case 0x28: return this.finish(single(LParen, start), false);
      case 0x5b: return this.finish(single(LBracket, start), false);
      case 0x2c: return this.finish(single(Comma, start), false);
      case DOT: return this.finish(single(Dot, start), false);
      case 0x7d: return this.finish(single(RCurly, start), true);
      case 0x29: return this.finish(single(RParen, start), true);
      case 0x5d: return this.finish(single(RBracket, start), true);
      case SLASH:
        return this.slashOrComment(start);
      default: {
        // next() already reported a misplaced BOM; don't report it twice.
        if (ch !== BOM) this.error(start, `illegal character ${formatCharU(ch)}`);
        const tok = makeToken(Illegal, String.fromCodePoint(ch), start, this.offset - 1);
        return this.finish(tok, this.insertTerm); // illegal characters leave the state alone
      }
    }
  }

  /** EOF at the end of the input once scanning stopped (binary input, too many errors). */
  private stoppedEof(): Token {
    this.emitted++;
    this.insertTerm = false;
    return makeToken(EOF, "", this.len, this.len - 1);
  }

  private finish(tok: Token, insertTerm: boolean): Token {
    if (this.autoTerminators) this.insertTerm = insertTerm;
    this.emitted++;
    return tok;
  }

  private scanIdentifier(start: number): Token {
    const src = this.src;
    const len = this.len;
    let wide = this.ch >= 0x80;
    for (;;) {
      let i = this.readOffset;
      while (i < len && asciiClass[src[i] as number] !== 0) i++;
      this.readOffset = i;
      this.next();
      const c = this.ch;
      if (c < 0x80 || !isIdentPart(c)) break;
      wide = true;
    }
    const end = this.offset;
    const text = this.slice(start, end, wide);
    const n = end - start;
    if (n === 4) {
      if (text === "true") return makeToken(BoolTok, "true", start, end - 1);
      if (text === "null") return makeToken(NullTok, "null", start, end - 1);
    } else if (n === 5 && text === "false") {
      return makeToken(BoolTok, "false", start, end - 1);
    }
    return makeToken(Ident, text, start, end - 1);
  }


  private scanNumber(start: number): Token {
    let type = NumberTok;
    if (this.ch !== DOT) this.digits();
    if (this.ch === DOT) {
      type = FloatTok;
      this.next();
      this.digits();
    }
    if ((this.ch | 0x20) === 0x65) { // e or E
      type = FloatTok;
      this.next();
      if (this.ch === 0x2b || this.ch === 0x2d) this.next();
      if (this.digits() === 0) this.error(start, "exponent has no digits");
    }
    return makeToken(type, this.slice(start, this.offset, false), start, this.offset - 1);
  }

  /** `|` or `&`: a single one is reported (after it) but still yields the doubled operator. */
  private doubled(start: number, ch: number, type: TokenType, message: string): Token {
    if (this.ch !== ch) this.error(this.offset, message);
    else this.next();
    return makeToken(type, type.name, start, this.offset - 1);
  }

  private withEquals(start: number, plain: TokenType, withEq: TokenType): Token {
    if (this.ch !== 0x3d) return makeToken(plain, plain.name, start, start);
    this.next();
    return makeToken(withEq, withEq.name, start, start + 1);
  }

  /** The first `/` is consumed. */
  private slashOrComment(start: number): Token {
    const second = this.ch;
    if (second !== SLASH && second !== STAR) return this.finish(single(Slash, start), false);
    if (this.insertTerm) {
      if (this.findLineEnd()) {
        // Terminator first, at the comment's `/`; the comment is scanned by the next call.
        this.ch = SLASH;
        this.offset = start;
        this.readOffset = start + 1;
        this.insertTerm = false;
        this.emitted++;
        return makeToken(Terminator, "\n", start, start);
      }
      this.ch = second;
      this.offset = start + 1;
      this.readOffset = start + 2;
    }
    const comment = this.scanComment(start);
    this.insertTerm = false;
    return comment;
  }

  /**
   * Whether the comment starting here (and any further block comments on its line) runs to the
   * end of the line. A look-ahead like upstream's: characters decoded here report their errors
   * again when the comment is scanned for real.
   */
  private findLineEnd(): boolean {
    for (let ch = this.ch; ch === SLASH || ch === STAR; ch = this.current()) {
      if (ch === SLASH) return true;
      this.next();
      for (;;) {
        const c = this.current();
        if (c === EOF_CHAR) break;
        if (c === LF) return true;
        this.next();
        if (c === STAR && this.current() === SLASH) {
          this.next();
          break;
        }
      }
      this.skipWhitespace(); // insertTerm is set, so this stops at LF
      const after = this.current();
      if (after === EOF_CHAR || after === LF) return true;
      if (after !== SLASH) return false;
      this.next();
    }
    return false;
  }
}

function single(type: TokenType, start: number): Token {
  return makeToken(type, type.name, start, start);
}

/**
 * The scanner as the parser reads it: one non-comment token at a time, as Alloy's parser pulls
 * them (so tokens die young instead of all being kept for the whole parse), with comments set
 * apart and the start of every token kept compactly for grouping comments.
 */
export class TokenStream {
  /** COMMENT tokens in order; image has CRs removed (§1.3), offsets are the raw bytes. */
  readonly comments: Token[] = [];
  /** Start offsets of the non-comment tokens read so far (TERMINATORs and EOF included). */
  private startList = new Int32Array(1024);
  private count = 0;
  /** Tokens whose starts were forgotten (see forget). */
  private forgotten = 0;
  private readonly scanner: Scanner;
  private eof: Token | undefined;
  /** Lines of the input: a view of the scanner's table, complete for what was read so far. */
  readonly lines: LineIndex;

  constructor(bytes: Uint8Array) {
    this.scanner = new Scanner(bytes, true);
    this.lines = this.scanner.lineIndex();
  }

  /** The next non-comment token; after EOF it keeps returning EOF. */
  next(): Token {
    if (this.eof) return this.eof;
    for (;;) {
      const tok = this.scanner.nextToken();
      if (tok.tokenType === Comment) {
        this.comments.push(tok);
        continue;
      }
      if (this.count === this.startList.length) {
        const grown = new Int32Array(this.count * 2);
        grown.set(this.startList);
        this.startList = grown;
      }
      this.startList[this.count++] = tok.startOffset;
      if (tok.tokenType === EOF) this.eof = tok;
      return tok;
    }
  }

  /** Reads the rest of the input (its comments and lexical errors), however far the parser got. */
  drain(): void {
    while (!this.eof) this.next();
  }

  /** Number of non-comment tokens read so far. */
  get tokenCount(): number {
    return this.forgotten + this.count;
  }

  /** Starts of the tokens read so far, from the first one not forgotten. */
  get tokenStarts(): Int32Array {
    return this.startList.subarray(0, this.count);
  }

  /**
   * Drops the first `comments` comments and `tokens` token starts, which the reader has used:
   * a file read in pieces keeps only what the current piece needs.
   */
  forget(comments: number, tokens: number): void {
    this.comments.splice(0, comments);
    this.startList.copyWithin(0, tokens, this.count);
    this.count -= tokens;
    this.forgotten += tokens;
  }

  /** In the order upstream reports them. */
  get errors(): readonly LexError[] {
    return this.scanner.errors;
  }

  /** Counts one of the parser's errors against MAX_ERRORS (see SourceReader.countError). */
  countError(offset: number): boolean {
    return this.scanner.countError(offset);
  }

}

/** A whole file scanned the way the parser reads it (for tests and tools; the parser streams). */
export function scan(bytes: Uint8Array): { tokens: Token[]; comments: Token[]; errors: readonly LexError[]; lines: LineIndex } {
  const stream = new TokenStream(bytes);
  const tokens: Token[] = [];
  for (;;) {
    const tok = stream.next();
    tokens.push(tok);
    if (tok.tokenType === EOF) break;
  }
  return { tokens, comments: stream.comments, errors: stream.errors, lines: stream.lines };
}

/** Every token in order, comments included, ending in EOF (for conformance tests and tools). */
export function scanAll(
  bytes: Uint8Array,
  opts: { insertTerminators: boolean },
): { tokens: Token[]; errors: { offset: number; message: string }[] } {
  const scanner = new Scanner(bytes, opts.insertTerminators);
  const tokens: Token[] = [];
  for (;;) {
    const tok = scanner.nextToken();
    tokens.push(tok);
    if (tok.tokenType === EOF) break;
  }
  return { tokens, errors: scanner.errors.map(({ offset, message }) => ({ offset, message })) };
}
