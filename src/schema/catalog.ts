import { getSpec, has, info, isSpecLoaded, loadAllSpecs, loadSpec, loadSpecs, names } from "./spec-catalog.js";

export { getSpec, has, info, isSpecLoaded, loadAllSpecs, loadSpec, loadSpecs, names };
export type { NamedEntryInfo } from "./spec-catalog.js";

/**
 * The component catalog as one object. Names and facts (stability, docs URL, kind) come from a
 * small generated index and are available synchronously (`catalog.info(name)`); the specs live
 * in one generated module per namespace and are imported on first use
 * (`await catalog.loadSpec("loki.write")`), after which `catalog.getSpec` returns them
 * synchronously. See `./spec-catalog.js`.
 */
export const catalog = {
  names,
  has,
  info,
  loadSpec,
  loadSpecs,
  loadAllSpecs,
  getSpec,
  isSpecLoaded,
} as const;
