import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { type FakeProcess, type Run, runWith } from "./fake-io.js";

const lint = (args: string[], p: FakeProcess): Promise<Run> => runWith(main, ["lint", ...args], p);

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "alloyc-version-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const ECHO = 'prometheus.echo "x" {}\n';
const ADDED = 'component "prometheus.echo" was added in Alloy 1.13; this configuration targets 1.12';

describe("alloyc lint --alloy-version", () => {
  it("checks against the release named (X.Y.Z counts as X.Y), and the current line by default", async () => {
    const cwd = project({ "config.alloy": ECHO });
    for (const v of ["1.12", "1.12.7", "v1.12"]) {
      const r = await lint(["--alloy-version", v, "config.alloy"], { cwd });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(ADDED);
    }
    expect((await lint(["config.alloy"], { cwd })).code).toBe(0);
    expect((await lint(["--alloy-version=current", "config.alloy"], { cwd })).code).toBe(0);
  });

  it("refuses an unknown version with the known ones, exit 2", async () => {
    const cwd = project({ "config.alloy": ECHO });
    const r = await lint(["--alloy-version", "1.7", "config.alloy"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('unknown Alloy version "1.7"; known: 1.8, 1.9, 1.10, 1.11, 1.12, 1.13, 1.14, 1.15, 1.16, 1.17, 1.18, 1.19 (current)');
  });

  it("several releases: each finding once, with a versions field in JSON", async () => {
    const cwd = project({ "config.alloy": ECHO });
    const r = await lint(["--format", "json", "--alloy-version", "1.12,1.16,current", "config.alloy"], { cwd });
    const found = JSON.parse(r.stdout) as { code: string; versions: string[] }[];
    expect(found.map((f) => [f.code, f.versions])).toEqual([
      ["check/unknown-component", ["1.12"]],
      ["check/unused-export", ["1.16", "1.19"]],
    ]);
    const text = await lint(["--alloy-version", "1.12,1.16,current", "config.alloy"], { cwd });
    expect(text.stdout).toContain("= note: in Alloy 1.16, 1.19 (checked: 1.12, 1.16, 1.19)");
  });

  it("takes the project's default from .alloycrc.json or package.json's \"alloyc\"; the flag wins", async () => {
    const rc = project({ "config.alloy": ECHO, ".alloycrc.json": '{ "alloyVersion": "1.12" }' });
    expect((await lint(["config.alloy"], { cwd: rc })).stdout).toContain(ADDED);
    expect((await lint(["--alloy-version", "1.13", "config.alloy"], { cwd: rc })).code).toBe(0);
    const pkg = project({ "sub/config.alloy": ECHO, "package.json": '{ "name": "p", "alloyc": { "alloyVersion": ["1.12"] } }' });
    expect((await lint(["config.alloy"], { cwd: join(pkg, "sub") })).stdout).toContain(ADDED);
  });

  it("a bad project config is a usage error naming the file and field", async () => {
    const typo = project({ "config.alloy": ECHO, ".alloycrc.json": '{ "alloyVersions": "1.12" }' });
    const r = await lint(["config.alloy"], { cwd: typo });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.alloycrc\.json: .*alloyVersions/);
    const unknown = project({ "config.alloy": ECHO, ".alloycrc.json": '{ "alloyVersion": "2.0" }' });
    const u = await lint(["config.alloy"], { cwd: unknown });
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('alloyVersion: unknown Alloy version "2.0"; known: 1.8');
  });
});

describe("alloyc build --alloy-version", () => {
  const sources = JSON.stringify(join(process.cwd(), "src/index.ts"));
  const echoPipeline = (): string =>
    project({
      "package.json": '{ "type": "module" }\n',
      "p.ts": `import { config, prometheus } from ${sources};\nexport default config(prometheus.echo("x", {}));\n`,
    });

  it("checks the compiled config against the release: refused by 1.12 (nothing written), fine for 1.13", async () => {
    const dir = echoPipeline();
    const old = await runWith(main, ["build", "--alloy-version", "1.12", "p.ts"], { cwd: dir });
    expect(old.code).toBe(1);
    expect(old.stdout).toBe("");
    expect(old.stderr).toContain(ADDED);
    const now = await runWith(main, ["build", "--alloy-version", "1.13", "p.ts"], { cwd: dir });
    expect(now.code).toBe(0);
    expect(now.stdout).toContain('prometheus.echo "x" {');
    const bad = await runWith(main, ["build", "--alloy-version", "0.9", "p.ts"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("known: 1.8");
  });
});
