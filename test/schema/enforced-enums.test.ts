import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../scripts/gen-input.js";
import { mergeEnforcedEnums, readEnforcedEnums, validateEnforcedEnums } from "../../scripts/gen-enforced-enums.js";
import type { RawCatalog } from "../../scripts/gen-catalog-model.js";
import { loadCatalog } from "../../src/check/index.js";
import { catalog } from "../../src/schema/catalog.js";
import type { EntrySpec } from "../../src/schema/spec.js";
import { type Finding, findings, providers } from "./alloy-text.js";
import { at, repoRoot, sampleBody, sites } from "./helpers.js";

/**
 * The allowed-value sets Alloy enforces (scripts/enforced-enums.json, merged into the specs by the
 * generator), as a table over the whole catalog: for every argument with an enforced set, a value
 * outside it is an error on its line, and each value of the set passes (in another letter case
 * too, where Go lower-cases). Alloy text is written from the spec (alloy-text.ts) and checked.
 */

let entries: readonly EntrySpec[] = [];
let provide: ReturnType<typeof providers>;
beforeAll(async () => {
  entries = await catalog.loadAllSpecs();
  await loadCatalog();
  provide = providers(new Map(entries.map((e) => [e.name, e])));
});

const enumFindings = (xs: readonly Finding[], line: number | undefined): Finding[] =>
  xs.filter((d) => d.line === line && (d.code === "check/enum-value" || d.severity === "error"));

/** Flips the case of a value's letters (`keep` → `KEEP`, `NoClientCert` → `nOcLIENTcERT`); undefined when it has none. */
function otherCase(v: string): string | undefined {
  const flipped = [...v].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join("");
  return flipped === v ? undefined : flipped;
}

describe("enforced enums over the catalog", () => {
  it("every enforced set rejects a value outside it and accepts each of its values", () => {
    const facts = readEnforcedEnums(repoRoot);
    const rejectedFailures: string[] = [];
    const acceptedFailures: string[] = [];
    const caseFailures: string[] = [];
    const upstream = new Set<string>();
    let sets = 0;
    let allowed = 0;
    let caseChecks = 0;
    for (const e of entries) {
      for (const s of sites(e)) {
        const a = s.arg;
        if (!a?.enforcedBy || !a.enum) continue;
        sets++;
        upstream.add(a.enforcedBy);
        const where = `${e.name} ${s.where}`;
        const lineOf = (doc: ReturnType<typeof findings>["doc"]) => doc.attributeLines.get(JSON.stringify([...s.bodyPath, a.name]));
        const write = (v: string) => {
          const value = sampleBody(e, true, { allBlocks: true });
          at(value, s.bodyPath)[a.name] = a.type.kind === "list" ? [v] : v;
          const { doc, found } = findings(e, provide, value);
          return enumFindings(found, lineOf(doc));
        };
        const bad = write("not_in_the_set");
        if (!bad.some((d) => d.code === "check/enum-value" && d.severity === "error")) rejectedFailures.push(where);
        for (const v of a.enum) {
          allowed++;
          const got = write(v);
          if (got.length > 0) acceptedFailures.push(`${where} = ${JSON.stringify(v)}: ${got.map((d) => d.message).join("; ")}`);
          const flipped = otherCase(v);
          if (flipped === undefined) continue;
          caseChecks++;
          const other = write(flipped).some((d) => d.code === "check/enum-value" && d.severity === "error");
          if (other === Boolean(a.enumIgnoresCase)) caseFailures.push(`${where} = ${JSON.stringify(flipped)}`);
        }
      }
    }
    console.log(
      `enforced enum sets: ${sets} arguments (${facts.sets.length} recorded sets) from ${upstream.size} upstream files; ` +
        `invalid rejected ${sets - rejectedFailures.length}/${sets}; allowed accepted ${allowed - acceptedFailures.length}/${allowed}; ` +
        `letter case as Go compares ${caseChecks - caseFailures.length}/${caseChecks}`,
    );
    expect(rejectedFailures).toEqual([]);
    expect(acceptedFailures).toEqual([]);
    expect(caseFailures).toEqual([]);
    expect(upstream.size).toBe(new Set(facts.sets.map((x) => x.upstream)).size);
    expect(sets).toBeGreaterThan(100);
  });

  it("the issue's examples are errors: logging level, otlphttp encoding, client compression", () => {
    const spec = (name: string) => entries.find((e) => e.name === name)!;
    expect(spec("logging").arguments.find((a) => a.name === "level")?.enforcedBy).toBe("internal/runtime/logging/options.go");
    expect(spec("otelcol.exporter.otlphttp").arguments.find((a) => a.name === "encoding")?.enum).toEqual(["proto", "json"]);
    const client = spec("otelcol.exporter.otlphttp").blocks.find((b) => b.name === "client")!;
    expect(client.arguments.find((a) => a.name === "compression")?.enforcedBy).toBe("internal/component/otelcol/config_compression.go");
  });

  it("the builders' types offer the same sets", () => {
    const text = readFileSync(path.join(repoRoot, "src/builders/components/config-blocks.gen.ts"), "utf8");
    expect(text).toMatch(/readonly level\?: OneOf<"debug" \| "info" \| "warn" \| "error" \| "">/);
  });
});

describe("the enforced-enums facts file", () => {
  const catalogWith = (entries: RawCatalog["entries"]): RawCatalog => ({
    schema_version: 1,
    generated_from: { repository: "r", commit: "a".repeat(40), commit_date: "d", license: "l" },
    capsule_types: {},
    entries,
  });
  const entry = (name: string, args: RawCatalog["entries"][number]["arguments"]): RawCatalog["entries"][number] => ({
    name,
    kind: "component",
    stability: "generally-available",
    labeled: true,
    docs: "https://grafana.com/docs/alloy/x",
    arguments: args,
    blocks: [],
    exports: [],
  });
  const arg = (name: string, type = "string") => ({ name, type, required: false, default: null, provenance: "docs+go" as const });
  const facts = (at: string[], upstream = "internal/x/y.go") =>
    validateEnforcedEnums({ alloy_commit: "a".repeat(40), sets: [{ upstream, ignore_case: false, values: ["a", "b"], at }], open: [] });

  it("is validated with zod: a bad path or a one-value set stops the generator", () => {
    expect(() => validateEnforcedEnums({ alloy_commit: "a".repeat(40), sets: [{ upstream: "x.go", ignore_case: false, values: ["a"], at: ["e"] }], open: [] })).toThrow(
      InputError,
    );
  });

  it("merges a set into the named argument, with its upstream file", () => {
    const out = mergeEnforcedEnums(catalogWith([entry("x.y", [arg("mode"), arg("other")])]), facts(["x.* > mode"]));
    expect(out.entries[0]!.arguments[0]).toMatchObject({ enum: ["a", "b"], enforced_by: "internal/x/y.go" });
    expect(out.entries[0]!.arguments[1]!.enum).toBeUndefined();
  });

  it("drops the docs' list of an open argument (Go accepts more than any list)", () => {
    const withDocsList = { ...arg("encoding"), enum: ["utf-8", "ascii"] };
    const open = validateEnforcedEnums({ alloy_commit: "a".repeat(40), sets: [], open: [{ upstream: "internal/x/enc.go", at: ["x.y > encoding"] }] });
    expect(mergeEnforcedEnums(catalogWith([entry("x.y", [withDocsList])]), open).entries[0]!.arguments[0]!.enum).toBeUndefined();
    const spec = entries.find((e) => e.name === "otelcol.receiver.filelog")!;
    expect(spec.arguments.find((a) => a.name === "encoding")?.enum).toBeUndefined();
  });

  it("refuses a target that names nothing, a non-string argument, and another commit", () => {
    expect(() => mergeEnforcedEnums(catalogWith([entry("x.y", [arg("mode")])]), facts(["x.y > nope"]))).toThrow(/names no argument/);
    expect(() => mergeEnforcedEnums(catalogWith([entry("x.y", [arg("mode", "number")])]), facts(["x.y > mode"]))).toThrow(/not string/);
    const other = { ...facts(["x.y > mode"]), alloy_commit: "b".repeat(40) };
    expect(() => mergeEnforcedEnums(catalogWith([entry("x.y", [arg("mode")])]), other)).toThrow(/not the catalog's commit/);
  });
});
