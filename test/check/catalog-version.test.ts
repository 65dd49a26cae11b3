import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { versionView } from "../../src/check/catalog-version.js";
import { loadCatalog, type Catalog } from "../../src/check/catalog.js";
import { acrossVersions, lint } from "../../src/lint.js";
import type { ArgumentSpec, BlockSpec } from "../../src/schema/spec.js";
import { type AlloyVersion, alloyVersions, loadVersionsDelta } from "../../src/schema/versions.js";
import { announceSkip, haveShared, referenceDir } from "../schema/helpers.js";

/** Lints one file's text against a release; every finding as `code: message`. */
async function findings(text: string, alloyVersion?: AlloyVersion): Promise<string[]> {
  const found = await lint([{ name: "config.alloy", bytes: new TextEncoder().encode(text) }], alloyVersion ? { alloyVersion } : {});
  return found.map((f) => `${f.diagnostic.code}: ${f.diagnostic.message}`);
}

const REGISTRY = /check\/(unknown-component|removed-component|unknown-function|unknown-attribute)/;

describe("--alloy-version: one release's catalog", () => {
  it("prometheus.echo (added in 1.13) is an error for 1.12 naming 1.13, and fine for 1.13", async () => {
    const text = 'prometheus.echo "x" {}\n';
    expect(await findings(text, "1.12")).toContain(
      'check/unknown-component: component "prometheus.echo" was added in Alloy 1.13; this configuration targets 1.12',
    );
    for (const v of ["1.13", "1.18", "1.19"] as const) expect((await findings(text, v)).filter((f) => REGISTRY.test(f))).toEqual([]);
  });

  it("otelcol.receiver.opencensus is fine for 1.12 and removed from 1.13 on, saying when and what replaces it", async () => {
    const text = 'otelcol.receiver.opencensus "x" {\n  output {}\n}\n';
    for (const v of ["1.8", "1.12"] as const) expect((await findings(text, v)).filter((f) => f.includes("error") || REGISTRY.test(f))).toEqual([]);
    for (const v of alloyVersions.slice(alloyVersions.indexOf("1.13"))) {
      const got = (await findings(text, v)).filter((f) => REGISTRY.test(f));
      expect(got, v).toHaveLength(1);
      expect(got[0]).toMatch(/^check\/removed-component: component "otelcol.receiver.opencensus" was removed .*use otelcol.receiver.otlp instead$/);
      if (v !== "1.19") expect(got[0]).toContain(`was removed in Alloy 1.13; this configuration targets ${v}`);
    }
  });

  it("prometheus.write.queue (gone from the current line) is checked for 1.18 from its names: labelled blocks and exports", async () => {
    const text = 'prometheus.write.queue "q" {\n  endpoint "default" {\n    url = "http://x"\n  }\n}\nprometheus.scrape "s" {\n  targets    = []\n  forward_to = [prometheus.write.queue.q.receiver]\n}\n';
    expect((await findings(text, "1.18")).filter((f) => !f.startsWith("check/stability"))).toEqual([]);
    expect((await findings(text, "1.19")).filter((f) => f.startsWith("check/unknown-component"))).toHaveLength(1);
  });

  it("array.group_by (added in 1.10) is unknown to 1.9", async () => {
    const text = 'local.file "x" {\n  filename = array.group_by([], "k")\n}\n';
    expect((await findings(text, "1.9")).filter((f) => REGISTRY.test(f))).toEqual([
      'check/unknown-function: unknown function "array.group_by" in the standard library: added in Alloy 1.10; this configuration targets 1.9',
    ]);
    expect((await findings(text, "1.10")).filter((f) => REGISTRY.test(f))).toEqual([]);
  });

  it("an argument added later is rejected naming the release; array.combine_maps takes 3 arguments before 1.11", async () => {
    // A top-level argument of a component 1.10 has, accepted from 1.11 on (found in the delta).
    const delta = await loadVersionsDelta();
    const from111 = (1 << alloyVersions.length) - (1 << alloyVersions.indexOf("1.11"));
    const in110 = 1 << alloyVersions.indexOf("1.10");
    const candidates = Object.entries(delta.a).flatMap(([entry, paths]) =>
      (delta.e[entry] ?? -1) & in110 ? Object.entries(paths).filter(([p, [accepted, docs]]) => !p.includes(">") && accepted === from111 && docs === 0).map(([p]) => [entry, p] as const) : [],
    );
    expect(candidates.length).toBeGreaterThan(0);
    const [entry, name] = candidates[0]!;
    const text = `${entry} "x" {\n  ${name} = null\n}\n`;
    expect((await findings(text, "1.10")).filter((f) => f.startsWith("check/unknown-attribute"))).toEqual([
      `check/unknown-attribute: unrecognized attribute name "${name}": added in Alloy 1.11; this configuration targets 1.10`,
    ]);
    expect((await findings(text, "1.11")).filter((f) => f.startsWith("check/unknown-attribute"))).toEqual([]);
    const combine = 'local.file "x" {\n  filename = array.combine_maps([], [], ["a"], "inner")\n}\n';
    expect((await findings(combine, "1.10")).some((f) => f.startsWith("check/wrong-arity"))).toBe(true);
    expect((await findings(combine, "1.19")).some((f) => f.startsWith("check/wrong-arity"))).toBe(false);
  });

  it("several releases at once: each finding once, with the releases it applies to", async () => {
    const sources = [{ name: "config.alloy", bytes: new TextEncoder().encode('prometheus.echo "x" {}\n') }];
    const got = await acrossVersions(["1.12", "1.16", "1.19"], (alloyVersion) => lint(sources, { alloyVersion }));
    const byCode = new Map(got.map((f) => [f.diagnostic.code, f.versions]));
    expect(byCode.get("check/unknown-component")).toEqual(["1.12"]);
    expect(byCode.get("check/unused-export")).toEqual(["1.16", "1.19"]);
    expect(got.every((f) => f.diagnostic.related?.some((r) => r.message.startsWith(`in Alloy ${f.versions.join(", ")} (checked: 1.12, 1.16, 1.19)`)))).toBe(true);
  });
});

// ---- Table test from the versions data ----------------------------------------------------

interface RawBlock {
  name: string;
  provenance: string;
  arguments: { name: string; provenance: string }[];
  blocks: RawBlock[];
}
interface RawEntry extends RawBlock {
  kind: string;
  removed?: boolean;
  registered?: boolean;
}

function readEntries(version: string): Map<string, RawEntry> {
  const file = version === alloyVersions[alloyVersions.length - 1] ? path.join(referenceDir, "components.json") : path.join(referenceDir, "versions", version, "components.json");
  const data = JSON.parse(readFileSync(file, "utf8")) as { entries: RawEntry[] };
  return new Map(data.entries.filter((e) => !e.removed && e.registered !== false).map((e) => [e.name, e]));
}

/** Accepted argument paths (`block>name`) of a component (docs-only ones are rejected by Alloy). */
function acceptedArguments(e: RawEntry): Set<string> {
  const out = new Set<string>();
  const walk = (prefix: string, b: RawBlock): void => {
    for (const a of b.arguments) if (a.provenance !== "docs") out.add(prefix + a.name);
    for (const c of b.blocks) if (c.provenance !== "docs") walk(`${prefix}${c.name}>`, c);
  };
  walk("", e);
  return out;
}

/** The argument at `path` in a view's spec, if it is accepted there. */
function acceptedIn(view: Catalog, entry: string, argPath: string): boolean {
  const parts = argPath.split(">");
  let at: { arguments: readonly ArgumentSpec[]; blocks: readonly BlockSpec[] } | undefined = view.spec(entry);
  for (const b of parts.slice(0, -1)) {
    const block: BlockSpec | undefined = at?.blocks.find((x) => x.name === b);
    if (!block || block.rejected) return false;
    at = block;
  }
  const arg = at?.arguments.find((a) => a.name === parts[parts.length - 1]);
  return arg !== undefined && !arg.rejected;
}

/** A small seeded generator (mulberry32): the sample is the same every run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

announceSkip("--alloy-version table test");

describe.skipIf(!haveShared)("--alloy-version table over every consecutive pair of releases", () => {
  it("components added are unknown to the older and known to the newer, removed ones the reverse; a seeded sample of added arguments too", async () => {
    const base = await loadCatalog();
    const delta = await loadVersionsDelta();
    const views = new Map(alloyVersions.map((v) => [v, versionView(base, v, delta)]));
    const entries = new Map(alloyVersions.map((v) => [v, readEntries(v)]));
    const knows = (v: AlloyVersion, name: string): boolean => views.get(v)!.componentNames.includes(name) && views.get(v)!.info(name)?.removed !== true;
    let added = 0;
    let removed = 0;
    const addedArguments: [AlloyVersion, AlloyVersion, string, string][] = [];
    const failures: string[] = [];
    for (let i = 0; i + 1 < alloyVersions.length; i++) {
      const older = alloyVersions[i]!;
      const newer = alloyVersions[i + 1]!;
      const o = entries.get(older)!;
      const n = entries.get(newer)!;
      for (const [name, e] of n) {
        if (e.kind !== "component") continue;
        const before = o.get(name);
        if (!before) {
          added++;
          if (knows(older, name) || !knows(newer, name)) failures.push(`${older}->${newer} added ${name}`);
          continue;
        }
        const had = acceptedArguments(before);
        for (const p of acceptedArguments(e)) if (!had.has(p) && !hasAnyStateIn(before, p)) addedArguments.push([older, newer, name, p]);
      }
      for (const [name, e] of o) {
        if (e.kind !== "component" || n.has(name)) continue;
        removed++;
        if (!knows(older, name) || knows(newer, name)) failures.push(`${older}->${newer} removed ${name}`);
      }
    }
    const random = seeded(20);
    const sample = [...addedArguments];
    for (let i = sample.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [sample[i], sample[j]] = [sample[j]!, sample[i]!];
    }
    const picked = sample.slice(0, 250);
    for (const [older, newer, entry, p] of picked) {
      if (acceptedIn(views.get(older)!, entry, p) || !acceptedIn(views.get(newer)!, entry, p)) failures.push(`${older}->${newer} argument ${entry} ${p}`);
    }
    console.log(
      `--alloy-version table: ${alloyVersions.length - 1} pairs, ${added} components added, ${removed} removed, ` +
        `${picked.length} of ${addedArguments.length} added arguments sampled (seed 20); ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
    expect(added).toBeGreaterThanOrEqual(27);
    expect(removed).toBeGreaterThanOrEqual(2);
    expect(picked.length).toBeGreaterThanOrEqual(200);
  });
});

/** True when the older entry names `p` at all (a docs-only argument that became real is not "added"). */
function hasAnyStateIn(e: RawEntry, p: string): boolean {
  const parts = p.split(">");
  let at: RawBlock | undefined = e;
  for (const b of parts.slice(0, -1)) at = at?.blocks.find((x) => x.name === b);
  return at?.arguments.some((a) => a.name === parts[parts.length - 1]) ?? false;
}
