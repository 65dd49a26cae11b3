import { type EntryName, entryIndex, type ModuleName, specLoaders } from "./entry-index.gen.js";
import type { EntryInfo, EntrySpec } from "./spec.js";

/**
 * The catalog: names and facts (synchronous, from the generated index) and the plain-data specs,
 * which live in one generated module per namespace (`specs/<module>.gen.ts`) and are imported on
 * first use (`await loadSpec("loki.write")`, then `getSpec` synchronously). The checker sees the
 * catalog through this module alone; `./catalog.js` gathers it into one object.
 */

/** Index facts about an entry, with its name. */
export interface NamedEntryInfo extends EntryInfo {
  readonly name: EntryName;
}

const specsByName = new Map<string, EntrySpec>();
const loading = new Map<ModuleName, Promise<void>>();

/** Every entry name (components first, then config blocks; each alphabetical). */
export function names(): readonly EntryName[] {
  return Object.keys(entryIndex) as EntryName[];
}

/** True when `name` is a component or config block of the catalog. */
export function has(name: string): name is EntryName {
  return Object.hasOwn(entryIndex, name);
}

/** Index facts, without loading specs or schemas. */
export function info(name: string): NamedEntryInfo | undefined {
  return has(name) ? { name, ...(entryIndex[name] as EntryInfo) } : undefined;
}

/** Imports the spec module that holds `name` (once) and returns its spec. */
export async function loadSpec(name: string): Promise<EntrySpec | undefined> {
  if (!has(name)) return undefined;
  await loadSpecModule(entryIndex[name].module);
  return specsByName.get(name);
}

/** Imports the spec modules that hold `entryNames`; names the catalog does not know are ignored. */
export async function loadSpecs(entryNames: Iterable<string>): Promise<void> {
  const modules = new Set<ModuleName>();
  for (const n of entryNames) if (has(n)) modules.add(entryIndex[n].module);
  await Promise.all([...modules].map(loadSpecModule));
}

/** Imports every spec module; returns all specs in index order. */
export async function loadAllSpecs(): Promise<readonly EntrySpec[]> {
  await Promise.all((Object.keys(specLoaders) as ModuleName[]).map(loadSpecModule));
  return names().map((n) => specsByName.get(n)!);
}

/** The spec, if its module has been loaded (see `loadSpec`); undefined otherwise or for unknown names. */
export function getSpec(name: string): EntrySpec | undefined {
  return specsByName.get(name);
}

/** True once the spec module holding `name` has been loaded. */
export function isSpecLoaded(name: string): boolean {
  return specsByName.has(name);
}

/** Imports a namespace's spec module (once). */
export function loadSpecModule(module: ModuleName): Promise<void> {
  let p = loading.get(module);
  if (p === undefined) {
    p = specLoaders[module]().then((m) => {
      for (const [name, spec] of Object.entries(m.specs) as [string, EntrySpec][]) specsByName.set(name, spec);
    });
    loading.set(module, p);
  }
  return p;
}
