import { createToken, EOF, Lexer, type IToken, type TokenType } from "chevrotain";

/**
 * Alloy's token vocabulary as Chevrotain token types. alloyc does not use Chevrotain's regex
 * lexer: Alloy's scanner works on UTF-8 bytes and reports errors Chevrotain cannot phrase, so
 * scanner.ts produces these tokens by hand and the Chevrotain parser consumes them.
 *
 * Every real token belongs to the category `AnyToken`, which error recovery consumes to skip
 * input the way Alloy's parser does.
 */
export const AnyToken = createToken({ name: "AnyToken", pattern: Lexer.NA });

/** Value-like tokens: after one of these a newline becomes a TERMINATOR (spec §1.9). */
export const Literal = createToken({ name: "Literal", pattern: Lexer.NA, categories: [AnyToken] });

function token(name: string, categories: TokenType[] = [AnyToken]): TokenType {
  return createToken({ name, pattern: Lexer.NA, categories });
}

export const Ident = token("IDENT");
export const NumberTok = token("NUMBER", [AnyToken, Literal]);
export const FloatTok = token("FLOAT", [AnyToken, Literal]);
export const StringTok = token("STRING", [AnyToken, Literal]);
export const BoolTok = token("BOOL", [AnyToken, Literal]);
export const NullTok = token("NULL", [AnyToken, Literal]);
export const Terminator = token("TERMINATOR");
export const Illegal = token("ILLEGAL");
export const Comment = token("COMMENT");

export const OrOr = token("||");
export const AndAnd = token("&&");
export const Not = token("!");
export const Assign = token("=");
export const Eq = token("==");
export const Neq = token("!=");
export const Lt = token("<");
export const Lte = token("<=");
export const Gt = token(">");
export const Gte = token(">=");
export const Plus = token("+");
export const Minus = token("-");
export const Star = token("*");
export const Slash = token("/");
export const Percent = token("%");
export const Caret = token("^");
export const LCurly = token("{");
export const RCurly = token("}");
export const LParen = token("(");
export const RParen = token(")");
export const LBracket = token("[");
export const RBracket = token("]");
export const Comma = token(",");
export const Dot = token(".");

export { EOF };

/** Every token type, in a fixed order; the parser is built over this vocabulary. */
export const allTokens: TokenType[] = [
  AnyToken, Literal,
  Ident, NumberTok, FloatTok, StringTok, BoolTok, NullTok, Terminator, Illegal, Comment,
  OrOr, AndAnd, Not, Assign, Eq, Neq, Lt, Lte, Gt, Gte, Plus, Minus, Star, Slash, Percent, Caret,
  LCurly, RCurly, LParen, RParen, LBracket, RBracket, Comma, Dot,
];

/**
 * The name Alloy uses for a token in messages ("expected X, got Y"): IDENT, STRING, TERMINATOR,
 * EOF, ... for classes, the spelling for operators and delimiters.
 */
export function tokenName(type: TokenType): string {
  return type === EOF ? "EOF" : type.name;
}

/**
 * A scanned token. Offsets are UTF-8 byte offsets (Chevrotain convention: endOffset inclusive);
 * `image` is the token's text decoded (for COMMENT: carriage returns removed, spec §1.3).
 */
export type Token = IToken;

export function makeToken(type: TokenType, image: string, startOffset: number, endOffset: number): Token {
  return {
    image,
    startOffset,
    endOffset,
    tokenType: type,
    tokenTypeIdx: type.tokenTypeIdx as number,
  } as Token;
}

/**
 * A COMMENT token: the same shape, built at its own allocation site. Comments are kept until
 * their piece is grouped while other tokens die at once; sharing one site, V8 would judge all
 * tokens by the comments' survival and start allocating every token in the old generation.
 */
export function makeCommentToken(image: string, startOffset: number, endOffset: number): Token {
  return {
    image,
    startOffset,
    endOffset,
    tokenType: Comment,
    tokenTypeIdx: Comment.tokenTypeIdx as number,
  } as Token;
}
