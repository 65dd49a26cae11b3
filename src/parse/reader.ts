import { LineIndex } from "../diag/span.js";
import {
  BACKSLASH, BOM, CR, decodeRune, decodeUtf8, digitValue, DOUBLE_QUOTE, EOF_CHAR, formatCharU, INVALID_RUNE,
  latin1View, LF, SLASH, SPACE, STAR, TAB,
} from "./chars.js";
import { binaryEvidence } from "./binary.js";
import { makeCommentToken, makeToken, type Token } from "./tokens.js";
import type { TokenType } from "chevrotain";

/** A lexical error (spec §1) at a UTF-8 byte offset, or one of the two reasons scanning stopped. */
export interface LexError {
  readonly offset: number;
  readonly message: string;
  /** Set when scanning stopped early: binary input, or MAX_ERRORS reached (reported last). */
  readonly code?: "parse/binary" | "parse/too-many-errors";
  /**
   * Index into `tokens` of the non-comment token being scanned when the error was reported
   * (errors inside comments belong to the next non-comment token scanned after them,
   * TERMINATOR/EOF included). The parser uses it to interleave lexical and syntactic errors.
   */
  readonly tokenIndex: number;
}

/** Bytes per window of latin1 text (SourceReader.slice). */
const WINDOW = 1 << 16;

/**
 * Findings one parse reports at most: MAX_ERRORS - 1 errors (lexical and syntactic together),
 * then a last one saying it stopped reading, so the whole list fits the CLI's 100 per file.
 * Upstream reports every error, but a real Alloy file never has this many (the longest expected
 * list in the conformance data has 4), and a garbage file would otherwise cost time and memory
 * per byte.
 */
export const MAX_ERRORS = 100;

/**
 * The character level of Alloy's scanner: decodes UTF-8 one character ahead of the token being
 * built (the current character `ch`) and reports NUL / bad UTF-8 / BOM errors when a character is
 * decoded, as upstream does — that fixes both the order of errors and the token they are
 * attributed to. Also reads the bodies of strings and comments. ASCII runs are skipped byte-wise
 * without decoding; they cannot produce errors except NUL, where the fast loops stop.
 */
export class SourceReader {
  readonly errors: LexError[] = [];
  protected readonly src: Uint8Array;
  protected readonly len: number;
  /**
   * One character per byte of a window of the input, to slice ASCII-only token text without
   * decoding. A window rather than the whole input: texts sliced from it keep only their window
   * alive, and the scanner's working set stays small however large the input.
   */
  private window = "";
  private windowStart = 0;
  private windowEnd = 0;
  /** Current character (EOF_CHAR at end), its offset, and the offset of the character after it. */
  protected ch = EOF_CHAR;
  protected offset = 0;
  protected readOffset = 0;
  /** Whether the next LF (or EOF, or a line-ending comment) becomes a TERMINATOR (§1.9). */
  protected insertTerm = false;
  /** Non-comment tokens returned so far, i.e. the index of the one being scanned. */
  protected emitted = 0;
  /**
   * Offsets where lines start, collected while scanning so no second pass is needed. Every byte is
   * either decoded by next() or skipped by a fast loop; both record LFs. The comment look-ahead
   * may decode an LF early, so only increasing offsets are kept.
   */
  private readonly lineStarts: number[] = [0];
  private lastLineStart = 0;
  /** Errors counted against MAX_ERRORS, the lexical ones here and the parser's (countError). */
  private errorCount = 0;
  /** Once set, the current token is finished and then EOF follows: nothing more is read. */
  protected stopped = false;

  constructor(src: Uint8Array) {
    this.src = src;
    this.len = src.length;
    const binary = binaryEvidence(src);
    if (binary) {
      // One finding instead of thousands; lines are known up to it so its position is right.
      const head = src.subarray(0, binary.offset);
      for (let i = head.indexOf(LF); i >= 0; i = head.indexOf(LF, i + 1)) this.lineAfter(i);
      this.errors.push({ ...binary, tokenIndex: 0, code: "parse/binary" });
      this.stopped = true;
      this.readOffset = this.len;
    }
    this.next();
    if (this.ch === BOM) this.next(); // a BOM is ignored only as the very first character
  }

  /**
   * Counts one error at `offset` against MAX_ERRORS; false when it must be dropped. The one that
   * reaches the limit stops the scan and becomes a last "too many errors" finding instead.
   */
  countError(offset: number): boolean {
    if (this.stopped) return false;
    if (++this.errorCount < MAX_ERRORS) return true;
    this.stopped = true;
    this.errors.push({
      offset,
      message: `too many errors: stopped reading here after ${MAX_ERRORS - 1}; is this an Alloy file?`,
      tokenIndex: Number.POSITIVE_INFINITY,
      code: "parse/too-many-errors",
    });
    return false;
  }

  /** Line index of the bytes scanned so far (all of them once EOF was returned). */
  lineIndex(): LineIndex {
    return new LineIndex(this.lineStarts);
  }

  private lineAfter(lf: number): void {
    if (lf + 1 > this.lastLineStart) {
      this.lastLineStart = lf + 1;
      this.lineStarts.push(lf + 1);
    }
  }

  protected error(offset: number, message: string): void {
    if (this.countError(offset)) this.errors.push({ offset, message, tokenIndex: this.emitted });
  }

  /** Advances to the next character, reporting NUL, invalid UTF-8 and misplaced BOMs. */
  protected next(): void {
    const i = this.readOffset;
    if (i >= this.len) {
      this.offset = this.len;
      this.ch = EOF_CHAR;
      return;
    }
    this.offset = i;
    const b = this.src[i] as number;
    if (b < 0x80) {
      if (b === LF) this.lineAfter(i);
      else if (b === 0) this.error(i, "illegal character NUL");
      this.ch = b;
      this.readOffset = i + 1;
      return;
    }
    const packed = decodeRune(this.src, i, this.len);
    const cp = packed >>> 3;
    if (packed === INVALID_RUNE) this.error(i, "illegal UTF-8 encoding");
    else if (cp === BOM && i > 0) this.error(i, "illegal byte order mark");
    this.ch = cp;
    this.readOffset = i + (packed & 7);
  }

  /** The current character, read through a call so TypeScript does not keep a stale narrowing. */
  protected current(): number {
    return this.ch;
  }

  protected peekIsDigit(): boolean {
    const b = this.readOffset < this.len ? (this.src[this.readOffset] as number) : 0;
    return b >= 0x30 && b <= 0x39;
  }

  protected skipWhitespace(): void {
    const c = this.ch;
    const skipLF = !this.insertTerm;
    if (c !== SPACE && c !== TAB && c !== CR && (c !== LF || !skipLF)) return;
    const src = this.src;
    const len = this.len;
    let i = this.readOffset;
    while (i < len) {
      const b = src[i] as number;
      if (b === SPACE || b === TAB || b === CR) i++;
      else if (b === LF && skipLF) this.lineAfter(i++);
      else break;
    }
    this.readOffset = i;
    this.next();
  }

  /** Source text of [start, end); `wide` says whether it may contain non-ASCII bytes. */
  protected slice(start: number, end: number, wide: boolean): string {
    if (wide) return decodeUtf8(this.src, start, end);
    if (start < this.windowStart || end > this.windowEnd) {
      this.windowStart = start;
      this.windowEnd = Math.min(this.len, Math.max(end, start + WINDOW));
      this.window = latin1View(this.src.subarray(start, this.windowEnd));
    }
    return this.window.slice(start - this.windowStart, end - this.windowStart);
  }

  /** Consumes ASCII digits starting at the current character; returns how many. */
  protected digits(): number {
    if (this.ch < 0x30 || this.ch > 0x39) return 0;
    const src = this.src;
    const len = this.len;
    let i = this.readOffset;
    while (i < len) {
      const b = src[i] as number;
      if (b < 0x30 || b > 0x39) break;
      i++;
    }
    const count = i - this.offset;
    this.readOffset = i;
    this.next();
    return count;
  }

  /** The opening quote is consumed; the current character is the first one inside. */
  protected scanString(start: number, quote: number, escapes: boolean, multiline: boolean, type: TokenType): Token {
    const src = this.src;
    const len = this.len;
    let wide = false;
    for (;;) {
      const c = this.ch;
      if (c > 0 && c < 0x80 && c !== quote && !(escapes && c === BACKSLASH) && (multiline || c !== LF)) {
        let i = this.readOffset;
        while (i < len) {
          const b = src[i] as number;
          if (b === 0 || b >= 0x80 || b === quote || (b === BACKSLASH && escapes)) break;
          if (b === LF) {
            if (!multiline) break;
            this.lineAfter(i);
          }
          i++;
        }
        this.readOffset = i;
        this.next();
        continue;
      }
      if ((c === LF && !multiline) || c === EOF_CHAR) {
        this.error(start, "string literal not terminated");
        break;
      }
      if (c >= 0x80) wide = true;
      this.next();
      if (c === quote) break;
      if (escapes && c === BACKSLASH) this.scanEscape();
    }
    const end = this.offset;
    return makeToken(type, this.slice(start, end, wide), start, end - 1);
  }

  /**
   * The backslash is consumed. On error, stops at the offending character without consuming it,
   * so the string scan goes on with it as ordinary text.
   */
  protected scanEscape(): void {
    const at = this.offset;
    let n: number;
    let base: number;
    let max: number;
    switch (this.ch) {
      case 0x61: case 0x62: case 0x66: case 0x6e: case 0x72: case 0x74: case 0x76: // a b f n r t v
      case BACKSLASH: case DOUBLE_QUOTE:
        this.next();
        return;
      case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35: case 0x36: case 0x37:
        n = 3; base = 8; max = 255;
        break;
      case 0x78: // x
        this.next();
        n = 2; base = 16; max = 255;
        break;
      case 0x75: // u
        this.next();
        n = 4; base = 16; max = 0x10ffff;
        break;
      case 0x55: // U
        this.next();
        n = 8; base = 16; max = 0x10ffff;
        break;
      default:
        this.error(at, this.ch === EOF_CHAR ? "escape sequence not terminated" : "unknown escape sequence");
        return;
    }
    let value = 0;
    for (; n > 0; n--) {
      const c = this.current();
      const d = digitValue(c);
      if (d >= base) {
        this.error(at, c === EOF_CHAR
          ? "escape sequence not terminated"
          : `illegal character ${formatCharU(c)} in escape sequence`);
        return;
      }
      value = value * base + d;
      this.next();
    }
    if (value > max || (value >= 0xd800 && value < 0xe000)) {
      this.error(at, "escape sequence is invalid Unicode code point");
    }
  }

  /** The first `/` is consumed; the current character is the second `/` or `*`. */
  protected scanComment(start: number): Token {
    const src = this.src;
    const len = this.len;
    let crs = 0;
    let wide = false;
    const block = this.ch === STAR;
    if (!block) {
      let i = this.readOffset;
      for (;;) {
        while (i < len) {
          const b = src[i] as number;
          if (b === LF || b === 0 || b >= 0x80) break;
          if (b === CR) crs++;
          i++;
        }
        this.readOffset = i;
        this.next();
        if (this.ch === LF || this.ch === EOF_CHAR) break;
        if (this.ch >= 0x80) wide = true;
        i = this.readOffset;
      }
    } else {
      this.next();
      let closed = false;
      for (;;) {
        const c = this.ch;
        if (c === EOF_CHAR) break;
        if (c > 0 && c < 0x80 && c !== STAR) {
          if (c === CR) crs++;
          let i = this.readOffset;
          while (i < len) {
            const b = src[i] as number;
            if (b === STAR || b === 0 || b >= 0x80) break;
            if (b < SPACE) {
              if (b === CR) crs++;
              else if (b === LF) this.lineAfter(i);
            }
            i++;
          }
          this.readOffset = i;
          this.next();
          continue;
        }
        if (c >= 0x80) wide = true;
        this.next();
        if (c === STAR && this.ch === SLASH) {
          this.next();
          closed = true;
          break;
        }
      }
      if (!closed) this.error(start, "block comment not terminated");
    }
    const end = this.offset;
    return makeCommentToken(this.commentText(start, end, crs, block, wide), start, end - 1);
  }

  /**
   * Comment text without CRs (§1.3): a final CR goes, then every other CR except one that would
   * glue a `*` to a following `/` inside a block comment and so fake an end marker.
   */
  protected commentText(start: number, end: number, crs: number, block: boolean, wide: boolean): string {
    if (crs === 0) return this.slice(start, end, wide);
    const src = this.src;
    let stop = end;
    if (src[stop - 1] === CR) {
      stop--;
      crs--;
    }
    if (crs === 0) return this.slice(start, stop, wide);
    const out = new Uint8Array(stop - start);
    let n = 0;
    for (let j = start; j < stop; j++) {
      const b = src[j] as number;
      if (b !== CR || (block && n > 2 && out[n - 1] === STAR && j + 1 < stop && src[j + 1] === SLASH)) out[n++] = b;
    }
    return decodeUtf8(out, 0, n);
  }
}
