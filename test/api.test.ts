import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "esbuild";
import { bundleOptions, packageEntries } from "../scripts/bundle-cli.js";
import * as ast from "../src/ast/index.js";
import * as check from "../src/check/index.js";
import * as diag from "../src/diag/index.js";
import * as format from "../src/format.js";
import * as root from "../src/index.js";
import * as parse from "../src/parse/index.js";
import { repoRoot } from "./shared.js";

/**
 * The public API, entry by entry: every value each package entry exports. The lists are written
 * out so that growing (or shrinking) the API is a deliberate edit here, not a side effect of an
 * `export` somewhere. Internals (layout, utf8Length, checkBuilt, place, synth, ...) stay out.
 */
const API: Record<string, { readonly module: object; readonly names: readonly string[] }> = {
  ".": {
    module: root,
    names: [
      "BuildError", "argument", "array", "beyla", "call", "coalesce", "comment", "compile", "config", "constants",
      "convert", "database_observability", "declare", "discovery", "encoding", "export", "export_", "expression",
      "faro", "field", "file", "foreach", "hasErrors", "http", "import", "import_", "index", "inline", "isConfig",
      "isExpression", "json_path", "lines", "livedebugging", "local", "logging", "loki", "mimir", "otelcol",
      "prometheus", "pyroscope", "raw", "ref", "relabel", "remote", "remotecfg", "renderText", "sourceFile", "stage",
      "std", "string", "sys", "tracing",
    ],
  },
  "./format": { module: format, names: ["PIECE_BYTES", "format", "formatFile", "formatSource"] },
  "./check": {
    module: check,
    names: ["check", "checkConfig", "importFilePaths", "loadCatalog", "loadCatalogFor", "rules", "sharedCatalog"],
  },
  "./parse": { module: parse, names: ["parseExpression", "parseFile", "parseInPieces"] },
  "./ast": {
    module: ast,
    names: [
      "assertNever", "blockName", "children", "isIdentPart", "isIdentStart", "isValidIdentifier", "sanitizeIdentifier",
      "traversalPath", "walk",
    ],
  },
  "./diag": {
    module: diag,
    names: [
      "LineIndex", "codeFrame", "codeInfo", "codes", "findingHeader", "hasErrors", "locate", "renderAlloyPretty",
      "renderJson", "renderSarif", "renderText", "sourceFile", "span", "toJson",
    ],
  },
};

interface ExportTarget {
  readonly types: string;
  readonly default: string;
}

const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
  exports: Record<string, ExportTarget>;
  sideEffects: unknown;
};

describe("public API", () => {
  for (const [entry, { module, names }] of Object.entries(API)) {
    it(`alloyc${entry.slice(1)} exports exactly its listed values`, () => {
      expect(Object.keys(module).sort()).toEqual([...names].sort());
    });
  }

  it("package.json exports these entries and no others, types from tsc and code from the bundle", () => {
    expect(Object.keys(manifest.exports).sort()).toEqual(Object.keys(API).sort());
    const bundled = Object.fromEntries(Object.entries(packageEntries).map(([name, src]) => [name, src]));
    for (const [entry, target] of Object.entries(manifest.exports)) {
      const name = entry === "." ? "index" : entry.slice(2);
      const source = bundled[name];
      expect(source, `scripts/bundle-cli.ts bundles no entry ${name}`).toBeDefined();
      // The declaration tsc writes for the entry's source, and the file the bundle writes for it.
      expect(target.types).toBe(`./dist/${(source as string).slice("src/".length).replace(/\.ts$/, ".d.ts")}`);
      expect(target.default).toBe(`./dist/cli/${name}.js`);
      expect(Object.keys(target)[0], "types first, as TypeScript resolves conditions in order").toBe("types");
    }
    expect(Object.keys(packageEntries).length).toBe(Object.keys(manifest.exports).length);
    expect(manifest.sideEffects).toBe(false);
  });

  it("keeps the parser out of alloyc, which every pipeline imports, even through import()", async () => {
    const { metafile } = await build({
      ...bundleOptions,
      entryPoints: [join(repoRoot, packageEntries.index)],
      outdir: join(repoRoot, "dist/api-test"),
      external: ["tsx", "esbuild"],
      write: false,
      metafile: true,
    });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain("src/compile.ts");
    expect(inputs.filter((f) => f.startsWith("src/parse/") || f.includes("node_modules/chevrotain"))).toEqual([]);
  });
});
