// Bundles the CLI and the package entries as `npm run build` ships them (dist/cli); tests and the
// bench bundle the same way.
import { build, type BuildOptions } from "esbuild";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** How alloyc's code is compiled to run: one minified ESM bundle for Node 20, chunks shared. */
export const bundleOptions = {
  bundle: true,
  splitting: true,
  minify: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
} as const satisfies BuildOptions;

/**
 * The package's entries as package.json "exports" names them, by their file in the bundle. A tool
 * entry is bundled so that importing it is one file or a few, not Chevrotain's and alloyc's
 * hundreds of small modules (importing `alloyc/parse` costs about 2x `node -e 0`, not 1 s).
 */
export const packageEntries = {
  index: "src/index.ts",
  format: "src/format.ts",
  check: "src/check/index.ts",
  parse: "src/parse/index.ts",
  ast: "src/ast/index.ts",
  diag: "src/diag/index.ts",
  simulate: "src/simulate.ts",
  // alloyc import: loads Prettier (external, from node_modules) only when it formats.
  import: "src/import.ts",
  // The Prettier plugin: no import of prettier at run time, so the bundle stands alone.
  prettier: "src/prettier/index.ts",
} as const;

/**
 * The CLI: its entry, the build command (loaded on demand), and the package entries: the `alloyc`
 * facade that pipelines import and the tools' entries. All share chunks, so that a pipeline (or a
 * program importing `alloyc` and `alloyc/check`) gets the module instances the compiler checks with.
 */
export function cliBundle(outdir: string): BuildOptions {
  return {
    ...bundleOptions,
    entryPoints: {
      main: join(repoRoot, "src/cli/main.ts"),
      // `alloyc --version` alone: bin/alloyc.js loads this instead of the whole command line.
      version: join(repoRoot, "src/cli/version.ts"),
      "commands/build": join(repoRoot, "src/cli/commands/build.ts"),
      // The worker thread that runs a pipeline for build (src/cli/run-pipeline.ts starts it).
      "pipeline-worker": join(repoRoot, "src/cli/pipeline-worker.ts"),
      ...Object.fromEntries(Object.entries(packageEntries).map(([name, path]) => [name, join(repoRoot, path)])),
    },
    // yaml's Node build is CommonJS that requires "process" at run time, which an ESM bundle
    // cannot do: it is loaded from node_modules (a dependency), and only for YAML.
    // vscode-languageserver is CommonJS too (it requires Node's built-ins): loaded from
    // node_modules by `alloyc lsp` only.
    external: ["tsx", "esbuild", "yaml", "prettier", "vscode-languageserver"],
    define: { __ALLOYC_BUNDLE__: "true" },
    outdir,
    chunkNames: "chunks/[name]-[hash]",
    allowOverwrite: true,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await build(cliBundle(join(repoRoot, "dist/cli")));
}
