import { execFileSync } from "node:child_process";
import {
  appendFileSync,
  chmodSync,
  chownSync,
  existsSync,
  lchownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { targetState, WriteError, writeFileAtomically } from "../../src/cli/write-file.js";

/**
 * The one write (src/cli/write-file.ts), one test per guarantee. Cases that need root (another
 * owner, a link another user planted) run in CI, which runs as root; elsewhere they are skipped
 * with the reason printed.
 */

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "alloyc-write-"));
  made.push(dir);
  return dir;
}

/** A test that needs root: skipped elsewhere, saying so. */
function asRoot(name: string, test: () => Promise<void>): void {
  if (!isRoot) console.log(`SKIP write-file: "${name}" needs root (CI runs as root)`);
  it.skipIf(!isRoot)(`${name} (as root)`, test);
}

async function refusal(write: Promise<void>): Promise<WriteError> {
  const e = await write.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(WriteError);
  return e as WriteError;
}

describe("1. the temporary file: created exclusively, under an unpredictable name", () => {
  it("uses a different name of 24 random hex digits each time, beside the target", async () => {
    const dir = folder();
    const seen: string[] = [];
    for (let i = 0; i < 2; i++) await writeFileAtomically(join(dir, "a.alloy"), `v${i}\n`, { beforeRename: (t) => void seen.push(t) });
    expect(seen).toHaveLength(2);
    for (const t of seen) expect(t).toMatch(new RegExp(`^${dir}/\\.a\\.alloy\\.[0-9a-f]{24}\\.alloyc\\.tmp$`));
    expect(seen[0]).not.toBe(seen[1]);
    expect(readdirSync(dir)).toEqual(["a.alloy"]);
  });

  it("keeps the temporary name under 255 bytes for a target whose name has 255", async () => {
    const dir = folder();
    const name = `${"é".repeat(120)}.abcdefgh.alloy`;
    expect(Buffer.byteLength(name)).toBe(255);
    let temporary = "";
    await writeFileAtomically(join(dir, name), "new\n", { beforeRename: (t) => void (temporary = t) });
    expect(Buffer.byteLength(temporary.slice(dir.length + 1))).toBeLessThanOrEqual(255);
    expect(readdirSync(dir)).toEqual([name]);
  });

  it("never follows a link planted at the name it draws: it draws another, the link's target untouched", async () => {
    const dir = folder();
    const victim = join(folder(), "victim");
    writeFileSync(victim, "precious\n");
    writeFileSync(join(dir, "a.alloy"), "old\n");
    symlinkSync(victim, join(dir, ".a.alloy.planted.alloyc.tmp"));
    const names = ["planted", "fresh"];
    await writeFileAtomically(join(dir, "a.alloy"), "new\n", { randomName: () => names.shift() ?? "spare" });
    expect(names).toEqual([]);
    expect(readFileSync(victim, "utf8")).toBe("precious\n");
    expect(readlinkSync(join(dir, ".a.alloy.planted.alloyc.tmp"))).toBe(victim);
    expect(readFileSync(join(dir, "a.alloy"), "utf8")).toBe("new\n");
    expect(lstatSync(join(dir, "a.alloy")).isFile()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([".a.alloy.planted.alloyc.tmp", "a.alloy"]);
  });

  it("fails cleanly when every name it draws is taken (a dangling link too): nothing written, nothing left", async () => {
    const dir = folder();
    writeFileSync(join(dir, "a.alloy"), "old\n");
    symlinkSync(join(dir, "would-be-created"), join(dir, ".a.alloy.taken.alloyc.tmp"));
    const e = await refusal(writeFileAtomically(join(dir, "a.alloy"), "new\n", { randomName: () => "taken" }));
    expect(e.message).toMatch(/no free name for a temporary file/);
    expect(existsSync(join(dir, "would-be-created"))).toBe(false);
    expect(readFileSync(join(dir, "a.alloy"), "utf8")).toBe("old\n");
    expect(readdirSync(dir).sort()).toEqual([".a.alloy.taken.alloyc.tmp", "a.alloy"]);
  });

  asRoot("does not follow a link another user planted in a shared (sticky, world-writable) folder", async () => {
    const shared = join(folder(), "shared");
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    const victim = join(folder(), "victim");
    writeFileSync(victim, "precious\n");
    symlinkSync(victim, join(shared, "out.alloy"));
    lchownSync(join(shared, "out.alloy"), NOBODY, NOBODY);
    const e = await refusal(writeFileAtomically(join(shared, "out.alloy"), "new\n"));
    expect(e.message).toBe(`a symbolic link owned by another user (uid ${NOBODY}) in a shared folder; not followed`);
    expect(readFileSync(victim, "utf8")).toBe("precious\n");
    expect(lstatSync(join(shared, "out.alloy")).isSymbolicLink()).toBe(true);
    expect(readdirSync(shared)).toEqual(["out.alloy"]);
    // The same link, owned by this user, is followed.
    lchownSync(join(shared, "out.alloy"), 0, 0);
    await writeFileAtomically(join(shared, "out.alloy"), "new\n");
    expect(readFileSync(victim, "utf8")).toBe("new\n");
  });
});

describe("2. the target must be a regular file (or absent) after resolving links", () => {
  it("refuses /dev/null, and a link to it, with a clear reason and no temporary file in /dev", async () => {
    const before = readdirSync("/dev").filter((n) => n.endsWith(".tmp"));
    expect((await refusal(writeFileAtomically("/dev/null", "x"))).message).toBe("not a regular file");
    const dir = folder();
    symlinkSync("/dev/null", join(dir, "null.alloy"));
    expect((await refusal(writeFileAtomically(join(dir, "null.alloy"), "x"))).message).toBe("not a regular file");
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
    expect(lstatSync(join(dir, "null.alloy")).isSymbolicLink()).toBe(true);
    expect(readdirSync("/dev").filter((n) => n.endsWith(".tmp"))).toEqual(before);
  });

  it("refuses a folder and a FIFO", async () => {
    const dir = folder();
    mkdirSync(join(dir, "sub.alloy"));
    expect((await refusal(writeFileAtomically(join(dir, "sub.alloy"), "x"))).message).toBe("is a directory");
    execFileSync("mkfifo", [join(dir, "pipe.alloy")]);
    expect((await refusal(writeFileAtomically(join(dir, "pipe.alloy"), "x"))).message).toBe("not a regular file");
    expect(lstatSync(join(dir, "pipe.alloy")).isFIFO()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["pipe.alloy", "sub.alloy"]);
  });

  it("refuses a loop of links, and a missing folder, in a few words", async () => {
    const dir = folder();
    symlinkSync("b.alloy", join(dir, "a.alloy"));
    symlinkSync("a.alloy", join(dir, "b.alloy"));
    expect((await refusal(writeFileAtomically(join(dir, "a.alloy"), "x"))).message).toBe("symbolic link loop");
    const missing = await refusal(writeFileAtomically(join(dir, "missing", "c.alloy"), "x"));
    expect([missing.message, missing.code]).toEqual(["no such file or directory", "ENOENT"]);
    expect(readdirSync(dir).sort()).toEqual(["a.alloy", "b.alloy"]);
  });
});

describe("3. a symbolic link is written through: the link stays a link", () => {
  it("replaces the link's target, even one that does not exist yet, and a relative link through a linked folder", async () => {
    const dir = folder();
    writeFileSync(join(dir, "real.alloy"), "old\n");
    symlinkSync("real.alloy", join(dir, "link.alloy"));
    await writeFileAtomically(join(dir, "link.alloy"), "new\n");
    expect(lstatSync(join(dir, "link.alloy")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "real.alloy"), "utf8")).toBe("new\n");
    symlinkSync("later.alloy", join(dir, "dangling.alloy"));
    await writeFileAtomically(join(dir, "dangling.alloy"), "made\n");
    expect(lstatSync(join(dir, "dangling.alloy")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "later.alloy"), "utf8")).toBe("made\n");
    // other/up -> dir/deep/er; up/../real.alloy is dir/deep/real.alloy to the kernel, not other/real.alloy.
    const other = folder();
    mkdirSync(join(dir, "deep", "er"), { recursive: true });
    writeFileSync(join(dir, "deep", "real.alloy"), "old\n");
    symlinkSync(join(dir, "deep", "er"), join(other, "up"));
    symlinkSync("../real.alloy", join(dir, "deep", "er", "link.alloy"));
    await writeFileAtomically(join(other, "up", "link.alloy"), "new\n");
    expect(readFileSync(join(dir, "deep", "real.alloy"), "utf8")).toBe("new\n");
    expect(readdirSync(other)).toEqual(["up"]);
  });
});

describe("4. owner, group and mode kept; a new file gets the mode of a new file", () => {
  it("keeps 0600 and 0640, and gives a new file the umask's mode", async () => {
    const dir = folder();
    for (const mode of [0o600, 0o640]) {
      writeFileSync(join(dir, "a.alloy"), "old\n");
      chmodSync(join(dir, "a.alloy"), mode);
      await writeFileAtomically(join(dir, "a.alloy"), "new\n");
      expect(statSync(join(dir, "a.alloy")).mode & 0o7777).toBe(mode);
      expect(readFileSync(join(dir, "a.alloy"), "utf8")).toBe("new\n");
    }
    writeFileSync(join(dir, "reference"), "");
    await writeFileAtomically(join(dir, "b.alloy"), new TextEncoder().encode("bytes\n"));
    expect(statSync(join(dir, "b.alloy")).mode & 0o7777).toBe(statSync(join(dir, "reference")).mode & 0o7777);
    expect(readdirSync(dir).sort()).toEqual(["a.alloy", "b.alloy", "reference"]);
  });

  asRoot("keeps a nobody:nogroup 0640 file's owner, group and mode", async () => {
    const dir = folder();
    writeFileSync(join(dir, "a.alloy"), "old\n");
    chownSync(join(dir, "a.alloy"), NOBODY, NOBODY);
    chmodSync(join(dir, "a.alloy"), 0o640);
    await writeFileAtomically(join(dir, "a.alloy"), "new\n");
    const after = statSync(join(dir, "a.alloy"));
    expect([after.uid, after.gid, after.mode & 0o7777]).toEqual([NOBODY, NOBODY, 0o640]);
    expect(readFileSync(join(dir, "a.alloy"), "utf8")).toBe("new\n");
  });
});

describe("5. a read-only target is refused unless forced", () => {
  it("refuses a file without any write bit (root included), and writes it with force, keeping its mode", async () => {
    const dir = folder();
    writeFileSync(join(dir, "a.alloy"), "old\n");
    chmodSync(join(dir, "a.alloy"), 0o444);
    const e = await refusal(writeFileAtomically(join(dir, "a.alloy"), "new\n"));
    expect(e.message).toBe("read-only, no write permission (--force writes it anyway)");
    expect(readFileSync(join(dir, "a.alloy"), "utf8")).toBe("old\n");
    await writeFileAtomically(join(dir, "a.alloy"), "new\n", { force: true });
    expect(readFileSync(join(dir, "a.alloy"), "utf8")).toBe("new\n");
    expect(statSync(join(dir, "a.alloy")).mode & 0o7777).toBe(0o444);
    expect(readdirSync(dir)).toEqual(["a.alloy"]);
  });
});

describe("6. a file edited while alloyc works on it is not overwritten", () => {
  const edits: Array<[string, (file: string) => void]> = [
    ["a longer edit", (file) => appendFileSync(file, "# theirs\n")],
    ["an edit of the same size", (file) => writeFileSync(file, "OLD\n")],
    ["removal", (file) => rmSync(file)],
  ];
  for (const [what, edit] of edits) {
    it(`refuses the rename after ${what} between the read and the rename, keeping the edit`, async () => {
      const dir = folder();
      const file = join(dir, "a.alloy");
      writeFileSync(file, "old\n");
      const read = readFileSync(file);
      let theirs: string | undefined;
      const e = await refusal(
        writeFileAtomically(file, "new\n", {
          unchanged: { content: read },
          beforeRename: () => {
            edit(file);
            theirs = existsSync(file) ? readFileSync(file, "utf8") : undefined;
          },
        }),
      );
      expect([e.message, e.code]).toEqual(["it changed while alloyc was working on it; not overwritten (run again)", "ECHANGED"]);
      expect(existsSync(file) ? readFileSync(file, "utf8") : undefined).toBe(theirs);
      expect(readdirSync(dir)).toEqual(existsSync(file) ? ["a.alloy"] : []);
    });
  }

  it("refuses when the file already differs from the bytes the caller read", async () => {
    const dir = folder();
    writeFileSync(join(dir, "a.alloy"), "edited since\n");
    const e = await refusal(writeFileAtomically(join(dir, "a.alloy"), "new\n", { unchanged: { content: Buffer.from("old\n") } }));
    expect(e.code).toBe("ECHANGED");
    expect(readFileSync(join(dir, "a.alloy"), "utf8")).toBe("edited since\n");
  });

  it("refuses when the file's state changed since the caller looked (build -o: before the pipeline ran), or a file appeared", async () => {
    const dir = folder();
    const file = join(dir, "out.alloy");
    writeFileSync(file, "old\n");
    const seen = await targetState(file);
    writeFileSync(file, "theirs\n");
    expect((await refusal(writeFileAtomically(file, "new\n", { unchanged: { state: seen } }))).code).toBe("ECHANGED");
    expect(readFileSync(file, "utf8")).toBe("theirs\n");
    const absent = await targetState(join(dir, "new.alloy"));
    writeFileSync(join(dir, "new.alloy"), "theirs\n");
    expect((await refusal(writeFileAtomically(join(dir, "new.alloy"), "new\n", { unchanged: { state: absent } }))).code).toBe("ECHANGED");
    expect(readFileSync(join(dir, "new.alloy"), "utf8")).toBe("theirs\n");
    // Unchanged since: written.
    await writeFileAtomically(file, "new\n", { unchanged: { state: await targetState(file) } });
    expect(readFileSync(file, "utf8")).toBe("new\n");
    expect(readdirSync(dir).sort()).toEqual(["new.alloy", "out.alloy"]);
  });
});

describe("7. fsync of the file before the rename and of its folder after it", () => {
  const haveProc = existsSync("/proc/self/fd");
  if (!haveProc) console.log("SKIP write-file: the fsync test reads /proc/self/fd (Linux)");
  it.skipIf(!haveProc)("syncs the temporary file, then renames, then syncs the folder", async () => {
    const dir = folder();
    const events: string[] = [];
    // What is synced, by the path of the descriptor (FileHandle has no other record of it).
    const probe = await open(join(dir, "probe"), "w");
    const prototype = Object.getPrototypeOf(probe) as { sync: (this: { fd: number }) => Promise<void> };
    await probe.close();
    const sync = prototype.sync;
    prototype.sync = function (this: { fd: number }) {
      events.push(`sync ${readlinkSync(`/proc/self/fd/${this.fd}`)}`);
      return sync.call(this);
    };
    try {
      await writeFileAtomically(join(dir, "a.alloy"), "new\n", { beforeRename: (t) => void events.push(`rename ${t}`) });
    } finally {
      prototype.sync = sync;
    }
    const temporary = (events.find((e) => e.startsWith("rename ")) ?? "").slice("rename ".length);
    expect(events).toEqual([`sync ${temporary}`, `rename ${temporary}`, `sync ${dir}`]);
  });
});

describe("8. no temporary file left on an error (signals: write-file-signals.test.ts)", () => {
  it("removes the temporary file when the write fails after creating it", async () => {
    const dir = folder();
    writeFileSync(join(dir, "a.alloy"), "old\n");
    const e = await writeFileAtomically(join(dir, "a.alloy"), "new\n", {
      beforeRename: (t) => {
        expect(existsSync(t)).toBe(true);
        throw new Error("disk on fire");
      },
    }).catch((err: unknown) => err as Error);
    expect(e).toBeInstanceOf(WriteError);
    expect((e as Error).message).toBe("disk on fire");
    expect(readdirSync(dir)).toEqual(["a.alloy"]);
    expect(readFileSync(join(dir, "a.alloy"), "utf8")).toBe("old\n");
  });
});
