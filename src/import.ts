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
import { synth } from "./builders/config.js";
import { format as formatTree } from "./emit/index.js";
import { LineIndex, type Diagnostic, type SourceFile } from "./diag/index.js";
import { format, formatFile } from "./format.js";
import {
  Importer,
  type BuilderInfo,
  type BuilderModel,
  type ExternalTarget,
  type ImportedModule,
  type ImportInput,
  type Located,
  type ModuleResult,
  type Shape,
} from "./import/index.js";
import { parseFile } from "./parse/index.js";
import { getSpec, info, loadSpecs, names } from "./schema/index.js";

export interface ImportOptions {
  /** The Alloy file's name: messages name it, and the module is named after it (`config.ts`). */
  readonly filename?: string;
  /** Format the TypeScript with Prettier (default true). */
  readonly prettier?: boolean;
  /**
   * Reads a module an `import.file` block names (its `filename` as written); it is imported as a
   * module of its own, which the importing one imports. Without it, modules are not followed.
   */
  readonly readModule?: (filename: string) => Promise<string | Uint8Array>;
}

/** A place in an imported file, with what happened there. */
export interface ImportNote extends Located {
  readonly file: string;
}

export interface ImportResult {
  /** Module path (relative, `config.ts`) → TypeScript text; the first is the main module. */
  readonly files: Map<string, string>;
  /** Module path → the Alloy text (as `alloy fmt` prints it) the module compiles back to. */
  readonly alloy: Map<string, string>;
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

/** A file read and formatted: what the importer reads. */
interface Prepared {
  readonly filename: string;
  readonly formatted: string;
  readonly bytes: Uint8Array;
  readonly file: File;
  readonly original: { readonly file: File; readonly lines: LineIndex };
}

function prepare(source: string | Uint8Array | File, filename: string): Prepared {
  let formatted: string;
  let original: Prepared["original"];
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
  return { filename, formatted, bytes, file: parseFile(bytes, filename).file, original };
}

/** Collects a run's modules and notes. */
class Run {
  readonly files = new Map<string, string>();
  readonly alloy = new Map<string, string>();
  readonly raws: ImportNote[] = [];
  readonly unsupported: ImportNote[] = [];
  attributes = 0;

  constructor(private readonly options: ImportOptions) {}

  /** A module name not taken yet (`config.ts`, `config_2.ts`). */
  name(filename: string): string {
    const base = modulePath(filename);
    let name = base;
    for (let i = 2; this.files.has(name); i++) name = base.replace(/\.ts$/, `_${i}.ts`);
    this.files.set(name, "");
    return name;
  }

  async add(p: Prepared, module: string, extra: Pick<ImportInput, "siblings" | "modules">): Promise<ModuleResult> {
    const model = await builderModel(p.file);
    const result = new Importer({ path: p.filename, file: p.file, bytes: p.bytes, original: p.original, lines: new LineIndex(p.file.lineStarts), ...extra }, model).run();
    this.files.set(module, this.options.prettier === false ? result.code : await prettierFormat(result.code));
    this.alloy.set(module, p.formatted);
    const note = (l: Located): ImportNote => ({ file: p.filename, ...l });
    this.raws.push(...result.raws.map(note));
    this.unsupported.push(...result.unsupported.map(note));
    this.attributes += result.attributes;
    return result;
  }

  /** A file and, through `readModule`, the modules it imports (each once; a cycle is not followed). */
  async addWithModules(p: Prepared, module: string, seen: Set<string>): Promise<ModuleResult> {
    const modules = new Map<string, ImportedModule>();
    const read = this.options.readModule;
    if (read) {
      for (const s of p.file.body) {
        if (s.kind !== "Block" || s.name.map((n) => n.name).join(".") !== "import.file" || !s.label) continue;
        const attr = s.body.find((a) => a.kind === "Attribute" && a.name.name === "filename");
        const raw = attr?.kind === "Attribute" && attr.value.kind === "Literal" ? attr.value.raw : undefined;
        const filename = raw?.startsWith('"') ? (JSON.parse(raw) as string) : undefined;
        if (filename === undefined || seen.has(filename)) continue;
        seen.add(filename);
        const child = prepare(await read(filename), filename);
        const name = this.name(filename);
        const result = await this.addWithModules(child, name, seen);
        modules.set(s.label.value, { module: `./${name.replace(/\.ts$/, ".js")}`, declares: result.declares });
      }
    }
    return this.add(p, module, { modules });
  }

  result(): ImportResult {
    return {
      files: this.files,
      alloy: this.alloy,
      rawCount: this.raws.length,
      raws: this.raws,
      unsupported: this.unsupported,
      attributes: this.attributes,
    };
  }
}

/**
 * Imports one Alloy file (text, bytes, or a tree from `alloyc/parse`) as a TypeScript module, and
 * the modules it imports when `options.readModule` is given. Throws `ImportError` when a text does
 * not parse.
 */
export async function importAlloy(source: string | Uint8Array | File, options: ImportOptions = {}): Promise<ImportResult> {
  const filename = options.filename ?? "config.alloy";
  const run = new Run(options);
  const main = run.name(filename);
  await run.addWithModules(prepare(source, filename), main, new Set());
  // The main module first.
  const first = <T>(m: Map<string, T>) => new Map([[main, m.get(main) as T], ...[...m].filter(([k]) => k !== main)]);
  return { ...run.result(), files: first(run.files), alloy: first(run.alloy) };
}

/**
 * Imports the files of a folder, one configuration as `alloy run DIR` loads it: a module per file;
 * a reference to a component of another file imports that file's const.
 */
export async function importAlloyFolder(sources: readonly { readonly path: string; readonly source: string | Uint8Array }[], options: ImportOptions = {}): Promise<ImportResult> {
  const prepared = sources.map((s) => prepare(s.source, s.path));
  const names = new Run(options);
  const modules = prepared.map((p) => names.name(p.filename));
  // First the names each file gives its components, then each file with the others'.
  const first = new Run({ ...options, prettier: false });
  const targets = await Promise.all(prepared.map(async (p, i) => (await first.add(p, modules[i] as string, {})).targets));
  const run = new Run(options);
  for (const [i, p] of prepared.entries()) {
    const siblings = new Map<string, ExternalTarget>();
    targets.forEach((t, j) => {
      if (j === i) return;
      for (const [key, target] of t) siblings.set(key, { module: `./${(modules[j] as string).replace(/\.ts$/, ".js")}`, ...target });
    });
    await run.add(p, modules[i] as string, { siblings });
  }
  return run.result();
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
async function prettierFormat(code: string): Promise<string> {
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
 * and prints the default export of `main` as `alloyc build` does (without the checker's findings,
 * which do not change the text).
 */
export async function compileImported(files: ReadonlyMap<string, string>, main: string): Promise<string> {
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
  return formatTree(synth(config).file);
}

/** What `alloyc import --check` reports: the formatted input, what the import compiles to, and whether they are the same. */
export interface ImportCheck {
  readonly module: string;
  readonly expected: string;
  readonly actual: string;
  readonly identical: boolean;
}

/** Compiles each imported module back in memory and compares it with `alloy fmt`'s text of its file. */
export async function checkImported(result: ImportResult): Promise<ImportCheck[]> {
  const out: ImportCheck[] = [];
  for (const [module, expected] of result.alloy) {
    const actual = await compileImported(result.files, module);
    out.push({ module, expected, actual, identical: actual === expected });
  }
  return out;
}
