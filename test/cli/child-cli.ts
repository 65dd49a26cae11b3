import { spawn, type StdioOptions } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { cliBundle } from "../../scripts/bundle-cli.js";
import { repoRoot } from "../shared.js";

/**
 * The CLI bundled as `npm run build` bundles it and run by plain node, as bin/alloyc.js runs it:
 * what real standard streams (a closed pipe, /dev/full, a folder as stdin) need. Each test file
 * passes its own folder name, so files running in parallel do not rebuild each other's bundle.
 */
export async function bundleCli(name: string): Promise<string> {
  const dir = join(repoRoot, "node_modules/.cache", name);
  rmSync(dir, { recursive: true, force: true });
  await build(cliBundle(dir));
  const runner = join(dir, "alloyc.js");
  writeFileSync(runner, 'import { main } from "./main.js";\n\nprocess.exitCode = await main(process.argv.slice(2));\n');
  return runner;
}

export interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ChildOptions {
  readonly cwd: string;
  /** stdin, stdout, stderr as child_process takes them; pipes by default. */
  readonly stdio?: StdioOptions;
  readonly uid?: number;
  readonly gid?: number;
  /** Called with the child's stdout when it is a pipe, before it is read. */
  readonly onStdout?: (stdout: NodeJS.ReadableStream & { destroy(): void }) => void;
  /** The child is killed after this long, and the run says so (a hang fails, never blocks the suite). */
  readonly timeoutMs?: number;
}

/** Runs the bundled CLI in a child process; resolves when it exits. */
export function runChild(runner: string, args: readonly string[], options: ChildOptions): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner, ...args], {
      cwd: options.cwd,
      stdio: options.stdio ?? ["pipe", "pipe", "pipe"],
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid }),
    });
    let stdout = "";
    let stderr = "";
    if (child.stdout && options.onStdout) options.onStdout(child.stdout);
    else child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin?.end();
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      stderr += "\n[killed: the child did not exit in time]";
    }, options.timeoutMs ?? 20_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
