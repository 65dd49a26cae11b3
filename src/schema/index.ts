/**
 * The component catalog: every Alloy component and config block as zod schemas (for builders)
 * and plain specs (for the checker), generated from ../shared/alloy-reference by
 * scripts/gen-catalog.ts; capsule brands; the standard library; names Alloy no longer accepts.
 *
 * This entry point loads zod. Code that only needs names or the version imports
 * `./catalog.js` (names, lazy schemas) or `./version.gen.js` directly; code that only walks
 * specs imports `./spec-catalog.js`, which loads no zod at all.
 */
export {
  catalog,
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
  type EntryOf,
  type NamedEntryInfo,
} from "./catalog.js";
export { type EntryName, type ModuleName, entryIndex } from "./index.gen.js";
export type { CatalogEntry } from "./entry.js";
export type {
  ArgumentSpec,
  BlockSpec,
  EntryInfo,
  EntryKind,
  EntrySpec,
  ExportSpec,
  FunctionParamSpec,
  JsonValue,
  Provenance,
  Stability,
  StdlibNamespaceSpec,
  StdlibSpec,
} from "./spec.js";
export {
  type AlloyType,
  type CapsuleType,
  type ListType,
  type MapType,
  type NumberKind,
  type ObjectType,
  type ObjectTypeField,
  type PrimitiveName,
  type PrimitiveType,
  TypeSyntaxError,
  capsuleOf,
  formatType,
  parseType,
  secretOf,
} from "./types.js";
export {
  type AnyCapsule,
  type Capsule,
  type LogsReceiver,
  type MetricsReceiver,
  type OtelcolConsumer,
  type OtelcolExtensionHandler,
  type OtelcolHandler,
  type ProfilesReceiver,
  type RelabelRules,
  capsule,
  capsuleBrand,
  capsuleKindOf,
  isCapsule,
} from "./capsules.js";
export { type CapsuleKind, capsuleKinds, capsuleUse } from "./capsule-kinds.gen.js";
export { DURATION_PATTERN, isDuration, v } from "./values.js";
export {
  type AlloyFieldMeta,
  type AttributeMeta,
  type BlockMeta,
  type GroupMeta,
  type LabelMeta,
  alloyMeta,
  fieldMeta,
  resolveGroup,
  unwrap,
} from "./registry.js";
export { type LegacyComponent, type LegacyStatus, legacyComponent, legacyComponents } from "./legacy.js";
export {
  deprecatedStdlibAliases,
  isStdlibNamespace,
  stdlibFunctions,
  stdlibLookup,
  stdlibNamespaces,
  stdlibReplacement,
} from "./stdlib.js";
export { alloyCatalogSource, alloyCatalogVersion, alloyVersion } from "./version.gen.js";
