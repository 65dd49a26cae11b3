import { describe, expect, it } from "vitest";
import { parseExpression, parseFile } from "../../src/parse/index.js";
import { scan } from "../../src/parse/scanner.js";

// The parser reads tokens from the scanner one at a time (no token vector); these pin what that
// must not change: every lexical error and comment of the input is still seen, and the shared
// parser carries nothing from one input to the next.
describe("streaming token input", () => {
  it("reports lexical errors past the point where an expression parse stopped", () => {
    const messages = parseExpression('1 ) "a\u0000"').diagnostics.map((d) => d.message);
    expect(messages).toEqual(["expected EOF, got )", "illegal character NUL"]);
  });

  it("keeps the comments after the last statement", () => {
    const { file } = parseFile("a = 1\n// one\n/* two */\n");
    expect(file.comments.map((g) => g.comments.map((c) => c.text))).toEqual([["// one", "/* two */"]]);
  });

  it("groups comments by the tokens between them, terminators included", () => {
    // A terminator sits at the offset of a line comment that follows a value: it does not
    // separate that comment from the next one.
    const { file } = parseFile("a = 1 // x\n// y\nb = 2 // z\n");
    expect(file.comments.map((g) => g.comments.map((c) => c.text))).toEqual([["// x", "// y"], ["// z"]]);
  });

  it("starts every parse afresh", () => {
    expect(parseFile("a = (\n").diagnostics.length).toBeGreaterThan(0);
    const clean = parseFile("b = 2\n");
    expect(clean.diagnostics).toEqual([]);
    expect(clean.file.body.map((s) => s.kind)).toEqual(["Attribute"]);
  });

  it("reads the same tokens as a whole-file scan", () => {
    const text = 'x "y" {\n  a = [1, 2.5, `r`] // c\n  b = f(c.d[0]) || !e\n}\n';
    const { tokens, comments } = scan(Buffer.from(text));
    expect(tokens.at(-1)?.startOffset).toBe(Buffer.byteLength(text));
    expect(comments.map((c) => c.image)).toEqual(["// c"]);
    expect(parseFile(text).diagnostics).toEqual([]);
  });
});
