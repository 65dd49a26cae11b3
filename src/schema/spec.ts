import type { AlloyType } from "./types.js";

/**
 * The walkable description of every catalog entry, as plain data: the catalog's one model. The
 * generator writes one `EntrySpec` per component and config block (in `specs/*.gen.ts`); the
 * checker walks them, and the builders' block shapes and named interfaces are generated from them
 * in the same run, so the three cannot disagree.
 */

export type EntryKind = "component" | "config-block";
export type Stability = "generally-available" | "public-preview" | "experimental";

/**
 * Where a field comes from. `go`: only a Go struct tag (undocumented, Alloy accepts it).
 * `docs`: only documented; Alloy's decoder rejects it, so it is marked `rejected` and left out
 * of the builders' types (except in config blocks, which Alloy's runtime decodes outside the struct
 * tags the catalog read, such as `foreach > template` and `argument`'s `value` export).
 */
export type Provenance = "docs+go" | "go" | "docs";

/** A JSON value: what a documented default can be. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [k: string]: JsonValue };

export interface ArgumentSpec {
  /** Attribute name as written in Alloy (`name = value`); it may contain dots. */
  readonly name: string;
  readonly type: AlloyType;
  /** Required per Go (what Alloy enforces). */
  readonly required: boolean;
  /** The docs' Required column, only when it differs from Go. */
  readonly requiredInDocs?: boolean;
  /** Documented default, only when it is a valid value of `type` (and of `enum`). */
  readonly default?: JsonValue;
  /**
   * Documented default that is not a usable literal: prose or an expression from the docs,
   * or a literal that does not fit the type (for example `"infinity"` for a duration).
   */
  readonly defaultRaw?: string;
  /**
   * Allowed values (for `string`, or the elements of `list(string)`): the set Alloy's Go code
   * accepts when `enforcedBy` is present (`""` included where Go takes it for the default),
   * otherwise the values the docs list.
   */
  readonly enum?: readonly string[];
  /**
   * Present when Alloy refuses a value outside `enum` when it loads the config: the grafana/alloy
   * source file (at the catalog's commit) whose validation does it. Recorded by hand in
   * scripts/enforced-enums.json.
   */
  readonly enforcedBy?: string;
  /** Alloy lower-cases the value before comparing (only with `enforcedBy`). */
  readonly enumIgnoresCase?: true;
  readonly provenance: Provenance;
  /**
   * Present on `docs`-only fields of components: Alloy's decoder rejects them (no Go field), so
   * they are absent from the builders' types. They are kept here so the linter can explain.
   */
  readonly rejected?: true;
  /** Only in a view of an older Alloy release: why it is rejected there ("added in Alloy 1.13; ..."). */
  readonly versionNote?: string;
}

export interface BlockSpec {
  /** Block name as written (`endpoint`, `stage.json`, `profile.custom`). */
  readonly name: string;
  readonly required: boolean;
  readonly requiredInDocs?: boolean;
  /** May appear more than once. */
  readonly multiple: boolean;
  /** Takes a label (`static "name" { }`). */
  readonly labeled: boolean;
  /**
   * Blocks from one Go `enum` field share a group (`stage`, `metric`, `auth`): they may be
   * repeated and interleaved, and their order is significant.
   */
  readonly group?: string;
  /** This block also accepts every block of `group` defined at `path` (from the entry root). */
  readonly blocksRef?: { readonly path: readonly string[]; readonly group: string };
  /** `"config"`: the body is a nested Alloy configuration (`foreach > template`). */
  readonly body?: "config";
  readonly arguments: readonly ArgumentSpec[];
  readonly blocks: readonly BlockSpec[];
  readonly provenance: Provenance;
  /** As for arguments: a `docs`-only block that Alloy rejects (absent from the builders' types). */
  readonly rejected?: true;
  /** As for arguments: why a view of an older release rejects it. */
  readonly versionNote?: string;
}

export interface ExportSpec {
  /** Referenced as `<component>.<label>.<name>`. */
  readonly name: string;
  readonly type: AlloyType;
  readonly provenance: Provenance;
}

/** Facts about an entry that need no schema: the synchronous catalog index holds these. */
export interface EntryInfo {
  readonly kind: EntryKind;
  /** `null` for community components and for removed components. */
  readonly stability: Stability | null;
  /** Canonical reference page. */
  readonly docs: string;
  readonly labeled: boolean;
  /** Needs `--feature.community-components.enabled`. */
  readonly community?: boolean;
  /** Has a reference page but no Go registration: Alloy rejects it. */
  readonly removed?: boolean;
  /** The generated modules that hold the entry's spec and schemas (`specs/<module>.gen.ts`, `components/<module>.gen.ts`). */
  readonly module: string;
}

export interface EntrySpec extends Omit<EntryInfo, "module"> {
  /** Fully qualified name (`loki.write`, `import.git`). */
  readonly name: string;
  /** Config blocks only: `["root"]` (top level only) or `["declare"]` (`argument`, `export`). */
  readonly allowedIn?: readonly string[];
  /** `"config"` for `declare`: the body is a nested configuration, not a fixed schema. */
  readonly body?: "config";
  /** `declare`: exports come from the `export` blocks inside it. */
  readonly exportsDynamic?: boolean;
  readonly arguments: readonly ArgumentSpec[];
  readonly blocks: readonly BlockSpec[];
  readonly exports: readonly ExportSpec[];
}

export interface FunctionParamSpec {
  readonly name: string;
  readonly type: AlloyType;
  readonly optional?: boolean;
}

/** A standard-library function or constant. */
export interface StdlibSpec {
  /** Full name as called (`string.format`, `env`, `constants.hostname`). */
  readonly name: string;
  readonly namespace: string | null;
  readonly kind: "function" | "constant";
  /** Functions only. */
  readonly params?: readonly FunctionParamSpec[];
  /** Functions only: the last parameter repeats. */
  readonly variadic?: boolean;
  /** Return type of a function, or the type of a constant. */
  readonly returns: AlloyType;
  /** Pre-namespace alias (`env`, `concat`, ...); `replacement` names the namespaced function. */
  readonly deprecated?: boolean;
  readonly replacement?: string;
  /** Needs `--stability.level=experimental`. */
  readonly experimental?: boolean;
  readonly docs: string;
}

export interface StdlibNamespaceSpec {
  readonly name: string;
  readonly kind: "namespace" | "constants";
  readonly members: readonly string[];
}
