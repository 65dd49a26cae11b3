import type { CatalogEntry } from "./entry.js";
import { type EntryName, entryIndex, type ModuleName, moduleLoaders } from "./index.gen.js";
import { getSpec, has, info, isSpecLoaded, loadAllSpecs, loadSpec, loadSpecModule, loadSpecs, names } from "./spec-catalog.js";

export { getSpec, has, info, isSpecLoaded, loadAllSpecs, loadSpec, loadSpecs, names };
export type { NamedEntryInfo } from "./spec-catalog.js";

/**
 * The component catalog. Names and facts (stability, docs URL, kind) come from a small generated
 * index and are available synchronously; schemas live in one generated module per namespace and
 * are imported on first use (`await catalog.load("loki.write")`). After a load, `catalog.get`
 * returns the entry synchronously. This module imports neither zod nor any schema statically.
 *
 * The plain-data specs alone load without zod (`loadSpec`, `loadSpecs`, `loadAllSpecs`, then
 * `getSpec`): see `./spec-catalog.js`, which code that must not load zod imports directly.
 */

type Loaded<M extends ModuleName> = Awaited<ReturnType<(typeof moduleLoaders)[M]>>["entries"];

/** The typed entry for a name: its z.infer-able `arguments` and `exports` schemas and its spec. */
export type EntryOf<N extends EntryName> =
  Loaded<(typeof entryIndex)[N]["module"]> extends infer E ? (N extends keyof E ? E[N] : never) : never;

const loaded = new Map<string, CatalogEntry>();
const loading = new Map<ModuleName, Promise<void>>();

/** Imports the module that holds `name` (once) and returns its entry; its spec is then loaded too. */
export async function load<N extends EntryName>(name: N): Promise<EntryOf<N>>;
export async function load(name: string): Promise<CatalogEntry | undefined>;
export async function load(name: string): Promise<CatalogEntry | undefined> {
  if (!has(name)) return undefined;
  await loadModule(entryIndex[name].module);
  return loaded.get(name);
}

/** Imports every module; returns all entries in index order. */
export async function loadAll(): Promise<readonly CatalogEntry[]> {
  await Promise.all((Object.keys(moduleLoaders) as ModuleName[]).map(loadModule));
  return names().map((n) => loaded.get(n)!);
}

/** The entry, if its module has been loaded (see `load`); undefined otherwise or for unknown names. */
export function get<N extends EntryName>(name: N): EntryOf<N> | undefined;
export function get(name: string): CatalogEntry | undefined;
export function get(name: string): CatalogEntry | undefined {
  return loaded.get(name);
}

/** True once the module holding `name` has been loaded. */
export function isLoaded(name: string): boolean {
  return loaded.has(name);
}

function loadModule(module: ModuleName): Promise<void> {
  let p = loading.get(module);
  if (p === undefined) {
    p = Promise.all([moduleLoaders[module](), loadSpecModule(module)]).then(([m]) => {
      for (const [name, entry] of Object.entries(m.entries) as [string, CatalogEntry][]) loaded.set(name, entry);
    });
    loading.set(module, p);
  }
  return p;
}

/** The catalog as one object: `catalog.info(name)`, `await catalog.load(name)`, `catalog.get(name)`. */
export const catalog = {
  names,
  has,
  info,
  load,
  loadAll,
  get,
  isLoaded,
  loadSpec,
  loadSpecs,
  loadAllSpecs,
  getSpec,
  isSpecLoaded,
} as const;
