import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBundle } from "../../scripts/bundle-cli.js";
import { main } from "../../src/cli/main.js";
import { repoRoot } from "../shared.js";
import { runChild } from "./child-cli.js";
import { runWith } from "./fake-io.js";

/**
 * bin/alloyc.js itself, as npm installs it: the file, beside a package.json and the CLI bundled
 * into dist/cli as `npm run build` bundles it. `--version` alone takes a path of its own (the
 * version's module, not the command line), so it must print what main prints.
 */
const root = mkdtempSync(join(tmpdir(), "alloyc-bin-"));
const bin = join(root, "bin/alloyc.js");

beforeAll(async () => {
  mkdirSync(join(root, "bin"));
  copyFileSync(join(repoRoot, "bin/alloyc.js"), bin);
  copyFileSync(join(repoRoot, "package.json"), join(root, "package.json"));
  await build(cliBundle(join(root, "dist/cli")));
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("bin/alloyc.js", () => {
  it("prints main's version text for --version, -v and version alone", async () => {
    const expected = (await runWith(main, ["--version"], { cwd: root })).stdout;
    expect(expected).toMatch(/^alloyc \d+\.\d+\.\d+ \(component catalog: .+\)\n$/);
    for (const arg of ["--version", "-v", "version"]) {
      const r = await runChild(bin, [arg], { cwd: root });
      expect({ arg, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ arg, code: 0, stdout: expected, stderr: "" });
    }
  });

  it("reports a full stdout (/dev/full) on --version in one line, exit 2", async () => {
    const devFull = openSync("/dev/full", "w");
    const full = await runChild(bin, ["--version"], { cwd: root, stdio: ["ignore", devFull, "pipe"] }).finally(() => closeSync(devFull));
    expect(full.code).toBe(2);
    expect(full.stderr).toBe("alloyc: cannot write standard output: no space left on device\n");
  });

  it("runs every other command through main (version with a flag, fmt of a file)", async () => {
    const help = await runChild(bin, ["version", "--help"], { cwd: root });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^alloyc version\n/);
    writeFileSync(join(root, "a.alloy"), "x   =   1\n");
    const fmt = await runChild(bin, ["fmt", "a.alloy"], { cwd: root });
    expect({ code: fmt.code, stdout: fmt.stdout, stderr: fmt.stderr }).toEqual({ code: 0, stdout: "x = 1\n", stderr: "" });
  });
});
