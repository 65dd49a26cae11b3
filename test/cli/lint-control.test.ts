import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { capPerFile } from "../../src/cli/lint-control.js";
import { main } from "../../src/cli/main.js";
import { sourceFile, type Located } from "../../src/diag/index.js";
import { type FakeProcess, type Run, runWith } from "./fake-io.js";

const lint = (args: string[], p: FakeProcess): Promise<Run> => runWith(main, ["lint", ...args], p);
const fmt = (args: string[], p: FakeProcess): Promise<Run> => runWith(main, ["fmt", ...args], p);

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "alloyc-lint-control-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

// One warning (check/unused-export, line 1), no error.
const WARN = 'prometheus.exporter.unix "in" { }\n';
// One warning and one error (check/unknown-attribute, line 2).
const BOTH = 'prometheus.exporter.unix "in" {\n  nope = 1\n}\n';

const codesIn = (json: string): string[] => (JSON.parse(json) as Array<{ code: string; severity: string }>).map((d) => `${d.severity} ${d.code}`);

describe("alloyc lint: suppression comments", () => {
  it("drops suppressed findings in text and JSON, and reports an unused suppression as a warning", async () => {
    const cwd = project({ "a.alloy": `// alloyc-ignore-next-line check/unused-export\n${BOTH}// alloyc-ignore-file check/cycle\n` });
    const text = await lint(["a.alloy"], { cwd });
    expect(text.code).toBe(1);
    expect(text.stdout).not.toContain("[check/unused-export]");
    expect(text.stdout).toContain("a.alloy:5:1: warning: alloyc-ignore-file check/cycle suppresses nothing in this file [lint/unused-suppression]");
    const json = await lint(["--format", "json", "a.alloy"], { cwd });
    expect(codesIn(json.stdout)).toEqual(["error check/unknown-attribute", "warning lint/unused-suppression"]);
    const sarif = JSON.parse((await lint(["--format", "sarif", "a.alloy"], { cwd })).stdout) as { runs: Array<{ results: Array<{ ruleId: string }> }> };
    expect(sarif.runs[0]?.results.map((r) => r.ruleId)).toEqual(["check/unknown-attribute", "lint/unused-suppression"]);
  });
});

describe("alloyc lint --max-warnings", () => {
  it("exits 1 with a message on stderr when there are more warnings than N, and 0 at N", async () => {
    const cwd = project({ "a.alloy": WARN, "b.alloy": 'prometheus.exporter.unix "other" { }\n' });
    const over = await lint(["--max-warnings", "1", "."], { cwd });
    expect(over.code).toBe(1);
    expect(over.stderr).toContain("alloyc: 2 warnings, more than --max-warnings 1 allows\n");
    const at = await lint(["--max-warnings=2", "."], { cwd });
    expect(at.code).toBe(0);
    expect(at.stderr).not.toContain("--max-warnings");
    expect((await lint(["."], { cwd })).code).toBe(0);
  });

  it("counts warnings after suppressions and overrides, in every format", async () => {
    const cwd = project({ "a.alloy": WARN });
    expect((await lint(["--max-warnings", "0", "--format", "json", "a.alloy"], { cwd })).code).toBe(1);
    expect((await lint(["--max-warnings", "0", "--rule", "check/unused-export=info", "a.alloy"], { cwd })).code).toBe(0);
    const suppressed = project({ "a.alloy": `// alloyc-ignore-file check/unused-export\n${WARN}` });
    expect((await lint(["--max-warnings", "0", "a.alloy"], { cwd: suppressed })).code).toBe(0);
  });

  it("refuses a value that is not a whole number (exit 2)", async () => {
    const cwd = project({ "a.alloy": WARN });
    for (const bad of ["-1", "x", "1.5"]) {
      const run = await lint([`--max-warnings=${bad}`, "a.alloy"], { cwd });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("--max-warnings takes a whole number");
    }
  });
});

describe("alloyc lint --rule", () => {
  it("raises a warning to an error (exit 1), drops a code with off, lowers an error to info (exit 0)", async () => {
    const cwd = project({ "a.alloy": BOTH });
    const raised = await lint(["--rule", "check/unused-export=error", "--format=json", "a.alloy"], { cwd });
    expect(codesIn(raised.stdout)).toEqual(["error check/unused-export", "error check/unknown-attribute"]);
    const lowered = await lint(["--rule", "check/unknown-attribute=info,check/unused-export=off", "--format=json", "a.alloy"], { cwd });
    expect(codesIn(lowered.stdout)).toEqual(["info check/unknown-attribute"]);
    expect(lowered.code).toBe(0);
    const onlyWarn = await lint(["--rule", "check/unused-export=error", "--rule", "check/unknown-attribute=off", "a.alloy"], { cwd });
    expect(onlyWarn.code).toBe(1);
    expect(onlyWarn.stdout).toContain("a.alloy:1:1: error:");
  });

  it("refuses unknown codes, codes that cannot be overridden and bad levels (exit 2)", async () => {
    const cwd = project({ "a.alloy": BOTH });
    const unknown = await lint(["--rule", "check/nope=off", "a.alloy"], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--rule: unknown code "check/nope"; codes: check/duplicate-block,');
    expect(unknown.stderr).toContain("lint/unused-suppression");
    expect(unknown.stdout).toBe("");
    const parse = await lint(["--rule", "parse/syntax=off", "a.alloy"], { cwd });
    expect(parse.code).toBe(2);
    expect(parse.stderr).toContain("parse/syntax cannot be overridden");
    const level = await lint(["--rule", "check/cycle=fatal", "a.alloy"], { cwd });
    expect(level.code).toBe(2);
    expect(level.stderr).toContain('the level is one of off, info, warning, error (not "fatal")');
    expect((await lint(["--rule", "check/cycle", "a.alloy"], { cwd })).stderr).toContain("--rule takes CODE=LEVEL");
  });
});

describe("alloyc lint: at most 100 findings per file in text", () => {
  const many = (n: number, name: string): string =>
    Array.from({ length: n }, (_, i) => `prometheus.exporter.unix "${name}${i}" { }\n`).join("");

  it("shows the first 100 of a file, then 'N more in FILE'; JSON keeps them all", async () => {
    const cwd = project({ "a.alloy": many(130, "a"), "b.alloy": many(3, "b") });
    const text = await lint(["."], { cwd });
    expect(text.stdout.match(/^a\.alloy:\d+:1: warning/gm)?.length).toBe(100);
    expect(text.stdout.match(/^b\.alloy:\d+:1: warning/gm)?.length).toBe(3);
    expect(text.stdout).toContain("a.alloy:100:1: warning");
    expect(text.stdout).not.toContain("a.alloy:101:1: warning");
    expect(text.stdout).toContain("30 more in a.alloy (--format json lists every finding)\n");
    expect(text.stdout).not.toContain("more in b.alloy");
    expect(codesIn((await lint(["--format", "json", "."], { cwd })).stdout)).toHaveLength(133);
  });

  it("keeps the first findings of a file by position, whatever order they come in", () => {
    const file = sourceFile("x.alloy", new TextEncoder().encode("a\n".repeat(10)));
    const at = (offset: number): Located => ({ file, diagnostic: { code: "check/cycle", severity: "error", span: { start: offset, end: offset + 1 }, message: `at ${offset}` } });
    const { shown, more } = capPerFile([at(8), at(2), at(6), at(0), at(4)], 3);
    expect(shown.map((f) => f.diagnostic.span.start)).toEqual([0, 2, 4]);
    expect(more).toEqual(["2 more in x.alloy (--format json lists every finding)\n"]);
  });

  it("shows exactly 100 without a 'more' line", async () => {
    const cwd = project({ "a.alloy": many(100, "a") });
    const text = await lint(["a.alloy"], { cwd });
    expect(text.stdout.match(/^a\.alloy:\d+:1: warning/gm)?.length).toBe(100);
    expect(text.stdout).not.toContain(" more in ");
  });
});

describe("lint and fmt of a TypeScript pipeline", () => {
  for (const [command, run] of [
    ["lint", lint],
    ["fmt", fmt],
  ] as const) {
    it(`${command} refuses pipeline.ts and names alloyc build (exit 2), without reading it as Alloy`, async () => {
      const cwd = project({ "pipeline.ts": 'import { config } from "alloyc";\nexport default config();\n', "ok.alloy": "logging { }\n" });
      const out = await run(["ok.alloy", "pipeline.ts"], { cwd });
      expect(out.code).toBe(2);
      expect(out.stdout).toBe("");
      expect(out.stderr).toContain(`alloyc: ${command}: pipeline.ts is a TypeScript pipeline, not an Alloy file`);
      expect(out.stderr).toContain('"alloyc build pipeline.ts" (or "alloyc pipeline.ts")');
      expect(out.stderr).not.toContain("parse/");
      for (const name of ["p.mts", "p.js"]) expect((await run([name], { cwd })).stderr).toContain(`${name} is a TypeScript pipeline`);
    });
  }

  it("a folder named like a script is still scanned for *.alloy files", async () => {
    const cwd = project({ "conf.ts/a.alloy": "logging { }\n" });
    expect(await lint(["conf.ts"], { cwd })).toMatchObject({ code: 0, stdout: "" });
  });
});

describe("alloyc lint of a folder whose files declare the same block", () => {
  it("says the folder is one configuration and how to lint the files one by one", async () => {
    const cwd = project({ "cfg/a.alloy": "logging { }\n", "cfg/b.alloy": "logging {\n  level = \"info\"\n}\n" });
    const run = await lint(["cfg"], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("cfg/b.alloy:1:1: error: block logging already declared at cfg/a.alloy:1:1 [check/duplicate-block]");
    expect(run.stdout).toContain("as `alloy run DIR` loads them");
    expect(run.stdout).toContain("lint them one by one: `alloyc lint cfg/a.alloy`, `alloyc lint cfg/b.alloy`");
    // Each file alone is fine.
    expect((await lint(["cfg/a.alloy"], { cwd })).code).toBe(0);
    expect((await lint(["cfg/b.alloy"], { cwd })).code).toBe(0);
  });

  it("gives no such help for a repeat within one file", async () => {
    const cwd = project({ "a.alloy": "logging { }\nlogging { }\n" });
    const run = await lint(["a.alloy"], { cwd });
    expect(run.stdout).toContain("block logging already declared at a.alloy:1:1");
    expect(run.stdout).not.toContain("one by one");
  });
});
