import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "esbuild";
import ts from "typescript";
import { bundleOptions, packageEntries } from "../scripts/bundle-cli.js";
import * as ast from "../src/ast/index.js";
import * as check from "../src/check/index.js";
import * as diag from "../src/diag/index.js";
import * as format from "../src/format.js";
import * as root from "../src/index.js";
import * as parse from "../src/parse/index.js";
import * as prettierPlugin from "../src/prettier/index.js";
import * as simulateEntry from "../src/simulate.js";
import * as importEntry from "../src/import.js";
import { repoRoot } from "./shared.js";

/**
 * The public API, entry by entry: every value each package entry exports (`names`) and every
 * type-only export (`types`). The lists are written out so that growing (or shrinking) the API is
 * a deliberate edit here, not a side effect of an `export` somewhere. Internals (layout,
 * utf8Length, checkBuilt, place, synth, ...) stay out.
 */
interface Entry {
  readonly module: object;
  readonly names: readonly string[];
  readonly types: readonly string[];
}

const API: Record<string, Entry> = {
  ".": {
    module: root,
    names: [
      "BuildError", "argument", "array", "beyla", "call", "coalesce", "comment", "compile", "config", "constants",
      "convert", "database_observability", "declare", "discovery", "encoding", "export", "export_", "expression",
      "faro", "field", "file", "foreach", "hasErrors", "http", "import", "import_", "index", "inline", "isConfig",
      "isExpression", "json_path", "lines", "op", "quoted", "rawString", "livedebugging", "local", "logging", "loki", "mimir", "otelcol",
      "prometheus", "pyroscope", "raw", "ref", "relabel", "remote", "remotecfg", "renderText", "sourceFile", "stage",
      "std", "string", "sys", "tracing", "trivia", "untyped",
    ],
    types: [
      "AnyCapsule", "Arg", "ArgumentDecl", "ArgumentValues", "Built", "Capsule", "CommentItem", "Compiled", "Component",
      "ComponentBuilder", "Config", "ConfigBlockBuilder", "ConfigItem", "CustomComponent", "DeclareBody", "Diagnostic",
      "Expression", "InstanceArguments", "InstanceExports", "Item", "Located", "LogsReceiver", "MetricsReceiver",
      "OtelcolConsumer", "OtelcolExtensionHandler", "OtelcolHandler", "OutputBlock", "OutputTargets", "ProfilesReceiver",
      "RelabelAction", "RelabelRule", "RelabelRules", "RuleBody", "Secret", "Severity", "SourceFile", "Stage", "StageHelpers",
      "Trivia",
    ],
  },
  "./format": { module: format, names: ["PIECE_BYTES", "format", "formatFile", "formatSource"], types: ["Formatted", "SourceFormat"] },
  "./check": {
    module: check,
    names: ["applySuppressions", "check", "checkConfig", "importFilePaths", "loadCatalog", "loadCatalogFor", "rules", "sharedCatalog"],
    types: ["Catalog", "CheckOptions", "FileDiagnostic", "ImportResolver", "ResolvedImport", "Rule", "RuleContext", "RuleMeta", "SourceInput"],
  },
  "./simulate": {
    module: simulateEntry,
    names: ["PROCESS_COMPONENT", "RELABEL_COMPONENTS", "SimulateError", "Simulation", "readJsonValues", "simulate", "toEntries", "toEntry", "toTargets"],
    types: ["Entry", "Labels", "PipelineHop", "PipelineResult", "ProcessOptions", "ProcessResult", "RelabelResult", "SimulateInput", "SimulateOptions", "SourcePos", "StageSpec", "TraceStep", "ValueChange"],
  },
  "./import": {
    module: importEntry,
    names: ["ImportError", "checkImported", "compileImported", "importAlloy", "importAlloyFolder", "modulePath"],
    types: ["ImportCheck", "ImportNote", "ImportOptions", "ImportResult"],
  },
  "./parse": { module: parse, names: ["parseExpression", "parseFile", "parseInPieces"], types: ["ExpressionResult", "ParseResult"] },
  "./ast": {
    module: ast,
    names: [
      "assertNever", "blockName", "children", "isIdentPart", "isIdentStart", "isValidIdentifier", "sanitizeIdentifier",
      "traversalPath", "walk",
    ],
    types: [
      "AccessExpr", "ArrayExpr", "Attribute", "BinaryExpr", "BinaryOp", "Block", "CallExpr", "Comment", "CommentGroup", "Expr",
      "File", "Identifier", "IndexExpr", "Label", "Literal", "LiteralKind", "Node", "ObjectExpr", "ObjectField", "ObjectKey",
      "ParenExpr", "SanitizeResult", "Stmt", "UnaryExpr", "UnaryOp",
    ],
  },
  "./diag": {
    module: diag,
    names: [
      "LineIndex", "codeDocs", "codeFrame", "codeInfo", "codes", "escapeControl", "fileUri", "findingHeader", "hasErrors", "locate",
      "renderAlloyPretty", "renderGithub", "renderJson", "renderSarif", "renderText", "replaceWith", "sourceFile", "span", "summaryLine",
      "toJson", "unifiedDiff",
    ],
    types: [
      "Code", "CodeInfo", "Diagnostic", "DiffOptions", "Edit", "Fix", "JsonDiagnostic", "JsonEdit", "JsonFix", "JsonRelated", "Located", "Position",
      "RelatedLocation", "RenderOptions", "SarifOptions", "Severity", "SourceFile", "Span",
    ],
  },
  "./prettier": { module: prettierPlugin, names: ["default", "languages", "parsers", "printers"], types: [] },
};

interface ExportTarget {
  readonly types: string;
  readonly default: string;
}

const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
  exports: Record<string, ExportTarget>;
  sideEffects: unknown;
};

/** Each entry's type-only exports (interfaces and type aliases, re-exported or declared), by TypeScript. */
function typeExports(): Record<string, string[]> {
  const files = Object.fromEntries(
    Object.entries(manifest.exports).map(([entry]) => {
      const name = entry === "." ? "index" : entry.slice(2);
      return [entry, join(repoRoot, packageEntries[name as keyof typeof packageEntries])];
    }),
  );
  const program = ts.createProgram(Object.values(files), {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  return Object.fromEntries(
    Object.entries(files).map(([entry, file]) => {
      const symbol = checker.getSymbolAtLocation(program.getSourceFile(file) as ts.SourceFile) as ts.Symbol;
      const typeOnly = checker.getExportsOfModule(symbol).filter((s) => {
        const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
        return !(target.flags & ts.SymbolFlags.Value);
      });
      return [entry, typeOnly.map((s) => s.name).sort()];
    }),
  );
}

describe("public API", () => {
  for (const [entry, { module, names }] of Object.entries(API)) {
    it(`alloyc${entry.slice(1)} exports exactly its listed values`, () => {
      expect(Object.keys(module).sort()).toEqual([...names].sort());
    });
  }

  it("each entry exports exactly its listed types", () => {
    const expected = Object.fromEntries(Object.entries(API).map(([entry, { types }]) => [entry, [...types].sort()]));
    expect(typeExports()).toEqual(expected);
  });

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
