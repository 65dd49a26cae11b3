import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isIdentPart, isIdentStart, isValidIdentifier, sanitizeIdentifier } from "../../src/ast/index.js";
import { LineIndex } from "../../src/diag/index.js";
import { Scanner, scan, scanAll } from "../../src/parse/scanner.js";
import { EOF, Ident, Illegal, OrOr, Terminator, tokenName, type Token } from "../../src/parse/tokens.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const sharedDir = resolve(repoRoot, "../shared");
const hasShared = existsSync(join(sharedDir, "conformance", "alloy-syntax"));
if (!hasShared) console.warn(`[scanner tests] ${sharedDir} is absent: conformance tables are skipped`);

const DATA = join(sharedDir, "conformance", "alloy-syntax");
const readJson = <T>(...parts: string[]): T => JSON.parse(readFileSync(join(DATA, ...parts), "utf8")) as T;
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const fromBase64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "base64"));

/** Token classes whose literal upstream reports; everything else is an operator (literal ""). */
const NAMED = new Set(["IDENT", "NUMBER", "FLOAT", "STRING", "BOOL", "NULL", "COMMENT", "TERMINATOR", "ILLEGAL", "EOF"]);

interface UpstreamToken { kind: string; literal: string; line: number; column: number; offset: number }

/** Our token in upstream's terms (TERMINATOR's literal is always "\n" there, also at EOF). */
function upstreamView(tok: Token, lines: LineIndex): UpstreamToken {
  const kind = tokenName(tok.tokenType);
  const literal = kind === "TERMINATOR" ? "\n" : NAMED.has(kind) ? tok.image : "";
  const { line, column } = lines.position(tok.startOffset);
  return { kind, literal, line, column, offset: tok.startOffset };
}

function listFiles(dir: string, keep: (rel: string) => boolean): string[] {
  const out: string[] = [];
  const visit = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel))) {
      const child = rel ? `${rel}/${name}` : name;
      if (statSync(join(dir, child)).isDirectory()) visit(child);
      else if (keep(child)) out.push(child);
    }
  };
  visit("");
  return out.sort();
}

(hasShared ? describe : describe.skip)("scanner conformance (../shared)", () => {
  const counts: string[] = [];

  it("tables/scanner_tokens.json: every token kind, literal and position", () => {
    const table = readJson<{
      source_text: string;
      tokens: Array<{ kind_string: string; scanned_literal: string; line: number; column: number; offset: number }>;
      final: { kind: string; offset: number };
    }>("tables", "scanner_tokens.json");
    const bytes = utf8(table.source_text);
    const lines = LineIndex.fromBytes(bytes);
    const { tokens, errors } = scanAll(bytes, { insertTerminators: false });
    const expected = [
      ...table.tokens.map((t) => ({ kind: t.kind_string, literal: t.scanned_literal, line: t.line, column: t.column, offset: t.offset })),
      { kind: "EOF", literal: "", ...lines.position(table.final.offset) },
    ];
    const actual = tokens.map((t) => upstreamView(t, lines));
    let passed = 0;
    expected.forEach((e, i) => {
      if (isDeepStrictEqual(actual[i], e)) passed++;
    });
    counts.push(`scanner_tokens ${passed}/${expected.length}`);
    expect(actual).toEqual(expected);
    expect(errors).toEqual([]);
    expect(passed).toBe(53);
  });

  it("tables/scanner_errors.json: one-token scans with their errors", () => {
    type Bytes = { base64: string; text: string | null };
    const table = readJson<{ cases: Array<{
      input: Bytes; expected_token: string; expected_literal: Bytes; literal_checked: boolean;
      error_count: number; error_message: string; error_offset: number;
    }> }>("tables", "scanner_errors.json");
    // Upstream names operator kinds (DOT, ADD, …); map them to spellings via the token table.
    const spelling = new Map(readJson<{ tokens: Array<{ kind: string; kind_string: string }> }>("tables", "scanner_tokens.json")
      .tokens.map((t) => [t.kind, t.kind_string]));
    const failures: unknown[] = [];
    for (const c of table.cases) {
      const input = fromBase64(c.input.base64);
      const scanner = new Scanner(input, false);
      const tok = scanner.nextToken();
      const kind = tokenName(tok.tokenType);
      const literal = NAMED.has(kind) ? tok.image : "";
      const wantLiteral = new TextDecoder().decode(fromBase64(c.expected_literal.base64));
      const last = scanner.errors[scanner.errors.length - 1];
      const problems: string[] = [];
      if (kind !== (spelling.get(c.expected_token) ?? c.expected_token)) problems.push(`kind ${kind}`);
      if (c.literal_checked && literal !== wantLiteral) problems.push(`literal ${JSON.stringify(literal)}`);
      if (c.literal_checked && kind !== "COMMENT" && NAMED.has(kind)) {
        const raw = Buffer.from(input.subarray(tok.startOffset, (tok.endOffset as number) + 1)).toString("base64");
        if (raw !== c.expected_literal.base64) problems.push(`raw bytes ${raw}`);
      }
      if (scanner.errors.length !== c.error_count) problems.push(`${scanner.errors.length} errors`);
      if ((last?.message ?? "") !== c.error_message) problems.push(`message ${last?.message}`);
      if (c.error_message !== "" && last?.offset !== c.error_offset) problems.push(`offset ${last?.offset}`);
      if (problems.length > 0) failures.push({ input: c.input, problems });
    }
    counts.push(`scanner_errors ${table.cases.length - failures.length}/${table.cases.length}`);
    expect(failures).toEqual([]);
    expect(table.cases.length).toBe(16);
  });

  it("tables/identifiers.json: isValidIdentifier and sanitizeIdentifier", () => {
    const table = readJson<{
      is_valid_identifier: Array<{ input: string; valid: boolean }>;
      sanitize_identifier: Array<{ input: string; expected: string; expected_error: string }>;
    }>("tables", "identifiers.json");
    const failures: unknown[] = [];
    for (const c of table.is_valid_identifier) {
      if (isValidIdentifier(c.input) !== c.valid) failures.push(c);
    }
    for (const c of table.sanitize_identifier) {
      const r = sanitizeIdentifier(c.input);
      const got = r.ok ? { expected: r.value, expected_error: "" } : { expected: "", expected_error: r.error };
      if (got.expected !== c.expected || got.expected_error !== c.expected_error) failures.push({ ...c, got });
    }
    const total = table.is_valid_identifier.length + table.sanitize_identifier.length;
    counts.push(`identifiers ${total - failures.length}/${total}`);
    expect(failures).toEqual([]);
    expect(total).toBe(14);
  });

  it("derived/scan_cases.json: full token lists and errors with terminator insertion", () => {
    const table = readJson<{ cases: Array<{
      name: string; input: string; tokens: UpstreamToken[];
      scan_errors?: Array<{ offset: number; line: number; column: number; message: string }>;
    }> }>("derived", "scan_cases.json");
    const failures: unknown[] = [];
    for (const c of table.cases) {
      const bytes = utf8(c.input);
      const lines = LineIndex.fromBytes(bytes);
      const { tokens, errors } = scanAll(bytes, { insertTerminators: true });
      const actual = tokens.map((t) => upstreamView(t, lines));
      const actualErrors = errors.map((e) => ({ ...lines.position(e.offset), message: e.message }));
      if (!isDeepStrictEqual(actual, c.tokens)) failures.push({ name: c.name, tokens: actual });
      if (!isDeepStrictEqual(actualErrors, c.scan_errors ?? [])) failures.push({ name: c.name, errors: actualErrors });
    }
    counts.push(`scan_cases ${table.cases.length - failures.length}/${table.cases.length}`);
    expect(failures).toEqual([]);
    expect(table.cases.length).toBe(20);
  });

  it("derived/parse_error_cases.json: the lexical diagnostics, in order", () => {
    const table = readJson<{ cases: Array<{
      name: string; input: string; input_base64?: string; diagnostics?: Array<{ offset: number; message: string }>;
    }> }>("derived", "parse_error_cases.json");
    const lexical = /^(illegal |missing second |exponent has no digits|string literal not terminated|unknown escape sequence|escape sequence |block comment not terminated)/;
    const failures: unknown[] = [];
    for (const c of table.cases) {
      const bytes = c.input_base64 ? fromBase64(c.input_base64) : utf8(c.input);
      const want = (c.diagnostics ?? []).filter((d) => lexical.test(d.message)).map(({ offset, message }) => ({ offset, message }));
      const got = scan(bytes).errors.map(({ offset, message }) => ({ offset, message }));
      if (!isDeepStrictEqual(got, want)) failures.push({ name: c.name, got, want });
    }
    counts.push(`parse_error_cases (lexical) ${table.cases.length - failures.length}/${table.cases.length}`);
    expect(failures).toEqual([]);
    expect(table.cases.length).toBe(83);
  });

  it("scans every file that upstream parses without a lexical error, with its line index", () => {
    const files = [
      ...listFiles(join(DATA, "parser", "testdata", "valid"), (f) => f.endsWith(".alloy")).map((f) => join(DATA, "parser", "testdata", "valid", f)),
      ...listFiles(join(DATA, "derived", "fmt-corpus"), (f) => f.endsWith(".alloy")).map((f) => join(DATA, "derived", "fmt-corpus", f)),
    ];
    const failures = files.filter((f) => {
      const bytes = readFileSync(f);
      const r = scan(bytes);
      return r.errors.length > 0 || !isDeepStrictEqual(r.lines.lineStarts, LineIndex.fromBytes(bytes).lineStarts);
    });
    counts.push(`error-free files ${files.length - failures.length}/${files.length}`);
    expect(failures).toEqual([]);
    expect(files.length).toBeGreaterThan(200);
  });

  it("prints the counts", () => {
    console.log(`scanner conformance: ${counts.join(", ")}`);
    expect(counts).toHaveLength(6);
  });
});

/** Tokens of `text` (terminator insertion on) as compact strings: KIND:image@start-end. */
function brief(input: string | Uint8Array): { tokens: string[]; errors: string[] } {
  const bytes = typeof input === "string" ? utf8(input) : input;
  return {
    tokens: scanAll(bytes, { insertTerminators: true }).tokens
      .map((t) => `${tokenName(t.tokenType)}:${JSON.stringify(t.image)}@${t.startOffset}-${t.endOffset}`),
    errors: scan(bytes).errors.map((e) => `${e.offset}#${e.tokenIndex} ${e.message}`),
  };
}

describe("scanner edge cases", () => {
  it("empty input is a lone EOF at 0 with an empty range", () => {
    expect(brief("")).toEqual({ tokens: ['EOF:""@0--1'], errors: [] });
    expect(scanAll(new Uint8Array(), { insertTerminators: false }).tokens.map((t) => tokenName(t.tokenType))).toEqual(["EOF"]);
  });

  it("skips a leading BOM but counts its bytes", () => {
    expect(brief("\uFEFF")).toEqual({ tokens: ['EOF:""@3-2'], errors: [] });
    const r = scan(utf8("\uFEFFa"));
    expect(r.lines.position((r.tokens[0] as Token).startOffset).column).toBe(4);
    expect(brief("a\uFEFF")).toEqual({
      tokens: ['IDENT:"a"@0-0', 'ILLEGAL:"\uFEFF"@1-3', 'TERMINATOR:""@4-3', 'EOF:""@4-3'],
      errors: ["1#0 illegal byte order mark"],
    });
  });

  it("reports NUL once inside text and twice where a token may start", () => {
    expect(brief('"a\u0000"').errors).toEqual(["2#0 illegal character NUL"]);
    expect(brief("// \u0000\n").errors).toEqual(["3#0 illegal character NUL"]);
    expect(brief("a\u0000")).toEqual({
      tokens: ['IDENT:"a"@0-0', 'ILLEGAL:"\\u0000"@1-1', 'TERMINATOR:""@2-1', 'EOF:""@2-1'],
      errors: ["1#0 illegal character NUL", "1#1 illegal character U+0000"],
    });
  });

  it("treats every byte of invalid UTF-8 as one character", () => {
    // At a token start: the decoding error, then an illegal U+FFFD one byte wide.
    expect(brief(new Uint8Array([0x80]))).toEqual({
      tokens: ['ILLEGAL:"\uFFFD"@0-0', 'EOF:""@1-0'],
      errors: ["0#0 illegal UTF-8 encoding", "0#0 illegal character U+FFFD '\uFFFD'"],
    });
    // Truncated, overlong and surrogate sequences: every byte is bad on its own.
    for (const bad of [[0xe2, 0x82], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]]) {
      const r = scan(new Uint8Array([0x22, ...bad, 0x22]));
      expect(r.errors.map((e) => e.offset)).toEqual(bad.map((_, i) => i + 1));
      expect(r.tokens.map((t) => tokenName(t.tokenType))).toEqual(["STRING", "TERMINATOR", "EOF"]);
    }
    // A correctly encoded U+FFFD is only an illegal character.
    expect(brief("\uFFFD").errors).toEqual(["0#0 illegal character U+FFFD '\uFFFD'"]);
  });

  it("formats illegal characters like Go's %#U", () => {
    expect(brief("\u00A0").errors).toEqual(["0#0 illegal character U+00A0"]);
    expect(brief("\u{1F600}").errors).toEqual(["0#0 illegal character U+1F600 '\u{1F600}'"]);
    expect(brief("\u0301").errors).toEqual(["0#0 illegal character U+0301 '\u0301'"]);
    expect(brief("\u0663").errors).toEqual(["0#0 illegal character U+0663 '\u0663'"]); // Nd cannot start
  });

  it("treats CRLF like LF and strips CRs from comment text", () => {
    const crlf = scan(utf8("a = 1 // x\r\nb = 2\r\n"));
    const lf = scan(utf8("a = 1 // x\nb = 2\n"));
    expect(crlf.tokens.map((t) => [tokenName(t.tokenType), t.image])).toEqual(lf.tokens.map((t) => [tokenName(t.tokenType), t.image]));
    expect(crlf.comments.map((c) => [c.image, c.startOffset, c.endOffset])).toEqual([["// x", 6, 10]]);
    expect(brief("/* a\r\nb\r */").tokens[0]).toBe('COMMENT:"/* a\\nb */"@0-10');
    expect(brief("/*\r*/").tokens[0]).toBe('COMMENT:"/**/"@0-4');
    expect(brief("`a\r\nb`").tokens[0]).toBe('STRING:"`a\\r\\nb`"@0-5');
  });

  it("reports an unterminated block comment at its start; a terminator precedes it", () => {
    expect(brief("a = 1 /* x")).toEqual({
      tokens: ['IDENT:"a"@0-0', '=:"="@2-2', 'NUMBER:"1"@4-4', 'TERMINATOR:"\\n"@6-6', 'COMMENT:"/* x"@6-9', 'EOF:""@10-9'],
      errors: ["6#4 block comment not terminated"],
    });
    expect(brief("/*").errors).toEqual(["0#0 block comment not terminated"]);
  });

  it("attributes errors to the token being scanned, comment errors to the next token", () => {
    expect(brief("a = 1\u0000\n").errors).toEqual(["5#2 illegal character NUL", "5#3 illegal character U+0000"]);
    expect(brief(new Uint8Array([0x2f, 0x2f, 0x20, 0x80, 0x0a, 0x62])).errors).toEqual(["3#0 illegal UTF-8 encoding"]);
    expect(brief("a // \uFEFF\n").errors).toEqual(["5#2 illegal byte order mark"]);
    // The look-ahead for a line-ending block comment decodes it once more, as upstream does.
    expect(brief("a /* \u0000 */\n")).toEqual({
      tokens: ['IDENT:"a"@0-0', 'TERMINATOR:"\\n"@2-2', 'COMMENT:"/* \\u0000 */"@2-8', 'EOF:""@10-9'],
      errors: ["5#1 illegal character NUL", "5#2 illegal character NUL"],
    });
    expect(brief("a /* c */\u0000").errors).toEqual([
      "9#1 illegal character NUL", "9#1 illegal character NUL", "9#1 illegal character U+0000",
    ]);
  });

  it("keeps || / && tokens for a single | or & and reports after it", () => {
    const r = scan(utf8("a |"));
    expect(r.errors).toEqual([{ offset: 3, message: "missing second | in ||", tokenIndex: 1 }]);
    expect(r.tokens[1]).toMatchObject({ tokenType: OrOr, image: "||", startOffset: 2, endOffset: 2 });
  });

  it("reports escape errors at the character after the backslash", () => {
    expect(brief('"\\').errors).toEqual(["2#0 escape sequence not terminated", "0#0 string literal not terminated"]);
    expect(brief('"\\x4\n').errors).toEqual(["2#0 illegal character U+000A in escape sequence", "0#0 string literal not terminated"]);
    expect(brief('"\\u12"').errors).toEqual(["2#0 illegal character U+0022 '\"' in escape sequence"]);
    expect(brief('"\\377\\U0010FFFF\\a\\b\\f\\n\\r\\t\\v\\\\\\""').errors).toEqual([]);
  });

  it("leaves the terminator state alone after illegal characters, not after single-quoted strings", () => {
    expect(brief("a = ~\n").tokens).not.toContain('TERMINATOR:"\\n"@5-5');
    expect(brief("a ~\n").tokens).toContain('TERMINATOR:"\\n"@3-3');
    expect(brief("a = 'x'\n").tokens).toContain('TERMINATOR:"\\n"@7-7');
  });

  it("keeps returning EOF after the end", () => {
    const s = new Scanner(utf8("a"), true);
    const kinds = Array.from({ length: 5 }, () => tokenName(s.nextToken().tokenType));
    expect(kinds).toEqual(["IDENT", "TERMINATOR", "EOF", "EOF", "EOF"]);
  });

  it("classifies identifier characters by \\p{L} and \\p{Nd}", () => {
    expect(isIdentStart(0x5f) && isIdentStart(0x00e9) && !isIdentStart(0x30) && !isIdentStart(0x0663)).toBe(true);
    expect(isIdentPart(0x0663) && isIdentPart(0x39) && !isIdentPart(0x2167) && !isIdentPart(0x0301)).toBe(true);
    expect(["true", "false", "null", "a b", "é", "x٣"].map(isValidIdentifier)).toEqual([false, false, false, false, true, true]);
    expect(sanitizeIdentifier("٣x-y")).toEqual({ ok: true, value: "_٣x_y" });
    expect(sanitizeIdentifier("true").ok).toBe(false);
  });
});

describe("scanner robustness (property-based)", () => {
  const WHITESPACE = new Set([0x20, 0x09, 0x0d, 0x0a]);
  const alphabet = ["a", "é", "1", ".", "e", "+", "\"", "`", "'", "\\", "/", "*", "|", "&", "\n", "\r", " ", "\t", "\u0000", "\uFEFF", "x", "{", "}", "=", "#", "/*", "*/", "//", "\\u", "\n\n"];
  const texts = fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((cs) => utf8(cs.join("")));
  const bytes = fc.uint8Array({ maxLength: 60 });

  it("never throws, covers the input, and agrees across modes", () => {
    fc.assert(fc.property(fc.oneof(texts, bytes), (input) => {
      const withTerms = scanAll(input, { insertTerminators: true });
      const without = scanAll(input, { insertTerminators: false });
      const split = scan(input);
      const last = withTerms.tokens[withTerms.tokens.length - 1] as Token;
      expect(last.tokenType).toBe(EOF);
      expect(last.startOffset).toBe(input.length);
      // Between real tokens there is only whitespace (or the leading BOM).
      let pos = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
      for (const t of without.tokens) {
        for (let i = pos; i < t.startOffset; i++) expect(WHITESPACE.has(input[i] as number)).toBe(true);
        expect(t.startOffset).toBeGreaterThanOrEqual(pos);
        pos = (t.endOffset as number) + 1;
      }
      const real = (ts: Token[]): string[] => ts.filter((t) => t.tokenType !== Terminator).map((t) => `${t.tokenType.name}@${t.startOffset}`);
      expect(real(withTerms.tokens)).toEqual(real(without.tokens));
      expect(split.tokens.length + split.comments.length).toBe(withTerms.tokens.length);
      expect(split.lines.lineStarts).toEqual(LineIndex.fromBytes(input).lineStarts);
      for (const e of split.errors) {
        expect(e.offset).toBeGreaterThanOrEqual(0);
        expect(e.offset).toBeLessThanOrEqual(input.length);
        expect(e.tokenIndex).toBeLessThan(split.tokens.length);
      }
      for (const t of split.tokens) {
        if (t.tokenType === Ident) expect(isValidIdentifier(t.image)).toBe(true);
        if (t.tokenType === Illegal) expect(split.errors.length).toBeGreaterThan(0);
      }
    }), { numRuns: 2000 });
  });
});
