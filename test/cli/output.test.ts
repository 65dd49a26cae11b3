import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { bundleCli, runChild } from "./child-cli.js";
import { type FakeProcess, type Run, runWith } from "./fake-io.js";

const alloyc = (args: string[], p: FakeProcess): Promise<Run> => runWith(main, args, p);

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "alloyc-output-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const TYPO = `logging {\n\tlevle = "info"\n}\n`;
/** Characters a terminal would act on: ESC sequences (7-bit and the C1 CSI), BEL, a bare CR. */
const RAW_CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/;
const withoutNewlines = (s: string): string => s.replaceAll("\n", "");

describe("output hygiene: control characters", () => {
  it("escapes ESC sequences from a file in code frames (\\x1b shown, never sent), carets under the escaped form", async () => {
    const cwd = project({ "evil.alloy": `logging {\n\tlevel = "\x1b]0;pwned\x07\x1b[2J\x9b31m"\n\tlevle = 1\r\n}\n` });
    const r = await alloyc(["lint", "evil.alloy"], { cwd });
    expect(r.code).toBe(1);
    expect(withoutNewlines(r.stdout)).not.toMatch(RAW_CONTROL);
    // The value's frame: each control escaped, and as many carets as the escaped text is wide.
    const value = '"\\x1b]0;pwned\\x07\\x1b[2J\\u009b31m"';
    expect(r.stdout).toContain(`2 |     level = ${value}\n  |             ${"^".repeat(value.length)}\n`);
    // The CRLF line's CR is not shown; its carets are where they were.
    expect(r.stdout).toContain("3 |     levle = 1\n  |     ^^^^^^^^^\n");
  });

  it("escapes control characters in file names: finding headers, fmt --check's one name a line, I/O errors", async () => {
    const name = "new\nline\x1b[31m.alloy";
    const shown = "new\\x0aline\\x1b[31m.alloy";
    const cwd = project({ [name]: TYPO.replace("\t", "  ") });
    const lint = await alloyc(["lint", "."], { cwd });
    expect(lint.stdout.startsWith(`${shown}:2:3: error: unrecognized attribute name "levle"`)).toBe(true);
    expect(withoutNewlines(lint.stdout)).not.toMatch(RAW_CONTROL);
    const check = await alloyc(["fmt", "--check", "."], { cwd });
    expect(check).toEqual({ code: 1, stdout: `${shown}\n`, stderr: "" });
    const missing = await alloyc(["fmt", "gone\x1b[2J.alloy"], { cwd });
    expect(missing.stderr).toBe("alloyc: cannot read gone\\x1b[2J.alloy: no such file or directory\n");
  });
});

describe("output hygiene: SARIF", () => {
  it("percent-encodes SARIF uris (RFC 3986: space, %, #, ?, non-ASCII), a relative path relative, an absolute one file://", async () => {
    const name = "my dir/a#b%c?ü.alloy";
    const cwd = project({ [name]: TYPO });
    const uris = async (path: string): Promise<string[]> => {
      const sarif = JSON.parse((await alloyc(["lint", "--format=sarif", path], { cwd })).stdout);
      return sarif.runs[0].results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0]?.physicalLocation.artifactLocation.uri);
    };
    const encoded = "my%20dir/a%23b%25c%3F%C3%BC.alloy";
    expect(await uris(name)).toEqual([encoded]);
    const absolute = await uris(join(cwd, name));
    expect(absolute).toEqual([`file://${cwd.split("/").map(encodeURIComponent).join("/")}/${encoded}`]);
    // What a SARIF reader does with it gives the file back.
    expect(decodeURIComponent(new URL(absolute[0] as string).pathname)).toBe(join(cwd, name));
  });
});

describe("output hygiene: standard input", () => {
  it("lint - - is a usage error (standard input can be read once), exit 2", async () => {
    const r = await alloyc(["lint", "-", "-"], { cwd: project({}), stdin: TYPO });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^alloyc: lint: - \(standard input\) can be given only once\n/);
    expect(r.stdout).toBe("");
  });
});

describe("output hygiene: real standard streams (child process)", () => {
  let runner: string;
  beforeAll(async () => {
    runner = await bundleCli("alloyc-test-cli-output");
  }, 60_000);

  /** Formatted output far larger than a pipe's buffer (64 KB). */
  const big = (): string => project({ "big.alloy": `logging {\n\tlevel = "info"\n}\n\n`.repeat(20_000) });

  it("EPIPE: a reader that closes stdout early (| head) ends fmt quietly, exit 0 (the run's own), no stack trace", async () => {
    const cwd = big();
    let received = 0;
    const r = await runChild(runner, ["fmt", "big.alloy"], {
      cwd,
      onStdout: (stdout) => {
        stdout.once("data", (chunk: Buffer) => {
          received = chunk.length;
          stdout.destroy();
        });
      },
    });
    expect(received).toBeGreaterThan(0);
    expect(r).toMatchObject({ code: 0, signal: null, stderr: "" });
  });

  it("EPIPE keeps the run's exit code: lint that found errors still exits 1", async () => {
    const cwd = project({ "conf/a.alloy": TYPO.repeat(3000) });
    const r = await runChild(runner, ["lint", "conf"], {
      cwd,
      onStdout: (stdout) => stdout.once("data", () => stdout.destroy()),
    });
    expect(r).toMatchObject({ code: 1, signal: null, stderr: "" });
  });

  it("ENOSPC: a full stdout (/dev/full) ends with one line and exit 2, never a stack trace", async (ctx) => {
    if (!existsSync("/dev/full")) return ctx.skip("no /dev/full on this system to stand for a full disk");
    const full = openSync("/dev/full", "w");
    try {
      const r = await runChild(runner, ["fmt", "big.alloy"], { cwd: big(), stdio: ["ignore", full, "pipe"] });
      expect(r).toMatchObject({ code: 2, stderr: "alloyc: cannot write standard output: no space left on device\n" });
    } finally {
      closeSync(full);
    }
  });

  it("a folder as standard input is an error, not an empty file (fmt and lint)", async () => {
    const cwd = project({});
    const dir = openSync(cwd, "r");
    try {
      for (const command of ["fmt", "lint"]) {
        const r = await runChild(runner, [command, "-"], { cwd, stdio: [dir, "pipe", "pipe"] });
        expect(r, command).toEqual({ code: 2, signal: null, stdout: "", stderr: "alloyc: cannot read standard input: is a directory\n" });
      }
    } finally {
      closeSync(dir);
    }
  });

  it("a closed standard input (Node reopens it as the null device) is an error, not an empty configuration that passes", async () => {
    for (const command of ["fmt", "lint"]) {
      const r = await runChild(runner, [command], { cwd: project({}), stdio: ["ignore", "pipe", "pipe"] });
      expect(r.code, command).toBe(2);
      expect(r.stderr).toMatch(/^alloyc: cannot read standard input: it is closed \(the null device\)/);
    }
  });

  it("standard input as /dev/zero ends at the size limit with a clear message", async () => {
    const zero = openSync("/dev/zero", "r");
    try {
      const r = await runChild(runner, ["lint", "--max-file-size=1M"], { cwd: project({}), stdio: [zero, "pipe", "pipe"] });
      expect(r).toEqual({ code: 2, signal: null, stdout: "", stderr: "alloyc: cannot read standard input: larger than the size limit of 1 MB (--max-file-size raises it)\n" });
    } finally {
      closeSync(zero);
    }
  });

  it("an unreadable folder is an I/O error (cannot read DIR: permission denied), exit 2, and the other files go on", async () => {
    // As root (CI) permissions do not apply: the run drops to nobody, as a user without access would be.
    const cwd = project({ "ok/a.alloy": TYPO, "locked/b.alloy": TYPO });
    chmodSync(cwd, 0o755);
    chmodSync(join(cwd, "ok"), 0o755);
    chmodSync(join(cwd, "ok/a.alloy"), 0o644);
    chmodSync(join(cwd, "locked"), 0o000);
    const asNobody = process.getuid?.() === 0 ? { uid: 65534 } : {};
    for (const command of [["lint", "--format=json"], ["fmt", "--check"]]) {
      const r = await runChild(runner, [...command, "locked", "ok"], { cwd, ...asNobody });
      expect(r.code, command.join(" ")).toBe(2);
      expect(r.stderr).toBe("alloyc: cannot read locked: permission denied\n");
      // ok/a.alloy was still read: lint found its typo; fmt --check found it formatted.
      if (command[0] === "lint") expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ file: "ok/a.alloy", line: 2 })]);
      else expect(r.stdout).toBe("");
    }
  });
});
