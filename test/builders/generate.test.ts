import { describe, expect, it } from "vitest";
import { builderShape } from "../../src/builders/component.js";
import * as builders from "../../src/builders/namespaces.gen.js";
import { attributesOnly, type BlockShape, type BodyShape, type GroupShape, nestedConfig } from "../../src/builders/shape.js";
import { loadAllSpecs, names } from "../../src/schema/index.js";
import type { BlockSpec, EntrySpec } from "../../src/schema/spec.js";

// Regenerating the builders is part of the one generator run: test/schema/generate.test.ts.

/** The builder of an entry under its Alloy name (`import` and `export` are `import_`, `export_`). */
function builderOf(name: string): unknown {
  let node: unknown = builders;
  for (const part of name.split(".")) {
    const key = part === "import" || part === "export" ? `${part}_` : part;
    node = (node as Record<string, unknown> | undefined)?.[key];
  }
  return node;
}

interface SpecBody {
  readonly blocks: readonly BlockSpec[];
  readonly body?: "config";
  readonly blocksRef?: BlockSpec["blocksRef"];
}

/** An entry's block shape derived from its spec here, independently of the generator's notation. */
function shapeFromSpec(entry: EntrySpec): BodyShape {
  const groups = new Map<string, Record<string, BlockShape>>();
  const group = (path: readonly string[], name: string): GroupShape => {
    const id = `${path.join(">")}:${name}`;
    let members = groups.get(id);
    if (members) return members;
    groups.set(id, (members = {}));
    let at: SpecBody = entry;
    for (const p of path) at = at.blocks.find((b) => b.name === p)!;
    for (const m of at.blocks) if (m.group === name && !m.rejected) members[m.name] = block(m, [...path, m.name]);
    return members;
  };
  const block = (b: BlockSpec, path: readonly string[]): BlockShape => ({
    ...(b.multiple ? { multiple: true as const } : {}),
    ...(b.labeled ? { labeled: true as const } : {}),
    body: b.body === "config" ? nestedConfig : body(b, path),
  });
  const body = (b: SpecBody, path: readonly string[]): BodyShape => {
    const blocks: Record<string, BlockShape> = {};
    const gs: Record<string, GroupShape> = {};
    for (const c of b.blocks) {
      if (c.rejected) continue;
      if (c.group !== undefined) gs[c.group] ??= group(path, c.group);
      else blocks[c.name] = block(c, [...path, c.name]);
    }
    if (b.blocksRef) gs[b.blocksRef.group] = group(b.blocksRef.path, b.blocksRef.group);
    const out = { ...(Object.keys(blocks).length ? { blocks } : {}), ...(Object.keys(gs).length ? { groups: gs } : {}) };
    return Object.keys(out).length ? out : attributesOnly;
  };
  return body(entry, []);
}

describe("generated builders", () => {
  it("has a builder under its Alloy name for every catalog entry but declare and removed ones", () => {
    const missing = names().filter((name) => {
      if (name === "declare" || name === "otelcol.receiver.opencensus") return false;
      return typeof builderOf(name) !== "function";
    });
    expect(missing).toEqual([]);
  });

  it("lowers by the block shape of its entry's spec, for every entry", async () => {
    const specs = (await loadAllSpecs()).filter((s) => !s.removed && s.name !== "declare");
    const differing = specs.filter((s) => {
      try {
        expect(builderShape(builderOf(s.name) as object)).toEqual(shapeFromSpec(s));
        return false;
      } catch {
        return true;
      }
    });
    console.log(`builder shapes equal to their spec's: ${specs.length - differing.length}/${specs.length}`);
    expect(differing.map((s) => s.name)).toEqual([]);
  });

  it("reads blocks, repeated and labelled blocks, groups, nested groups and nested configurations", () => {
    const write = builderShape(builders.loki.write);
    expect(write.blocks?.["endpoint"]).toMatchObject({ multiple: true });
    expect(write.blocks?.["endpoint"]?.body.blocks?.["tls_config"]).toEqual({ body: attributesOnly });
    expect(builderShape(builders.loki.write)).toBe(write); // read once per builder
    expect(builderShape(builders.prometheus.exporter.snmp).blocks?.["target"]).toMatchObject({ multiple: true, labeled: true });
    const stages = builderShape(builders.loki.process).groups?.["stage"];
    expect(Object.keys(stages ?? {})).toHaveLength(31);
    expect(stages?.["stage.match"]?.body.groups?.["stage"]).toBe(stages);
    expect(builderShape(builders.foreach).blocks?.["template"]?.body).toBe(nestedConfig);
  });
});
