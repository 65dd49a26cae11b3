import { describe, expect, it } from "vitest";
import { renderText, toJson, type Located } from "../../src/diag/index.js";
import { parseFile } from "../../src/parse/index.js";

/**
 * Alloy reports "cannot use a block as an expression" once it has read the block, so the errors
 * inside the block come first (grafana/alloy syntax/parser: parseBody, then the diagnostic). The
 * finding still starts at the operand; only where it is listed follows Alloy.
 */
const INPUT = 'x {\n  a = foo "l" {\n    c = \n    d = 1 +\n  }\n  e = 2\n}\n';

function located(text: string): Located[] {
  const parsed = parseFile(new TextEncoder().encode(text), "c.alloy");
  return parsed.diagnostics.map((diagnostic) => ({ file: parsed.source, diagnostic }));
}

describe("a block used as an expression", () => {
  it("is listed after the errors inside the block, as Alloy lists it, and starts at the operand", () => {
    const items = located(INPUT);
    const json = toJson(items).map((d) => `${d.line}:${d.column} ${d.message}`);
    expect(json).toEqual(["4:7 expected TERMINATOR, got =", "2:7 cannot use a block as an expression", "8:1 expected }, got EOF"]);
    // Output order is the parser's report order, which is Alloy's.
    expect(toJson(items).map((d) => d.message)).toEqual(items.map((i) => i.diagnostic.message));
    // The first error a user reads is Alloy's first error.
    expect(renderText(items).split("\n")[0]).toBe("c.alloy:4:7: error: expected TERMINATOR, got = [parse/syntax]");
  });

  it("keeps its place among findings after the block and in a block without errors inside", () => {
    const items = located('a = b {\n  c = 1\n}\nd = 1 +\n');
    expect(toJson(items).map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      "1:5 cannot use a block as an expression",
      "5:1 expected expression, got EOF",
    ]);
  });
});
