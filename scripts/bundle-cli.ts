// Bundles the CLI as `npm run build` ships it (dist/cli); tests and the bench bundle the same way.
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
 * The CLI: its entry, the build command (loaded on demand) and the `alloyc` facade that pipelines
 * import, sharing chunks so that a pipeline gets the module instances the compiler checks with.
 */
export function cliBundle(outdir: string): BuildOptions {
  return {
    ...bundleOptions,
    entryPoints: {
      main: join(repoRoot, "src/cli/main.ts"),
      "commands/build": join(repoRoot, "src/cli/commands/build.ts"),
      index: join(repoRoot, "src/index.ts"),
    },
    external: ["tsx", "esbuild"],
    define: { __ALLOYC_BUNDLE__: "true" },
    outdir,
    chunkNames: "chunks/[name]-[hash]",
    allowOverwrite: true,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await build(cliBundle(join(repoRoot, "dist/cli")));
}
