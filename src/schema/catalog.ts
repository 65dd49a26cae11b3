import type { CatalogEntry } from "./entry.js";
import { type EntryName, entryIndex, type ModuleName, moduleLoaders } from "./index.gen.js";
import type { EntryInfo } from "./spec.js";

/**
 * The component catalog. Names and facts (stability, docs URL, kind) come from a small generated
 * index and are available synchronously; schemas and specs live in one generated module per
 * namespace and are imported on first use (`await catalog.load("loki.write")`). After a load,
 * `catalog.get` returns the entry synchronously. This module imports neither zod nor any schema.
 */

type Loaded<M extends ModuleName> = Awaited<ReturnType<(typeof moduleLoaders)[M]>>["entries"];

/** The typed entry for a name: its z.infer-able `arguments` and `exports` schemas and its spec. */
export type EntryOf<N extends EntryName> =
  Loaded<(typeof entryIndex)[N]["module"]> extends infer E ? (N extends keyof E ? E[N] : never) : never;

/** Index facts about an entry, with its name. */
export interface NamedEntryInfo extends EntryInfo {
  readonly name: EntryName;
}

const loaded = new Map<string, CatalogEntry>();
const loading = new Map<ModuleName, Promise<void>>();

/** Every entry name (components first, then config blocks; each alphabetical). */
export function names(): readonly EntryName[] {
  return Object.keys(entryIndex) as EntryName[];
}

/** True when `name` is a component or config block of the catalog. */
export function has(name: string): name is EntryName {
  return Object.hasOwn(entryIndex, name);
}

/** Index facts, without loading schemas. */
export function info(name: string): NamedEntryInfo | undefined {
  return has(name) ? { name, ...(entryIndex[name] as EntryInfo) } : undefined;
}

/** Imports the module that holds `name` (once) and returns its entry. */
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
    p = moduleLoaders[module]().then((m) => {
      for (const [name, entry] of Object.entries(m.entries) as [string, CatalogEntry][]) loaded.set(name, entry);
    });
    loading.set(module, p);
  }
  return p;
}

/** The catalog as one object: `catalog.info(name)`, `await catalog.load(name)`, `catalog.get(name)`. */
export const catalog = { names, has, info, load, loadAll, get, isLoaded } as const;
