import { chmodSync, chownSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { runFmt } from "../../src/cli/commands/fmt.js";
import { main } from "../../src/cli/main.js";
import { repoRoot } from "../shared.js";
import { type Run, runWith } from "./fake-io.js";

vi.mock("alloyc", () => import("../../src/index.js"));

/**
 * The one write as `fmt --write` and `build -o` use it: its refusals reach the user as
 * `alloyc: cannot write FILE: reason` with exit 2, and `--force` writes a read-only file.
 */

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function folder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "alloyc-write-cli-"));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const fmt = (args: string[], cwd: string): Promise<Run> => runWith(runFmt, args, { cwd });
const build = (args: string[]): Promise<Run> => runWith(main, ["build", "examples/otlp-gateway.ts", ...args], { cwd: repoRoot });

const MESSY = 'logging {\n  level = "info"\n}\n';
const TIDY = 'logging {\n\tlevel = "info"\n}\n';

describe("5. --force: fmt --write and build -o refuse a read-only file without it", () => {
  it("fmt --write refuses a read-only file (exit 2, the others still written) and rewrites it with --force, mode kept", async () => {
    const dir = folder({ "a.alloy": MESSY, "b.alloy": MESSY });
    chmodSync(join(dir, "a.alloy"), 0o444);
    expect(await fmt(["--write", "a.alloy", "b.alloy"], dir)).toEqual({
      code: 2,
      stdout: "b.alloy\n",
      stderr: "alloyc: cannot write a.alloy: read-only, no write permission (--force writes it anyway)\n",
    });
    expect(readFileSync(join(dir, "a.alloy"), "utf8")).toBe(MESSY);
    expect(readFileSync(join(dir, "b.alloy"), "utf8")).toBe(TIDY);
    expect(await fmt(["--write", "--force", "a.alloy"], dir)).toEqual({ code: 0, stdout: "a.alloy\n", stderr: "" });
    expect(readFileSync(join(dir, "a.alloy"), "utf8")).toBe(TIDY);
    expect(statSync(join(dir, "a.alloy")).mode & 0o7777).toBe(0o444);
    expect(readdirSync(dir).sort()).toEqual(["a.alloy", "b.alloy"]);
  });

  it("--force without a write is a usage error", async () => {
    const dir = folder({ "a.alloy": MESSY });
    const r = await fmt(["--force", "a.alloy"], dir);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(/^alloyc: fmt: --force goes with --write\n/);
    const b = await runWith(main, ["build", "--force", "examples/otlp-gateway.ts"], { cwd: repoRoot });
    expect([b.code, b.stdout]).toEqual([2, ""]);
    expect(b.stderr).toMatch(/^alloyc: build: --force goes with -o FILE\n/);
  });

  it("build -o refuses a read-only output and writes it with --force; an existing 0600 output stays 0600", async () => {
    const dir = folder({ "ro.alloy": "old\n", "private.alloy": "old\n" });
    chmodSync(join(dir, "ro.alloy"), 0o444);
    chmodSync(join(dir, "private.alloy"), 0o600);
    const refused = await build(["-o", join(dir, "ro.alloy")]);
    expect(refused).toEqual({ code: 2, stdout: "", stderr: `alloyc: cannot write ${join(dir, "ro.alloy")}: read-only, no write permission (--force writes it anyway)\n` });
    expect(readFileSync(join(dir, "ro.alloy"), "utf8")).toBe("old\n");
    const expected = readFileSync(join(repoRoot, "examples/otlp-gateway.alloy"), "utf8");
    expect(await build(["-o", join(dir, "ro.alloy"), "--force"])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(dir, "ro.alloy"), "utf8")).toBe(expected);
    expect(await build(["-o", join(dir, "private.alloy")])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(dir, "private.alloy"), "utf8")).toBe(expected);
    expect(statSync(join(dir, "private.alloy")).mode & 0o7777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(["private.alloy", "ro.alloy"]);
  });
});

describe("4. fmt --write keeps owner, group and mode", () => {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) console.log('SKIP write-file-cli: "fmt --write keeps a nobody:nogroup 0640 file so" needs root (CI runs as root)');
  it.skipIf(!isRoot)("fmt --write keeps a nobody:nogroup 0640 file so (as root)", async () => {
    const dir = folder({ "a.alloy": MESSY });
    chownSync(join(dir, "a.alloy"), 65534, 65534);
    chmodSync(join(dir, "a.alloy"), 0o640);
    expect(await fmt(["--write", "a.alloy"], dir)).toEqual({ code: 0, stdout: "a.alloy\n", stderr: "" });
    const after = statSync(join(dir, "a.alloy"));
    expect([after.uid, after.gid, after.mode & 0o7777]).toEqual([65534, 65534, 0o640]);
    expect(readFileSync(join(dir, "a.alloy"), "utf8")).toBe(TIDY);
  });
});

describe("2. build -o a device node", () => {
  it("build -o /dev/null is refused with a clear message, exit 2, and /dev/null stays a device", async () => {
    expect(await build(["-o", "/dev/null"])).toEqual({ code: 2, stdout: "", stderr: "alloyc: cannot write /dev/null: not a regular file\n" });
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });
});
