import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { lint as lintFacade } from "../../src/lint.js";
import { readRegularFile, ReadError } from "../../src/read-file.js";
import { type FakeProcess, fakeIO, type Run, runWith } from "./fake-io.js";

/** A command must answer, not hang: a read that blocks fails the test here, with a message. */
async function promptly(command: string[], p: FakeProcess): Promise<Run> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`alloyc ${command.join(" ")} did not return within 4 s (a blocking read?)`)), 4000);
  });
  try {
    return await Promise.race([runWith(main, command, p), hung]);
  } finally {
    clearTimeout(timer);
  }
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "alloyc-read-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function fifo(path: string): void {
  execFileSync("mkfifo", [path]);
}

/** Formatted and clean: no finding, no change. */
const VALID = `logging {\n\tlevel = "info"\n}\n`;
/** Formatted, with a finding at line 2 that proves the file was linted. */
const TYPO = `logging {\n\tlevle = "info"\n}\n`;
const IMPORTS = (path: string): string => `import.file "m" {\n  filename = ${JSON.stringify(path)}\n}\n`;

describe("one read path: regular files only", () => {
  for (const command of ["fmt", "lint"]) {
    it(`${command} refuses /dev/zero as a path at once (not a regular file), exit 2`, async () => {
      const r = await promptly([command, "/dev/zero"], { cwd: project({}) });
      expect(r).toEqual({ code: 2, stdout: "", stderr: "alloyc: cannot read /dev/zero: not a regular file\n" });
    });

    it(`${command} refuses a FIFO as a path at once, with no writer on the other end`, async () => {
      const cwd = project({});
      fifo(join(cwd, "pipe.alloy"));
      const r = await promptly([command, "pipe.alloy"], { cwd });
      expect(r).toEqual({ code: 2, stdout: "", stderr: "alloyc: cannot read pipe.alloy: not a regular file\n" });
    });

    it(`${command} refuses a folder member that is a FIFO, and goes on with the other files`, async () => {
      // Indented with spaces: fmt --check lists it, lint finds the typo.
      const cwd = project({ "conf/a.alloy": TYPO.replace("\t", "  ") });
      fifo(join(cwd, "conf/b.alloy"));
      const r = await promptly([command, command === "fmt" ? "--check" : "--format=text", "conf"], { cwd });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("alloyc: cannot read conf/b.alloy: not a regular file\n");
      expect(r.stdout).toContain("conf/a.alloy");
    });
  }

  it("refuses a socket as a path (not a regular file)", async () => {
    const cwd = project({});
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(cwd, "sock.alloy"), resolve));
    try {
      for (const command of ["fmt", "lint"]) {
        const r = await promptly([command, "sock.alloy"], { cwd });
        expect(r, command).toEqual({ code: 2, stdout: "", stderr: "alloyc: cannot read sock.alloy: not a regular file\n" });
      }
    } finally {
      server.close();
    }
  });

  it("lint refuses /dev/zero as import.file, names the importing file, and still reports the module as unresolved", async () => {
    const cwd = project({ "main.alloy": IMPORTS("/dev/zero") });
    const r = await promptly(["lint", "--format=json", "main.alloy"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("alloyc: cannot read /dev/zero: not a regular file (import.file in main.alloy)\n");
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ line: 2, code: "check/import-unresolved" })]);
  });

  it("lint refuses a FIFO as import.file at once", async () => {
    const cwd = project({ "main.alloy": IMPORTS("lib/pipe.alloy") });
    mkdirSync(join(cwd, "lib"));
    fifo(join(cwd, "lib/pipe.alloy"));
    const r = await promptly(["lint", "main.alloy"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`alloyc: cannot read ${join(cwd, "lib/pipe.alloy")}: not a regular file (import.file in main.alloy)\n`);
  });

  it("lint leaves a folder or a missing module as import.file to the warning (Alloy imports a folder's files)", async () => {
    const cwd = project({ "main.alloy": IMPORTS("lib") + IMPORTS("missing.alloy").replace('"m"', '"n"'), "lib/x.alloy": VALID });
    const r = await promptly(["lint", "--format=json", "main.alloy"], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).map((d: { code: string }) => d.code)).toEqual(["check/import-unresolved", "check/import-unresolved"]);
  });
});

describe("one read path: the size limit", () => {
  it("fmt and lint refuse a file over --max-file-size with a clear message, exit 2", async () => {
    const cwd = project({ "big.alloy": `// ${"x".repeat(200)}\n${VALID}`, "small.alloy": "a = 1\n" });
    for (const command of ["fmt", "lint"]) {
      const r = await promptly([command, "--max-file-size", "100", "big.alloy", "small.alloy"], { cwd });
      expect(r.code, command).toBe(2);
      expect(r.stderr).toBe("alloyc: cannot read big.alloy: larger than the size limit of 100 bytes (--max-file-size raises it)\n");
    }
    // The other file is still formatted.
    expect((await promptly(["fmt", "--max-file-size=100", "big.alloy", "small.alloy"], { cwd })).stdout).toBe("a = 1\n");
    // Under the limit, K/M/G suffixes: the same files are fine.
    expect((await promptly(["fmt", "--max-file-size=1K", "--check", "big.alloy"], { cwd })).code).toBe(0);
    expect((await promptly(["lint", "--max-file-size=64M", "big.alloy"], { cwd })).code).toBe(0);
  });

  it("--max-file-size takes bytes with K, M or G, else it is a usage error", async () => {
    const cwd = project({ "a.alloy": "a = 1\n" });
    for (const bad of ["0", "-5", "ten", "10X", "1.5M", ""]) {
      const r = await promptly(["fmt", `--max-file-size=${bad}`, "a.alloy"], { cwd });
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toMatch(/^alloyc: .*--max-file-size/);
    }
    expect((await promptly(["fmt", "--max-file-size", "5", "a.alloy"], { cwd })).stderr).toContain("larger than the size limit of 5 bytes");
    expect((await promptly(["fmt", "--max-file-size", "1k", "a.alloy"], { cwd })).code).toBe(0);
  });

  it("applies the limit to import.file modules", async () => {
    const cwd = project({ "main.alloy": IMPORTS("lib.alloy"), "lib.alloy": `declare "x" {\n}\n`.padEnd(300, "\n") });
    const r = await promptly(["lint", "--max-file-size=200", "main.alloy"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`alloyc: cannot read ${join(cwd, "lib.alloy")}: larger than the size limit of 200 bytes (--max-file-size raises it) (import.file in main.alloy)\n`);
  });

  it("passes the limit to standard input (fmt and lint)", async () => {
    for (const command of ["fmt", "lint"]) {
      const { io, run } = fakeIO({ cwd: project({}) });
      const asked: Array<number | undefined> = [];
      const code = await main([command, "--max-file-size=2K", "-"], { ...io, stdin: async (max) => (asked.push(max), new Uint8Array()) });
      expect(run(code).stderr, command).toBe("");
      expect(asked, command).toEqual([2048]);
    }
  });

  it("enforces the limit while reading, not only from the size stat reports (a file that grows)", async (ctx) => {
    // /proc files report size 0 and then read as much as they hold: the stat says yes, the read says no.
    if (!existsSync("/proc/self/maps")) return ctx.skip("no /proc/self/maps on this system to stand for a growing file");
    const error = await readRegularFile("/proc/self/maps", { maxBytes: 64 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadError);
    expect((error as ReadError).message).toBe("cannot read /proc/self/maps: larger than the size limit of 64 bytes (--max-file-size raises it)");
    expect((await readRegularFile("/proc/self/maps")).length).toBeGreaterThan(64);
  });

  it("reads every byte of a small file (read synchronously) and of one over 4 MB (read asynchronously)", async () => {
    const dir = project({});
    for (const size of [0, 1, 100_000, 4 * 1024 * 1024 + 12_345]) {
      const bytes = Buffer.alloc(size, 0);
      for (let i = 0; i < size; i++) bytes[i] = (i * 7919 + (i >> 13)) & 0xff;
      const file = join(dir, `f${size}.alloy`);
      writeFileSync(file, bytes);
      expect(Buffer.from(await readRegularFile(file)).equals(bytes), `${size} bytes`).toBe(true);
      const error = size > 0 ? await readRegularFile(file, { maxBytes: size - 1 }).catch((e: unknown) => e) : undefined;
      if (size > 0) expect((error as ReadError).reason, `${size} bytes over a limit one byte smaller`).toMatch(/^larger than the size limit/);
    }
  });

  it("the facade's lint reads modules through the same path", async () => {
    const errors: string[] = [];
    const found = await lintFacade([{ name: "main.alloy", bytes: new TextEncoder().encode(IMPORTS("/dev/zero")) }], {
      cwd: "/",
      onReadError: (message, from) => errors.push(`${from}: ${message}`),
    });
    expect(errors).toEqual(["main.alloy: cannot read /dev/zero: not a regular file"]);
    expect(found.map((f) => f.diagnostic.code)).toEqual(["check/import-unresolved"]);
  });
});

describe("one read path: folders and symbolic links", () => {
  it("lints a symlinked *.alloy inside a folder", async () => {
    const cwd = project({ "elsewhere/real.alloy": TYPO, "conf/plain.alloy": `tracing { }\n` });
    symlinkSync(join(cwd, "elsewhere/real.alloy"), join(cwd, "conf/linked.alloy"));
    const r = await promptly(["lint", "--format=json", "conf"], { cwd });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ file: "conf/linked.alloy", line: 2, code: "check/unknown-attribute" })]);
  });

  it("lints a Kubernetes ConfigMap mount (config.alloy -> ..data/config.alloy, ..data -> a dot-folder), each file once", async () => {
    const cwd = project({ "mount/..2024_01_01_00_00_00.1/config.alloy": TYPO });
    symlinkSync("..2024_01_01_00_00_00.1", join(cwd, "mount/..data"));
    symlinkSync("..data/config.alloy", join(cwd, "mount/config.alloy"));
    const lint = await promptly(["lint", "--format=json", "mount"], { cwd });
    expect(lint.code).toBe(1);
    expect(JSON.parse(lint.stdout)).toEqual([expect.objectContaining({ file: "mount/config.alloy", line: 2 })]);
    const check = await promptly(["fmt", "--check", "mount"], { cwd });
    expect(check).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("follows a symlinked folder", async () => {
    const cwd = project({ "real/sub/a.alloy": TYPO });
    mkdirSync(join(cwd, "conf"));
    symlinkSync(join(cwd, "real/sub"), join(cwd, "conf/sub"));
    const r = await promptly(["lint", "--format=json", "conf"], { cwd });
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ file: "conf/sub/a.alloy" })]);
  });

  it("says symbolic link loop for a loop, not no such file, and goes on", async () => {
    const cwd = project({ "conf/a.alloy": TYPO });
    symlinkSync("self.alloy", join(cwd, "self.alloy"));
    symlinkSync("..", join(cwd, "conf/up"));
    symlinkSync("loop.alloy", join(cwd, "conf/loop.alloy"));
    const byName = await promptly(["lint", "self.alloy"], { cwd });
    expect(byName).toEqual({ code: 2, stdout: "", stderr: "alloyc: cannot read self.alloy: symbolic link loop\n" });
    const inFolder = await promptly(["lint", "--format=json", "conf"], { cwd });
    expect(inFolder.code).toBe(2);
    expect(inFolder.stderr).toContain("alloyc: cannot read conf/loop.alloy: symbolic link loop\n");
    expect(inFolder.stderr).toContain("alloyc: cannot read conf/up/conf: symbolic link loop\n");
    expect(JSON.parse(inFolder.stdout)).toEqual([expect.objectContaining({ file: "conf/a.alloy" })]);
  });

  it("reports a broken *.alloy link in a folder, never skips it silently", async () => {
    const cwd = project({ "conf/a.alloy": VALID });
    symlinkSync("gone.alloy", join(cwd, "conf/b.alloy"));
    for (const command of [["lint"], ["fmt", "--check"]]) {
      const r = await promptly([...command, "conf"], { cwd });
      expect(r).toEqual({ code: 2, stdout: "", stderr: "alloyc: cannot read conf/b.alloy: broken symbolic link\n" });
    }
  });

  it("an over-long path is an I/O error (name too long), not an internal error", async () => {
    const cwd = project({});
    const long = `${"a".repeat(300)}.alloy`;
    for (const command of ["fmt", "lint"]) {
      const r = await promptly([command, long], { cwd });
      expect(r).toEqual({ code: 2, stdout: "", stderr: `alloyc: cannot read ${long}: name too long\n` });
    }
  });

  it("lint goes on after a file it cannot read and reports every failure", async () => {
    const cwd = project({ "one/a.alloy": TYPO, "two/b.alloy": TYPO });
    const r = await promptly(["lint", "--format=json", "missing.alloy", "one", "/dev/null", "two"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("alloyc: cannot read missing.alloy: no such file or directory\nalloyc: cannot read /dev/null: not a regular file\n");
    expect(JSON.parse(r.stdout).map((d: { file: string }) => d.file)).toEqual(["one/a.alloy", "two/b.alloy"]);
  });
});
