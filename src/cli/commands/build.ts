import { existsSync, readFileSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { createRequire, Module, register } from "node:module";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { codeFrame, type Diagnostic, type Position, sourceFile } from "../../diag/index.js";
import { checkBuilt, place, prepareCheck } from "../../compile.js";
import { type Built, isConfig, synth } from "../../builders/config.js";
import { buildErrorInfo } from "../../builders/errors.js";
import { type Origin, parseFrame } from "../../builders/origin.js";
import { format } from "../../emit/index.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from "../io.js";

/**
 * `alloyc build FILE.ts [-o OUT]` (and `alloyc FILE.ts`): runs a TypeScript pipeline in this
 * process, lowers the config it exports, checks it like a parsed file, and prints it as
 * `alloy fmt` would. Findings are reported at the TypeScript line that made the block:
 * `FILE:LINE:COL: severity: message [code]`.
 *
 * Exit codes: 0 written; 1 the pipeline has problems (diagnostics, a build error, TypeScript that
 * does not compile, a default export that is not a config); 2 usage, I/O, or a pipeline that
 * threw while running.
 */

interface BuildOptions {
  readonly file: string;
  readonly out: string | undefined;
}

function parseArgs(args: readonly string[]): BuildOptions {
  let file: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "-o" || arg === "--output") {
      out = args[++i];
      if (out === undefined) throw new UsageError(`build: ${arg} needs a file name`);
    } else if (arg.startsWith("--output=")) out = arg.slice("--output=".length);
    else if (arg.startsWith("-")) throw new UsageError(`build: unknown flag ${arg}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`build: one pipeline file at a time (got ${file} and ${arg})`);
  }
  if (file === undefined) throw new UsageError("build: which pipeline? usage: alloyc build FILE.ts [-o OUT]");
  return { file, out };
}

export async function runBuild(args: readonly string[], io: CliIO): Promise<number> {
  // Usage errors are reported here rather than thrown to main, so that they are recognised even
  // when this command and main do not share their copy of io.js.
  try {
    return await build(args, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`alloyc: ${e.message}\n`);
    return EXIT_USAGE;
  }
}

async function build(args: readonly string[], io: CliIO): Promise<number> {
  const options = parseArgs(args);
  const path = resolve(io.cwd, options.file);
  if (!existsSync(path)) throw new UsageError(`${options.file}: no such file`);
  const report = new Reporter(io);

  let value: unknown;
  try {
    value = await loadPipeline(path);
  } catch (e) {
    return report.failure(e, path);
  }
  if (!isConfig(value)) {
    report.line(`${report.name(path)}: error: the default export must be config(...), or a function returning one (or a promise of one)`);
    return EXIT_FINDINGS;
  }

  let built: Built;
  let diagnostics: Diagnostic[];
  try {
    built = synth(value);
    diagnostics = await checkBuilt(built, options.file);
  } catch (e) {
    return report.failure(e, path);
  }
  const text = format(built.file);
  for (const d of diagnostics) report.diagnostic(d, built, text, path);
  if (diagnostics.some((d) => d.severity === "error")) return EXIT_FINDINGS;

  if (options.out === undefined) io.stdout(text);
  else await writeAtomically(resolve(io.cwd, options.out), text, options.out);
  return EXIT_OK;
}

// --- loading TypeScript in this process ---------------------------------------------------------

/**
 * A resolve hook for one pipeline: `alloyc` is this copy of alloyc (so the pipeline builds with
 * the modules the compiler checks with, and the repository's own examples run without a build),
 * and the pipeline and the TypeScript files it imports from outside node_modules are ES modules
 * whatever the package around them says (a `.ts` file outside a `"type": "module"` package would
 * otherwise load as CommonJS and fail to import alloyc).
 */
const PIPELINE_HOOK = `let targets = {};
let pipeline = "";
export function initialize(data) { targets = data.targets; pipeline = data.pipeline; }
export async function resolve(specifier, context, next) {
  const mapped = targets[specifier];
  if (mapped) return { url: mapped, shortCircuit: true };
  const resolved = await next(specifier, context);
  const url = resolved.url;
  const local = url === pipeline || (/\\.m?ts$/.test(url) && url.startsWith("file:") && !url.includes("/node_modules/"));
  return local ? { ...resolved, format: "module" } : resolved;
}`;

/**
 * Loads the pipeline: through compileBundled/runBundled when it can, else with tsx, registered only
 * while the pipeline loads: once its hooks are in place every import goes through them (a third
 * of the start-up time when the checker's modules loaded that way), so what the pipeline will
 * import is loaded first and tsx is unregistered as soon as the pipeline has run. (tsx's `tsImport` would load every import
 * under a fresh namespace, a second alloyc included, so tsx is registered and the file imported
 * normally.)
 */
/** Defined (true) by the esbuild command of `npm run build` in the CLI bundle; undeclared elsewhere. */
declare const __ALLOYC_BUNDLE__: boolean | undefined;

async function loadPipeline(path: string): Promise<unknown> {
  const own = (rel: string): string => {
    const js = new URL(`${rel}.js`, import.meta.url);
    return existsSync(fileURLToPath(js)) ? js.href : new URL(`${rel}.ts`, import.meta.url).href;
  };
  // In the CLI bundle, this command and the facade entry (dist/cli/index.js, next to main.js) share
  // their chunks, so the pipeline gets the very module instances the compiler checks with.
  const facade = typeof __ALLOYC_BUNDLE__ !== "undefined" && __ALLOYC_BUNDLE__ ? new URL("../index.js", import.meta.url).href : undefined;
  const targets: Record<string, string> = facade
    ? { alloyc: facade, "alloyc/builders": facade }
    : { alloyc: own("../../index"), "alloyc/builders": own("../../builders/index") };
  // alloyc and the checker's catalog runtime before tsx, whose hooks would see every module.
  const [facadeModule, compiled] = await Promise.all([import(targets["alloyc"] as string), compileBundled(path), prepareCheck()]);
  if (compiled !== undefined) return run(runBundled(path, compiled, facadeModule as object));
  const { register: registerTsx } = await import("tsx/esm/api");
  const url = pathToFileURL(path).href;
  // Registered before tsx, so that it runs after tsx's resolve and has the last word on the format.
  register(`data:text/javascript,${encodeURIComponent(PIPELINE_HOOK)}`, { data: { targets, pipeline: url } });
  const unregister = registerTsx();
  try {
    return await run((await import(url)) as { default?: unknown });
  } finally {
    await unregister();
    // tsx's unregister turns source maps back off, but call sites are formatted later, when a
    // diagnostic needs one: without the maps tsx's output would put them all on line 1.
    process.setSourceMapsEnabled(true);
  }
}

/** The pipeline's default export, called if it is a function, awaited. */
async function run(module: { default?: unknown }): Promise<unknown> {
  if (!("default" in module)) return undefined;
  const exported = module.default;
  return typeof exported === "function" ? await (exported as () => unknown)() : await exported;
}

/** Imports a pipeline may make on the fast path: alloyc itself and Node's built-in modules. */
const BUNDLED_IMPORT = /^(alloyc|alloyc\/builders|node:[\w/]+)$/;

/**
 * The fast path for the common pipeline, TypeScript files that import nothing but each other,
 * alloyc and Node's built-ins: esbuild bundles them into one CommonJS module with an inline
 * source map (so every file's lines are reported, whatever package the files sit in), and it runs
 * in this thread without tsx, whose hooks thread and transform worker cost more than the rest of
 * the build. Anything else (a package import, top-level await, `import.meta`, TypeScript that does
 * not compile, no esbuild to be found) returns undefined, and the pipeline loads through tsx.
 */
async function compileBundled(path: string): Promise<string | undefined> {
  if (!/\.m?ts$/.test(path)) return undefined;
  try {
    const esbuild = await loadEsbuild();
    const result = await esbuild.build({
      entryPoints: [path],
      bundle: true,
      packages: "external", // alloyc included: runBundled maps it to the running copy
      write: false,
      // Never written: it puts the source map's paths relative to the pipeline's folder, where
      // runBundled places the module.
      outfile: join(dirname(path), "alloyc-pipeline.js"),
      format: "cjs",
      platform: "node",
      target: "node20",
      sourcemap: "inline",
      banner: { js: '"use strict";' },
      logLevel: "silent",
    });
    const code = result.outputFiles[0]?.text;
    if (code === undefined || result.warnings.length > 0) return undefined;
    const requires = [...code.matchAll(/\brequire\b(\s*\(\s*("[^"]*")\s*\))?/g)];
    if (requires.some((m) => m[2] === undefined || !BUNDLED_IMPORT.test(JSON.parse(m[2]) as string))) return undefined;
    return code;
  } catch {
    return undefined;
  }
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

/** Runs CommonJS from compileBundled as the module of `path`, with `alloyc` mapped to `facade`. */
function runBundled(path: string, code: string, facade: object): { default?: unknown } {
  process.setSourceMapsEnabled(true);
  const module = new Module(path) as Module & { _compile(code: string, filename: string): void };
  module.filename = path;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(path));
  const base = module.require.bind(module);
  module.require = ((id: string) => (id === "alloyc" || id === "alloyc/builders" ? facade : base(id))) as NodeJS.Require;
  module._compile(code, path);
  return module.exports as { default?: unknown };
}

async function writeAtomically(path: string, text: string, shown: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temp, text);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw new UsageError(`${shown}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

// --- reporting ------------------------------------------------------------------------------------

class Reporter {
  private readonly sources = new Map<string, Buffer | null>();

  constructor(private readonly io: CliIO) {}

  line(s: string): void {
    this.io.stderr(s + "\n");
  }

  name(file: string): string {
    const rel = relative(this.io.cwd, file);
    return rel.startsWith("..") ? file : rel;
  }

  /** A finding of the checker (or the builder), placed on the TypeScript that made the block. */
  diagnostic(d: Diagnostic, built: Built, alloy: string, pipeline: string): void {
    const placed = place(built, d);
    const alloyLine = alloy.split("\n")[placed.alloyLine - 1]?.trim() ?? "";
    const notes = [`in ${placed.path || "the config"}, generated line ${placed.alloyLine}: ${alloyLine}`];
    if (d.help) notes.push(`help: ${d.help}`);
    this.at(placed.origin ?? { file: pipeline, line: 0, column: 0 }, d.severity, `${d.message} [${d.code}]`, notes);
  }

  /** An error while loading or running the pipeline: exit 1 for its mistakes, 2 when it crashed. */
  failure(e: unknown, pipeline: string): number {
    const info = buildErrorInfo(e);
    const message = e instanceof Error ? e.message : String(e);
    if (info) {
      const notes = info.related.flatMap((r) => {
        const o = r.origin();
        return o ? [`${r.message}: ${this.name(o.file)}:${o.line}:${o.column}`] : [];
      });
      this.at(info.origin() ?? { file: pipeline, line: 0, column: 0 }, "error", info.code ? `${message} [${info.code}]` : message, notes);
      return EXIT_FINDINGS;
    }
    const syntax = compileErrors(e);
    if (syntax.length > 0) {
      for (const s of syntax) this.at(s.origin, "error", s.message, []);
      return EXIT_FINDINGS;
    }
    const frame = e instanceof Error ? userFrame(e.stack ?? "") : undefined;
    this.at(frame ?? { file: pipeline, line: 0, column: 0 }, "error", `the pipeline threw: ${message}`, []);
    return EXIT_USAGE;
  }

  /** `FILE:LINE:COL: severity: message`, then the TypeScript line with carets, then notes. */
  private at(origin: Origin, severity: string, message: string, notes: readonly string[]): void {
    const file = this.name(origin.file);
    const source = this.source(origin.file);
    if (origin.line === 0 || !source) {
      this.line(`${file}: ${severity}: ${message}`);
    } else {
      const src = sourceFile(file, source);
      const start = this.position(source, src.lines.lineStart(origin.line), origin);
      const end = wordEnd(source, start);
      this.line(`${file}:${start.line}:${start.column}: ${severity}: ${message}`);
      this.io.stderr(codeFrame(src, start, end));
    }
    for (const n of notes) this.line(`  = ${n}`);
  }

  /** The stack's UTF-16 column as Alloy-style UTF-8 byte column. */
  private position(bytes: Buffer, lineStart: number, origin: Origin): Position {
    const next = bytes.indexOf(0x0a, lineStart);
    const text = bytes.subarray(lineStart, next === -1 ? bytes.length : next).toString("utf8");
    const column = Buffer.byteLength(text.slice(0, Math.max(0, origin.column - 1))) + 1;
    return { offset: lineStart + column - 1, line: origin.line, column };
  }

  private source(file: string): Buffer | undefined {
    if (!this.sources.has(file)) {
      try {
        this.sources.set(file, readFileSync(file));
      } catch {
        this.sources.set(file, null);
      }
    }
    return this.sources.get(file) ?? undefined;
  }
}

/** The end of the name at `start` (`relabel` in `discovery.relabel(`), for the carets. */
function wordEnd(bytes: Buffer, start: Position): Position {
  let i = start.offset;
  while (i < bytes.length && /[\w$]/.test(String.fromCharCode(bytes[i] as number))) i++;
  const length = Math.max(1, i - start.offset);
  return { offset: start.offset + length - 1, line: start.line, column: start.column + length - 1 };
}

/** The first frame in the user's code: not Node's, not a dependency's, not alloyc's own. */
function userFrame(stack: string): Origin | undefined {
  const ownRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
  for (const line of stack.split("\n").slice(1)) {
    const frame = parseFrame(line);
    if (frame && !frame.file.includes("/node_modules/") && !frame.file.startsWith(ownRoot)) return frame;
  }
  return undefined;
}

/** TypeScript that does not compile: esbuild's `FILE:LINE:COL: ERROR: text` lines (through tsx). */
function compileErrors(e: unknown): Array<{ origin: Origin; message: string }> {
  if (!(e instanceof Error) || !/Transform failed|TransformError/.test(`${e.name} ${e.message}`)) return [];
  const out: Array<{ origin: Origin; message: string }> = [];
  for (const m of e.message.matchAll(/^(.+?):(\d+):(\d+): ERROR: (.*)$/gm)) {
    out.push({ origin: { file: m[1] as string, line: Number(m[2]), column: Number(m[3]) + 1 }, message: m[4] as string });
  }
  return out;
}
