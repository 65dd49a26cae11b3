import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { blockScalar, configMapManifest, helmValues, UnrepresentableText } from "../../src/yaml/index.js";
import { hasShared, listFiles, sharedPath } from "../shared.js";
import { tplReference } from "./reference-tpl.js";

/**
 * Out: every corpus file with `{{` in it, and the lab, written as Helm values and as a ConfigMap,
 * read back by a YAML parser: the values' content through the reference tpl, and the ConfigMap's
 * key, are exactly the text.
 */
const corpus = hasShared ? listFiles(sharedPath("corpus"), (f) => f.endsWith(".alloy")) : [];
const withTemplates = corpus.filter((f) => readFileSync(join(sharedPath("corpus"), f), "utf8").includes("{{"));

function helmContent(yaml: string): string {
  const docs = parseAllDocuments(yaml);
  expect(docs).toHaveLength(1);
  expect(docs[0]?.errors).toEqual([]);
  return (docs[0]?.toJS() as { alloy: { configMap: { create: boolean; content: string } } }).alloy.configMap.content;
}

describe.skipIf(!hasShared)("helm-values and configmap read back to the text", () => {
  it("for every corpus file with {{ and for the lab", () => {
    const texts = [...withTemplates.map((f) => ({ name: f, text: readFileSync(join(sharedPath("corpus"), f), "utf8") })), { name: "lab", text: readFileSync(sharedPath("lab", "config.expected.alloy"), "utf8") }];
    expect(withTemplates.length).toBeGreaterThanOrEqual(50);
    let escapes = 0;
    for (const { name, text } of texts) {
      const values = helmValues(text);
      const content = helmContent(values);
      expect(content.includes("{{") ? tplReference(content) : content, name).toBe(text);
      if (text.includes("{{")) expect(content, name).not.toBe(text);
      escapes += (values.match(/\{\{ "/g) ?? []).length;
      // Never a quoted one-line string: the text's lines are the YAML's lines.
      expect(values.split("\n").length, name).toBeGreaterThanOrEqual(text.split("\n").length);
      const manifest = parse(configMapManifest(text, { name: "alloy", namespace: "monitoring" })) as { kind: string; metadata: { name: string; namespace: string }; data: Record<string, string> };
      expect(manifest.kind).toBe("ConfigMap");
      expect(manifest.metadata).toEqual({ name: "alloy", namespace: "monitoring" });
      expect(manifest.data["config.alloy"], name).toBe(text);
    }
    console.log(`helm-values round trip through tpl: ${texts.length} texts (${withTemplates.length} corpus files with {{, and the lab), ${escapes} escapes; configmap round trip: ${texts.length}`);
  });
});

describe("blockScalar", () => {
  const readBack = (text: string): unknown => (parse(`k:\n  v: ${blockScalar(text, 4)}x: 1\n`) as { k: { v: unknown } }).k.v;

  it("keeps every ending, leading white space and empty lines", () => {
    for (const text of ["a\n", "a", "a\n\n\n", "", "\n", "  indented\nb\n", "\tx\n", "\n\nafter blank\n", "a\n\n  \n b\n", "x:\n- y\n---\n...\n# not a comment\n"]) {
      expect(readBack(text), JSON.stringify(text)).toBe(text);
    }
  });

  it("chooses the header from the text", () => {
    expect(blockScalar("a\n", 2)).toBe("|\n  a\n");
    expect(blockScalar("a", 2)).toBe("|-\n  a\n");
    expect(blockScalar("a\n\n", 2)).toBe("|+\n  a\n\n");
    expect(blockScalar(" a\n", 2)).toBe("|2\n   a\n");
  });

  it("refuses text a block scalar cannot hold, with where it is", () => {
    expect(() => blockScalar("a\nb\rc\n", 2)).toThrow(new UnrepresentableText("the Alloy text holds U+000D at line 2, column 2, which a YAML block scalar cannot hold"));
    expect(() => blockScalar("\u001b[31m", 2)).toThrow(UnrepresentableText);
  });

  it("quotes names YAML would read as something else", () => {
    expect(configMapManifest("a\n", { name: "true", key: "1.alloy" })).toContain('name: "true"\ndata:\n  "1.alloy": |\n');
  });
});
