import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBundle } from "../../scripts/bundle-cli.js";
import { repoRoot } from "../shared.js";
import type { Run } from "./fake-io.js";

/**
 * `alloyc build` runs the pipeline contained (issue 13): in a worker thread that alloyc stops when
 * the config is compiled, when --timeout runs out, or finds ended without a result. Each case runs
 * the CLI as a user does (bundled as `npm run build` bundles it, run by plain node), with a
 * deadline of its own far above what the case needs, so that a hang fails the case instead of
 * the run.
 */

const bundled = join(repoRoot, "node_modules/.cache/alloyc-test-cli-contained");
const runner = join(bundled, "alloyc.js"); // what bin/alloyc.js does with dist/cli/main.js
const temporary: string[] = [];

beforeAll(async () => {
  rmSync(bundled, { recursive: true, force: true });
  await build(cliBundle(bundled));
  writeFileSync(runner, 'import { main } from "./main.js";\n\nprocess.exitCode = await main(process.argv.slice(2));\n');
}, 60_000);
afterAll(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A folder with the pipeline `p.ts` (and an empty folder `out/` for -o). */
function pipeline(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), "alloyc-contained-"));
  temporary.push(dir);
  writeFileSync(join(dir, "p.ts"), source);
  mkdirSync(join(dir, "out"));
  return dir;
}

const DEADLINE_MS = 30_000;

/** Runs the bundled CLI; `hung` when it was still running at the deadline (then killed). */
function cli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run & { hung: boolean }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [runner, ...args], { cwd, timeout: DEADLINE_MS, killSignal: "SIGKILL", env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const hung = child.signalCode === "SIGKILL";
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr, hung });
    });
  });
}

const noStack = (s: string): void => expect(s).not.toMatch(/^\s+at /m);
const CONFIG = 'logging {\n\tlevel = "warn"\n}\n';
const HEAD = 'import { config, logging } from "alloyc";\n';

describe("alloyc build runs the pipeline contained", () => {
  it("--timeout: a pipeline stuck in while (true) {} is stopped with a clear message, exit 2, nothing beside -o", async () => {
    const dir = pipeline(`${HEAD}while (true) {}\nexport default config(logging({ level: "warn" }));\n`);
    const r = await cli(["p.ts", "--timeout", "0.5", "-o", "out/config.alloy"], dir);
    expect(r).toEqual({ code: 2, stdout: "", stderr: "alloyc: p.ts did not finish within 0.5 s (--timeout SECONDS sets the limit)\n", hung: false });
    expect(readdirSync(join(dir, "out"))).toEqual([]);
  });

  it("--timeout: a pipeline waiting on a timer longer than the limit is stopped; the limit is a number of seconds above 0", async () => {
    const dir = pipeline(`${HEAD}export default new Promise((resolve) => setTimeout(() => resolve(config(logging({ level: "warn" }))), 20_000));\n`);
    const r = await cli(["build", "p.ts", "--timeout=1"], dir);
    expect(r).toEqual({ code: 2, stdout: "", stderr: "alloyc: p.ts did not finish within 1 s (--timeout SECONDS sets the limit)\n", hung: false });
    for (const bad of ["0", "-1", "soon", "1e999"]) {
      const usage = await cli(["p.ts", `--timeout=${bad}`], dir);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(new RegExp(`^alloyc: build: --timeout takes a number of seconds above 0 \\(got "${bad}"\\)\\n`));
    }
    const help = await cli(["build", "--help"], dir);
    expect(help.stdout).toMatch(/--timeout SECONDS +stop the pipeline if it has not finished after SECONDS \(default 60\)/);
  });

  it("ends once the default export is compiled, whatever timers are left (setInterval), on the bundled path and through tsx", async () => {
    const bundledPath = pipeline(`${HEAD}setInterval(() => {}, 1000);\nexport default config(logging({ level: "warn" }));\n`);
    expect(await cli(["p.ts"], bundledPath)).toEqual({ code: 0, stdout: CONFIG, stderr: "", hung: false });
    // Top-level await takes the tsx path.
    const tsxPath = pipeline(`${HEAD}await Promise.resolve();\nsetInterval(() => {}, 1000);\nsetTimeout(() => {}, 60_000);\nexport default config(logging({ level: "warn" }));\n`);
    expect(await cli(["p.ts", "-o", "out/config.alloy"], tsxPath)).toEqual({ code: 0, stdout: "", stderr: "", hung: false });
    expect(readdirSync(join(tsxPath, "out"))).toEqual(["config.alloy"]);
  });

  it("a default export that never settles: a clear error, exit 2", async () => {
    const dir = pipeline("export default new Promise(() => {});\n");
    const message = "alloyc: the default export of p.ts never settled (nothing was left that could resolve or reject it)\n";
    expect(await cli(["p.ts", "-o", "out/config.alloy"], dir)).toEqual({ code: 2, stdout: "", stderr: message, hung: false });
    expect(readdirSync(join(dir, "out"))).toEqual([]);
    writeFileSync(join(dir, "p.ts"), "export default async () => {\n  await new Promise(() => {});\n};\n");
    expect(await cli(["p.ts"], dir)).toEqual({ code: 2, stdout: "", stderr: message, hung: false });
  });

  it("an unhandled rejection in the pipeline: an error with the pipeline's line and the message, exit 2, no stack, nothing beside -o", async () => {
    const source = `${HEAD}Promise.reject(new Error("no endpoints"));\nexport default config(logging({ level: "warn" }));\n`;
    const dir = pipeline(source);
    const r = await cli(["p.ts", "-o", "out/config.alloy"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^p\.ts:2:16: error: the pipeline left a promise rejected with nothing to handle it: no endpoints\n/);
    expect(r.stderr).toContain('2 | Promise.reject(new Error("no endpoints"));\n  |                ^^^\n');
    noStack(r.stderr);
    expect(readdirSync(join(dir, "out"))).toEqual([]);
    // The stack with ALLOYC_DEBUG, for a bug report.
    const debug = await cli(["p.ts"], dir, { ALLOYC_DEBUG: "1" });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^Error: no endpoints\n\s+at .*p\.ts:2:16/m);
    // A rejection that is not an Error has no line: the pipeline file is named.
    writeFileSync(join(dir, "p.ts"), `${HEAD}void Promise.reject("no endpoints");\nexport default config(logging({ level: "warn" }));\n`);
    expect(await cli(["p.ts"], dir)).toEqual({ code: 2, stdout: "", stderr: "p.ts: error: the pipeline left a promise rejected with nothing to handle it: no endpoints\n", hung: false });
    // An exception thrown by a timer before the export settles is the pipeline throwing.
    writeFileSync(join(dir, "p.ts"), `${HEAD}setTimeout(() => {\n  throw new Error("late");\n}, 0);\nexport default new Promise((resolve) => setTimeout(() => resolve(config()), 500));\n`);
    const late = await cli(["p.ts"], dir);
    expect(late.code).toBe(2);
    expect(late.stderr).toMatch(/^p\.ts:3:9: error: the pipeline threw: late\n/);
    noStack(late.stderr);
  });

  it("an error in alloyc's own code while the config compiles is an internal error, not the pipeline's", async () => {
    const dir = pipeline(
      [
        HEAD.trimEnd(),
        "export default () => {",
        '  const built = config(logging({ level: "warn" }));',
        "  // Breaks alloyc's own code from here on: what compile then throws has no frame of this file.",
        "  (Map.prototype as { get?: unknown }).get = undefined;",
        "  return built;",
        "};",
        "",
      ].join("\n"),
    );
    const r = await cli(["p.ts", "-o", "out/config.alloy"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^alloyc: internal error while compiling the config of p\.ts: .+ is not a function\n$/);
    expect(readdirSync(join(dir, "out"))).toEqual([]);
  });

  it("the pipeline's console output goes to stderr, in order; stdout is exactly the config", async () => {
    const lines = ['console.log("log");', 'console.info("info");', 'console.warn("warn");', 'console.error("error");', 'process.stdout.write("write\\n");', "console.log({ level: 1 });"];
    const bundledPath = pipeline(`${HEAD}${lines.join("\n")}\nexport default config(logging({ level: "warn" }));\n`);
    expect(await cli(["p.ts"], bundledPath)).toEqual({ code: 0, stdout: CONFIG, stderr: "log\ninfo\nwarn\nerror\nwrite\n{ level: 1 }\n", hung: false });
    const tsxPath = pipeline(`${HEAD}await Promise.resolve();\n${lines.join("\n")}\nexport default config(logging({ level: "warn" }));\n`);
    expect(await cli(["p.ts"], tsxPath)).toEqual({ code: 0, stdout: CONFIG, stderr: "log\ninfo\nwarn\nerror\nwrite\n{ level: 1 }\n", hung: false });
  });

  it("a pipeline that calls process.exit before its export settles: a clear error, exit 2", async () => {
    const dir = pipeline(`${HEAD}console.log("bye");\nprocess.exit(3);\nexport default config(logging({ level: "warn" }));\n`);
    expect(await cli(["p.ts"], dir)).toEqual({ code: 2, stdout: "", stderr: "bye\nalloyc: p.ts called process.exit(3) before its default export settled\n", hung: false });
  });
});
