import type { Diagnostic, LineIndex } from "../diag/index.js";
import type { LexError } from "./scanner.js";

/**
 * How Alloy's parser reports: one syntactic error per line (a syntactic error on the line of the
 * last kept one is dropped), while lexical errors, the attribute-name errors and "cannot use a
 * block as an expression" are always kept and do not move that line (spec §3.3).
 */
export type ErrorKind = "syntax" | "always";

interface Reported {
  readonly diagnostic: Diagnostic;
  /** Index of the parser's current token when reported, to interleave with lexical errors. */
  readonly tokenIndex: number;
}

export class ErrorCollector {
  private readonly reported: Reported[] = [];
  private lastSyntaxLine = 0;

  /** `limit` counts each error against the parse's MAX_ERRORS and says whether to keep it. */
  constructor(
    private readonly lines: LineIndex,
    private readonly limit: { countError(offset: number): boolean } = { countError: () => true },
  ) {}

  /** `order`: where the finding is listed when not at `start` (Diagnostic.order). */
  report(kind: ErrorKind, start: number, end: number, message: string, tokenIndex: number, order?: number): void {
    if (kind === "syntax") {
      const line = this.lines.line(start);
      if (line === this.lastSyntaxLine) return;
      this.lastSyntaxLine = line;
    }
    if (!this.limit.countError(start)) return;
    const diagnostic: Diagnostic = { code: "parse/syntax", severity: "error", span: { start, end }, message };
    this.reported.push({ diagnostic: order === undefined ? diagnostic : { ...diagnostic, order }, tokenIndex });
  }

  tooDeep(start: number, end: number, message: string, tokenIndex: number): void {
    this.reported.push({
      diagnostic: { code: "parse/too-deep", severity: "error", span: { start, end }, message },
      tokenIndex,
    });
  }

  get count(): number {
    return this.reported.length;
  }

  /**
   * All diagnostics in Alloy's order: a token's lexical errors are reported when the parser
   * reaches that token, so they precede the syntactic errors reported while it is current.
   * A "too many errors" finding has token index Infinity, so it comes last.
   */
  merge(lexErrors: readonly LexError[]): Diagnostic[] {
    const out: Diagnostic[] = [];
    let li = 0;
    for (const r of this.reported) {
      while (li < lexErrors.length && (lexErrors[li] as LexError).tokenIndex <= r.tokenIndex) {
        out.push(lexical(lexErrors[li++] as LexError));
      }
      out.push(r.diagnostic);
    }
    while (li < lexErrors.length) out.push(lexical(lexErrors[li++] as LexError));
    return out;
  }
}

function lexical(e: LexError): Diagnostic {
  return { code: e.code ?? "parse/lexical", severity: "error", span: { start: e.offset, end: e.offset + 1 }, message: e.message };
}
