import { beforeAll, describe, expect, it } from "vitest";
import { parseFile } from "../../src/parse/index.js";
import { evalContext, ruleSpecs } from "../../src/simulate-arguments.js";
import { compileRules, loadRegexEngine, relabelOne, type RelabelComponent } from "../../src/simulate/relabel/index.js";
import { hasShared, readSharedJson } from "../shared.js";

interface RelabelCase {
  readonly id: string;
  readonly component: "any" | RelabelComponent;
  readonly rules: string;
  readonly input: Record<string, string>;
  readonly expected: Record<string, string> | null;
}

/** Cases that need what a simulator cannot have (none so far); each is printed with its reason. */
const SKIPPED: Readonly<Record<string, string>> = {};

describe.skipIf(!hasShared)("relabel conformance (../shared/conformance/alloy-pipelines/relabel_cases.json)", () => {
  beforeAll(loadRegexEngine);

  it("gives every case's expected label set, or drops it", () => {
    const cases = readSharedJson<RelabelCase[]>("conformance/alloy-pipelines/relabel_cases.json");
    const failures: string[] = [];
    let passed = 0;
    for (const c of cases) {
      if (SKIPPED[c.id]) continue;
      const parsed = parseFile(c.rules, c.id);
      const ctx = evalContext(c.id, parsed.file.lineStarts);
      try {
        const rules = compileRules(ruleSpecs(parsed.file.body, ctx));
        const out = relabelOne(rules, c.input, c.component).labels;
        if (JSON.stringify(sorted(out)) === JSON.stringify(sorted(c.expected))) passed++;
        else failures.push(`${c.id}: expected ${JSON.stringify(sorted(c.expected))}, got ${JSON.stringify(sorted(out))}`);
      } catch (e) {
        failures.push(`${c.id}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const skipped = Object.entries(SKIPPED).map(([id, why]) => `${id}: ${why}`);
    console.log(`relabel conformance: ${passed}/${cases.length} pass, ${failures.length} fail, ${skipped.length} skipped${skipped.map((s) => `\n  skipped ${s}`).join("")}`);
    expect(cases.length).toBe(35);
    expect(failures).toEqual([]);
    expect(passed + skipped.length).toBe(cases.length);
  });
});

function sorted(labels: Record<string, string> | null): [string, string][] | null {
  return labels && Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
