import { describe, expect, it } from "vitest";
import * as builders from "../../src/builders/namespaces.gen.js";
import { loadAllSpecs, names } from "../../src/schema/index.js";
import { shapeOf } from "../../src/builders/shape.js";

// Regenerating the builders is part of the one generator run: test/schema/generate.test.ts.
describe("generated builders", () => {
  it("has a builder under its Alloy name for every catalog entry but declare and removed ones", () => {
    const missing = names().filter((name) => {
      if (name === "declare" || name === "otelcol.receiver.opencensus") return false;
      let node: unknown = builders;
      for (const part of name.split(".")) {
        const key = part === "import" || part === "export" ? `${part}_` : part;
        node = (node as Record<string, unknown> | undefined)?.[key];
      }
      return typeof node !== "function";
    });
    expect(missing).toEqual([]);
  });

  it("reads each entry's block shape from its spec: blocks, repeated and labelled blocks, groups, nested groups", async () => {
    const specs = new Map((await loadAllSpecs()).map((s) => [s.name, s]));
    const write = shapeOf(specs.get("loki.write")!);
    expect(write.blocks?.["endpoint"]).toMatchObject({ multiple: true });
    expect(write.blocks?.["endpoint"]?.body.blocks?.["tls_config"]).toMatchObject({ body: {} });
    expect(shapeOf(specs.get("loki.write")!)).toBe(write); // once per entry
    const snmp = shapeOf(specs.get("prometheus.exporter.snmp")!);
    expect(snmp.blocks?.["target"]).toMatchObject({ multiple: true, labeled: true });
    const stages = shapeOf(specs.get("loki.process")!).groups?.["stage"];
    expect(Object.keys(stages ?? {})).toHaveLength(31);
    expect(stages?.["stage.match"]?.body.groups?.["stage"]).toBe(stages);
    expect(shapeOf(specs.get("foreach")!).blocks?.["template"]?.body).toEqual({ config: true });
    // Docs-only blocks of components are not blocks to the builders (Alloy rejects them).
    const rejected = [...specs.values()].flatMap((s) => s.blocks.filter((b) => b.rejected).map((b) => [s, b.name] as const));
    expect(rejected.length).toBeGreaterThan(0);
    for (const [s, b] of rejected) expect(shapeOf(s).blocks?.[b], `${s.name} ${b}`).toBeUndefined();
  });
});
