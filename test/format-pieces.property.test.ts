import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Stmt } from "../src/ast/index.js";
import { formatBytes, printedEnd } from "../src/emit/index.js";
import { formatSource } from "../src/format.js";
import { parseFile, parseInPieces } from "../src/parse/index.js";
import { randomFile } from "./emit/generate.js";
import { fileArb } from "./format-pieces.generate.js";

/**
 * Formatting in pieces (formatSource with a piece size) prints what formatting the whole file
 * prints, on random files: top-level attributes and blocks with comments in the places where the
 * formatter moves them (before a call's or a parenthesis' `)`, after a trailing `,`, before an
 * access's name), line comments, blank lines, nested blocks; cut with every piece size from 0
 * (every place parseInPieces may cut) to 64 bytes.
 */

const RUNS = Number(process.env.ALLOYC_PROPERTY_RUNS ?? 300);

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function whole(bytes: Uint8Array): string | undefined {
  const parsed = parseFile(bytes);
  return parsed.diagnostics.length > 0 ? undefined : decoder.decode(formatBytes(parsed.file));
}

function inPieces(bytes: Uint8Array, pieceBytes: number): string | undefined {
  const result = formatSource(bytes, "<test>", pieceBytes);
  return "formatted" in result ? decoder.decode(result.formatted) : undefined;
}

/**
 * How many pieces parseInPieces makes of `bytes` with pieces of any size: as formatSource cuts
 * (with emit's printedEnd), or ignoring comments inside statements (without).
 */
function pieceCount(bytes: Uint8Array, trailingFrom?: (stmt: Stmt) => number): number {
  let n = 0;
  parseInPieces(bytes, "<test>", 0, () => n++, trailingFrom);
  return n;
}

describe("formatSource in pieces", () => {
  it("prints what formatting the whole file prints, on random statements cut at every place", () => {
    let parsing = 0;
    let cut = 0;
    let kept = 0;
    fc.assert(
      fc.property(fileArb, (text) => {
        const bytes = encoder.encode(text);
        const expected = whole(bytes);
        if (expected !== undefined) parsing++;
        const pieces = pieceCount(bytes, printedEnd);
        if (pieces > 1) cut++;
        // Files where a statement's comment printed after it kept a cut away (the fuzzer's case).
        if (pieceCount(bytes) > pieces) kept++;
        expect(inPieces(bytes, 0)).toBe(expected);
      }),
      { numRuns: RUNS },
    );
    console.log(`pieces property: ${parsing}/${RUNS} random files parse, ${cut} cut, ${kept} with a cut kept away by a trailing comment`);
    // The generator must mostly write files that parse and can be cut, and the fuzzer's case, or
    // the property says little.
    expect(parsing).toBeGreaterThan(RUNS * 0.9);
    expect(cut).toBeGreaterThan(RUNS * 0.3);
    expect(kept).toBeGreaterThan(RUNS * 0.03);
  });

  it("prints the same with random piece sizes", () => {
    fc.assert(
      fc.property(fileArb, fc.integer({ min: 1, max: 64 }), (text, pieceBytes) => {
        const bytes = encoder.encode(text);
        expect(inPieces(bytes, pieceBytes)).toBe(whole(bytes));
      }),
      { numRuns: RUNS },
    );
  });

  it("prints the same for the formatter's random files joined, cut at every place", () => {
    fc.assert(
      fc.property(fc.array(randomFile.map((f) => f.text), { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 64 }), (files, pieceBytes) => {
        const bytes = encoder.encode(files.map((f) => f.trimEnd()).join("\n"));
        expect(inPieces(bytes, pieceBytes)).toBe(whole(bytes));
      }),
      { numRuns: RUNS },
    );
  });
});
