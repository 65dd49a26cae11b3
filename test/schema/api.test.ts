import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { capsule, capsuleKindOf, isCapsule } from "../../src/schema/capsules.js";
import { capsuleKinds, capsuleUse } from "../../src/schema/capsule-kinds.gen.js";
import { catalog } from "../../src/schema/catalog.js";
import { deprecatedStdlibAliases, stdlibFunctions, stdlibLookup, stdlibReplacement } from "../../src/schema/stdlib.js";
import { type AlloyType, formatType, parseType } from "../../src/schema/types.js";
import { isDuration } from "../../src/schema/values.js";
import { alloyCatalogSource, alloyCatalogVersion, alloyVersion } from "../../src/schema/version.gen.js";
import { fakeExpr, repoRoot } from "./helpers.js";

const schemaDir = path.join(repoRoot, "src/schema");
const logs = capsule("loki.LogsReceiver", fakeExpr("loki.write.default.receiver"));

/** Import specifiers of a module, split into value imports and type-only imports. */
function importsOf(file: string): { values: string[]; types: string[]; dynamic: string[] } {
  const text = readFileSync(file, "utf8");
  const values: string[] = [];
  const types: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gms)) {
    (m[1] ? types : values).push(m[2]!);
  }
  const dynamic = [...text.matchAll(/import\("([^"]+)"\)/g)].map((m) => m[1]!);
  return { values, types, dynamic };
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? tsFiles(path.join(dir, d.name)) : d.name.endsWith(".ts") ? [path.join(dir, d.name)] : [],
  );
}

describe("catalog API", () => {
  it("answers names and facts synchronously, without loading schemas", () => {
    expect(catalog.names()).toHaveLength(198);
    expect(catalog.has("loki.write")).toBe(true);
    expect(catalog.has("module.git")).toBe(false);
    expect(catalog.info("loki.write")).toEqual({
      name: "loki.write",
      kind: "component",
      stability: "generally-available",
      docs: "https://grafana.com/docs/alloy/latest/reference/components/loki/loki.write/",
      labeled: true,
      module: "loki",
    });
    expect(catalog.info("otelcol.receiver.opencensus")?.removed).toBe(true);
    expect(catalog.info("otelcol.exporter.datadog")).toMatchObject({ community: true, stability: null });
    expect(catalog.info("logging")).toMatchObject({ kind: "config-block", labeled: false });
  });

  it("loads a namespace's specs on demand; getSpec is synchronous afterwards", async () => {
    expect(await catalog.loadSpec("no.such.component")).toBeUndefined();
    expect(catalog.getSpec("prometheus.scrape")).toBeUndefined();
    const spec = await catalog.loadSpec("prometheus.scrape");
    expect(spec?.name).toBe("prometheus.scrape");
    expect(catalog.getSpec("prometheus.scrape")).toBe(spec);
    expect(catalog.isSpecLoaded("prometheus.relabel")).toBe(true); // same module
    expect(catalog.isSpecLoaded("loki.write")).toBe(false);
    await catalog.loadSpecs(["remote.http", "nonsense", "mimir.rules.kubernetes"]);
    expect(catalog.getSpec("remote.http")?.name).toBe("remote.http");
    expect(catalog.getSpec("mimir.rules.kubernetes")?.name).toBe("mimir.rules.kubernetes");
    const write = await catalog.loadSpec("loki.write");
    expect(write?.exports.map((x) => [x.name, formatType(x.type)])).toEqual([["receiver", "capsule(loki.LogsReceiver)"]]);
    const all = await catalog.loadAllSpecs();
    expect(all.map((s) => s.name)).toEqual(catalog.names());
  });

  it("the version module and the index import nothing; the index loads only spec modules", () => {
    const version = importsOf(path.join(schemaDir, "version.gen.ts"));
    expect([...version.values, ...version.types, ...version.dynamic]).toEqual([]);
    const entryIndex = importsOf(path.join(schemaDir, "entry-index.gen.ts"));
    expect(entryIndex.values).toEqual([]);
    expect(entryIndex.dynamic.length).toBeGreaterThan(0);
    expect(entryIndex.dynamic.every((d) => d.startsWith("./specs/"))).toBe(true);
    expect(importsOf(path.join(schemaDir, "catalog.ts")).values).toEqual(["./spec-catalog.js"]);
    expect(importsOf(path.join(schemaDir, "spec-catalog.ts"))).toMatchObject({ values: ["./entry-index.gen.js"], dynamic: [] });
    expect(alloyVersion).toBe("v1.19, main@66ebea856dff 2026-08-21");
    expect(alloyCatalogVersion).toBe("Alloy v1.19 line (grafana/alloy main 66ebea856dff, 2026-08-21)");
    expect(alloyCatalogSource.commit).toBe("66ebea856dffb242f921775e9552a133f60dc5c1");
  });

  it("spec modules are plain data: they import types, and at run time only the shared spec parts", () => {
    const dir = path.join(schemaDir, "specs");
    const files = readdirSync(dir).filter((f) => f.endsWith(".gen.ts"));
    expect(files).toContain("shared.gen.ts");
    expect(files).toContain("loki.gen.ts");
    for (const f of files) {
      const { values, types, dynamic } = importsOf(path.join(dir, f));
      expect(values, f).toEqual(f === "shared.gen.ts" ? [] : ["./shared.gen.js"]);
      expect(dynamic, f).toEqual([]);
      expect(types.every((t) => t === "../spec.js" || t === "../types.js"), f).toBe(true);
    }
  });

  it("shared spec parts are named by where they occur, never by a counter", () => {
    const names = [...readFileSync(path.join(schemaDir, "specs/shared.gen.ts"), "utf8").matchAll(/^export const (\w+)/gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(50);
    expect(names.filter((n) => /\d$/.test(n))).toEqual([]);
    expect(names).toContain("tlsConfigSpec");
  });

  it("src/schema imports only src/ast, src/diag and itself (no zod: the catalog is plain data)", () => {
    const bad: string[] = [];
    for (const f of tsFiles(schemaDir)) {
      const { values, types, dynamic } = importsOf(f);
      for (const spec of [...values, ...types, ...dynamic]) {
        const ok =
          spec.startsWith(".") &&
          /^src\/(schema|ast|diag)(\/|$)/.test(path.relative(repoRoot, path.resolve(path.dirname(f), spec)));
        if (!ok) bad.push(`${path.relative(repoRoot, f)}: ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe("capsules", () => {
  it("carry their kind and expression", () => {
    expect(capsuleKindOf(logs)).toBe("loki.LogsReceiver");
    expect(isCapsule(logs, "loki.LogsReceiver")).toBe(true);
    expect(isCapsule(logs, "storage.Appendable")).toBe(false);
    expect(isCapsule({ expr: logs.expr })).toBe(false);
    expect(logs.expr).toEqual(fakeExpr("loki.write.default.receiver"));
  });

  it("capsule kinds match components.json, storage and auth handlers differ", () => {
    expect(capsuleKinds).toEqual([
      "loki.LogsReceiver",
      "otelcol.Consumer",
      "otelcol.ExtensionHandler",
      "otelcol.Handler",
      "pyroscope.Appendable",
      "relabel.Rules",
      "storage.Appendable",
    ]);
    expect(capsuleUse["otelcol.ExtensionHandler"].exportedBy).toEqual(["otelcol.storage.file"]);
  });
});

describe("specs", () => {
  it("durations follow Go's syntax (plus Prometheus d/w/y units)", () => {
    for (const ok of ["0", "30s", "1h30m", "1.5h", "-2m", "300ms", "10us", "10µs", "1d", "2w"]) expect(isDuration(ok), ok).toBe(true);
    for (const bad of ["", "30", "1 h", "infinity", "s", "1.h5", "5 minutes"]) expect(isDuration(bad), bad).toBe(false);
  });

  it("describe attributes, blocks, groups and labels with the catalog's facts", async () => {
    const write = (await catalog.loadSpec("loki.write"))!;
    const endpoint = write.blocks.find((b) => b.name === "endpoint")!;
    expect(endpoint).toMatchObject({ multiple: true, labeled: false, required: false });
    const arg = (name: string) => endpoint.arguments.find((a) => a.name === name);
    expect(arg("bearer_token")).toMatchObject({ type: { kind: "primitive", name: "secret" }, required: false });
    expect(arg("batch_wait")).toMatchObject({ default: "1s" });
    expect(arg("url")).toMatchObject({ required: true, provenance: "docs+go" });
    const file = (await catalog.loadSpec("loki.source.file"))!;
    expect(formatType(file.arguments.find((a) => a.name === "forward_to")!.type)).toBe("list(capsule(loki.LogsReceiver))");
    const proc = (await catalog.loadSpec("loki.process"))!;
    const stages = proc.blocks.filter((b) => b.group === "stage");
    expect(stages).toHaveLength(31);
    expect(stages.find((b) => b.name === "stage.match")?.blocksRef).toEqual({ path: [], group: "stage" });
    const snmp = (await catalog.loadSpec("prometheus.exporter.snmp"))!;
    expect(snmp.blocks.find((b) => b.name === "target")).toMatchObject({ labeled: true, multiple: true });
    const k8s = (await catalog.loadSpec("discovery.kubernetes"))!;
    expect(k8s.arguments.find((a) => a.name === "role")?.enum).toContain("pod");
  });
});

describe("type grammar", () => {
  it("parses every type string and prints it back", () => {
    const types = [
      "string", "number", "bool", "duration", "secret", "optional_secret", "any", "function",
      "list(string)", "map(list(secret))", "list(map(string))", "list(capsule(otelcol.Consumer))", "capsule(relabel.Rules)",
    ];
    for (const t of types) expect(formatType(parseType(t))).toBe(t);
    expect(parseType("number", { numberKind: "int" })).toEqual({ kind: "primitive", name: "number", numberKind: "int" });
    const obj: AlloyType = parseType("list(object)", { fields: [{ name: "key", type: "string", required: true }] });
    expect(obj).toEqual({
      kind: "list",
      element: { kind: "object", fields: [{ name: "key", type: { kind: "primitive", name: "string" }, required: true }] },
    });
    for (const bad of ["list(string", "lst(string)", "object", "string)", ""]) expect(() => parseType(bad), bad).toThrow();
  });
});

describe("stdlib", () => {
  it("has every function and constant with signatures and deprecated aliases", () => {
    expect(stdlibFunctions).toHaveLength(47);
    const format = stdlibLookup("string.format")!;
    expect(format.params?.map((p) => [p.name, formatType(p.type)])).toEqual([["format", "string"], ["values", "any"]]);
    expect(format.variadic).toBe(true);
    expect(stdlibLookup("env")).toMatchObject({ deprecated: true, replacement: "sys.env" });
    expect(stdlibReplacement("json_decode")).toBe("encoding.from_json");
    expect(Object.keys(deprecatedStdlibAliases)).toHaveLength(16);
    expect(stdlibLookup("constants.hostname")).toMatchObject({ kind: "constant", returns: { kind: "primitive", name: "string" } });
    expect(stdlibLookup("array.group_by")?.experimental).toBe(true);
  });
});
