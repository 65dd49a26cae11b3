import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runFmt } from "../../src/cli/commands/fmt.js";
import { main } from "../../src/cli/main.js";
import { type FakeProcess, type Run, runWith } from "./fake-io.js";

const fmt = (args: string[], p: FakeProcess): Promise<Run> => runWith(runFmt, args, p);

function project(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), "alloyc-fmt-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const read = (dir: string, name: string): string => readFileSync(join(dir, name), "utf8");

const MESSY = 'logging {\n  level = "info"\n  format   = "logfmt"\n}\n';
const TIDY = 'logging {\n\tlevel  = "info"\n\tformat = "logfmt"\n}\n';
const BROKEN = "logging {\n  level = \n}\n";

describe("alloyc fmt", () => {
  it("prints one file formatted and leaves it alone", async () => {
    const dir = project({ "config.alloy": MESSY });
    const r = await fmt(["config.alloy"], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: TIDY, stderr: "" });
    expect(read(dir, "config.alloy")).toBe(MESSY);
  });

  it("reads standard input when given - or no path", async () => {
    const dir = project({});
    expect(await fmt(["-"], { cwd: dir, stdin: MESSY })).toEqual({ code: 0, stdout: TIDY, stderr: "" });
    expect(await fmt([], { cwd: dir, stdin: MESSY })).toEqual({ code: 0, stdout: TIDY, stderr: "" });
    expect(await fmt([], { cwd: dir, stdin: "" })).toEqual({ code: 0, stdout: "\n", stderr: "" });
  });

  it("is reached through `alloyc fmt`", async () => {
    const dir = project({ "config.alloy": MESSY });
    expect(await runWith(main, ["fmt", "config.alloy"], { cwd: dir })).toEqual({ code: 0, stdout: TIDY, stderr: "" });
  });

  it("--check lists the files that would change (exit 1), and nothing when all are formatted", async () => {
    const dir = project({ "a.alloy": MESSY, "b.alloy": TIDY, "sub/c.alloy": MESSY });
    const r = await fmt(["--check", "."], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`a.alloy\n${join("sub", "c.alloy")}\n`);
    expect(r.stderr).toBe("");
    expect(read(dir, "a.alloy")).toBe(MESSY);
    expect(await fmt(["--check", "b.alloy"], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(await fmt(["--check"], { cwd: dir, stdin: TIDY })).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(await fmt(["--check"], { cwd: dir, stdin: MESSY })).toEqual({ code: 1, stdout: "<stdin>\n", stderr: "" });
  });

  it("--write rewrites only the files that change, keeps their mode and leaves no temporary file", async () => {
    const dir = project({ "a.alloy": MESSY, "b.alloy": TIDY });
    chmodSync(join(dir, "a.alloy"), 0o640);
    const untouched = statSync(join(dir, "b.alloy"));
    const r = await fmt(["--write", "a.alloy", "b.alloy"], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: "a.alloy\n", stderr: "" });
    expect(read(dir, "a.alloy")).toBe(TIDY);
    expect(statSync(join(dir, "a.alloy")).mode & 0o777).toBe(0o640);
    const after = statSync(join(dir, "b.alloy"));
    expect([after.ino, after.mtimeMs]).toEqual([untouched.ino, untouched.mtimeMs]);
    expect(readdirSync(dir).sort()).toEqual(["a.alloy", "b.alloy"]);
    // Formatting again changes nothing.
    expect(await fmt(["--check", "."], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("--write never touches a file that does not parse, and reports it (exit 1)", async () => {
    const dir = project({ "bad.alloy": BROKEN, "good.alloy": MESSY });
    const r = await fmt(["--write", "."], { cwd: dir });
    expect(r.code).toBe(1);
    expect(read(dir, "bad.alloy")).toBe(BROKEN);
    expect(read(dir, "good.alloy")).toBe(TIDY);
    expect(r.stderr).toMatch(/^bad\.alloy:3:1: error: expected expression, got \} \[parse\/syntax\]\n/);
    expect(r.stderr).toContain("3 | }");
    expect(r.stderr).not.toContain("\x1b[");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("reports parse errors with a code frame, in colour only on a terminal", async () => {
    const dir = project({ "bad.alloy": BROKEN });
    const plain = await fmt(["bad.alloy"], { cwd: dir });
    expect(plain.code).toBe(1);
    expect(plain.stdout).toBe("");
    expect(plain.stderr.split("\n")[0]).toBe("bad.alloy:3:1: error: expected expression, got } [parse/syntax]");
    const tty = await fmt(["bad.alloy"], { cwd: dir, tty: true });
    expect(tty.stderr).toContain("\x1b[31merror\x1b[0m");
    const stdin = await fmt([], { cwd: dir, stdin: BROKEN });
    expect(stdin.stderr.split("\n")[0]).toBe("<stdin>:3:1: error: expected expression, got } [parse/syntax]");
  });

  it("walks folders recursively for *.alloy, skipping node_modules and dot-folders", async () => {
    const dir = project({
      "a.alloy": MESSY,
      "deep/er/b.alloy": MESSY,
      "node_modules/x.alloy": MESSY,
      ".git/y.alloy": MESSY,
      "notes.txt": MESSY,
    });
    const r = await fmt(["--check", "."], { cwd: dir });
    expect(r.stdout).toBe(`a.alloy\n${join("deep", "er", "b.alloy")}\n`);
  });

  it("handles a BOM and CRLF line ends: LF only, no BOM", async () => {
    const crlf = "\ufefflogging {\r\n  level = \"info\" // why\r\n}\r\n";
    const dir = project({ "win.alloy": crlf });
    const printed = await fmt(["win.alloy"], { cwd: dir });
    expect(printed).toEqual({ code: 0, stdout: 'logging {\n\tlevel = "info" // why\n}\n', stderr: "" });
    expect((await fmt(["--check", "win.alloy"], { cwd: dir })).stdout).toBe("win.alloy\n");
    await fmt(["--write", "win.alloy"], { cwd: dir });
    expect(readFileSync(join(dir, "win.alloy"))).toEqual(Buffer.from('logging {\n\tlevel = "info" // why\n}\n'));
  });

  it("--write keeps a symbolic link and rewrites its target", async () => {
    const dir = project({ "real.alloy": MESSY });
    symlinkSync("real.alloy", join(dir, "link.alloy"));
    expect((await fmt(["--write", "link.alloy"], { cwd: dir })).code).toBe(0);
    expect(lstatSync(join(dir, "link.alloy")).isSymbolicLink()).toBe(true);
    expect(read(dir, "real.alloy")).toBe(TIDY);
  });

  it("usage errors exit 2 with a message and no stack trace", async () => {
    const dir = project({ "a.alloy": MESSY });
    const cases: Array<[string[], RegExp]> = [
      [["--check", "--write", "a.alloy"], /--check and --write cannot be used together/],
      [["--frobnicate"], /unknown flag --frobnicate/],
      [["--write"], /cannot use --write with standard input/],
      [["--write", "-"], /cannot use --write with standard input/],
      [["-", "a.alloy"], /cannot be combined/],
      [["missing.alloy"], /missing\.alloy: no such file or directory/],
    ];
    for (const [args, message] of cases) {
      const r = await fmt(args, { cwd: dir });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.stderr).toMatch(/^alloyc: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe("");
    }
    expect(read(dir, "a.alloy")).toBe(MESSY);
  });

  it("I/O errors exit 2: a dangling link given by name", async () => {
    const dir = project({});
    symlinkSync("nowhere.alloy", join(dir, "dangling.alloy"));
    const r = await fmt(["dangling.alloy"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("alloyc: cannot read dangling.alloy: broken symbolic link\n");
    expect(existsSync(join(dir, "nowhere.alloy"))).toBe(false);
  });

  it("formats what upstream settles to in one run (a split statement)", async () => {
    const dir = project({ "x.alloy": "a = 1 +\n    2\nbbb = 3\ncc = 4\n" });
    expect((await fmt(["x.alloy"], { cwd: dir })).stdout).toBe("a   = 1 + 2\nbbb = 3\ncc  = 4\n");
  });
});
