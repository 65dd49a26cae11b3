import { createHash } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { compileRules, expandTemplate, hashmod, loadRegexEngine, relabelOne } from "../../src/simulate/relabel/index.js";
import type { RuleSpec } from "../../src/simulate/types.js";

const span = { file: "t.alloy", line: 1, col: 1 };
const labelName = fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/);
const labelSet = fc.dictionary(labelName, fc.string({ minLength: 1, maxLength: 8 }), { maxKeys: 6 });
const action = fc.constantFrom("replace", "keep", "drop", "hashmod", "labelmap", "labeldrop", "labelkeep", "lowercase", "uppercase", "keepequal", "dropequal");

/** A rule Alloy would accept for its action, with a regex from a small safe set. */
const rule = fc
  .record({ action, sources: fc.array(labelName, { maxLength: 3 }), target: labelName, regex: fc.constantFrom("(.*)", "a(.*)", "(b|c)+", ".*_(\\d+)", "x") })
  .map(({ action, sources, target, regex }): RuleSpec => {
    switch (action) {
      case "labeldrop":
      case "labelkeep":
        return { action, regex, span };
      case "labelmap":
        return { action, regex, replacement: "m_$1", span };
      case "keepequal":
      case "dropequal":
      case "lowercase":
      case "uppercase":
        return { action, source_labels: sources, target_label: target, span };
      case "hashmod":
        return { action, source_labels: sources, target_label: target, modulus: 7, span };
      default:
        return { action, source_labels: sources, target_label: target, regex, span };
    }
  });

/** Go's hashmod, computed here from the definition: MD5, last 8 bytes big-endian, modulo. */
function referenceHashmod(value: string, modulus: bigint): string {
  const d = createHash("md5").update(Buffer.from(value, "utf8")).digest();
  let n = 0n;
  for (let i = 8; i < 16; i++) n = (n << 8n) | BigInt(d[i] as number);
  return (n % modulus).toString();
}

describe("relabel properties", () => {
  beforeAll(loadRegexEngine);

  it("is deterministic: the same rules on the same labels give the same result", () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 6 }), labelSet, (specs, labels) => {
        const rules = compileRules(specs);
        const a = relabelOne(rules, labels, "any").labels;
        const b = relabelOne(compileRules(specs), { ...labels }, "any").labels;
        expect(b).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves targets unchanged when no rule can match", () => {
    // Regexes that never match the joined values / names generated here (labels hold no '#').
    const never = fc
      .record({ action: fc.constantFrom("replace", "drop", "labelmap", "labeldrop"), sources: fc.array(labelName, { minLength: 1, maxLength: 3 }), target: labelName })
      .map(({ action, sources, target }): RuleSpec =>
        action === "labeldrop" ? { action, regex: "#.*", span } : action === "labelmap" ? { action, regex: "#(.*)", replacement: "$1", span } : { action, source_labels: sources, target_label: target, regex: "#.*#", span },
      );
    fc.assert(
      fc.property(fc.array(never, { maxLength: 6 }), labelSet, (specs, labels) => {
        expect(relabelOne(compileRules(specs), labels, "any").labels).toEqual(labels);
      }),
      { numRuns: 300 },
    );
  });

  it("hashmod equals Go's definition for random strings and moduli", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), fc.bigInt({ min: 1n, max: (1n << 64n) - 1n }), (value, modulus) => {
        expect(hashmod(value, modulus)).toBe(referenceHashmod(value, modulus));
      }),
      { numRuns: 500 },
    );
  });

  it("hashmod through a rule writes the decimal value to the target", () => {
    const rules = compileRules([{ action: "hashmod", source_labels: ["a", "b"], modulus: 1000, target_label: "h", span }]);
    expect(relabelOne(rules, { a: "x", b: "y" }, "any").labels).toEqual({ a: "x", b: "y", h: referenceHashmod("x;y", 1000n) });
  });
});

describe("Go Regexp.Expand rules", () => {
  const groups = ["whole", "one", undefined, "three"];
  const names = new Map([["name", 3]]);
  it.each([
    ["$1", "one"],
    ["${1}x", "onex"],
    ["$1x", ""],
    ["$2", ""],
    ["$9", ""],
    ["${name}", "three"],
    ["$name-", "three-"],
    ["$$1", "$1"],
    ["$", "$"],
    ["${", "${"],
    ["${1", "${1"],
    ["$-", "$-"],
    ["$01", ""],
    ["a$1/b", "aone/b"],
    ["/var/log/pods/*$1/*.log", "/var/log/pods/*one/*.log"],
  ])("%s expands to %s", (template, expected) => {
    expect(expandTemplate(template, groups, names)).toBe(expected);
  });
});

describe("rules Alloy refuses", () => {
  beforeAll(loadRegexEngine);
  it.each<[RuleSpec, string]>([
    [{ action: "hashmod", target_label: "x", span }, "requires non-zero modulus"],
    [{ action: "replace", span }, "requires 'target_label' value"],
    [{ action: "labeldrop", regex: "a", target_label: "x", span }, "requires only 'regex'"],
    [{ action: "keepequal", target_label: "x", regex: "a", span }, "requires only 'source_labels' and 'target_label'"],
    [{ action: "uppercase", target_label: "x", replacement: "y", span }, "'replacement' can not be set"],
    [{ action: "bogus", span }, 'unrecognized action type "bogus"'],
    [{ regex: "a(", target_label: "x", span }, "missing closing )"],
  ])("%j", (spec, message) => {
    expect(() => compileRules([spec])).toThrow(message);
  });
});
