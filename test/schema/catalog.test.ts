import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/check/index.js";
import { catalog } from "../../src/schema/catalog.js";
import type { EntrySpec } from "../../src/schema/spec.js";
import { type Finding, findings, providers } from "./alloy-text.js";
import {
  accepted,
  announceSkip,
  at,
  haveShared,
  interfaceProps,
  referenceDir,
  repoRoot,
  sampleBody,
  sites,
  typeId,
  wrongValue,
} from "./helpers.js";

/**
 * Table tests over every catalog entry, not a sample: each entry has a spec and a builder type,
 * and the checker (which reads nothing but the specs) accepts a body made of its required
 * arguments and defaults, and rejects an unknown attribute, a wrong type (for every argument at
 * every depth), a bad enum value (for every enum argument) and a missing required field, each
 * reported on the line of the field it is about.
 */

let entries: readonly EntrySpec[] = [];
let provide: ReturnType<typeof providers>;
beforeAll(async () => {
  entries = await catalog.loadAllSpecs();
  await loadCatalog();
  provide = providers(new Map(entries.map((e) => [e.name, e])));
});

/** Entries whose body is a nested configuration (`declare`): not a fixed schema to test. */
const isOpen = (e: EntrySpec): boolean => e.body === "config";

const errors = (xs: readonly Finding[]): Finding[] => xs.filter((d) => d.severity === "error");

/** Findings that the checker reports for reasons other than the body's schema (placement, stability flags). */
const ABOUT_THE_BLOCK = new Set(["check/block-placement", "check/removed-component", "check/community-component"]);

describe("catalog entries", () => {
  it("every entry of components.json has a spec and a builder type", () => {
    announceSkip("components.json cross-check");
    const names = haveShared
      ? (JSON.parse(readFileSync(path.join(referenceDir, "components.json"), "utf8")) as {
          entries: { name: string }[];
        }).entries.map((e) => e.name)
      : catalog.names();
    const typed = new Set<string>();
    for (const e of entries) {
      const module = catalog.info(e.name)?.module ?? "";
      if (interfaceProps(module, `${typeId(e.name)}Arguments`) && interfaceProps(module, `${typeId(e.name)}Exports`)) typed.add(e.name);
    }
    const withSpec = names.filter((n) => entries.some((e) => e.name === n));
    const builderless = names.filter((n) => !typed.has(n));
    console.log(
      `catalog specs: ${withSpec.length}/${names.length} entries${haveShared ? " of components.json" : ""}; ` +
        `builder types: ${typed.size}/${names.length} (without a generated builder: ${builderless.join(", ")})`,
    );
    expect(withSpec).toEqual(names);
    expect(catalog.names()).toEqual(names);
    expect(builderless).toEqual(["otelcol.receiver.opencensus", "declare"]);
  });

  it("each accepts a body made of its required arguments and defaults", () => {
    const failures: string[] = [];
    for (const e of entries) {
      const bad = errors(findings(e, provide, sampleBody(e, true, { allBlocks: false })).found).filter((d) => !ABOUT_THE_BLOCK.has(d.code));
      if (bad.length) failures.push(`${e.name}: ${bad.slice(0, 3).map((d) => `${d.code} ${d.message}`).join("; ")}`);
    }
    console.log(`accepts required arguments + defaults: ${entries.length - failures.length}/${entries.length}`);
    expect(failures).toEqual([]);
  });

  it("each accepts a body with every block present once (one element per group member)", () => {
    const failures: string[] = [];
    for (const e of entries) {
      const bad = errors(findings(e, provide, sampleBody(e, true, { allBlocks: true })).found).filter((d) => !ABOUT_THE_BLOCK.has(d.code));
      if (bad.length) failures.push(`${e.name}: ${bad.slice(0, 3).map((d) => `${d.code} ${d.message}`).join("; ")}`);
    }
    console.log(`accepts every block present: ${entries.length - failures.length}/${entries.length}`);
    expect(failures).toEqual([]);
  });

  it("each rejects an unknown attribute, at the top and in every block body", () => {
    const failures: string[] = [];
    const open = entries.filter(isOpen).map((e) => e.name);
    let bodies = 0;
    for (const e of entries.filter((x) => !isOpen(x))) {
      const bodyPaths = [[], ...sites(e).filter((s) => s.block && s.block.body !== "config").map((s) => s.bodyPath)];
      for (const p of bodyPaths) {
        const value = sampleBody(e, true, { allBlocks: true });
        at(value, p)["no_such_attribute"] = "x";
        bodies++;
        const { doc, found } = findings(e, provide, value);
        const line = doc.attributeLines.get(JSON.stringify([...p, "no_such_attribute"]));
        // A removed component is rejected as a whole (Alloy does not know it), not field by field.
        const hit = e.removed
          ? found.some((d) => d.code === "check/removed-component" && d.severity === "error")
          : found.some((d) => d.code === "check/unknown-attribute" && d.line === line);
        if (!hit) failures.push(`${e.name} at ${JSON.stringify(p)}`);
      }
    }
    const n = entries.length - open.length;
    console.log(
      `unknown attribute rejected: ${n}/${entries.length} entries, ${bodies - failures.length}/${bodies} bodies ` +
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
      const args = sites(e).filter((s) => s.arg && wrongValue(s.arg.type) !== undefined);
      if (args.length === 0) withoutArgs.push(e.name);
      for (const s of sites(e).filter((x) => x.arg)) {
        const a = s.arg!;
        const wrong = wrongValue(a.type);
        if (wrong === undefined) {
          untyped.push(`${e.name} ${s.where}`);
          continue;
        }
        const value = sampleBody(e, true, { allBlocks: true });
        at(value, s.bodyPath)[a.name] = wrong;
        checked++;
        const { doc, found } = findings(e, provide, value);
        const line = doc.attributeLines.get(JSON.stringify([...s.bodyPath, a.name]));
        if (!errors(found).some((d) => d.line === line)) failures.push(`${e.name} ${s.where}`);
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
      for (const s of sites(e)) {
        const a = s.arg;
        if (!a?.enum) continue;
        withEnum.add(e.name);
        const value = sampleBody(e, true, { allBlocks: true });
        at(value, s.bodyPath)[a.name] = a.type.kind === "list" ? ["not_in_the_enum"] : "not_in_the_enum";
        checked++;
        const { doc, found } = findings(e, provide, value);
        const line = doc.attributeLines.get(JSON.stringify([...s.bodyPath, a.name]));
        if (!found.some((d) => d.code === "check/enum-value" && d.line === line)) failures.push(`${e.name} ${s.where}`);
      }
    }
    console.log(`bad enum rejected: ${checked - failures.length}/${checked} enum arguments in ${withEnum.size} entries`);
    expect(failures).toEqual([]);
  });

  it("a missing required argument or block is reported on its block's line", () => {
    const failures: string[] = [];
    let checked = 0;
    for (const e of entries) {
      for (const s of sites(e)) {
        const field = s.arg ?? (s.block && s.block.group === undefined ? s.block : undefined);
        if (!field?.required) continue;
        const value = sampleBody(e, true, { allBlocks: true });
        const holder = s.arg ? s.bodyPath : s.bodyPath.slice(0, s.block!.multiple ? -2 : -1);
        delete at(value, holder)[field.name];
        checked++;
        const { doc, found } = findings(e, provide, value);
        const line = doc.blockLines.get(JSON.stringify(holder));
        const hit = found.some((d) => d.code === "check/missing-required" && d.line === line && d.message.includes(field.name));
        if (!hit) failures.push(`${e.name} ${s.where}`);
      }
    }
    console.log(`missing required field reported: ${checked - failures.length}/${checked}`);
    expect(failures).toEqual([]);
  });

  it("each builder's arguments type lists the spec's fields (docs-only fields of components aside)", () => {
    const mismatched: string[] = [];
    for (const e of entries.filter((x) => !isOpen(x) && !x.removed)) {
      const props = (interfaceProps(catalog.info(e.name)?.module ?? "", `${typeId(e.name)}Arguments`) ?? []).sort();
      const fromSpec = [
        ...accepted(e.arguments).map((a) => a.name),
        ...new Set(accepted(e.blocks).map((b) => b.group ?? b.name)),
      ].sort();
      if (JSON.stringify(fromSpec) !== JSON.stringify(props)) mismatched.push(`${e.name}: ${JSON.stringify(props)} vs ${JSON.stringify(fromSpec)}`);
    }
    expect(mismatched).toEqual([]);
  });

  it("every property of every generated builder interface has a doc comment of catalog facts with a docs link", () => {
    const dir = path.join(repoRoot, "src/builders/components");
    let props = 0;
    const bare: string[] = [];
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".gen.ts"))) {
      for (const line of readFileSync(path.join(dir, f), "utf8").split("\n")) {
        if (!/^ {2}(\/\*\*.*\*\/ )?readonly /.test(line)) continue;
        props++;
        if (!/^ {2}\/\*\* .* \[docs\]\(https:\/\/grafana\.com\/docs\/alloy\/latest\/reference\/[^)]*#[a-z-]+\) \*\/ readonly /.test(line)) bare.push(`${f}: ${line.trim().slice(0, 100)}`);
      }
    }
    console.log(`builder interfaces: ${props - bare.length}/${props} properties documented with facts and a docs link`);
    expect(bare).toEqual([]);
    expect(props).toBeGreaterThan(7000);
  });
});
