import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles, repoRoot } from "./shared.js";

/**
 * DESIGN.md's import direction: diag ← ast ← {parse, emit, schema} ← {builders, check, simulate,
 * import, yaml, graph} ← facade (src/*.ts) ← {cli, lsp, prettier, playground}. parse and emit
 * never import each other, check never imports parse, builders never imports emit, parse or check
 * (compile-and-check is the facade's), stages of one tier never import each other, nothing
 * imports cli. Each stage lists what it may import.
 */
const BASE = ["diag", "ast"];
const STAGES = [...BASE, "parse", "emit", "schema"];
const BELOW_FACADE = [...STAGES, "builders", "check", "simulate", "import", "yaml", "graph"];
const ALLOWED: Record<string, readonly string[]> = {
  diag: [],
  ast: ["diag"],
  parse: BASE,
  emit: BASE,
  schema: BASE,
  builders: [...BASE, "schema"],
  check: [...BASE, "schema"],
  simulate: STAGES,
  import: STAGES,
  yaml: STAGES,
  graph: STAGES,
  "": BELOW_FACADE,
  // `alloyc lsp` starts the language server (src/lsp/stdio.ts): the one cli → lsp edge.
  cli: [...BELOW_FACADE, "", "lsp"],
  lsp: [...BELOW_FACADE, ""],
  prettier: [...BASE, "parse", "emit", ""],
  playground: [...BELOW_FACADE, ""],
};

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function stageOf(relFromSrc: string): string {
  const parts = relFromSrc.split("/");
  return parts.length === 1 ? "" : (parts[0] as string);
}

function forbiddenEdges(files: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const [rel, text] of files) {
    const from = stageOf(rel);
    for (const m of text.matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2]) as string;
      if (!spec.startsWith(".")) continue;
      const target = join("src", rel, "..", spec).replace(/\\/g, "/");
      if (!target.startsWith("src/")) continue;
      const to = stageOf(target.slice(4));
      if (to === from) continue;
      if (!(ALLOWED[from] ?? []).includes(to)) problems.push(`src/${rel} (${from || "root"}) imports ${spec} (${to || "root"})`);
    }
  }
  return problems;
}

describe("architecture", () => {
  it("has no import edge DESIGN.md forbids", () => {
    const src = join(repoRoot, "src");
    const files = new Map(listFiles(src, (f) => f.endsWith(".ts")).map((rel) => [rel, readFileSync(join(src, rel), "utf8")]));
    expect(files.size).toBeGreaterThan(10);
    expect(forbiddenEdges(files)).toEqual([]);
  });

  it("reports each kind of forbidden edge", () => {
    const files = new Map([
      ["parse/a.ts", 'import { format } from "../emit/index.js";'],
      ["emit/b.ts", 'import type { X } from "../parse/index.js";'],
      ["check/c.ts", 'export { parseFile } from "../parse/index.js";'],
      ["builders/d.ts", 'const m = await import("../emit/index.js");'],
      ["schema/e.ts", 'import { main } from "../cli/main.js";'],
      ["builders/f.ts", 'import { check } from "../check/index.js";'],
      ["check/g.ts", 'import { compile } from "../compile.js";'],
      ["h.ts", 'import { main } from "./cli/main.js";'],
      ["check/ok.ts", 'import { walk } from "../ast/index.js";\nimport { z } from "zod";'],
      ["cli/ok.ts", 'import { formatSource } from "../format.js";\nimport { check } from "../check/index.js";'],
      ["compile.ts", 'import { check } from "./check/index.js";\nimport { synth } from "./builders/index.js";'],
    ]);
    expect(forbiddenEdges(files).map((p) => p.split(" ")[0])).toEqual([
      "src/parse/a.ts", "src/emit/b.ts", "src/check/c.ts", "src/builders/d.ts", "src/schema/e.ts",
      "src/builders/f.ts", "src/check/g.ts", "src/h.ts",
    ]);
  });
});
