import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../shared.js";

/**
 * 8. A write interrupted between its temporary file and the rename leaves no temporary file and
 * the original intact: a child process starts a write whose last step never comes (the test seam
 * beforeRename waits forever), and is then killed, or exits on its own.
 */

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const CHILD = `
const { writeFileAtomically } = await import(${JSON.stringify(pathToFileURL(join(repoRoot, "src/cli/write-file.ts")).href)});
const [target, ending] = process.argv.slice(2);
await writeFileAtomically(target, "new\\n", {
  beforeRename: (temporary) => {
    process.stdout.write("ready " + temporary + "\\n");
    if (ending === "exit") process.exit(3);
    setInterval(() => undefined, 1000);
    return new Promise(() => undefined);
  },
});
`;

interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly temporary: string;
  readonly stderr: string;
}

/** Runs a write in a child, sends `signal` once its temporary file is complete, waits for the end. */
function interruptedWrite(dir: string, ending: NodeJS.Signals | "exit"): Promise<Ended> {
  writeFileSync(join(dir, "child.mjs"), CHILD);
  const child = spawn(process.execPath, ["--import", "tsx", join(dir, "child.mjs"), join(dir, "a.alloy"), ending], { cwd: repoRoot });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      const temporary = /^ready (.*)\n/.exec(stdout)?.[1];
      if (temporary === undefined || ending === "exit") return;
      // The temporary file is there, complete, when the signal comes.
      if (!readdirSync(dir).some((n) => join(dir, n) === temporary)) reject(new Error(`no ${temporary} before the signal`));
      child.kill(ending);
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ code, signal, temporary: /^ready (.*)\n/.exec(stdout)?.[1] ?? "", stderr }));
  });
}

describe("8. temporary files removed on SIGINT, SIGTERM and exit", () => {
  const cases: Array<[NodeJS.Signals | "exit", number]> = [
    ["SIGTERM", 143],
    ["SIGINT", 130],
    ["exit", 3],
  ];
  for (const [ending, code] of cases) {
    it(`${ending === "exit" ? "an exit" : ending} during a write leaves no temporary file and the original intact (exit ${code})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "alloyc-signal-"));
      made.push(dir);
      writeFileSync(join(dir, "a.alloy"), "old\n");
      const ended = await interruptedWrite(dir, ending);
      expect(ended.stderr).toBe("");
      expect(ended.temporary).toMatch(/\/\.a\.alloy\.[0-9a-f]{24}\.alloyc\.tmp$/);
      expect([ended.code, ended.signal]).toEqual([code, null]);
      expect(readdirSync(dir).sort()).toEqual(["a.alloy", "child.mjs"]);
      expect(readFileSync(join(dir, "a.alloy"), "utf8")).toBe("old\n");
    });
  }
});
