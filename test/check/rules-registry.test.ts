import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../../src/check/index.js";
import { codes } from "../../src/diag/index.js";
import { repoRoot } from "../shared.js";

describe("rule registry", () => {
  const readme = readFileSync(join(repoRoot, "src/check/rules/README.md"), "utf8");

  for (const [id, rule] of Object.entries(rules)) {
    it(`${id}: registered code, a test file and a docs section`, () => {
      const info = codes[rule.meta.code];
      expect(info.severity).toBe(rule.meta.severity);
      expect(info.description).toBe(rule.meta.description);
      expect(existsSync(join(repoRoot, "src/check/rules", `${id}.ts`))).toBe(true);
      expect(existsSync(join(repoRoot, "test/check/rules", `${id}.test.ts`))).toBe(true);
      expect(rule.meta.docs).toBe(`src/check/rules/README.md#${id}`);
      expect(readme).toContain(`\n## ${id}\n`);
    });
  }

  it("gives every rule its own code", () => {
    const all = Object.values(rules).map((r) => r.meta.code);
    expect(new Set(all).size).toBe(all.length);
  });
});
