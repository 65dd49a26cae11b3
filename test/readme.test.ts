import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../src/cli/specs.js";
import { repoRoot } from "./shared.js";

/** README.md must stay true: every pinned fmt difference is listed there by its test name. */
describe("README.md", () => {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");

  it("lists every deviation and settled-output test of test/emit/deviations.test.ts by name", () => {
    const tests = readFileSync(join(repoRoot, "test/emit/deviations.test.ts"), "utf8");
    const names = [...tests.matchAll(/\bit\(\s*(["'`])((?:deviation|settled): .+?)\1\s*,/g)].map((m) => m[2] as string);
    expect(names.length).toBeGreaterThanOrEqual(11);
    const missing = names.filter((n) => !readme.includes("`" + n + "`"));
    expect(missing).toEqual([]);
  });

  it("documents every CLI command", () => {
    for (const command of ["alloyc build", "alloyc fmt", "alloyc lint", "alloyc help", "alloyc --version", "alloyc FILE.ts"]) {
      expect(readme).toContain(command);
    }
  });

  it("names every command and every flag the CLI declares", () => {
    const missing: string[] = [];
    for (const spec of COMMANDS) {
      if (!readme.includes(`alloyc ${spec.name}`)) missing.push(`alloyc ${spec.name}`);
      for (const flag of spec.flags) if (!readme.includes(`--${flag.name}`)) missing.push(`${spec.name} --${flag.name}`);
    }
    expect(COMMANDS.length).toBeGreaterThanOrEqual(3);
    expect(missing).toEqual([]);
  });
});
