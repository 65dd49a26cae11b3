/**
 * Generates the typed builders under src/builders from the component catalog (src/schema, itself
 * generated from ../shared/alloy-reference by gen-catalog.ts):
 *
 *   src/builders/components/<module>.gen.ts   one builder per component and config block: its
 *                                             types (the catalog's z.infer types), exports and
 *                                             block shape
 *   src/builders/namespaces.gen.ts            the builders under their Alloy names (`loki.write`)
 *   src/builders/stdlib.gen.ts                standard-library functions typed by their signatures
 *
 * Left out: `declare` (its hand-written builder is src/builders/declare.ts) and components Alloy
 * no longer has (`removed` in the catalog). Run with `npx tsx scripts/gen-builders.ts`;
 * `generateBuilders()` returns the files without writing them (the regeneration test uses it).
 */
import path from "node:path";
import { writeGenerated } from "./write-generated.js";
import { fileURLToPath, pathToFileURL } from "node:url";
import { entryIndex, loadAll, stdlibFunctions, stdlibNamespaces, type EntrySpec } from "../src/schema/index.js";
import { emitBuilderModule, emitNamespaces, emitStdlib } from "./gen-builders-emit.js";
import { moduleFileName } from "./gen-catalog-model.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Entries with a hand-written builder instead of a generated one. */
const HAND_WRITTEN: ReadonlySet<string> = new Set(["declare"]);

export const GENERATED_BUILDER_DIRS = ["src/builders", "src/builders/components"] as const;

function moduleOf(e: EntrySpec): string {
  return (entryIndex as Record<string, { module: string }>)[e.name]?.module ?? "unknown";
}

/** Every generated file: repository-relative path → content. */
export async function generateBuilders(): Promise<Map<string, string>> {
  const entries = (await loadAll()).map((e) => e.spec).filter((s) => !s.removed && !HAND_WRITTEN.has(s.name));
  const byModule = new Map<string, EntrySpec[]>();
  for (const e of entries) byModule.set(moduleOf(e), [...(byModule.get(moduleOf(e)) ?? []), e]);
  const out = new Map<string, string>();
  for (const m of [...byModule.keys()].sort()) {
    out.set(`src/builders/components/${moduleFileName(m)}`, emitBuilderModule(m, byModule.get(m) as EntrySpec[]));
  }
  out.set("src/builders/namespaces.gen.ts", emitNamespaces(entries, moduleOf));
  out.set("src/builders/stdlib.gen.ts", emitStdlib(stdlibFunctions, stdlibNamespaces));
  return out;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const started = performance.now();
  const files = await generateBuilders();
  writeGenerated(repoRoot, GENERATED_BUILDER_DIRS, files);
  const bytes = [...files.values()].reduce((n, c) => n + Buffer.byteLength(c), 0);
  console.log(`gen-builders: wrote ${files.size} files (${(bytes / 1024).toFixed(0)} KiB) in ${(performance.now() - started).toFixed(0)} ms`);
}
