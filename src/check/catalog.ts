import { capsuleUse, type CapsuleKind } from "../schema/capsule-kinds.gen.js";
import { getSpec, info as entryInfo, loadAllSpecs, loadSpecs, names as entryNames } from "../schema/spec-catalog.js";
import { legacyComponent, type LegacyComponent } from "../schema/legacy.js";
import type { EntryInfo, EntrySpec, StdlibSpec } from "../schema/spec.js";

export type { LegacyComponent };
import { deprecatedStdlibAliases, stdlibFunctions, stdlibNamespaces } from "../schema/stdlib.js";

/**
 * The checker's view of src/schema. Entry facts are synchronous; specs live in per-namespace
 * modules that load through `import()`, so callers `await loadCatalog(...)` for the names a file
 * uses, then run the synchronous `check`. Only this file knows how src/schema is organised. It
 * reads the catalog through schema/spec-catalog.ts, which loads plain-data specs only: nothing
 * on the checker's path imports zod or the schema modules.
 */
export interface Catalog {
  /** Every component and config-block name the catalog knows, loaded or not. */
  readonly names: readonly string[];
  /** The names of components Alloy registers (no config blocks, no removed ones): did-you-mean candidates. */
  readonly componentNames: readonly string[];
  /** Facts that need no schema (kind, stability, labels, docs). */
  info(name: string): EntryInfo | undefined;
  /** The walkable spec, when its namespace module has been loaded; undefined otherwise. */
  spec(name: string): EntrySpec | undefined;
  /** A component name Alloy no longer accepts (River-era or removed), with its replacement. */
  legacy(name: string): LegacyComponent | undefined;
  /** The components that export a capsule kind (`loki.LogsReceiver` → loki.write, ...). */
  exportersOf(capsule: string): readonly string[];
  readonly stdlib: Stdlib;
  /** Set on a view of one Alloy release (`--alloy-version`, catalog-version.ts); absent for the current line. */
  readonly alloyVersion?: string;
  /**
   * In a release's view: why a component, config block or stdlib function the catalog knows is
   * not in that release ("added in Alloy 1.13; this configuration targets 1.12").
   */
  versionNote?(name: string, what: "entry" | "function"): string | undefined;
}

export interface Stdlib {
  /** Full name (`string.format`, `env`, `constants.hostname`) → function or constant. */
  readonly members: ReadonlyMap<string, StdlibSpec>;
  /** Names in scope as identifiers: namespaces and top-level functions (deprecated aliases too). */
  readonly roots: ReadonlySet<string>;
  /** Namespace name → its members' full names. */
  readonly namespaces: ReadonlyMap<string, readonly string[]>;
  /** Deprecated pre-namespace alias → replacement. */
  readonly deprecated: Readonly<Record<string, string>>;
}

function buildStdlib(): Stdlib {
  const members = new Map(stdlibFunctions.map((f) => [f.name, f]));
  const namespaces = new Map(stdlibNamespaces.map((n) => [n.name, n.members]));
  const roots = new Set<string>(namespaces.keys());
  for (const f of stdlibFunctions) if (f.namespace === null) roots.add(f.name);
  return { members, roots, namespaces, deprecated: deprecatedStdlibAliases };
}

const names = entryNames();
const loadedModules = new Set<string>();

/** The catalog over whatever has been loaded so far in this process. */
export const sharedCatalog: Catalog = {
  names,
  componentNames: names.filter((n) => {
    const i = entryInfo(n);
    return i?.kind === "component" && !i.removed;
  }),
  info: (name) => entryInfo(name),
  spec: (name) => getSpec(name),
  legacy: legacyComponent,
  exportersOf: (capsule) => (Object.hasOwn(capsuleUse, capsule) ? capsuleUse[capsule as CapsuleKind].exportedBy : []),
  stdlib: buildStdlib(),
};

/**
 * Loads the namespaces that hold `entryNames` (every namespace when omitted) and returns the
 * catalog. Names the catalog does not know are ignored, so callers may pass every block name
 * of a file. Config blocks (`import.file`, `foreach`, ...) are always loaded: every scope has them.
 */
export async function loadCatalog(entryNames?: Iterable<string>): Promise<Catalog> {
  if (entryNames === undefined) {
    await loadAllSpecs();
    for (const n of names) loadedModules.add(entryInfo(n)?.module as string);
    return sharedCatalog;
  }
  const wanted = new Map<string, string>([["config-blocks", "logging"]]);
  for (const name of entryNames) {
    const i = entryInfo(name);
    if (i && !wanted.has(i.module)) wanted.set(i.module, name);
  }
  await loadSpecs(wanted.values());
  for (const m of wanted.keys()) loadedModules.add(m);
  return sharedCatalog;
}

/** The namespace modules loaded through `loadCatalog` so far (tests check loading stays lazy). */
export function loadedCatalogModules(): string[] {
  return [...loadedModules].sort();
}
