import { describe, expect, it, vi } from "vitest";
import * as f from "../../src/ast/factory.js";
import { synth } from "../../src/builders/index.js";
import { layout } from "../../src/builders/layout.js";
import { utf8Length } from "../../src/diag/utf8.js";
import { format } from "../../src/emit/index.js";
import { parseFile } from "../../src/parse/index.js";
import { exampleNames, loadExample } from "./helpers.js";

vi.mock("alloyc", () => import("../../src/index.js"));

/**
 * The layout gives a built tree the positions it would have in canonically written text. The
 * strongest check of that: parsing the canonical text gives back exactly the built tree, spans,
 * comments and line starts included; so the emitter sees no difference between the two.
 */

/** The tree as plain data (frozen objects and shared nodes compare by value). */
function plain(node: unknown): unknown {
  return JSON.parse(JSON.stringify(node));
}

describe("layout", () => {
  for (const name of exampleNames()) {
    it(`examples/${name}.ts: the built tree is what parsing its canonical text gives`, async () => {
      const built = synth(await loadExample(name), { text: true });
      const text = built.text as string;
      const parsed = parseFile(text);
      expect(parsed.diagnostics).toEqual([]);
      expect(plain(built.file)).toEqual(plain(parsed.file));
      expect(format(built.file)).toBe(format(parsed.file));
    });
  }

  it("writes expressions, objects in arrays and multi-line marks canonically", () => {
    const obj = f.object([["__address__", f.string("localhost:9090")], ["job name", f.string("x")]]);
    const body = [
      f.attribute("targets", f.array([obj])),
      f.attribute("sum", f.binary("+", f.number(1), f.unary("-", f.number(2)))),
      f.attribute("call", f.call(f.path("string.format"), [f.string("%s-%d"), f.index(f.path("a.b"), f.number(0)), f.paren(f.bool(true))])),
      f.attribute("empty", f.object([])),
      f.block("inner", "x", []),
      f.attribute("after_block", f.nullLiteral()),
    ];
    const laid = layout(body, { text: true, comments: (s) => (s === body[0] ? ["targets\nsecond line"] : undefined) });
    expect(laid.text).toBe(
      [
        "// targets",
        "// second line",
        "targets = [",
        '\t{__address__ = "localhost:9090", "job name" = "x"},',
        "]",
        "sum = 1 + -2",
        'call = string.format("%s-%d", a.b[0], (true))',
        "empty = {}",
        "",
        'inner "x" { }',
        "",
        "after_block = null",
        "",
      ].join("\n"),
    );
    const parsed = parseFile(laid.text as string);
    expect(plain(laid.file)).toEqual(plain(parsed.file));
  });

  it("counts UTF-8 bytes as the emitter does", () => {
    for (const s of ["abc", "é", "€", "😀", "a😀é€", "\ud800", "a\udc00"]) expect(utf8Length(s)).toBe(Buffer.byteLength(s));
    const body = [f.attribute("label", f.string("héllo 😀")), f.attribute("next", f.number(1))];
    const laid = layout(body, { text: true });
    expect(plain(laid.file)).toEqual(plain(parseFile(laid.text as string).file));
  });

  it("places text after a lone surrogate where the parser finds it (written as U+FFFD, 3 bytes)", () => {
    const body = [f.attribute("a", f.string("x\ud800y")), f.attribute("b", f.number(1))];
    const laid = layout(body, { text: true, trailingComments: ["// lone \udc00 here", "// after"] });
    const parsed = parseFile(laid.text as string);
    expect(parsed.diagnostics).toEqual([]);
    const spans = (file: typeof laid.file): unknown => ({
      file: file.span,
      lines: file.lineStarts,
      comments: file.comments.flatMap((g) => g.comments.map((c) => c.span)),
    });
    expect(spans(laid.file)).toEqual(spans(parsed.file));
  });
});
