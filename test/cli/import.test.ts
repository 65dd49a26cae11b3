import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runImport } from "../../src/cli/commands/import.js";
import { runWith } from "./fake-io.js";

/** `alloyc import`: -o writes the module, --check compiles it back, a difference is a diff and exit 1. */

const CONFIG = '// Logs to Loki.\nloki.write "default" {\n\tendpoint {\n\t\turl = "http://loki:3100/loki/api/v1/push"\n\t}\n}\n';

describe("alloyc import", () => {
  it("writes the pipeline with -o, and --check finds it compiles back", async () => {
    const dir = mkdtempSync(join(tmpdir(), "alloyc-import-"));
    writeFileSync(join(dir, "config.alloy"), CONFIG);
    const written = await runWith(runImport, ["config.alloy", "-o", "pipeline.ts"], { cwd: dir });
    expect(written).toMatchObject({ code: 0, stdout: "", stderr: "" });
    const ts = readFileSync(join(dir, "pipeline.ts"), "utf8");
    expect(ts).toContain('export const write = loki.write("default", {');
    expect(ts).toContain('export default config(comment("Logs to Loki."), write);');
    const checked = await runWith(runImport, ["--check", "config.alloy"], { cwd: dir });
    expect(checked).toMatchObject({ code: 0, stdout: "config.ts: compiles back to the formatted input\n" });
  });

  it("lists what cannot come back exactly, with its place, and --check prints the diff (exit 1)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "alloyc-import-"));
    // A comment between a block's name and its body has no place in the builders.
    writeFileSync(join(dir, "odd.alloy"), 'loki.write /* here */ "default" {\n\tendpoint {\n\t\turl = "http://loki"\n\t}\n}\n');
    const checked = await runWith(runImport, ["--check", "odd.alloy"], { cwd: dir });
    expect(checked.code).toBe(1);
    expect(checked.stderr).toMatch(/^odd\.alloy:1:\d+: warning: a comment where the builders cannot place one/m);
    expect(checked.stdout).toContain("odd.ts: compiles back to different text\n--- formatted input\n+++ compiled back\n");
  });

  it("refuses a file that does not parse (exit 2) and asks for --out-dir when there are several modules", async () => {
    const dir = mkdtempSync(join(tmpdir(), "alloyc-import-"));
    writeFileSync(join(dir, "bad.alloy"), "a = \n");
    const bad = await runWith(runImport, ["bad.alloy"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.alloy:2:1: error/);
    mkdirSync(join(dir, "folder"));
    writeFileSync(join(dir, "folder", "a.alloy"), CONFIG);
    writeFileSync(join(dir, "folder", "b.alloy"), 'loki.source.journal "default" {\n\tforward_to = [loki.write.default.receiver]\n}\n');
    const many = await runWith(runImport, ["folder"], { cwd: dir });
    expect(many.code).toBe(2);
    expect(many.stderr).toContain("folder imports as 2 modules (a.ts, b.ts): give --out-dir DIR");
    const out = await runWith(runImport, ["folder", "--out-dir", "ts"], { cwd: dir });
    expect(out).toMatchObject({ code: 0, stderr: "" });
    expect(readFileSync(join(dir, "ts", "b.ts"), "utf8")).toContain('import { write } from "./a.js";');
  });
});
