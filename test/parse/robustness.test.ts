import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFile } from "../../src/parse/index.js";
import { MAX_ERRORS } from "../../src/parse/reader.js";
import { corpusManifest, hasShared, readShared } from "../shared.js";

/**
 * Parses and checks the two promises: no exception, and a bounded list of findings (at most
 * MAX_ERRORS, and a parse/too-deep one besides). Speed is the bench's business, not a test's.
 */
function parsesSafely(bytes: Uint8Array): ReturnType<typeof parseFile> {
  const result = parseFile(bytes);
  expect(result.diagnostics.length).toBeLessThanOrEqual(MAX_ERRORS + 1);
  return result;
}

describe("parser robustness", () => {
  it("never throws on random bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => void parsesSafely(bytes)), { numRuns: 2000 });
  });

  it("never throws on random text made of Alloy's own characters", () => {
    const piece = fc.constantFrom(
      "a", "b.c", " ", "\n", "\r\n", "\t", "=", "{", "}", "[", "]", "(", ")", ",", ".", '"x"', '"', "`r`", "`",
      "1", "2.5", "1e", "//c\n", "/*c*/", "/*", "+", "-", "!", "^", "||", "&&", "|", "&", "==", "<", "true", "null",
      "'q'", "\\", "é", "\u{feff}", "\0", "#",
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 300 }), (pieces) => void parsesSafely(Buffer.from(pieces.join("")))), {
      numRuns: 2000,
    });
  });

  it.skipIf(!hasShared)("never throws on mutated corpus files", () => {
    const files = corpusManifest()
      .filter((r) => Number(r.size) < 20_000)
      .map((r) => readShared("corpus", r.local_file as string));
    const mutation = fc.record({
      file: fc.nat({ max: files.length - 1 }),
      at: fc.nat(),
      length: fc.nat({ max: 40 }),
      insert: fc.uint8Array({ maxLength: 12 }),
      kind: fc.constantFrom("delete", "insert", "replace", "duplicate"),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (mutations) => {
        let bytes: Buffer = files[(mutations[0] as { file: number }).file] as Buffer;
        for (const m of mutations) {
          const at = bytes.length === 0 ? 0 : m.at % bytes.length;
          const before = bytes.subarray(0, at);
          const after = bytes.subarray(Math.min(bytes.length, at + m.length));
          const middle = bytes.subarray(at, Math.min(bytes.length, at + m.length));
          bytes =
            m.kind === "delete" ? Buffer.concat([before, after])
            : m.kind === "insert" ? Buffer.concat([before, m.insert, bytes.subarray(at)])
            : m.kind === "replace" ? Buffer.concat([before, m.insert, after])
            : Buffer.concat([before, middle, middle, after]);
        }
        parsesSafely(bytes);
      }),
      { numRuns: 1500 },
    );
  });

  it.each([
    ["arrays", "x = " + "[".repeat(10_000) + "]".repeat(10_000)],
    ["objects", "x = " + "{a = ".repeat(10_000) + "1" + "}".repeat(10_000)],
    ["parentheses", "x = " + "(".repeat(10_000) + "1" + ")".repeat(10_000)],
    ["blocks", "a {\n".repeat(10_000) + "}\n".repeat(10_000)],
    ["calls", "x = " + "f(".repeat(10_000) + ")".repeat(10_000)],
  ])("reports 10,000 levels of nested %s instead of overflowing the stack", (_name, text) => {
    const { diagnostics } = parsesSafely(Buffer.from(text));
    expect(diagnostics[0]?.code).toBe("parse/too-deep");
  });

  it("handles long flat chains without recursion", () => {
    for (const text of ["x = " + "-".repeat(100_000) + "1", "x = 1" + " ^ 2".repeat(50_000), "x = 1" + " + 2".repeat(50_000)]) {
      expect(parsesSafely(Buffer.from(text)).diagnostics).toEqual([]);
    }
  });

  it("handles the degenerate inputs", () => {
    expect(parsesSafely(new Uint8Array()).diagnostics).toEqual([]);
    expect(parsesSafely(Buffer.from("\u{feff}")).diagnostics).toEqual([]);
    expect(parsesSafely(Buffer.from([0])).diagnostics.map((d) => d.message)).toContain("illegal character NUL");
    expect(parsesSafely(Buffer.from([0x61, 0x20, 0x3d, 0x20, 0xff, 0xfe])).diagnostics[0]?.message).toBe("illegal UTF-8 encoding");
    expect(parsesSafely(Buffer.from("a = 1\r\nb = 2\r\n")).diagnostics).toEqual([]);
  });
});
