/**
 * Reads and validates the generator's input, ../shared/alloy-reference/{components,stdlib}.json.
 * This is data from outside the type system, so it goes through zod: a file that does not have
 * the shape alloy-reference/README.md describes stops the generator with the file and the path of
 * each bad value, before anything is written. Fields the generator does not read are not checked.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { CatalogInput, RawBlock, RawCatalog, RawStdlib } from "./gen-catalog-model.js";

const provenance = z.enum(["docs+go", "go", "docs"]);
const stability = z.enum(["generally-available", "public-preview", "experimental"]);
const json: z.ZodType<unknown> = z.json();

const argument = z.object({
  name: z.string().min(1),
  type: z.string().min(1),
  number_kind: z.enum(["int", "uint", "float"]).optional(),
  fields: z.array(z.object({ name: z.string().min(1), type: z.string().min(1), required: z.boolean() })).optional(),
  required: z.boolean(),
  required_in_docs: z.boolean().optional(),
  default: json,
  default_raw: z.string().optional(),
  enum: z.array(z.string()).optional(),
  provenance,
});

const block: z.ZodType<RawBlock> = z.lazy(() =>
  z.object({
    name: z.string().min(1),
    required: z.boolean(),
    required_in_docs: z.boolean().optional(),
    multiple: z.boolean(),
    labeled: z.boolean().optional(),
    group: z.string().optional(),
    ordered: z.boolean().optional(),
    blocks_ref: z.object({ path: z.array(z.string()), group: z.string() }).optional(),
    body: z.literal("config").optional(),
    arguments: z.array(argument),
    blocks: z.array(block),
    provenance,
  }),
) as z.ZodType<RawBlock>;

const docsUrl = z.url().startsWith("https://grafana.com/docs/alloy/");

const catalog = z.object({
  schema_version: z.literal(1, { error: "unsupported schema_version (the generator knows version 1)" }),
  generated_from: z.object({
    repository: z.string(),
    commit: z.string().regex(/^[0-9a-f]{40}$/),
    commit_date: z.string(),
    license: z.string(),
  }),
  capsule_types: z.record(z.string(), z.object({ exported_by: z.array(z.string()), accepted_by: z.array(z.string()) })),
  entries: z.array(
    z.object({
      name: z.string().min(1),
      kind: z.enum(["component", "config-block"]),
      stability: stability.nullable(),
      community: z.boolean().optional(),
      registered: z.boolean().optional(),
      removed: z.boolean().optional(),
      labeled: z.boolean(),
      docs: docsUrl,
      allowed_in: z.array(z.string()).optional(),
      body: z.literal("config").optional(),
      exports_dynamic: z.boolean().optional(),
      arguments: z.array(argument),
      blocks: z.array(block),
      exports: z.array(z.object({ name: z.string().min(1), type: z.string().min(1), provenance })),
    }),
  ),
});

const stdlib = z.object({
  schema_version: z.literal(1, { error: "unsupported schema_version (the generator knows version 1)" }),
  generated_from: z.object({ commit: z.string() }),
  namespaces: z.array(z.object({ name: z.string(), kind: z.enum(["namespace", "constants"]), members: z.array(z.string()) })),
  functions: z.array(
    z.object({
      name: z.string().min(1),
      namespace: z.string().nullable(),
      kind: z.enum(["function", "constant"]),
      params: z.array(z.object({ name: z.string(), type: z.string(), optional: z.boolean().optional() })).optional(),
      variadic: z.boolean().optional(),
      returns: z.string().optional(),
      type: z.string().optional(),
      deprecated: z.boolean(),
      replacement: z.string().optional(),
      experimental: z.boolean(),
      docs: docsUrl,
    }),
  ),
  deprecated_aliases: z.record(z.string(), z.string()),
});

/** Bad generator input: every problem found, one a line, as `file: path: message`. */
export class InputError extends Error {
  override readonly name = "InputError";
}

/** Validates one input file's parsed JSON; `file` names it in errors. */
export function validate<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const lines = r.error.issues.slice(0, 20).map((i) => `${file}: ${pathText(i.path, value)}: ${i.message}`);
  const more = r.error.issues.length - lines.length;
  throw new InputError([...lines, ...(more > 0 ? [`${file}: ... and ${more} more`] : [])].join("\n"));
}

/** `entries[12] (loki.write) > blocks[0] (endpoint) > arguments[3]`: indexes with the names they hold. */
function pathText(p: readonly PropertyKey[], root: unknown): string {
  if (p.length === 0) return "(top level)";
  const out: string[] = [];
  let at: unknown = root;
  for (const k of p) {
    at = typeof at === "object" && at !== null ? (at as Record<PropertyKey, unknown>)[k] : undefined;
    if (typeof k === "number") {
      const name = typeof at === "object" && at !== null ? (at as { name?: unknown }).name : undefined;
      out[out.length - 1] += `[${k}]${typeof name === "string" ? ` (${name})` : ""}`;
    } else out.push(String(k));
  }
  return out.join(" > ");
}

export function validateCatalog(value: unknown, file = "components.json"): RawCatalog {
  return validate(catalog, value, file) as RawCatalog;
}

export function validateStdlib(value: unknown, file = "stdlib.json"): RawStdlib {
  return validate(stdlib, value, file) as RawStdlib;
}

/** Reads, parses and validates both input files (once per generator run). */
export function readCatalogInput(sharedDir: string): CatalogInput {
  const dir = path.join(sharedDir, "alloy-reference");
  const read = (file: string): unknown => {
    const at = path.join(dir, file);
    let text: string;
    try {
      text = readFileSync(at, "utf8");
    } catch (e) {
      throw new InputError(`${at}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new InputError(`${at}: not JSON (${(e as Error).message})`);
    }
  };
  const components = validateCatalog(read("components.json"), path.join(dir, "components.json"));
  const stdlibData = validateStdlib(read("stdlib.json"), path.join(dir, "stdlib.json"));
  if (stdlibData.generated_from.commit !== components.generated_from.commit) {
    throw new InputError("alloy-reference: components.json and stdlib.json describe different commits");
  }
  return { components, stdlib: stdlibData };
}
