import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { catalog } from "../../src/schema/catalog.js";
import type { CatalogEntry } from "../../src/schema/entry.js";
import { fieldMeta } from "../../src/schema/registry.js";
import {
  accepted,
  announceSkip,
  at,
  haveShared,
  referenceDir,
  sampleBody,
  samePath,
  sites,
  wrongValue,
} from "./helpers.js";

/**
 * Table tests over every catalog entry, not a sample: each entry has a schema, accepts a value
 * made of its required arguments and defaults, and rejects an unknown attribute, a wrong type
 * (for every argument at every depth) and a bad enum value (for every enum argument).
 */

let entries: readonly CatalogEntry[] = [];
beforeAll(async () => {
  entries = await catalog.loadAll();
});

const issuesOf = (schema: z.ZodType, value: unknown): readonly z.core.$ZodIssue[] => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues;
};

describe("catalog entries", () => {
  it("every entry of components.json has a schema", () => {
    announceSkip("components.json cross-check");
    const names = haveShared
      ? (JSON.parse(readFileSync(path.join(referenceDir, "components.json"), "utf8")) as {
          entries: { name: string }[];
        }).entries.map((e) => e.name)
      : catalog.names();
    const withSchema = names.filter((n) => {
      const e = catalog.get(n);
      return e !== undefined && e.arguments instanceof z.ZodObject && e.exports instanceof z.ZodObject;
    });
    console.log(`schemas: ${withSchema.length}/${names.length} entries${haveShared ? " of components.json" : ""}`);
    expect(withSchema).toEqual(names);
    expect(catalog.names()).toEqual(names);
    expect(entries.map((e) => e.name)).toEqual(names);
  });

  it("each accepts a value made of its required arguments and defaults", () => {
    const failures: string[] = [];
    for (const e of entries) {
      const value = sampleBody(e.spec, true, { allBlocks: false });
      const issues = issuesOf(e.arguments, value);
      if (issues.length) failures.push(`${e.name}: ${JSON.stringify(issues.slice(0, 3))}`);
    }
    console.log(`accepts required arguments + defaults: ${entries.length - failures.length}/${entries.length}`);
    expect(failures).toEqual([]);
  });

  it("each accepts a value with every block present once (one element per group member)", () => {
    const failures: string[] = [];
    for (const e of entries) {
      const issues = issuesOf(e.arguments, sampleBody(e.spec, true, { allBlocks: true }));
      if (issues.length) failures.push(`${e.name}: ${JSON.stringify(issues.slice(0, 3))}`);
    }
    console.log(`accepts every block present: ${entries.length - failures.length}/${entries.length}`);
    expect(failures).toEqual([]);
  });

  it("each rejects an unknown attribute, at the top and in every block body", () => {
    const failures: string[] = [];
    const open: string[] = [];
    let bodies = 0;
    for (const e of entries) {
      if (e.spec.body === "config") {
        open.push(e.name);
        continue;
      }
      const bodyPaths = [[], ...sites(e.spec).filter((s) => s.block && s.block.body !== "config").map((s) => s.bodyPath)];
      for (const p of bodyPaths) {
        const value = sampleBody(e.spec, true, { allBlocks: true });
        at(value, p)["no_such_attribute"] = "x";
        bodies++;
        const hit = issuesOf(e.arguments, value).some(
          (i) => i.code === "unrecognized_keys" && samePath(i.path, p) && i.keys.includes("no_such_attribute"),
        );
        if (!hit) failures.push(`${e.name} at ${JSON.stringify(p)}`);
      }
    }
    console.log(
      `unknown attribute rejected: ${entries.length - open.length}/${entries.length} entries, ${bodies - failures.length}/${bodies} bodies ` +
        `(open bodies, not a fixed schema: ${open.join(", ")})`,
    );
    expect(failures).toEqual([]);
    expect(open).toEqual(["declare"]);
  });

  it("each rejects a wrong type, for every argument at every depth", () => {
    const failures: string[] = [];
    const untyped: string[] = [];
    const withoutArgs: string[] = [];
    let checked = 0;
    for (const e of entries) {
      const args = sites(e.spec).filter((s) => s.arg && wrongValue(s.arg.type) !== undefined);
      if (args.length === 0) withoutArgs.push(e.name);
      for (const s of sites(e.spec).filter((x) => x.arg)) {
        const a = s.arg!;
        const wrong = wrongValue(a.type);
        if (wrong === undefined) {
          untyped.push(`${e.name} ${s.where}`);
          continue;
        }
        const value = sampleBody(e.spec, true, { allBlocks: true });
        at(value, s.bodyPath)[a.name] = wrong;
        checked++;
        const hit = issuesOf(e.arguments, value).some((i) => samePath(i.path, [...s.bodyPath, a.name]));
        if (!hit) failures.push(`${e.name} ${s.where}`);
      }
    }
    const entriesChecked = entries.length - withoutArgs.length;
    console.log(
      `wrong type rejected: ${checked - failures.length}/${checked} arguments in ${entriesChecked}/${entries.length} entries; ` +
        `${untyped.length} \`any\` arguments accept every value; entries with no typed argument to break: ${withoutArgs.join(", ")}`,
    );
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(6700);
  });

  it("each rejects a bad enum value, for every argument that has an enum", () => {
    const failures: string[] = [];
    const withEnum = new Set<string>();
    let checked = 0;
    for (const e of entries) {
      for (const s of sites(e.spec)) {
        const a = s.arg;
        if (!a?.enum) continue;
        withEnum.add(e.name);
        const value = sampleBody(e.spec, true, { allBlocks: true });
        const isList = a.type.kind === "list";
        at(value, s.bodyPath)[a.name] = isList ? ["not_in_the_enum"] : "not_in_the_enum";
        checked++;
        const want = isList ? [...s.bodyPath, a.name, 0] : [...s.bodyPath, a.name];
        const hit = issuesOf(e.arguments, value).some((i) => i.code === "invalid_value" && samePath(i.path, want));
        if (!hit) failures.push(`${e.name} ${s.where}`);
      }
    }
    console.log(`bad enum rejected: ${checked - failures.length}/${checked} enum arguments in ${withEnum.size} entries`);
    expect(failures).toEqual([]);
  });

  it("a missing required argument or block is reported at its path", () => {
    const failures: string[] = [];
    let checked = 0;
    for (const e of entries) {
      for (const s of sites(e.spec)) {
        const field = s.arg ?? (s.block && s.block.group === undefined ? s.block : undefined);
        if (!field?.required) continue;
        const value = sampleBody(e.spec, true, { allBlocks: true });
        const holder = s.arg ? s.bodyPath : s.bodyPath.slice(0, s.block!.multiple ? -2 : -1);
        delete at(value, holder)[field.name];
        checked++;
        if (!issuesOf(e.arguments, value).some((i) => samePath(i.path, [...holder, field.name]))) {
          failures.push(`${e.name} ${s.where}`);
        }
      }
    }
    console.log(`missing required field reported: ${checked - failures.length}/${checked}`);
    expect(failures).toEqual([]);
  });

  it("every field of every schema has Alloy metadata in the registry", () => {
    const missing: string[] = [];
    let fields = 0;
    const seen = new Set<z.ZodType>();
    const walk = (s: z.ZodType, where: string): void => {
      if (seen.has(s)) return;
      seen.add(s);
      if (s instanceof z.ZodOptional || s instanceof z.ZodArray) {
        walk((s instanceof z.ZodOptional ? s.unwrap() : s.element) as z.ZodType, where);
        return;
      }
      if (!(s instanceof z.ZodObject)) return;
      for (const [k, f] of Object.entries(s.shape as Record<string, z.ZodType>)) {
        fields++;
        const m = fieldMeta(f);
        const ok = m && (m.kind === "label" ? k === "label" : m.name === k);
        if (!ok) missing.push(`${where} > ${k}`);
        if (m && m.kind !== "attribute") walk(f, `${where} > ${k}`);
      }
    };
    for (const e of entries) if (e.spec.body !== "config") walk(e.arguments, e.name);
    console.log(`registry: ${fields - missing.length}/${fields} fields have metadata`);
    expect(missing).toEqual([]);
  });

  it("the spec and the schema list the same fields (docs-only fields of components aside)", () => {
    const mismatched: string[] = [];
    for (const e of entries) {
      if (e.spec.body === "config") continue;
      const shape = (e.arguments as z.ZodObject).shape;
      const fromSpec = [
        ...accepted(e.spec.arguments).map((a) => a.name),
        ...new Set(accepted(e.spec.blocks).map((b) => b.group ?? b.name)),
      ].sort();
      if (JSON.stringify(fromSpec) !== JSON.stringify(Object.keys(shape).sort())) mismatched.push(e.name);
    }
    expect(mismatched).toEqual([]);
  });
});
