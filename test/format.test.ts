import { describe, expect, it } from "vitest";
import { formatBytes, printedEnd } from "../src/emit/index.js";
import { format, formatFile, formatSource, PIECE_BYTES } from "../src/format.js";
import { parseFile, parseInPieces } from "../src/parse/index.js";
import { hasShared, listFiles, readShared, sharedPath } from "./shared.js";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

/**
 * Where parseInPieces cuts `src` for formatSource (piece starts after the first), with pieces of
 * at least `min` bytes.
 */
function blockSplits(src: Uint8Array, min: number): number[] | undefined {
  const starts: number[] = [];
  const { diagnostics } = parseInPieces(src, "<test>", min, (piece) => starts.push(piece.span.start), printedEnd);
  return diagnostics.length > 0 ? undefined : starts.slice(1);
}

/** formatSource's text, with pieces as small as they can be (every clean block boundary). */
function inPieces(bytes: Uint8Array): string | undefined {
  const result = formatSource(bytes, "<test>", 0);
  return "formatted" in result ? text(result.formatted) : undefined;
}

function whole(bytes: Uint8Array): string {
  return text(formatBytes(parseFile(bytes).file));
}

describe("parseInPieces", () => {
  it("cuts before a top-level block that follows another statement", () => {
    const src = 'a = 1\nb { }\n\nc "x" {\n  d { }\n}\ne = [\n  1,\n]\nf.g { }\n';
    const at = (s: string): number => Buffer.byteLength(src.slice(0, src.indexOf(s)));
    expect(blockSplits(utf8(src), 0)).toEqual([at("b {"), at('c "x"'), at("f.g")]);
  });

  it("never cuts where a comment sits between the two statements, or inside brackets", () => {
    expect(blockSplits(utf8("a = 1 // one\nb { }\n"), 0)).toEqual([]);
    expect(blockSplits(utf8("a { }\n/* two */\nb { }\n"), 0)).toEqual([]);
    expect(blockSplits(utf8("a = {\n  b = 1,\n}\n"), 0)).toEqual([]);
    expect(blockSplits(utf8("x { a { } \n b { } }\n"), 0)).toEqual([]);
  });

  it("never cuts after a statement whose comments the formatter prints after it", () => {
    // A comment before a call's or a parenthesis' `)`, an access's name or a trailing `,` moves
    // past them (emit's printedEnd): it ends up between the statements, deciding the gap.
    for (const value of ["f(1 /* c */)", "(1 /* c */)", "f(1, /* c */)", "f( /* c */)", "f(g(1 /* c */))", "a /* c */ .b", "!f(1 /* c */)", "1 + f(2 /* c */)"]) {
      expect(blockSplits(utf8(`x = ${value}\nb { }\n`), 0)).toEqual([]);
    }
    // Before a text with a position of its own (`]`, `}`, the next argument) it stays inside.
    for (const value of ["[1 /* c */]", "{ a = 1 /* c */ }", "f(1 /* c */, 2)", "f(1) + 2"]) {
      expect(blockSplits(utf8(`x = ${value}\nb { }\n`), 0)?.length).toBe(1);
    }
  });

  it("keeps cuts at least minBytes apart", () => {
    const src = "a { }\nb { }\nc { }\nd { }\n";
    expect(blockSplits(utf8(src), 0)).toEqual([6, 12, 18]);
    expect(blockSplits(utf8(src), 7)).toEqual([12]);
  });

  it("reports what parseFile reports, and its pieces make up the file", () => {
    for (const src of ["a { }\nb {\n", "a { }\n}\nb { }\n", 'a { }\nb = "x\n', "a { }\nb { c = }\nd { }\n"]) {
      expect(parseInPieces(src, "<test>", 0, () => {}).diagnostics).toEqual(parseFile(src).diagnostics);
    }
    const src = "// head\na = 1\nb { }\nc { /* in */ }\n// tail\n";
    const pieces: { body: string[]; comments: string[] }[] = [];
    parseInPieces(src, "<test>", 0, (p) =>
      pieces.push({ body: p.body.map((s) => s.kind), comments: p.comments.flatMap((g) => g.comments.map((c) => c.text)) }),
    );
    expect(pieces).toEqual([
      { body: ["Attribute"], comments: ["// head"] },
      { body: ["Block"], comments: [] },
      { body: ["Block"], comments: ["/* in */", "// tail"] },
    ]);
  });
});

describe("formatSource", () => {
  it("formats a file in pieces exactly as a whole", () => {
    const src = 'a = 1\nbb = 22\nx "l" {\n  k = "v"\n  // note\n  m { }\n}\ny {\n  z = [1,\n    2]\n}\n\n\nw = f(\n  1)\n';
    expect(blockSplits(utf8(src), 0)?.length).toBe(2);
    expect(inPieces(utf8(src))).toBe(whole(utf8(src)));
    // CRLF line ends, a BOM, no final newline, blank lines at the end.
    for (const variant of [src.replace(/\n/g, "\r\n"), `\uFEFF${src}`, src.trimEnd(), `${src}\n\n\n`]) {
      expect(blockSplits(utf8(variant), 0)?.length).toBe(2);
      expect(inPieces(utf8(variant))).toBe(whole(utf8(variant)));
    }
  });

  it("formats a statement ending in a comment before `)` and the block after it as a whole (fuzzer cases)", () => {
    const statements = [
      "x = f(1 /* c */)",
      "x = (1 /* c */)",
      "x = f(1, /* c */)",
      "x = f( /* c */)",
      'x = env("A" /* c */) + f(g(1 /* c */))',
      "x = a /* c */ .b",
      "x = /* c */\n(\n1 /* c */)",
      "x = f(\n  1,\n/* c */)",
      "x = f(1 /* c */) // d",
      "x = f(1 /* c */)\n\n",
    ];
    for (const stmt of statements) {
      const around = `a { }\n${stmt}\nb "l" {\n  c = 1\n}\nd { }\n`;
      expect(blockSplits(utf8(around), 0)?.length, around).toBe(1); // before d, not before b
      for (const src of [`${stmt}\nb { }\n`, around]) {
        expect(inPieces(utf8(src)), src).toBe(whole(utf8(src)));
      }
    }
    // The same at the size where fmt formats in pieces (PIECE_BYTES), cut wherever it may.
    const big = utf8(`${statements.map((s) => `${s}\nb {\n  c = [1,\n 2]\n}\n`).join("")}`.repeat(Math.ceil((3 * PIECE_BYTES) / 300)));
    expect(big.length).toBeGreaterThan(2 * PIECE_BYTES);
    expect(text((formatSource(big) as { formatted: Uint8Array }).formatted)).toBe(whole(big));
  });

  it("reports the whole file's diagnostics when a piece does not parse", () => {
    const src = `a { }\n${"b { c = 1 }\n".repeat(20)}d { e = }\n${"f { }\n".repeat(20)}`;
    const result = formatSource(utf8(src), "big.alloy", 16);
    expect(blockSplits(utf8(src.replace("e = }", "e = 1 }")), 16)?.length).toBeGreaterThan(2);
    expect("unparsable" in result && result.unparsable.diagnostics.map((d) => d.message)).toEqual(parseFile(src).diagnostics.map((d) => d.message));
    expect("unparsable" in result && result.unparsable.source.name).toBe("big.alloy");
  });

  it("formats files around the size where pieces start like a whole", () => {
    const block = 'stage.thing "x" {\n\tvalue    = 1\n  other = ["a",\n "b"]\n}\n';
    for (const size of [2 * PIECE_BYTES - 200, 2 * PIECE_BYTES + 200, 5 * PIECE_BYTES]) {
      const src = utf8(`top = 1\n${block.repeat(Math.ceil(size / block.length))}`);
      expect(text((formatSource(src) as { formatted: Uint8Array }).formatted)).toBe(whole(src));
    }
  });
});

describe("format", () => {
  it("formats text or bytes, and a tree the parser gave, as formatSource does", () => {
    const src = 'a   = 1\nb "x" {\n  c = [1,\n 2]\n}\n';
    const expected = whole(utf8(src));
    expect(expected).not.toBe(src);
    expect(format(src)).toEqual({ ok: true, text: expected });
    expect(format(utf8(src), "x.alloy")).toEqual({ ok: true, text: expected });
    expect(formatFile(parseFile(src).file)).toBe(expected);
  });

  it("gives the parse diagnostics and the named source of a file that does not parse", () => {
    const result = format("a {\n", "broken.alloy");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics.map((d) => d.message)).toEqual(parseFile("a {\n").diagnostics.map((d) => d.message));
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.source.name).toBe("broken.alloy");
  });
});

describe.skipIf(!hasShared)("formatSource on the corpus", () => {
  it("prints what formatting the whole file prints, for every corpus and expected-fmt file it can split", () => {
    let split = 0;
    let pieces = 0;
    let files = 0;
    const differ: string[] = [];
    for (const dir of ["corpus", "corpus/expected-fmt"]) {
      for (const rel of listFiles(sharedPath(dir), (f) => f.endsWith(".alloy") && !f.startsWith("expected-fmt/"))) {
        const bytes = readShared(dir, rel);
        if (parseFile(bytes).diagnostics.length > 0) continue;
        files++;
        const cuts = blockSplits(bytes, 0);
        if (cuts === undefined || cuts.length === 0) continue;
        split++;
        pieces += cuts.length + 1;
        if (inPieces(bytes) !== whole(bytes)) differ.push(`${dir}/${rel}`);
      }
    }
    console.log(`format in pieces: ${split - differ.length}/${split} splittable files identical (${pieces} pieces; ${files} files parse)`);
    expect(differ).toEqual([]);
    expect(split).toBeGreaterThan(1000);
  });
});
