/**
 * The one generator run: reads ../shared/alloy-reference once (validated by gen-input.ts), merges
 * in the allowed-value sets Alloy enforces (scripts/enforced-enums.json, gen-enforced-enums.ts),
 * and writes every generated file of the repository from one model, the catalog's plain specs:
 *
 *   src/schema/specs/<module>.gen.ts        the specs, one module per namespace (what the checker
 *                                           walks; the builders' shapes and types come from them too),
 *                                           and specs/shared.gen.ts, the parts several share
 *   src/schema/entry-index.gen.ts           the synchronous index (names, stability, docs) and spec loaders
 *   src/schema/capsule-kinds.gen.ts         capsule kinds and who exports / accepts them
 *   src/schema/stdlib.gen.ts                standard-library signatures and deprecated aliases
 *   src/schema/version.gen.ts               the Alloy version the catalog describes
 *   src/builders/components/<module>.gen.ts one builder per component and config block (with its
 *                                           block shape), typed by named interfaces with the
 *                                           catalog's facts as docs
 *   src/builders/namespaces.gen.ts          the builders under their Alloy names (`loki.write`)
 *   src/builders/stdlib.gen.ts              standard-library functions typed by their signatures
 *
 * Builders leave out `declare` (hand-written in src/builders/declare.ts) and components Alloy no
 * longer has (`removed`). Run with `npm run generate`; `generate()` returns the files without
 * writing them, and the regeneration test compares them with the committed ones.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { EntrySpec } from "../src/schema/spec.js";
import { emitBuilderModule, emitNamespaces, emitStdlib as emitStdlibBuilders } from "./gen-builders-emit.js";
import { emitCapsuleKinds, emitEntryIndex, emitStdlib, emitVersion } from "./gen-catalog-files.js";
import { type CatalogInput, moduleFileName, moduleOf, toEntrySpec, toStdlibSpecs } from "./gen-catalog-model.js";
import { emitSpecModules, SPECS_DIR } from "./gen-catalog-specs.js";
import { emitVersionFiles, readVersions } from "./gen-catalog-versions.js";
import { mergeEnforcedEnums, readEnforcedEnums } from "./gen-enforced-enums.js";
import { InputError, readCatalogInput } from "./gen-input.js";
import { writeGenerated } from "./write-generated.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const defaultSharedDir = path.resolve(repoRoot, "../shared");

/** Folders holding generated files; writing removes the `.gen.ts` files there that a run no longer makes. */
export const GENERATED_DIRS = ["src/schema", SPECS_DIR, "src/builders", "src/builders/components"] as const;

/** Entries with a hand-written builder instead of a generated one. */
const HAND_WRITTEN: ReadonlySet<string> = new Set(["declare"]);

/** Every generated file: repository-relative path (with `/`) → content. */
export function generate(sharedDir: string = defaultSharedDir): Map<string, string> {
  const input = readCatalogInput(sharedDir);
  // The allowed-value sets Alloy enforces (facts read from its Go code) replace the docs' lists.
  const out = generateFrom({ ...input, components: mergeEnforcedEnums(input.components, readEnforcedEnums(repoRoot)) });
  // The older releases, as what differs from the current line (loaded only for --alloy-version).
  const line = currentLine(out);
  for (const [rel, content] of emitVersionFiles(readVersions(sharedDir, input, line))) out.set(rel, content);
  return out;
}

/** The current line's minor (`1.19`), from the version file just generated. */
function currentLine(files: ReadonlyMap<string, string>): string {
  const m = /line: "v(\d+\.\d+)"/.exec(files.get("src/schema/version.gen.ts") ?? "");
  if (!m) throw new InputError("cannot tell the current release line from version.gen.ts");
  return m[1] as string;
}

export function generateFrom(input: CatalogInput): Map<string, string> {
  const { components, stdlib } = input;
  const specs = components.entries.map(toEntrySpec);
  const g = components.generated_from;
  const source = `alloy-reference/components.json, grafana/alloy ${g.commit.slice(0, 12)} (${g.commit_date.slice(0, 10)})`;
  const byModule = new Map<string, EntrySpec[]>();
  for (const s of specs) byModule.set(moduleOf(s), [...(byModule.get(moduleOf(s)) ?? []), s]);

  const out = new Map<string, string>();
  for (const [rel, content] of emitSpecModules(byModule, source)) out.set(rel, content);
  out.set("src/schema/entry-index.gen.ts", emitEntryIndex(specs));
  out.set("src/schema/capsule-kinds.gen.ts", emitCapsuleKinds(components));
  const stdlibSpecs = toStdlibSpecs(stdlib);
  out.set("src/schema/stdlib.gen.ts", emitStdlib(stdlibSpecs, stdlib.namespaces, stdlib.deprecated_aliases));
  out.set("src/schema/version.gen.ts", emitVersion(components));

  const built = specs.filter((s) => !s.removed && !HAND_WRITTEN.has(s.name));
  for (const m of [...byModule.keys()].sort()) {
    const entries = built.filter((s) => moduleOf(s) === m);
    if (entries.length > 0) out.set(`src/builders/components/${moduleFileName(m)}`, emitBuilderModule(m, entries));
  }
  out.set("src/builders/namespaces.gen.ts", emitNamespaces(built, moduleOf));
  out.set("src/builders/stdlib.gen.ts", emitStdlibBuilders(stdlibSpecs, stdlib.namespaces));
  return out;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const started = performance.now();
  let files: Map<string, string>;
  try {
    files = generate();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    console.error(`generate: bad input, nothing written\n${e.message}`);
    process.exit(1);
  }
  writeGenerated(repoRoot, GENERATED_DIRS, files);
  const bytes = [...files.values()].reduce((n, c) => n + Buffer.byteLength(c), 0);
  const lines = [...files.values()].reduce((n, c) => n + c.split("\n").length - 1, 0);
  console.log(
    `generate: wrote ${files.size} files (${lines} lines, ${(bytes / 1024).toFixed(0)} KiB) in ${(performance.now() - started).toFixed(0)} ms`,
  );
}
