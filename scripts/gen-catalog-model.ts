/**
 * The catalog data (../shared/alloy-reference, read and validated by gen-input.ts) and how it
 * becomes the plain specs the generated modules hold. See alloy-reference/README.md for every
 * field's meaning.
 */
import type {
  ArgumentSpec,
  BlockSpec,
  EntrySpec,
  ExportSpec,
  JsonValue,
  Provenance,
  Stability,
  StdlibNamespaceSpec,
  StdlibSpec,
} from "../src/schema/spec.js";
import { type AlloyType, type NumberKind, parseType, type RawObjectField } from "../src/schema/types.js";
import { isDuration } from "../src/schema/values.js";

// ---- The input, as components.json / stdlib.json write it ----------------------------------

export interface RawArgument {
  readonly name: string;
  readonly type: string;
  readonly number_kind?: NumberKind;
  readonly fields?: readonly RawObjectField[];
  readonly required: boolean;
  readonly required_in_docs?: boolean;
  readonly default: JsonValue;
  readonly default_raw?: string;
  readonly enum?: readonly string[];
  readonly provenance: Provenance;
  /** Merged in from scripts/enforced-enums.json (gen-enforced-enums.ts): the Go file that refuses other values. */
  readonly enforced_by?: string;
  readonly enum_ignore_case?: true;
}

export interface RawBlock {
  readonly name: string;
  readonly required: boolean;
  readonly required_in_docs?: boolean;
  readonly multiple: boolean;
  readonly labeled?: boolean;
  readonly group?: string;
  readonly ordered?: boolean;
  readonly blocks_ref?: { readonly path: readonly string[]; readonly group: string };
  readonly body?: "config";
  readonly arguments: readonly RawArgument[];
  readonly blocks: readonly RawBlock[];
  readonly provenance: Provenance;
}

export interface RawEntry {
  readonly name: string;
  readonly kind: "component" | "config-block";
  readonly stability: Stability | null;
  readonly community?: boolean;
  readonly registered?: boolean;
  readonly removed?: boolean;
  readonly labeled: boolean;
  readonly docs: string;
  readonly allowed_in?: readonly string[];
  readonly body?: "config";
  readonly exports_dynamic?: boolean;
  readonly arguments: readonly RawArgument[];
  readonly blocks: readonly RawBlock[];
  readonly exports: readonly { readonly name: string; readonly type: string; readonly provenance: Provenance }[];
}

export interface RawCatalog {
  readonly schema_version: number;
  readonly generated_from: {
    readonly repository: string;
    readonly commit: string;
    readonly commit_date: string;
    readonly license: string;
  };
  readonly capsule_types: Readonly<
    Record<string, { readonly exported_by: readonly string[]; readonly accepted_by: readonly string[] }>
  >;
  readonly entries: readonly RawEntry[];
}

interface RawStdlibFunction {
  readonly name: string;
  readonly namespace: string | null;
  readonly kind: "function" | "constant";
  readonly params?: readonly { readonly name: string; readonly type: string; readonly optional?: boolean }[];
  readonly variadic?: boolean;
  readonly returns?: string;
  readonly type?: string;
  readonly deprecated: boolean;
  readonly replacement?: string;
  readonly experimental: boolean;
  readonly docs: string;
}

export interface RawStdlib {
  readonly schema_version: number;
  readonly generated_from: { readonly commit: string };
  readonly namespaces: readonly StdlibNamespaceSpec[];
  readonly functions: readonly RawStdlibFunction[];
  readonly deprecated_aliases: Readonly<Record<string, string>>;
}

export interface CatalogInput {
  readonly components: RawCatalog;
  readonly stdlib: RawStdlib;
}

// ---- Specs ------------------------------------------------------------------------------

/**
 * Only config blocks keep `docs`-only fields in their schemas: Alloy's runtime decodes them
 * outside the struct tags the catalog was read from (`foreach > template`, `argument.*.value`).
 * In components a `docs`-only field has no Go field, so Alloy rejects it (README, provenance).
 */
function rejects(entry: RawEntry, provenance: Provenance): boolean {
  return entry.kind === "component" && provenance === "docs";
}

export function toEntrySpec(e: RawEntry): EntrySpec {
  return {
    name: e.name,
    kind: e.kind,
    stability: e.stability,
    docs: e.docs,
    labeled: e.labeled,
    ...(e.community ? { community: true } : {}),
    ...(e.removed ? { removed: true } : {}),
    ...(e.allowed_in ? { allowedIn: e.allowed_in } : {}),
    ...(e.body ? { body: e.body } : {}),
    ...(e.exports_dynamic ? { exportsDynamic: true } : {}),
    arguments: e.arguments.map((a) => toArgumentSpec(e, a, false)),
    blocks: e.blocks.map((b) => toBlockSpec(e, b, false)),
    exports: e.exports.map(
      (x): ExportSpec => ({ name: x.name, type: parseType(x.type), provenance: x.provenance }),
    ),
  };
}

function toArgumentSpec(entry: RawEntry, a: RawArgument, parentRejected: boolean): ArgumentSpec {
  const type = parseType(a.type, {
    ...(a.fields ? { fields: a.fields } : {}),
    ...(a.number_kind ? { numberKind: a.number_kind } : {}),
  });
  if (a.enum && !enumApplies(type)) {
    throw new Error(`${entry.name} ${a.name}: enum on type ${a.type}`);
  }
  let defaultValue: JsonValue | undefined;
  let defaultRaw = a.default_raw;
  if (a.default !== null && defaultRaw === undefined) {
    if (fitsType(type, a.default, a.enum)) defaultValue = a.default;
    else defaultRaw = JSON.stringify(a.default);
  }
  return {
    name: a.name,
    type,
    required: a.required,
    ...(a.required_in_docs !== undefined ? { requiredInDocs: a.required_in_docs } : {}),
    ...(defaultValue !== undefined ? { default: defaultValue } : {}),
    ...(defaultRaw !== undefined ? { defaultRaw } : {}),
    ...(a.enum ? { enum: a.enum } : {}),
    ...(a.enforced_by !== undefined ? { enforcedBy: a.enforced_by } : {}),
    ...(a.enum_ignore_case ? { enumIgnoresCase: true as const } : {}),
    provenance: a.provenance,
    ...(parentRejected || rejects(entry, a.provenance) ? { rejected: true as const } : {}),
  };
}

function toBlockSpec(entry: RawEntry, b: RawBlock, parentRejected: boolean): BlockSpec {
  const rejected = parentRejected || rejects(entry, b.provenance);
  if (b.group !== undefined && !b.name.startsWith(`${b.group}.`)) {
    throw new Error(`${entry.name} ${b.name}: group member not named ${b.group}.*`);
  }
  return {
    name: b.name,
    required: b.required,
    ...(b.required_in_docs !== undefined ? { requiredInDocs: b.required_in_docs } : {}),
    multiple: b.multiple,
    labeled: b.labeled ?? false,
    ...(b.group !== undefined ? { group: b.group } : {}),
    ...(b.blocks_ref ? { blocksRef: { path: b.blocks_ref.path, group: b.blocks_ref.group } } : {}),
    ...(b.body ? { body: b.body } : {}),
    provenance: b.provenance,
    ...(rejected ? { rejected: true as const } : {}),
    arguments: b.arguments.map((a) => toArgumentSpec(entry, a, rejected)),
    blocks: b.blocks.map((c) => toBlockSpec(entry, c, rejected)),
  };
}

function enumApplies(t: AlloyType): boolean {
  const base = t.kind === "list" ? t.element : t;
  return base.kind === "primitive" && base.name === "string";
}

/** Whether a documented default is a value Alloy would accept for the type (and enum). */
export function fitsType(t: AlloyType, value: JsonValue, allowed?: readonly string[]): boolean {
  switch (t.kind) {
    case "primitive":
      switch (t.name) {
        case "string":
        case "secret":
        case "optional_secret":
          return typeof value === "string" && (allowed === undefined || allowed.includes(value));
        case "duration":
          return typeof value === "string" && isDuration(value);
        case "bool":
          return typeof value === "boolean";
        case "number":
          if (typeof value !== "number" || !Number.isFinite(value)) return false;
          // A JS default must be a safe integer: a documented 2^63-1 cannot be one.
          if (t.numberKind === "int") return Number.isSafeInteger(value);
          if (t.numberKind === "uint") return Number.isSafeInteger(value) && value >= 0;
          return true;
      }
      return false;
    case "list":
      return Array.isArray(value) && value.every((x: JsonValue) => fitsType(t.element, x, allowed));
    case "map":
      return isPlainObject(value) && Object.values(value).every((x) => fitsType(t.value, x));
    case "object":
      return (
        isPlainObject(value) &&
        Object.keys(value).every((k) => t.fields.some((f) => f.name === k)) &&
        t.fields.every((f) => {
          const x = value[f.name];
          return x === undefined ? !f.required : fitsType(f.type, x);
        })
      );
    case "any":
      return true;
    case "capsule":
    case "function":
      return false;
  }
}

function isPlainObject(value: JsonValue): value is { readonly [k: string]: JsonValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function toStdlibSpecs(raw: RawStdlib): StdlibSpec[] {
  return raw.functions.map((f): StdlibSpec => {
    const returns = f.kind === "constant" ? f.type : f.returns;
    if (returns === undefined) throw new Error(`stdlib ${f.name}: no return type`);
    return {
      name: f.name,
      namespace: f.namespace,
      kind: f.kind,
      ...(f.params
        ? {
            params: f.params.map((p) => ({
              name: p.name,
              type: parseType(p.type),
              ...(p.optional ? { optional: true } : {}),
            })),
          }
        : {}),
      ...(f.kind === "function" ? { variadic: f.variadic ?? false } : {}),
      returns: parseType(returns),
      ...(f.deprecated ? { deprecated: true } : {}),
      ...(f.replacement !== undefined ? { replacement: f.replacement } : {}),
      ...(f.experimental ? { experimental: true } : {}),
      docs: f.docs,
    };
  });
}

// ---- Where entries go, and what they are called -----------------------------------------

/**
 * Namespaces big enough to split by their second segment: `otelcol.receiver.otlp` goes to module
 * `otelcol.receiver`, `prometheus.exporter.unix` to `prometheus.exporter`, `prometheus.scrape`
 * stays in `prometheus`. Every other component lives in its first segment's module, and config
 * blocks share one module.
 */
const SPLIT_NAMESPACES: ReadonlySet<string> = new Set(["otelcol", "prometheus"]);
export const CONFIG_BLOCKS_MODULE = "config-blocks";

export function moduleOf(e: { readonly name: string; readonly kind: string }): string {
  if (e.kind === "config-block") return CONFIG_BLOCKS_MODULE;
  const parts = e.name.split(".");
  const first = parts[0] ?? e.name;
  if (SPLIT_NAMESPACES.has(first) && parts.length >= 3) return `${first}.${parts[1]}`;
  return first;
}

/** `otelcol.receiver` → `otelcol-receiver` (kebab-case file names). */
export function moduleFileName(module: string): string {
  return `${module.replace(/[._]/g, "-")}.gen.ts`;
}

/** `loki.source.kubernetes_events` → `lokiSourceKubernetesEvents`. */
export function camelName(name: string): string {
  const words = name.split(/[._-]+/).filter((w) => w.length > 0);
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1))).join("");
}

export function pascalName(name: string): string {
  const c = camelName(name);
  return c[0]!.toUpperCase() + c.slice(1);
}
