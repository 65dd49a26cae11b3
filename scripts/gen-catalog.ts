/**
 * Generates the component catalog under src/schema from ../shared/alloy-reference:
 *
 *   src/schema/specs/<module>.gen.ts        plain-data specs (what the checker walks; no zod), one
 *                                           module per namespace, and specs/shared.gen.ts, the parts
 *                                           several namespaces share
 *   src/schema/components/<module>.gen.ts   zod schemas and z.infer types, one module per namespace;
 *                                           each re-exports its namespace's specs
 *   src/schema/entry-index.gen.ts           the synchronous index (names, stability, docs) and spec loaders
 *   src/schema/index.gen.ts                 the index again, with the schema module loaders
 *   src/schema/capsule-kinds.gen.ts         capsule kinds and who exports / accepts them
 *   src/schema/stdlib.gen.ts                standard-library signatures and deprecated aliases
 *   src/schema/version.gen.ts               the Alloy version the catalog describes
 *
 * Run with `npm run generate`. `generate()` returns the files without writing them; the
 * regeneration test compares its output with the committed files.
 */
import path from "node:path";
import { writeGenerated } from "./write-generated.js";
import { fileURLToPath, pathToFileURL } from "node:url";
import { emitModule } from "./gen-catalog-emit.js";
import { emitCapsuleKinds, emitEntryIndex, emitIndex, emitStdlib, emitVersion } from "./gen-catalog-files.js";
import {
  type CatalogInput,
  moduleFileName,
  moduleOf,
  readCatalogInput,
  toEntrySpec,
  toStdlibSpecs,
} from "./gen-catalog-model.js";
import { emitSpecModules, SPECS_DIR } from "./gen-catalog-specs.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const defaultSharedDir = path.resolve(repoRoot, "../shared");

/** Repository-relative paths of the generated files' folders; `--write` removes stale *.gen.ts there. */
export const GENERATED_DIRS = ["src/schema", "src/schema/components", SPECS_DIR] as const;

/** Every generated file: repository-relative path (with `/`) → content. */
export function generate(sharedDir: string = defaultSharedDir): Map<string, string> {
  return generateFrom(readCatalogInput(sharedDir));
}

export function generateFrom(input: CatalogInput): Map<string, string> {
  const { components, stdlib } = input;
  const specs = components.entries.map(toEntrySpec);
  const g = components.generated_from;
  const source = `alloy-reference/components.json, grafana/alloy ${g.commit.slice(0, 12)} (${g.commit_date.slice(0, 10)})`;

  const out = new Map<string, string>();
  const byModule = new Map<string, typeof specs>();
  for (const s of specs) {
    const m = moduleOf(s);
    byModule.set(m, [...(byModule.get(m) ?? []), s]);
  }
  for (const m of [...byModule.keys()].sort()) {
    out.set(`src/schema/components/${moduleFileName(m)}`, emitModule(m, byModule.get(m)!, source));
  }
  for (const [rel, content] of emitSpecModules(byModule, source)) out.set(rel, content);
  out.set("src/schema/entry-index.gen.ts", emitEntryIndex(specs));
  out.set("src/schema/index.gen.ts", emitIndex(specs));
  out.set("src/schema/capsule-kinds.gen.ts", emitCapsuleKinds(components));
  out.set("src/schema/stdlib.gen.ts", emitStdlib(toStdlibSpecs(stdlib), stdlib.namespaces, stdlib.deprecated_aliases));
  out.set("src/schema/version.gen.ts", emitVersion(components));
  return out;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const started = performance.now();
  const files = generate();
  writeGenerated(repoRoot, GENERATED_DIRS, files);
  const bytes = [...files.values()].reduce((n, c) => n + Buffer.byteLength(c), 0);
  console.log(
    `gen-catalog: wrote ${files.size} files (${(bytes / 1024).toFixed(0)} KiB) in ${(performance.now() - started).toFixed(0)} ms`,
  );
}
