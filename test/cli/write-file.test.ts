import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomically } from "../../src/cli/write-file.js";

const folder = (): string => mkdtempSync(join(tmpdir(), "alloyc-write-"));

describe("writeFileAtomically", () => {
  it("replaces an existing file's content and keeps its mode, leaving no temporary file", async () => {
    const dir = folder();
    writeFileSync(join(dir, "a.alloy"), "old\n");
    chmodSync(join(dir, "a.alloy"), 0o640);
    await writeFileAtomically(join(dir, "a.alloy"), "new\n");
    expect(readFileSync(join(dir, "a.alloy"), "utf8")).toBe("new\n");
    expect(statSync(join(dir, "a.alloy")).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["a.alloy"]);
  });

  it("creates a file that does not exist, with the mode of a new file", async () => {
    const dir = folder();
    writeFileSync(join(dir, "reference"), "");
    await writeFileAtomically(join(dir, "b.alloy"), new TextEncoder().encode("bytes\n"));
    expect(readFileSync(join(dir, "b.alloy"), "utf8")).toBe("bytes\n");
    expect(statSync(join(dir, "b.alloy")).mode & 0o777).toBe(statSync(join(dir, "reference")).mode & 0o777);
  });

  it("keeps a symbolic link and replaces its target, even a target that does not exist yet", async () => {
    const dir = folder();
    writeFileSync(join(dir, "real.alloy"), "old\n");
    chmodSync(join(dir, "real.alloy"), 0o600);
    symlinkSync("real.alloy", join(dir, "link.alloy"));
    await writeFileAtomically(join(dir, "link.alloy"), "new\n");
    expect(lstatSync(join(dir, "link.alloy")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "real.alloy"), "utf8")).toBe("new\n");
    expect(statSync(join(dir, "real.alloy")).mode & 0o777).toBe(0o600);
    symlinkSync("later.alloy", join(dir, "dangling.alloy"));
    await writeFileAtomically(join(dir, "dangling.alloy"), "made\n");
    expect(lstatSync(join(dir, "dangling.alloy")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "later.alloy"), "utf8")).toBe("made\n");
  });

  it("throws the system's error and leaves nothing behind when the folder is missing", async () => {
    const dir = folder();
    await expect(writeFileAtomically(join(dir, "missing", "c.alloy"), "x")).rejects.toMatchObject({ code: "ENOENT" });
    expect(readdirSync(dir)).toEqual([]);
  });
});
