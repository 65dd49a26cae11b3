import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/check/index.js";
import { catalog } from "../../src/schema/catalog.js";
import type { ArgumentSpec, BlockSpec, EntrySpec } from "../../src/schema/spec.js";
import { formatType } from "../../src/schema/types.js";
import { findings, providers } from "./alloy-text.js";
import { announceSkip, at, haveShared, interfaceProps, referenceDir, sampleBody, sites, typeId } from "./helpers.js";

/**
 * alloy-reference/verification.json lists every place where the docs and Alloy's Go struct tags
 * disagree. The catalog must side with what Alloy accepts, and keep the provenance.
 */

interface Item {
  readonly component: string;
  readonly path: readonly string[];
  readonly kind: string;
  readonly detail: string;
}

const items: readonly Item[] = haveShared
  ? (JSON.parse(readFileSync(path.join(referenceDir, "verification.json"), "utf8")) as { items: Item[] }).items
  : [];

const byEntry = new Map<string, EntrySpec>();
let provide: ReturnType<typeof providers>;
beforeAll(async () => {
  for (const e of await catalog.loadAllSpecs()) byEntry.set(e.name, e);
  await loadCatalog();
  provide = providers(byEntry);
});

/** The spec item at a verification path (block names, then an argument or block name). */
function resolve(spec: EntrySpec, p: readonly string[]): ArgumentSpec | BlockSpec | undefined {
  let body: { arguments: readonly ArgumentSpec[]; blocks: readonly BlockSpec[] } = spec;
  for (const [i, name] of p.entries()) {
    const last = i === p.length - 1;
    const block = body.blocks.find((b) => b.name === name);
    if (last) return body.arguments.find((a) => a.name === name) ?? block;
    if (!block) return undefined;
    body = block;
  }
  return undefined;
}

const ofKind = (kind: string): readonly Item[] => items.filter((i) => i.kind === kind);

announceSkip("docs vs Go checks (verification.json)");

describe.skipIf(!haveShared)("docs vs Go (verification.json): what Alloy accepts wins", () => {
  it("reads verification.json", () => {
    console.log(`verification items: ${items.length}`);
    expect(items.length).toBeGreaterThan(1000);
  });

  it("docs-only arguments and blocks are kept in the spec as rejected, and the checker rejects them", () => {
    const failures: string[] = [];
    const docsOnly = [...ofKind("docs-only-argument"), ...ofKind("docs-only-block")];
    for (const item of docsOnly) {
      const e = byEntry.get(item.component)!;
      const s = resolve(e, item.path);
      if (!s || s.provenance !== "docs" || s.rejected !== true) {
        failures.push(`${item.component} ${item.path.join(" > ")}: spec ${JSON.stringify(s && { p: s.provenance, r: s.rejected })}`);
        continue;
      }
      const parentWhere = item.path.slice(0, -1).join(" > ");
      const parent = parentWhere === "" ? [] : sites(e).find((x) => x.block && x.where === parentWhere)?.bodyPath;
      if (!parent) {
        failures.push(`${item.component} ${parentWhere}: parent not in the spec's accepted blocks`);
        continue;
      }
      const name = item.path[item.path.length - 1]!;
      const isBlock = item.kind === "docs-only-block";
      // The spec does not list a rejected block among the accepted ones, so it is named as a block here.
      const value = sampleBody(e, true, { allBlocks: true });
      at(value, parent)[name] = "x";
      const { doc, found } = findings(e, provide, value, isBlock ? new Set([name]) : undefined);
      const line = doc.attributeLines.get(JSON.stringify([...parent, name]));
      const code = isBlock ? "check/unknown-block" : "check/unknown-attribute";
      const removed = e.removed === true && found.some((d) => d.code === "check/removed-component");
      if (!removed && !found.some((d) => d.code === code && d.line === line)) {
        failures.push(`${item.component} ${item.path.join(" > ")}: accepted by the checker`);
      }
      const module = catalog.info(e.name)?.module ?? "";
      const owner = parent.length === 0 ? `${typeId(e.name)}Arguments` : undefined;
      if (owner && interfaceProps(module, owner)?.includes(name)) failures.push(`${item.component} ${name}: in the builder's type`);
    }
    console.log(`docs-only fields rejected: ${docsOnly.length - failures.length}/${docsOnly.length}`);
    expect(failures).toEqual([]);
  });

  it("type and capsule mismatches use the Go type", () => {
    const failures: string[] = [];
    const mismatches = [...ofKind("type-mismatch"), ...ofKind("capsule-name-mismatch")];
    for (const item of mismatches) {
      const using = /; using (.+)$/.exec(item.detail)?.[1];
      const e = byEntry.get(item.component)!;
      const s =
        item.path[0] === "exports"
          ? e.exports.find((x) => x.name === item.path[1])
          : (resolve(e, item.path) as ArgumentSpec | undefined);
      if (!s || !("type" in s) || formatType(s.type) !== using) {
        failures.push(`${item.component} ${item.path.join(" > ")}: want ${using}, spec ${s && "type" in s ? formatType(s.type) : "none"}`);
      }
    }
    console.log(`type/capsule mismatches resolved to Go: ${mismatches.length - failures.length}/${mismatches.length}`);
    expect(failures).toEqual([]);
  });

  it("required follows Go, and the docs' value is kept as requiredInDocs", () => {
    const failures: string[] = [];
    const items = ofKind("required-mismatch");
    for (const item of items) {
      const m = /docs required=(True|False), Go required=(True|False)/.exec(item.detail);
      const s = resolve(byEntry.get(item.component)!, item.path);
      if (!m || !s || s.required !== (m[2] === "True") || s.requiredInDocs !== (m[1] === "True")) {
        failures.push(`${item.component} ${item.path.join(" > ")}: ${item.detail}`);
      }
    }
    console.log(`required mismatches resolved to Go: ${items.length - failures.length}/${items.length}`);
    expect(failures).toEqual([]);
  });

  it("undocumented Go fields and exports are accepted, with provenance go", () => {
    const failures: string[] = [];
    const undocumented = [...ofKind("undocumented-argument"), ...ofKind("undocumented-block")];
    for (const item of undocumented) {
      const e = byEntry.get(item.component)!;
      const s = resolve(e, item.path);
      const inSchema = sites(e).some((x) => x.where === item.path.join(" > "));
      if (!s || s.provenance !== "go" || s.rejected || !inSchema) failures.push(`${item.component} ${item.path.join(" > ")}`);
    }
    for (const item of ofKind("undocumented-export")) {
      const e = byEntry.get(item.component)!;
      const x = e.exports.find((x) => x.name === item.path[1]);
      const typed = interfaceProps(catalog.info(e.name)?.module ?? "", `${typeId(e.name)}Exports`) ?? [];
      if (!x || x.provenance !== "go" || !typed.includes(item.path[1]!)) failures.push(`${item.component} exports ${item.path[1]}`);
    }
    console.log(`undocumented Go fields accepted: ${undocumented.length + ofKind("undocumented-export").length - failures.length}`);
    expect(failures).toEqual([]);
  });

  it("Go blocks the docs list as arguments are blocks", () => {
    const failures = ofKind("docs-argument-is-go-block").filter((item) => {
      const s = resolve(byEntry.get(item.component)!, item.path);
      return !s || !("blocks" in s);
    });
    expect(failures).toEqual([]);
  });

  it("stability, registration and block labels follow Go", () => {
    for (const item of ofKind("stability-mismatch")) {
      const want = /Go ([a-z-]+); using Go/.exec(item.detail)?.[1];
      expect(catalog.info(item.component)?.stability).toBe(want);
    }
    for (const item of ofKind("unregistered-component")) {
      expect(catalog.info(item.component)?.removed).toBe(true);
    }
    for (const item of ofKind("docs-label-as-argument")) {
      const block = resolve(byEntry.get(item.component)!, item.path.slice(0, -1)) as BlockSpec;
      expect(block.labeled).toBe(true);
      expect(block.arguments.some((a) => a.name === item.path[item.path.length - 1])).toBe(false);
    }
  });
});
