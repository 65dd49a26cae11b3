import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { loadedCatalogModules } from "../../src/check/catalog.js";
import { check, loadCatalogFor } from "../../src/check/index.js";
import { parseFile } from "../../src/parse/index.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

// Runs in its own module graph (vitest isolates test files), so nothing else has loaded the catalog.
describe("catalog loading", () => {
  it("loads only the namespaces a file uses", async () => {
    const { file } = parseFile(`loki.write "w" {\n  endpoint {\n    url = "http://loki"\n  }\n}\n`);
    expect(loadedCatalogModules()).toEqual([]);
    await loadCatalogFor([file]);
    expect(loadedCatalogModules()).toEqual(["config-blocks", "loki"]);
    expect(check(file).map((d) => d.code)).toEqual(["check/unused-export"]);
  });

  it("checks blocks of an unloaded namespace by name only, without false errors", () => {
    const { file } = parseFile(`prometheus.scrape "s" {\n  nonsense = 1\n}\n`);
    expect(check(file).filter((d) => d.severity === "error")).toEqual([]);
  });
});

/**
 * The module specifiers a file imports at run time: static imports and re-exports (not
 * `import type` / `export type`, which are erased) and `import("...")` calls. With
 * verbatimModuleSyntax, `import { type A } from "x"` still imports "x", so it counts.
 */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      if (!node.importClause?.isTypeOnly) out.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node)) {
      if (node.moduleSpecifier && !node.isTypeOnly) out.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (!arg || !ts.isStringLiteralLike(arg)) throw new Error(`${file}: import() of a computed specifier`);
      out.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Every repository file and package reachable from `roots` through run-time imports. */
function reachable(roots: readonly string[], skip: ReadonlySet<string> = new Set()): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [...roots];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (files.has(file) || skip.has(file)) continue;
    files.add(file);
    for (const spec of runtimeImports(file)) {
      if (!spec.startsWith(".")) {
        if (!spec.startsWith("node:")) packages.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!);
        continue;
      }
      const target = path.resolve(path.dirname(file), spec.replace(/\.js$/, ".ts"));
      if (!existsSync(target)) throw new Error(`${file}: cannot resolve ${spec}`);
      queue.push(target);
    }
  }
  return { files, packages };
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? tsFiles(path.join(dir, d.name)) : d.name.endsWith(".ts") ? [path.join(dir, d.name)] : [],
  );
}

describe("the lint path", () => {
  it("imports no zod and no builder, statically or through import()", () => {
    const roots = [path.join(repoRoot, "src/cli/commands/lint.ts"), path.join(repoRoot, "src/lint.ts"), ...tsFiles(path.join(repoRoot, "src/check"))];
    // zod validates a project config file (.alloycrc.json): project-config.ts imports its schema only when one exists.
    const lazySchema = path.join(repoRoot, "src/project-config-schema.ts");
    expect(readFileSync(path.join(repoRoot, "src/project-config.ts"), "utf8")).not.toMatch(/^import .*project-config-schema/m);
    const { files, packages } = reachable(roots, new Set([lazySchema]));
    const rel = [...files].map((f) => path.relative(repoRoot, f).split(path.sep).join("/")).sort();
    // The walk follows the checker into the catalog, through the spec loaders' import() calls.
    expect(rel).toContain("src/check/catalog.ts");
    expect(rel).toContain("src/schema/spec-catalog.ts");
    expect(rel).toContain("src/schema/specs/loki.gen.ts");
    expect([...packages]).not.toContain("zod");
    // The builders' generated interfaces and shapes are for pipelines; lint reads the specs only.
    const forbidden = rel.filter((f) => f.startsWith("src/builders/") || f.startsWith("src/emit/"));
    expect(forbidden).toEqual([]);
  });
});
