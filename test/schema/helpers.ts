import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Expr } from "../../src/ast/index.js";
import { capsule } from "../../src/schema/capsules.js";
import type { ArgumentSpec, BlockSpec, EntrySpec } from "../../src/schema/spec.js";
import type { AlloyType } from "../../src/schema/types.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const sharedDir = path.resolve(repoRoot, "../shared");
export const referenceDir = path.join(sharedDir, "alloy-reference");
export const haveShared = existsSync(path.join(referenceDir, "components.json"));

/** Prints why a test that needs ../shared is skipped, so the skip is visible in the output. */
export function announceSkip(what: string): void {
  if (!haveShared) console.log(`SKIP ${what}: ${referenceDir} is absent (tests read ../shared in place)`);
}

/** A stand-in expression for capsule values in tests: `test_component.<kind>`. */
export function fakeExpr(name: string): Expr {
  return { kind: "Identifier", name, span: { start: 0, end: name.length } };
}

/** A valid value of an Alloy type (the first enum value for enum-typed strings). */
export function sampleValue(t: AlloyType, allowed?: readonly string[]): unknown {
  switch (t.kind) {
    case "primitive":
      switch (t.name) {
        case "string":
          return allowed?.[0] ?? "text";
        case "secret":
        case "optional_secret":
          return "s3cr3t";
        case "duration":
          return "1m30s";
        case "bool":
          return true;
        case "number":
          return t.numberKind === "float" ? 1.5 : 1;
      }
      break;
    case "list":
      return [sampleValue(t.element, allowed)];
    case "map":
      return { key: sampleValue(t.value) };
    case "capsule":
      return capsule(t.capsule, fakeExpr(`capsule_of_${t.capsule}`));
    case "object":
      return Object.fromEntries(t.fields.filter((f) => f.required).map((f) => [f.name, sampleValue(f.type)]));
    case "any":
      return { any: "value" };
    case "function":
      return () => 0;
  }
  throw new Error(`no sample for ${JSON.stringify(t)}`);
}

/** A value of the wrong type, or undefined when every value fits (`any`). */
export function wrongValue(t: AlloyType): unknown {
  switch (t.kind) {
    case "primitive":
      // Alloy converts numbers to strings (and numeric strings to numbers), so each gets a value
      // no conversion reaches: a bool for strings and durations, a number for secrets.
      if (t.name === "number") return "not a number";
      if (t.name === "bool") return "yes";
      if (t.name === "string" || t.name === "duration") return true;
      return 12345;
    case "list":
      return "not a list";
    case "map":
      return ["not", "a", "map"];
    case "capsule":
      return capsule(t.capsule === "otelcol.Consumer" ? "loki.LogsReceiver" : "otelcol.Consumer", fakeExpr("wrong"));
    case "object":
      return "not an object";
    case "function":
      return 1;
    case "any":
      return undefined;
  }
}

export interface Body {
  readonly arguments: readonly ArgumentSpec[];
  readonly blocks: readonly BlockSpec[];
  readonly labeled?: boolean;
  readonly body?: "config";
  readonly blocksRef?: BlockSpec["blocksRef"];
}

export const accepted = <T extends { readonly rejected?: true }>(xs: readonly T[]): T[] => xs.filter((x) => !x.rejected);

export interface SampleOptions {
  /** Also add every optional block (and one element per group member), recursively. */
  readonly allBlocks: boolean;
}

/**
 * A body value made of its required arguments and documented defaults (value shape: what the
 * builders take, see src/builders/lower.ts). With `allBlocks`, every block is present once, so that every argument
 * at every depth has a place in the value.
 */
export function sampleBody(b: Body, isRoot: boolean, opts: SampleOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (b.body === "config") return out;
  if (b.labeled && !isRoot) out["label"] = "a_label";
  for (const a of accepted(b.arguments)) {
    if (a.required) out[a.name] = sampleValue(a.type, a.enum);
    else if (a.default !== undefined) out[a.name] = a.default;
  }
  for (const c of accepted(b.blocks)) {
    if (c.group !== undefined) {
      if (!opts.allBlocks) continue;
      const element = { [c.name]: sampleBody(c, false, { allBlocks: true }) };
      out[c.group] = [...((out[c.group] as unknown[] | undefined) ?? []), element];
      continue;
    }
    if (!c.required && !opts.allBlocks) continue;
    const body = sampleBody(c, false, opts);
    out[c.name] = c.multiple ? [body] : body;
  }
  return out;
}

/** Where an argument or block sits in a body value built by sampleBody with allBlocks. */
export interface Site {
  /** Path of the body object that holds the field. */
  readonly bodyPath: readonly (string | number)[];
  readonly arg?: ArgumentSpec;
  readonly block?: BlockSpec;
  /** Readable location: `endpoint > tls_config > ca_pem`. */
  readonly where: string;
}

/** Every accepted argument and block body of an entry, with its value path (allBlocks layout). */
export function sites(entry: EntrySpec): Site[] {
  const out: Site[] = [];
  const visit = (b: Body, bodyPath: readonly (string | number)[], where: readonly string[]): void => {
    if (b.body === "config") return;
    for (const a of accepted(b.arguments)) out.push({ bodyPath, arg: a, where: [...where, a.name].join(" > ") });
    const groupIndex = new Map<string, number>();
    for (const c of accepted(b.blocks)) {
      let p: (string | number)[];
      if (c.group !== undefined) {
        const i = groupIndex.get(c.group) ?? 0;
        groupIndex.set(c.group, i + 1);
        p = [...bodyPath, c.group, i, c.name];
      } else {
        p = c.multiple ? [...bodyPath, c.name, 0] : [...bodyPath, c.name];
      }
      out.push({ bodyPath: p, block: c, where: [...where, c.name].join(" > ") });
      visit(c, p, [...where, c.name]);
    }
  };
  visit(entry, [], []);
  return out;
}

/** Reads the object at `path` inside `value`. */
export function at(value: unknown, p: readonly (string | number)[]): Record<string, unknown> {
  let cur: unknown = value;
  for (const k of p) cur = (cur as Record<string | number, unknown>)[k];
  return cur as Record<string, unknown>;
}

export const samePath = (a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** `loki.source.file` → `LokiSourceFile`: the prefix of an entry's generated type names. */
export function typeId(entry: string): string {
  return entry.split(/[._-]+/).map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
}

const builderModules = new Map<string, string>();

/** Property names of a generated builder interface (`<Id>Arguments`, `<Id>Exports`), or undefined when absent. */
export function interfaceProps(module: string, name: string): string[] | undefined {
  const file = path.join(repoRoot, "src/builders/components", `${module.replace(/[._]/g, "-")}.gen.ts`);
  let text = builderModules.get(file);
  if (text === undefined) builderModules.set(file, (text = readFileSync(file, "utf8")));
  const m = new RegExp(`export interface ${name} \\{(?:\\}|\\n([^]*?)\\n\\})`).exec(text);
  if (!m) return undefined;
  return [...(m[1] ?? "").matchAll(/^ {2}\/\*\*.*?\*\/ readonly ("[^"]+"|\w+)\??:/gm)].map((x) => x[1]!.replace(/^"|"$/g, ""));
}
