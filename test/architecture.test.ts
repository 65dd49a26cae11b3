import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles, repoRoot } from "./shared.js";

/**
 * DESIGN.md's import direction: diag ← ast ← {parse, emit, schema} ← {builders, check} ←
 * {cli, prettier, lsp}. parse and emit never import each other, check never imports parse,
 * builders never imports emit or parse, nothing imports cli.
 */
const ALLOWED: Record<string, readonly string[]> = {
  diag: [],
  ast: ["diag"],
  parse: ["diag", "ast"],
  emit: ["diag", "ast"],
  schema: ["diag", "ast"],
  builders: ["diag", "ast", "schema", "check"],
  check: ["diag", "ast", "schema"],
  cli: ["diag", "ast", "parse", "emit", "schema", "builders", "check"],
  prettier: ["diag", "ast", "parse", "emit"],
  lsp: ["diag", "ast", "parse", "emit", "schema", "check"],
  "": ["diag", "ast", "parse", "emit", "schema", "builders", "check"],
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
      ["check/ok.ts", 'import { walk } from "../ast/index.js";\nimport { z } from "zod";'],
    ]);
    expect(forbiddenEdges(files).map((p) => p.split(" ")[0])).toEqual([
      "src/parse/a.ts", "src/emit/b.ts", "src/check/c.ts", "src/builders/d.ts", "src/schema/e.ts",
    ]);
  });
});
