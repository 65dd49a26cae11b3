import { beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/check/analyze.js";
import { check, loadCatalog, sharedCatalog } from "../../src/check/index.js";
import { LineIndex } from "../../src/diag/index.js";
import { parseFile } from "../../src/parse/index.js";
import { corpusManifest, hasShared, readShared } from "../shared.js";
import { mutators } from "./mutators.js";

/**
 * Mutation test: take corpus files the checker finds valid, make one mistake of each rule's kind
 * at a seeded random place, and require the rule's code on the mistake's line.
 */
const TRUSTED = new Set(["grafana/alloy", "grafana/alloy-scenarios", "grafana/k8s-monitoring-helm"]);
const SEED = 20260824;

/** mulberry32: a tiny seeded PRNG, so every run makes the same mutations. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.skipIf(!hasShared)("mutation test over the corpus", () => {
  beforeAll(async () => {
    await loadCatalog();
  });

  it("detects one injected mistake of each rule's kind at the right line (≥ 99%)", () => {
    const random = prng(SEED);
    const pick = <T>(items: readonly T[]): T | undefined => (items.length === 0 ? undefined : items[Math.floor(random() * items.length)]);
    const stats = new Map<string, { tried: number; found: number }>(mutators.map((m) => [m.rule, { tried: 0, found: 0 }]));
    const misses: string[] = [];
    let files = 0;
    for (const row of corpusManifest().filter((r) => TRUSTED.has(r.repo as string))) {
      const text = readShared("corpus", row.local_file as string).toString("utf8");
      const parsed = parseFile(text, row.local_file);
      if (parsed.diagnostics.length > 0 || check(parsed.file).some((d) => d.severity === "error")) continue;
      files++;
      const analysis = analyze([{ file: parsed.file, filename: row.local_file as string }], { catalog: sharedCatalog });
      for (const m of mutators) {
        const mutation = m.mutate({ text, analysis, pick });
        if (!mutation) continue;
        const stat = stats.get(m.rule) as { tried: number; found: number };
        stat.tried++;
        const { file, diagnostics, source } = parseFile(mutation.text, row.local_file);
        const line = (source.lines as LineIndex).line(mutation.at);
        const found = diagnostics.length === 0 && check(file, { resolveImport: () => undefined }).some((d) => d.code === mutation.code && source.lines.line(d.span.start) === line);
        if (found) stat.found++;
        else misses.push(`${m.rule} in ${row.local_file}:${line}${diagnostics.length > 0 ? ` (mutation does not parse: ${diagnostics[0]?.message})` : ""}`);
      }
    }
    const tried = [...stats.values()].reduce((n, s) => n + s.tried, 0);
    const found = [...stats.values()].reduce((n, s) => n + s.found, 0);
    const rate = found / tried;
    console.log(
      `mutation test (seed ${SEED}): ${found}/${tried} detected = ${(rate * 100).toFixed(2)}% over ${files} files\n` +
        [...stats].map(([rule, s]) => `  ${rule}: ${s.found}/${s.tried}`).join("\n") +
        (misses.length > 0 ? `\n  misses:\n    ${misses.slice(0, 30).join("\n    ")}` : ""),
    );
    for (const [rule, s] of stats) expect(s.tried, `${rule} found no place to mutate`).toBeGreaterThan(0);
    expect(rate).toBeGreaterThanOrEqual(0.99);
  });
});
