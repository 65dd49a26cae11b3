import { execFile } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../shared.js";

/**
 * 4 and 5 as an ordinary user sees them: run as root (CI does), the test writes as nobody (uid
 * 65534) in a child process, in a folder nobody may write to, over files root owns. A file
 * nobody may not write is read-only to it; a file whose owner nobody cannot give back is refused;
 * `force` writes both, as nobody's.
 */

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const CHILD = `
const { writeFileAtomically } = await import(${JSON.stringify(pathToFileURL(join(repoRoot, "src/cli/write-file.ts")).href)});
const results = {};
for (const [name, force] of JSON.parse(process.argv[2])) {
  results[name + (force ? " forced" : "")] = await writeFileAtomically(name, "new\\n", { force }).then(() => "written", (e) => e.message);
}
process.stdout.write(JSON.stringify(results));
`;

if (!isRoot) console.log("SKIP write-file-unprivileged: writing as another user (nobody) needs root (CI runs as root)");

describe.skipIf(!isRoot)("4, 5. written by an ordinary user (nobody), over files root owns (as root)", () => {
  it("refuses a file it may not write, and one whose owner it cannot keep; force writes both as nobody's; its own file keeps its mode", async () => {
    const dir = mkdtempSync(join(tmpdir(), "alloyc-nobody-"));
    made.push(dir);
    chmodSync(dir, 0o777);
    writeFileSync(join(dir, "child.mjs"), CHILD);
    for (const [name, mode, owner] of [
      ["roots-0644.alloy", 0o644, 0],
      ["roots-0666.alloy", 0o666, 0],
      ["own-0640.alloy", 0o640, NOBODY],
    ] as const) {
      writeFileSync(join(dir, name), "old\n");
      chmodSync(join(dir, name), mode);
      chownSync(join(dir, name), owner, owner);
    }
    const run = async (writes: unknown): Promise<Record<string, string>> => {
      const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", join(dir, "child.mjs"), JSON.stringify(writes)], {
        cwd: repoRoot,
        uid: NOBODY,
        gid: NOBODY,
        env: { ...process.env, HOME: dir },
      });
      return JSON.parse(stdout) as Record<string, string>;
    };
    const names = (writes: Array<[string, boolean]>): Array<[string, boolean]> => writes.map(([n, f]) => [join(dir, n), f]);
    const refused = await run(
      names([
        ["roots-0644.alloy", false],
        ["roots-0666.alloy", false],
        ["own-0640.alloy", false],
      ]),
    );
    expect(refused).toEqual({
      [join(dir, "roots-0644.alloy")]: "read-only, no write permission (--force writes it anyway)",
      [join(dir, "roots-0666.alloy")]: `its owner and group (0:0) cannot be kept (--force writes it as ${NOBODY}:${NOBODY})`,
      [join(dir, "own-0640.alloy")]: "written",
    });
    expect(readFileSync(join(dir, "roots-0644.alloy"), "utf8")).toBe("old\n");
    expect(readFileSync(join(dir, "roots-0666.alloy"), "utf8")).toBe("old\n");
    const own = statSync(join(dir, "own-0640.alloy"));
    expect([readFileSync(join(dir, "own-0640.alloy"), "utf8"), own.uid, own.mode & 0o7777]).toEqual(["new\n", NOBODY, 0o640]);
    expect(readdirSync(dir).sort()).toEqual(["child.mjs", "own-0640.alloy", "roots-0644.alloy", "roots-0666.alloy"]);

    const forced = await run(
      names([
        ["roots-0644.alloy", true],
        ["roots-0666.alloy", true],
      ]),
    );
    expect(Object.values(forced)).toEqual(["written", "written"]);
    for (const [name, mode] of [
      ["roots-0644.alloy", 0o644],
      ["roots-0666.alloy", 0o666],
    ] as const) {
      const after = statSync(join(dir, name));
      expect([readFileSync(join(dir, name), "utf8"), after.uid, after.gid, after.mode & 0o7777]).toEqual(["new\n", NOBODY, NOBODY, mode]);
    }
    expect(readdirSync(dir).sort()).toEqual(["child.mjs", "own-0640.alloy", "roots-0644.alloy", "roots-0666.alloy"]);
  });
});
