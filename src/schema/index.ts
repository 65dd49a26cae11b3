/**
 * The component catalog: every Alloy component and config block as plain specs (what the checker
 * walks and the builders' shapes and types are generated from), generated from ../shared/alloy-reference
 * by scripts/generate.ts; capsule brands; the standard library; names Alloy no longer accepts.
 * See README.md in this folder.
 */
export {
  catalog,
  names,
  has,
  info,
  loadSpec,
  loadSpecs,
  loadAllSpecs,
  getSpec,
  isSpecLoaded,
  type NamedEntryInfo,
} from "./catalog.js";
export { type EntryName, type ModuleName, entryIndex } from "./entry-index.gen.js";
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
export { DURATION_PATTERN, isDuration } from "./values.js";
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
