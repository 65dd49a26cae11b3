import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runFmt } from "../../src/cli/commands/fmt.js";
import { type Run, runWith } from "./fake-io.js";

/** `alloyc fmt --check --diff` (a unified diff per file that would change) and `fmt --write`'s list. */
const fmt = (args: string[], cwd: string, stdin?: string): Promise<Run> => runWith(runFmt, args, { cwd, ...(stdin === undefined ? {} : { stdin }) });

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "alloyc-fmt-diff-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const MESSY = 'logging {\n  level = "info"\n  format   = "logfmt"\n}\n\n\n\nprometheus.exporter.self "self" { }\n';
const TIDY = 'logging {\n\tlevel  = "info"\n\tformat = "logfmt"\n}\n\nprometheus.exporter.self "self" { }\n';

describe("alloyc fmt --check --diff", () => {
  it("prints a unified diff for a file that would change (exit 1), nothing for one that would not, and writes nothing", async () => {
    const dir = project({ "conf/messy.alloy": MESSY, "conf/tidy.alloy": TIDY });
    const r = await fmt(["--check", "--diff", "conf"], dir);
    expect(r).toEqual({
      code: 1,
      stdout:
        "--- a/conf/messy.alloy\n+++ b/conf/messy.alloy\n" +
        "@@ -1,8 +1,6 @@\n" +
        ' logging {\n-  level = "info"\n-  format   = "logfmt"\n+\tlevel  = "info"\n+\tformat = "logfmt"\n }\n \n-\n-\n prometheus.exporter.self "self" { }\n',
      stderr: "",
    });
    expect(readFileSync(join(dir, "conf/messy.alloy"), "utf8")).toBe(MESSY);
    expect(await fmt(["--check", "--diff", "conf/tidy.alloy"], dir)).toEqual({ code: 0, stdout: "", stderr: "" });
    const absolute = await fmt(["--check", "--diff", join(dir, "conf/messy.alloy")], dir);
    expect(absolute.stdout.split("\n").slice(0, 2)).toEqual([`--- a/${join(dir, "conf/messy.alloy").slice(1)}`, `+++ b/${join(dir, "conf/messy.alloy").slice(1)}`]);
  });

  it("gives a patch that makes the file what fmt --write makes it", async () => {
    const dir = project({ "a.alloy": MESSY });
    const { stdout } = await fmt(["--check", "--diff", "a.alloy"], dir);
    execFileSync("patch", ["-s", "-p1"], { cwd: dir, input: stdout });
    expect(readFileSync(join(dir, "a.alloy"), "utf8")).toBe(TIDY);
    expect(await fmt(["--check", "a.alloy"], dir)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("diffs standard input as <stdin>, and reports a file that does not parse as --check does", async () => {
    const dir = project({ "bad.alloy": "logging {\n  level = \n}\n" });
    const stdin = await fmt(["--check", "--diff"], dir, "a   = 1\n");
    expect(stdin).toEqual({ code: 1, stdout: "--- a/<stdin>\n+++ b/<stdin>\n@@ -1 +1 @@\n-a   = 1\n+a = 1\n", stderr: "" });
    const bad = await fmt(["--check", "--diff", "bad.alloy"], dir);
    expect([bad.code, bad.stdout]).toEqual([1, ""]);
    expect(bad.stderr.split("\n")[0]).toBe("bad.alloy:3:1: error: expected expression, got } [parse/syntax]");
  });

  it("diffs a YAML file named on the command line by the lines of the YAML (a ConfigMap's Alloy)", async () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alloy\ndata:\n  config.alloy: |\n    logging {\n      level = "info"\n    }\n';
    const dir = project({ "cm.yaml": yaml });
    expect(await fmt(["--check", "--diff", "cm.yaml"], dir)).toEqual({
      code: 1,
      stdout: '--- a/cm.yaml\n+++ b/cm.yaml\n@@ -5,5 +5,5 @@\n data:\n   config.alloy: |\n     logging {\n-      level = "info"\n+    \tlevel = "info"\n     }\n',
      stderr: "",
    });
    expect(await fmt(["--write", "cm.yaml"], dir)).toEqual({ code: 0, stdout: "cm.yaml\n", stderr: "" });
    expect(await fmt(["--check", "--diff", "cm.yaml"], dir)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("--diff without --check is a usage error (exit 2)", async () => {
    const dir = project({ "a.alloy": MESSY });
    for (const args of [["--diff", "a.alloy"], ["--write", "--diff", "a.alloy"]]) {
      const r = await fmt(args, dir);
      expect([r.code, r.stdout]).toEqual([2, ""]);
      expect(r.stderr).toMatch(/^alloyc: fmt: --diff goes with --check\n/);
    }
  });
});

describe("alloyc fmt --write", () => {
  it("lists the files it rewrote, one a line on standard output, and not those already formatted", async () => {
    const dir = project({ "a.alloy": MESSY, "b.alloy": TIDY, "sub/c.alloy": MESSY });
    expect(await fmt(["--write", "."], dir)).toEqual({ code: 0, stdout: `a.alloy\n${join("sub", "c.alloy")}\n`, stderr: "" });
    expect(readFileSync(join(dir, "sub/c.alloy"), "utf8")).toBe(TIDY);
    expect(await fmt(["--write", "."], dir)).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});
