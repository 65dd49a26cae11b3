import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { type FakeProcess, type Run, runWith } from "./fake-io.js";

const lint = (args: string[], p: FakeProcess): Promise<Run> => runWith(main, ["lint", ...args], p);

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "alloyc-lint-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const VALID = `loki.write "default" {
  endpoint {
    url = "http://loki:3100/loki/api/v1/push"
  }
}

loki.source.file "logs" {
  targets    = [{"__path__" = "/var/log/*.log"}]
  forward_to = [loki.write.default.receiver]
}
`;

const TYPO = VALID.replace("forward_to =", "forward_too =");

describe("alloyc lint", () => {
  it("exits 0 and prints nothing for a valid configuration", async () => {
    const cwd = project({ "config.alloy": VALID });
    expect(await lint(["config.alloy"], { cwd })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("prints checker findings as text with a code frame and help, and exits 1", async () => {
    const cwd = project({ "config.alloy": TYPO });
    const run = await lint(["config.alloy"], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('config.alloy:9:3: error: unrecognized attribute name "forward_too" [check/unknown-attribute]\n');
    expect(run.stdout).toContain("9 |   forward_too = [loki.write.default.receiver]\n");
    expect(run.stdout).toContain('= help: did you mean "forward_to"?');
    expect(run.stdout).toContain('config.alloy:7:1: error: missing required attribute "forward_to" [check/missing-required]');
    expect(run.stdout).not.toContain("\x1b[");
  });

  it("colours severities only on a terminal", async () => {
    const cwd = project({ "config.alloy": TYPO });
    expect((await lint(["config.alloy"], { cwd, tty: true })).stdout).toContain("\x1b[31merror\x1b[0m");
  });

  it("prints JSON with positions and codes", async () => {
    const cwd = project({ "config.alloy": TYPO });
    const run = await lint(["--format", "json", "config.alloy"], { cwd });
    expect(run.code).toBe(1);
    const items = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(items).toContainEqual({
      file: "config.alloy",
      line: 9,
      column: 3,
      endLine: 9,
      endColumn: 46,
      severity: "error",
      code: "check/unknown-attribute",
      message: 'unrecognized attribute name "forward_too"',
      help: 'did you mean "forward_to"?',
      fixes: [{ description: 'replace with "forward_to"', edits: [{ file: "config.alloy", line: 9, column: 3, endLine: 9, endColumn: 14, newText: "forward_to" }] }],
    });
  });

  it("prints SARIF 2.1.0", async () => {
    const cwd = project({ "config.alloy": TYPO });
    const sarif = JSON.parse((await lint(["--format=sarif", "config.alloy"], { cwd })).stdout);
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain("check/unknown-attribute");
  });

  it("reports syntax errors only, and does not check a file that does not parse", async () => {
    const cwd = project({ "config.alloy": 'loki.write "x" {\n  endpoint {\n' });
    const run = await lint(["--format=json", "config.alloy"], { cwd });
    expect(run.code).toBe(1);
    const codes = (JSON.parse(run.stdout) as Array<{ code: string }>).map((d) => d.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.startsWith("parse/"))).toBe(true);
  });

  it("exits 0 when there are only warnings", async () => {
    const cwd = project({ "config.alloy": `local.file "f" {\n  filename = env("HOME")\n}\n` });
    const run = await lint(["config.alloy"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("warning: this stdlib function is deprecated");
  });

  it("lints standard input", async () => {
    const run = await lint(["--format=json", "-"], { cwd: tmpdir(), stdin: 'loki.wirte "x" {}\n' });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({ file: "<stdin>", line: 1, column: 1, code: "check/unknown-component" }),
    ]);
  });

  it("resolves import.file modules relative to the importing file", async () => {
    const cwd = project({
      "app/main.alloy": `import.file "math" {\n  filename = "lib/math.alloy"\n}\n\nmath.add "x" {\n  b = 1\n}\n\nmath.ad "y" {\n  a = 1\n}\n`,
      "app/lib/math.alloy": `declare "add" {\n  argument "a" { }\n\n  export "sum" {\n    value = argument.a.value\n  }\n}\n`,
    });
    const run = await lint(["--format=json", "app/main.alloy"], { cwd });
    const found = (JSON.parse(run.stdout) as Array<{ line: number; code: string; message: string }>).map((d) => `${d.line} ${d.code} ${d.message}`);
    expect(found).toEqual([
      '5 check/missing-required missing required attribute "a"',
      '6 check/unknown-attribute unrecognized attribute name "b"',
      '9 check/unknown-component cannot find the definition of component name "math.ad"',
    ]);
  });

  it("warns when an imported module cannot be read", async () => {
    const cwd = project({ "main.alloy": `import.file "m" {\n  filename = "missing.alloy"\n}\n\nm.thing "x" { }\n` });
    const run = await lint(["--format=json", "main.alloy"], { cwd });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([expect.objectContaining({ line: 2, severity: "warning", code: "check/import-unresolved" })]);
  });

  it("checks a folder as one configuration, like Alloy runs a directory", async () => {
    const cwd = project({
      "conf/a.alloy": `loki.write "default" {\n  endpoint {\n    url = "http://loki"\n  }\n}\n`,
      "conf/b.alloy": `loki.source.file "logs" {\n  targets    = []\n  forward_to = [loki.write.default.receiver]\n}\n`,
    });
    expect((await lint(["conf"], { cwd })).code).toBe(0);
    // The same file alone refers to nothing.
    const alone = await lint(["--format=json", "conf/b.alloy"], { cwd });
    expect(JSON.parse(alone.stdout)).toEqual([expect.objectContaining({ code: "check/unresolved-reference", line: 3 })]);
  });

  it("treats features below --stability.level as errors", async () => {
    const cwd = project({
      "config.alloy": `loki.enrich "x" {\n  targets            = []\n  target_match_label = "app"\n  forward_to         = []\n}\n\nloki.source.api "in" {\n  http { }\n  forward_to = [loki.enrich.x.receiver]\n}\n`,
    });
    const info = await lint(["--format=json", "config.alloy"], { cwd });
    expect(info.code).toBe(0);
    const strict = await lint(["--format=json", "--stability.level=generally-available", "config.alloy"], { cwd });
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout)[0]).toMatchObject({ code: "check/stability", severity: "error" });
  });

  it("rejects unknown flags and levels as usage errors", async () => {
    const cwd = project({ "config.alloy": VALID });
    expect((await lint(["--stability.level=beta", "config.alloy"], { cwd })).code).toBe(2);
    expect((await lint(["--nope", "config.alloy"], { cwd })).code).toBe(2);
  });
});
