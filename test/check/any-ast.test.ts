import { beforeAll, describe, expect, it } from "vitest";
import type { Attribute, Block, Expr, File, Identifier } from "../../src/ast/index.js";
import { check, loadCatalog } from "../../src/check/index.js";
import { parseFile } from "../../src/parse/index.js";
import { hasShared, listFiles, readShared, sharedPath } from "../shared.js";

/** A tree built without the parser, the way builders make one: no source, synthetic spans. */
const at = { start: 0, end: 0 };
const ident = (name: string): Identifier => ({ kind: "Identifier", name, span: at });
const str = (text: string): Expr => ({ kind: "Literal", literalKind: "string", raw: JSON.stringify(text), span: at });
const attr = (name: string, value: Expr): Attribute => ({ kind: "Attribute", name: ident(name), value, span: at });
const block = (name: string, label: string | undefined, body: Block["body"]): Block => ({
  kind: "Block",
  name: name.split(".").map(ident),
  ...(label !== undefined ? { label: { kind: "Label", value: label, span: at } } : {}),
  lbrace: 0,
  body,
  span: at,
});

describe("the checker works on any AST", () => {
  beforeAll(async () => {
    await loadCatalog();
  });

  it("checks a built tree", () => {
    const file: File = {
      kind: "File",
      body: [block("loki.write", "default", [block("endpoint", undefined, [attr("ulr", str("http://loki"))])])],
      comments: [],
      lineStarts: [],
      span: at,
    };
    const found = check(file).map((d) => `${d.code} ${d.message}`);
    expect(found).toContain('check/unknown-attribute unrecognized attribute name "ulr"');
    expect(found).toContain('check/missing-required missing required attribute "url"');
  });

  it.skipIf(!hasShared)("never throws on the docs' snippets and upstream's .alloy files", () => {
    const dirs = ["corpus/snippets", "conformance/alloy-syntax/derived/fmt-corpus"];
    let files = 0;
    for (const dir of dirs) {
      for (const rel of listFiles(sharedPath(dir), (f) => f.endsWith(".alloy"))) {
        const { file, diagnostics } = parseFile(readShared(dir, rel), rel);
        if (diagnostics.length > 0) continue;
        files++;
        expect(() => check(file, { filename: rel })).not.toThrow();
      }
    }
    console.log(`checked ${files} snippet and upstream files without an exception`);
    expect(files).toBeGreaterThan(500);
  });
});
