import { describe, expect, it } from "vitest";
import { goQuote, isGoPrintable, quoteInner } from "../../src/ast/quote.js";
import { unquote } from "../../src/check/values.js";
import { parseExpression } from "../../src/parse/index.js";

/** What UTF-8 output makes of a JavaScript string: each lone surrogate becomes U+FFFD. */
const asWritten = (s: string): string => new TextDecoder().decode(new TextEncoder().encode(s));

/** The value Alloy reads back from a quoted string, through the real parser. */
function readBack(quoted: string): string {
  const { expr, diagnostics } = parseExpression(quoted);
  expect(diagnostics, quoted).toEqual([]);
  expect(expr.kind).toBe("Literal");
  return unquote((expr as { raw: string }).raw);
}

describe("isGoPrintable (Go's unicode.IsPrint)", () => {
  it("takes categories L, M, N, P, S and the ASCII space only", () => {
    for (const ch of ["a", "Z", "0", "~", " ", "!", "é", "日", "\u0301", "٣", "€", "😀", "\u{1d4b3}", "\ufffd"]) {
      expect(isGoPrintable(ch.codePointAt(0) as number), ch).toBe(true);
    }
    // Controls, other spaces (Zs, Zl, Zp), format characters, private use, unassigned.
    for (const cp of [0x00, 0x09, 0x0a, 0x1f, 0x7f, 0x80, 0x9f, 0xa0, 0x2000, 0x2028, 0x2029, 0x3000, 0x200b, 0xad, 0xfeff, 0xe000, 0xe0001, 0xffff, 0x10ffff]) {
      expect(isGoPrintable(cp), cp.toString(16)).toBe(false);
    }
  });

  it("answers false, without throwing, for surrogates and values beyond U+10FFFF", () => {
    for (const cp of [0xd800, 0xdbff, 0xdc00, 0xdfff, 0x110000, -1]) expect(isGoPrintable(cp), cp.toString(16)).toBe(false);
  });
});

describe("goQuote (Go's strconv.Quote)", () => {
  it("escapes as Go does", () => {
    expect(goQuote("")).toBe('""');
    expect(goQuote("plain")).toBe('"plain"');
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote("\t\n\x07\x00\x7f")).toBe('"\\t\\n\\a\\x00\\x7f"');
    expect(goQuote("\b\f\r\v\x1b")).toBe('"\\b\\f\\r\\v\\x1b"');
    expect(goQuote("é日🙂")).toBe('"é日🙂"');
    expect(goQuote("\u0080\u009f")).toBe('"\\u0080\\u009f"'); // C1 controls are \u, not \x
    expect(goQuote("\u00a0\u200b")).toBe('"\\u00a0\\u200b"');
    expect(goQuote("\u{e0001}")).toBe('"\\U000e0001"');
    expect(goQuote("with space")).toBe('"with space"');
    expect(quoteInner('say "hi"')).toBe('say \\"hi\\"');
  });

  it("writes a lone surrogate as U+FFFD, the character UTF-8 output makes of it and Go prints as is", () => {
    expect(goQuote("\ud800")).toBe('"\ufffd"');
    expect(goQuote("a\udc00b")).toBe('"a\ufffdb"');
    expect(goQuote("\udc00\ud800")).toBe('"\ufffd\ufffd"'); // reversed halves: two lone surrogates
    expect(goQuote("\ud83d\ude00\ud83d")).toBe('"😀\ufffd"');
    expect(goQuote("\ufffd")).toBe('"\ufffd"'); // what Go's Quote gives for a real U+FFFD
    expect(asWritten(goQuote("a\udfff"))).toBe(goQuote("a\udfff")); // nothing left for the encoder to replace
  });

  it("reads back through the parser as the value quoted (a lone surrogate as U+FFFD)", () => {
    const samples = [
      "", "plain", 'q"uote', "back\\slash", "\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x7f", "\u0080\u00a0\u00ad",
      "é日🙂", "\u2028\u2029\ufeff", "\u{e0001}\u{10ffff}", "\ud800", "x\udfffy", "${not_interpolated}",
    ];
    for (const s of samples) expect(readBack(goQuote(s)), JSON.stringify(s)).toBe(asWritten(s));
    for (let cp = 0; cp < 0x3000; cp += 7) {
      const s = String.fromCodePoint(cp);
      expect(readBack(goQuote(s)), cp.toString(16)).toBe(asWritten(s));
    }
  });
});
