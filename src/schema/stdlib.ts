import type { StdlibSpec } from "./spec.js";
import { deprecatedStdlibAliases, stdlibFunctions, stdlibNamespaces } from "./stdlib.gen.js";

/**
 * Lookups over the generated standard library (stdlib.gen.ts): functions and constants by their
 * full name as written in Alloy (`string.format`, `env`, `constants.hostname`).
 */

const byName: ReadonlyMap<string, StdlibSpec> = new Map(stdlibFunctions.map((f) => [f.name, f]));
const namespaceNames: ReadonlySet<string> = new Set(stdlibNamespaces.map((n) => n.name));

/** The function or constant called `name`, deprecated aliases included. */
export function stdlibLookup(name: string): StdlibSpec | undefined {
  return byName.get(name);
}

/** True when `name` is a stdlib namespace (`string`, `encoding`, `constants`, ...). */
export function isStdlibNamespace(name: string): boolean {
  return namespaceNames.has(name);
}

/** The namespaced replacement of a deprecated alias (`env` → `sys.env`). */
export function stdlibReplacement(name: string): string | undefined {
  return Object.hasOwn(deprecatedStdlibAliases, name) ? deprecatedStdlibAliases[name] : undefined;
}

export { deprecatedStdlibAliases, stdlibFunctions, stdlibNamespaces };
