/**
 * `alloyc import` as tools use it (`alloyc/import`): Alloy text in, TypeScript pipelines out, one
 * module per file, written with the typed builders; and the check that they compile back to
 * `alloy fmt`'s text of the input. The workflow spans parse, emit, the importer and the builders,
 * so it lives in the facade: the file is formatted first (the importer reads the formatted text's
 * lines, which are what the output must reproduce), imported against the builders' own shapes,
 * and the TypeScript is formatted with Prettier, loaded only here.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { File } from "./ast/index.js";
import { builderShape } from "./builders/component.js";
import * as dsl from "./index.js";
import { compile } from "./compile.js";
import { LineIndex, type Diagnostic, type SourceFile } from "./diag/index.js";
import { format, formatFile } from "./format.js";
import { Importer, type BuilderInfo, type BuilderModel, type Located, type Shape } from "./import/index.js";
import { parseFile } from "./parse/index.js";
import { getSpec, info, loadSpecs, names } from "./schema/index.js";

export interface ImportOptions {
  /** The Alloy file's name: messages name it, and the module is named after it (`config.ts`). */
  readonly filename?: string;
  /** Format the TypeScript with Prettier (default true). */
  readonly prettier?: boolean;
}

/** A place in an imported file, with what happened there. */
export interface ImportNote extends Located {
  readonly file: string;
}

export interface ImportResult {
  /** Module path (relative, `config.ts`) → TypeScript text. */
  readonly files: Map<string, string>;
  /** How many values went through `raw(...)`. */
  readonly rawCount: number;
  /** Where each `raw(...)` is, in the Alloy file as written. */
  readonly raws: readonly ImportNote[];
  /** What the builders cannot write back as it was: the TypeScript compiles to other text. */
  readonly unsupported: readonly ImportNote[];
  /** Attributes imported (the rate of raw uses is per attribute). */
  readonly attributes: number;
}

/** A source that does not parse: its diagnostics, to render with the source. */
export class ImportError extends Error {
  override readonly name = "ImportError";
  constructor(
    readonly diagnostics: readonly Diagnostic[],
    readonly source: SourceFile,
  ) {
    super(`${source.name} does not parse`);
  }
}

const encoder = new TextEncoder();

/**
 * Imports one Alloy file (text, bytes, or a tree from `alloyc/parse`) as a TypeScript module.
 * Throws `ImportError` when the text does not parse.
 */
export async function importAlloy(source: string | Uint8Array | File, options: ImportOptions = {}): Promise<ImportResult> {
  const filename = options.filename ?? "config.alloy";
  let formatted: string;
  let original: { file: File; lines: LineIndex };
  if (typeof source === "object" && "kind" in source) {
    formatted = formatFile(source);
    original = { file: source, lines: new LineIndex(source.lineStarts) };
  } else {
    const bytes = typeof source === "string" ? encoder.encode(source) : source;
    const result = format(bytes, filename);
    if (!result.ok) throw new ImportError(result.diagnostics, result.source);
    formatted = result.text;
    const parsed = parseFile(bytes, filename);
    original = { file: parsed.file, lines: new LineIndex(parsed.file.lineStarts) };
  }
  const bytes = encoder.encode(formatted);
  const { file } = parseFile(bytes, filename);
  const model = await builderModel(file);
  const result = new Importer({ path: filename, file, bytes, original, lines: new LineIndex(file.lineStarts) }, model).run();
  const moduleName = modulePath(filename);
  const text = options.prettier === false ? result.code : await prettierFormat(result.code);
  const note = (l: Located): ImportNote => ({ file: filename, ...l });
  return {
    files: new Map([[moduleName, text]]),
    rawCount: result.raws.length,
    raws: result.raws.map(note),
    unsupported: result.unsupported.map(note),
    attributes: result.attributes,
  };
}

/** `dir/config.alloy` → `config.ts`. */
export function modulePath(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? "config.alloy";
  return `${base.replace(/\.(alloy|river)$/, "").replace(/\.alloy$/, "") || "config"}.ts`;
}

// --- the builders' model ---------------------------------------------------------------------------

let builders: Map<string, unknown> | undefined;

/** Every generated builder by its Alloy name, found by walking the namespaces `alloyc` exports. */
function builderIndex(): Map<string, unknown> {
  if (builders) return builders;
  builders = new Map();
  const roots: Record<string, unknown> = dsl as unknown as Record<string, unknown>;
  const known = new Set<string>(names());
  const visit = (value: unknown, path: string): void => {
    if (typeof value === "function") {
      try {
        builderShape(value);
        if (known.has(path)) builders?.set(path, value);
      } catch {
        // not a generated builder (a helper such as otelcol.output)
      }
    }
    if ((typeof value === "object" || typeof value === "function") && value !== null) {
      for (const [k, v] of Object.entries(value)) if (k !== "stage" || path !== "loki") visit(v, `${path}.${k}`);
    }
  };
  for (const root of ["beyla", "database_observability", "discovery", "faro", "foreach", "http", "import_", "export_", "livedebugging", "local", "logging", "loki", "mimir", "otelcol", "prometheus", "pyroscope", "remote", "remotecfg", "tracing"]) {
    visit(roots[root], root.replace(/_$/, ""));
  }
  return builders;
}

/** The model the importer reads: shapes from the builders, exports and labels from the catalog. */
async function builderModel(file: File): Promise<BuilderModel> {
  const index = builderIndex();
  const used = new Set<string>();
  const visit = (stmts: File["body"]): void => {
    for (const s of stmts) {
      if (s.kind !== "Block") continue;
      const name = s.name.map((n) => n.name).join(".");
      if (index.has(name)) used.add(name);
      visit(s.body);
    }
  };
  visit(file.body);
  await loadSpecs(used);
  const cache = new Map<string, BuilderInfo | undefined>();
  return {
    builder(name: string): BuilderInfo | undefined {
      if (cache.has(name)) return cache.get(name);
      const b = index.get(name);
      const spec = b ? getSpec(name) : undefined;
      const entry = info(name);
      const result = b && spec && entry && name !== "declare" && name !== "argument" && name !== "export" && name !== "foreach"
        ? { shape: builderShape(b as object) as Shape, exports: new Set(spec.exports.map((e) => e.name)), labeled: entry.labeled }
        : undefined;
      cache.set(name, result);
      return result;
    },
  };
}

// --- formatting and checking the TypeScript ----------------------------------------------------------

type Prettier = typeof import("prettier");

let prettier: Promise<Prettier> | undefined;

/** The TypeScript as Prettier prints it (Prettier is loaded on first use). */
export async function prettierFormat(code: string): Promise<string> {
  prettier ??= import("prettier");
  return (await prettier).format(code, { parser: "typescript", printWidth: 120 });
}

type Esbuild = typeof import("esbuild");

/** esbuild: alloyc's own if it has one, else the one tsx (a dependency) brings. */
async function loadEsbuild(): Promise<Esbuild> {
  try {
    return await import("esbuild");
  } catch {
    const tsx = fileURLToPath(import.meta.resolve("tsx/esm/api"));
    return createRequire(tsx)("esbuild") as Esbuild;
  }
}

/**
 * Runs imported modules in memory (`alloyc` is this copy; relative imports are the other modules)
 * and compiles the default export of `main` as `alloyc build` does.
 */
export async function compileImported(files: ReadonlyMap<string, string>, main: string): Promise<dsl.Compiled> {
  const esbuild = await loadEsbuild();
  const js = new Map<string, string>();
  for (const [path, code] of files) js.set(path, (await esbuild.transform(code, { loader: "ts", format: "cjs", target: "node20" })).code);
  const loaded = new Map<string, { exports: Record<string, unknown> }>();
  const load = (path: string): Record<string, unknown> => {
    const done = loaded.get(path);
    if (done) return done.exports;
    const code = js.get(path);
    if (code === undefined) throw new Error(`imported module ${path} is not among the files`);
    const module = { exports: {} as Record<string, unknown> };
    loaded.set(path, module);
    const require = (id: string): unknown => (id === "alloyc" ? dsl : load(id.replace(/^\.\//, "").replace(/\.js$/, ".ts")));
    new Function("require", "module", "exports", code)(require, module, module.exports);
    return module.exports;
  };
  const config = load(main)["default"];
  if (!dsl.isConfig(config)) throw new Error(`${main} has no default export made by config(...)`);
  return compile(config);
}

/** What `alloyc import --check` reports: the formatted input, what the import compiles to, and whether they are the same. */
export interface ImportCheck {
  readonly expected: string;
  readonly actual: string;
  readonly identical: boolean;
  readonly result: ImportResult;
}

/** Imports, compiles back in memory and compares with `alloy fmt`'s text of the input. */
export async function checkImport(source: string | Uint8Array, options: ImportOptions = {}): Promise<ImportCheck> {
  const filename = options.filename ?? "config.alloy";
  const formatted = format(source, filename);
  if (!formatted.ok) throw new ImportError(formatted.diagnostics, formatted.source);
  const result = await importAlloy(source, options);
  const compiled = await compileImported(result.files, modulePath(filename));
  return { expected: formatted.text, actual: compiled.text, identical: compiled.text === formatted.text, result };
}
