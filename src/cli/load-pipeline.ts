import { createRequire, Module, register } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * How a user's TypeScript pipeline is turned into running code: esbuild bundles it when its files
 * import only each other, alloyc and Node's built-ins (`bundlePipeline`, called by the main thread
 * while the worker starts), tsx loads it otherwise (`loadPipeline`, in the worker that runs it,
 * pipeline-worker.ts). It runs the user's program, so it touches no stage of the compiler.
 */

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

/** What `alloyc` and `alloyc/builders` mean to a pipeline: URLs of the copy of alloyc that runs it. */
export type AlloycTargets = Readonly<Record<"alloyc" | "alloyc/builders", string>>;

/**
 * Runs a pipeline file in this thread and returns its default export's value (called if it is a
 * function, awaited): `bundled` (from bundlePipeline) when there is one, else the file through
 * tsx, registered only while the pipeline loads: once its hooks are in place every import goes
 * through them (a third of the start-up time when the checker's modules loaded that way), so
 * alloyc, and `loadFirst` (the caller's next needs), load first, and tsx is unregistered as soon
 * as the pipeline has run. (tsx's `tsImport` would load every import under a fresh namespace, a
 * second alloyc included, so tsx is registered and the file imported normally.)
 */
export async function loadPipeline(
  path: string,
  bundled: Promise<string | undefined>,
  targets: AlloycTargets,
  loadFirst?: Promise<unknown>,
): Promise<unknown> {
  const [facadeModule, code] = await Promise.all([import(targets["alloyc"]), bundled, loadFirst]);
  if (code !== undefined) return run(runBundled(path, code, facadeModule as object));
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
 * without tsx, whose hooks thread and transform worker cost more than the rest of the build.
 * Anything else (a package import, top-level await, `import.meta`, TypeScript that does not
 * compile, no esbuild to be found) returns undefined, and the pipeline loads through tsx.
 */
export async function bundlePipeline(path: string): Promise<string | undefined> {
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

/** Runs CommonJS from bundlePipeline as the module of `path`, with `alloyc` mapped to `facade`. */
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
