import { execFile } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBundle } from "../../scripts/bundle-cli.js";
import { main } from "../../src/cli/main.js";
import { hasShared, readShared, repoRoot, sharedPath } from "../shared.js";
import { type Run, runWith } from "./fake-io.js";

/**
 * `alloyc FILE.ts` / `alloyc build FILE.ts -o OUT`. Most cases run the command in-process, from
 * the sources: the pipeline runs in the build's worker thread, which loads alloyc's sources through
 * tsx (so the test pipelines import alloyc by the path of its sources); the child-process cases run
 * the CLI as a user does: bundled as `npm run build` bundles it, run by plain node, loading
 * pipelines its own way (`alloyc` mapped to the copy of alloyc that runs). What the worker adds
 * (timeouts, timers, console output) is tested in build-contained.test.ts.
 */

const run = (args: string[], cwd = repoRoot): Promise<Run> => runWith(main, args, { cwd });

const sources = JSON.stringify(join(repoRoot, "src/index.ts"));
const temporary: string[] = [];
afterAll(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/**
 * A folder with one pipeline file; `"alloyc"` → `inProcess ? sources : as is`. In-process ones get
 * a `"type": "module"` package (vitest loads them); the CLI loads any pipeline as an ES module.
 */
function pipeline(name: string, source: string, inProcess = true): { dir: string; file: string } {
  const dir = tempDir("alloyc-build-");
  if (inProcess) writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  writeFileSync(join(dir, name), inProcess ? source.replaceAll('"alloyc"', sources) : source);
  return { dir, file: join(dir, name) };
}

const noStack = (s: string): void => expect(s).not.toMatch(/^\s+at /m);

describe("alloyc build", () => {
  it("alloyc examples/lab.ts prints ../shared/lab/config.expected.alloy byte for byte", async (ctx) => {
    if (!hasShared) return ctx.skip("../shared is absent");
    const r = await run(["examples/lab.ts"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readShared("lab", "config.expected.alloy").toString("utf8"));
  });

  it("-o writes the file atomically and prints nothing", async () => {
    const out = tempDir("alloyc-out-");
    const r = await run(["build", "examples/otlp-gateway.ts", "-o", join(out, "config.alloy")]);
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(out, "config.alloy"), "utf8")).toBe(readFileSync(join(repoRoot, "examples/otlp-gateway.alloy"), "utf8"));
    expect(readdirSync(out)).toEqual(["config.alloy"]);
  });

  it("-o keeps an existing file's mode, and writes through a symbolic link to its target", async () => {
    const out = tempDir("alloyc-out-");
    const expected = readFileSync(join(repoRoot, "examples/otlp-gateway.alloy"), "utf8");
    writeFileSync(join(out, "config.alloy"), "old\n");
    chmodSync(join(out, "config.alloy"), 0o640);
    symlinkSync("config.alloy", join(out, "link.alloy"));
    expect(await run(["build", "examples/otlp-gateway.ts", `--output=${join(out, "link.alloy")}`])).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(lstatSync(join(out, "link.alloy")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(out, "config.alloy"), "utf8")).toBe(expected);
    expect(statSync(join(out, "config.alloy")).mode & 0o777).toBe(0o640);
    expect(readdirSync(out).sort()).toEqual(["config.alloy", "link.alloy"]);
    const missing = await run(["build", "examples/otlp-gateway.ts", "-o", join(out, "no", "such", "dir.alloy")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^alloyc: cannot write .*dir\.alloy: no such file or directory\n$/);
  });

  it("accepts a default export that is a function returning a promise of a config", async () => {
    const { dir } = pipeline("async.ts", 'import { config, logging } from "alloyc";\nexport default async () => config(logging({ level: "warn" }));\n');
    const r = await run(["async.ts"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('logging {\n\tlevel = "warn"\n}\n');
  });

  it("reports findings at the property of the TypeScript that made the block, exit 1, no output", async () => {
    const { dir } = pipeline(
      "wrong.ts",
      [
        'import { config, loki, prometheus } from "alloyc";',
        "",
        'const mimir = prometheus.remote_write("mimir", { endpoint: { url: "http://mimir" } });',
        'const logs = loki.source.api("api", {',
        "  http: { listen_port: 3100 },",
        "  forward_to: [mimir.receiver as never],",
        "});",
        "export default config(mimir, logs);",
        "",
      ].join("\n"),
    );
    const r = await run(["build", "wrong.ts", "-o", "out.alloy"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^wrong\.ts:6:16: error: forward_to expects capsule\(loki\.LogsReceiver\), but prometheus\.remote_write\.mimir\.receiver is capsule\(storage\.Appendable\) \[check\/capsule-mismatch\]\n/,
    );
    expect(r.stderr).toContain("6 |   forward_to: [mimir.receiver as never],\n  |                ^^^^^^^^^^^^^^\n");
    // The call that made the block. (The column comes from the loader's source map; vitest's is one off from tsx's.)
    expect(r.stderr).toMatch(/^ {2}= note: created at wrong\.ts:4:2[56]$/m);
    expect(r.stderr).toContain('  = in loki.source.api "api", generated line 12: forward_to = [prometheus.remote_write.mimir.receiver]');
    expect(existsSync(join(dir, "out.alloy"))).toBe(false);
    noStack(r.stderr);
  });

  it("reports a wrong wire through a declared component's argument at the instance's property, exit 1, no output", async () => {
    const { dir } = pipeline(
      "team.ts",
      [
        'import { argument, config, declare, loki, prometheus, type LogsReceiver } from "alloyc";',
        "",
        'const team = declare("team", { forward_to: argument<readonly LogsReceiver[]>() }, (args) => {',
        '  const p = loki.process("p", { forward_to: args.forward_to });',
        "  return { body: [p], exports: { input: p.receiver } };",
        "});",
        'const mimir = prometheus.remote_write("mimir", { endpoint: { url: "http://mimir" } });',
        'const a = team("a", { forward_to: [mimir.receiver as never] });',
        'const scrape = prometheus.scrape("s", { targets: [], forward_to: [a.input as never] });',
        "export default config(team, mimir, a, scrape);",
        "",
      ].join("\n"),
    );
    const r = await run(["build", "team.ts", "-o", "out.alloy"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^team\.ts:8:36: error: forward_to expects capsule\(loki\.LogsReceiver\), but prometheus\.remote_write\.mimir\.receiver is capsule\(storage\.Appendable\) \[check\/capsule-mismatch\]\n/,
    );
    expect(r.stderr).toMatch(/^team\.ts:9:67: error: forward_to expects capsule\(storage\.Appendable\), but team\.a\.input is capsule\(loki\.LogsReceiver\) \[check\/capsule-mismatch\]$/m);
    expect(existsSync(join(dir, "out.alloy"))).toBe(false);
    noStack(r.stderr);
  });

  it("reports a duplicate label with both lines, exit 1", async () => {
    const { dir } = pipeline(
      "dup.ts",
      'import { config, loki } from "alloyc";\nconst a = loki.write("default", {});\nconst b = loki.write("default", {});\nexport default config(a, b);\n',
    );
    const r = await run(["dup.ts"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^dup\.ts:3:16: error: loki\.write "default" is declared twice in config\(\.\.\.\); labels must be unique per component \[check\/duplicate-block\]\n/);
    expect(r.stderr).toContain("  = first declared here: dup.ts:2:16");
    noStack(r.stderr);
  });

  it("colours findings through the renderer only when stderr is a terminal", async () => {
    const { dir } = pipeline("dup.ts", 'import { config, loki } from "alloyc";\nconst a = loki.write("default", {});\nconst b = loki.write("default", {});\nexport default config(a, b);\n');
    const plain = await run(["dup.ts"], dir);
    const tty = await runWith(main, ["dup.ts"], { cwd: dir, tty: { stderr: true } });
    expect(tty.code).toBe(1);
    expect(tty.stderr).toContain("dup.ts:3:16: \x1b[31merror\x1b[0m: loki.write");
    expect(tty.stderr).toContain("\x1b[2m[check/duplicate-block]\x1b[0m\n");
    expect(tty.stderr.replace(/\x1b\[\d+m/g, "")).toBe(plain.stderr);
    expect(plain.stderr).not.toContain("\x1b[");
  });

  it("reports a pipeline that throws at its line, exit 2, without a stack trace", async () => {
    const { dir } = pipeline("throws.ts", 'import { config } from "alloyc";\nconst endpoints = (): string[] => {\n  throw new Error("no endpoints");\n};\nexport default config(endpoints().length > 0 && []);\n');
    const r = await run(["throws.ts"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^throws\.ts:3:9: error: the pipeline threw: no endpoints\n/);
    noStack(r.stderr);
  });

  it("refuses a default export that is not a config, and bad usage", async () => {
    const { dir } = pipeline("none.ts", "export default 42;\n");
    expect((await run(["none.ts"], dir)).stderr).toMatch(/none\.ts: error: the default export must be config\(\.\.\.\)/);
    expect((await run(["none.ts"], dir)).code).toBe(1);
    expect(await run(["build", "missing.ts"], dir)).toMatchObject({ code: 2, stderr: "alloyc: missing.ts: no such file\n" });
    expect((await run(["build"], dir)).code).toBe(2);
    expect((await run(["build", "a.ts", "b.ts"], dir)).stderr).toMatch(/one pipeline file at a time/);
    expect((await run(["build", "none.ts", "--watch"], dir)).stderr).toMatch(/unknown flag --watch/);
    expect((await run(["build", "none.ts", "-o"], dir)).stderr).toMatch(/-o needs a value: -o FILE\n/);
  });
});

describe("alloyc build in a child process", () => {
  const execFileP = promisify(execFile);
  // The CLI bundled from these sources as `npm run build` bundles it, run by plain node as
  // bin/alloyc.js runs it (inside the repository, where it finds tsx and esbuild).
  const bundled = join(repoRoot, "node_modules/.cache/alloyc-test-cli");
  const runner = join(bundled, "alloyc.js"); // what bin/alloyc.js does with dist/cli/main.js
  beforeAll(async () => {
    rmSync(bundled, { recursive: true, force: true });
    await build(cliBundle(bundled));
    writeFileSync(runner, 'import { main } from "./main.js";\n\nprocess.exitCode = await main(process.argv.slice(2));\n');
  });
  const cli = async (args: string[], cwd = repoRoot): Promise<Run> => {
    try {
      const { stdout, stderr } = await execFileP(process.execPath, [runner, ...args], { cwd });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };

  it("answers help and usage mistakes as the bundled CLI, exit 0 and 2", async () => {
    const help = await cli(["lint", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--stability.level LEVEL");
    const bad = await cli(["build", "--nope"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^alloyc: build: unknown flag --nope\n/);
    noStack(bad.stderr);
  });

  it("compiles the lab byte for byte", async (ctx) => {
    if (!hasShared) return ctx.skip("../shared is absent");
    const r = await cli(["examples/lab.ts"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(readFileSync(sharedPath("lab", "config.expected.alloy"), "utf8"));
  });

  it("loads a .ts pipeline as an ES module outside any package", async () => {
    const { dir } = pipeline("p.ts", 'import { config, logging } from "alloyc";\nexport default config(logging({ level: "warn" }));\n', false);
    expect(await cli(["p.ts"], dir)).toEqual({ code: 0, stdout: 'logging {\n\tlevel = "warn"\n}\n', stderr: "" });
  });

  it("maps alloyc to itself; reports mistakes and TypeScript that does not compile at their line", async () => {
    const { dir } = pipeline("dup.ts", 'import { config, loki } from "alloyc";\nconst a = loki.write("default", {});\nexport default config(a, a);\n', false);
    const dup = await cli(["dup.ts"], dir);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/^dup\.ts:3:16: error: config\(\.\.\.\): loki\.write "default" is listed twice \[check\/duplicate-block\]\n/);
    noStack(dup.stderr);
    writeFileSync(join(dir, "syntax.ts"), 'import { config } from "alloyc";\nexport default config(;\n');
    const r = await cli(["syntax.ts"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^syntax\.ts:2:23: error: Unexpected ";"\n/);
    noStack(r.stderr);
  });

  it("runs a pipeline that imports only alloyc without tsx, at the TypeScript's lines", async () => {
    const source = 'import { config } from "alloyc";\ntype T = string;\nconst endpoints = (): T[] => {\n  throw new Error("no endpoints");\n};\nexport default config(endpoints().length > 0 && []);\n';
    const { dir } = pipeline("throws.ts", source, false);
    const r = await cli(["throws.ts"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^throws\.ts:4:9: error: the pipeline threw: no endpoints\n/);
    noStack(r.stderr);
  });

  it("bundles a pipeline's own TypeScript imports without tsx, in any package, at each file's lines", async () => {
    const main = 'import { config } from "alloyc";\nimport { writer } from "./lib/writers.js";\n\nexport default config(writer("default"), writer("default"));\n';
    const { dir } = pipeline("main.ts", main, false);
    mkdirSync(join(dir, "lib"));
    writeFileSync(join(dir, "lib/writers.ts"), 'import { loki } from "alloyc";\n\nexport const writer = (name: string) =>\n  loki.write(name, {});\n');
    const r = await cli(["main.ts"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^lib\/writers\.ts:4:8: error: loki\.write "default" is declared twice in config\(\.\.\.\)/);
    expect(r.stderr).toContain("  = first declared here: lib/writers.ts:4:8");
    noStack(r.stderr);
    writeFileSync(join(dir, "lib/writers.ts"), 'import { loki } from "alloyc";\n\nlet n = 0;\nexport const writer = (name: string) => loki.write(`${name}_${++n}`, {});\n');
    const ok = await cli(["main.ts"], dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('loki.write "default_1" { }\n\nloki.write "default_2" { }\n');
    // Nothing forwards to them: a warning each, at the line in lib/writers.ts.
    expect(ok.stderr.match(/^lib\/writers\.ts:4:46: warning: .* \[check\/unused-export\]$/gm)).toHaveLength(2);
  });

  it("reports a finding at the property through the bundle's source maps, in an imported file", async () => {
    const { dir } = pipeline("main.ts", 'import { config } from "alloyc";\nimport { scrape } from "./lib/scrape.js";\n\nexport default config(...scrape());\n', false);
    mkdirSync(join(dir, "lib"));
    const lib = ['import { prometheus } from "alloyc";', "export const scrape = () => {", '  const mimir = prometheus.remote_write("m", { endpoint: { url: "http://m" } });', '  return [mimir, prometheus.scrape("x", {', "    targets: [],", "    forward_to: [mimir.receiver],", '    scrape_interval: "5 minutes",', "  })];", "};", ""];
    writeFileSync(join(dir, "lib/scrape.ts"), lib.join("\n"));
    const r = await cli(["main.ts"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^lib\/scrape\.ts:7:22: error: .* \[check\/invalid-duration\]\n/);
    expect(r.stderr).toContain("  = note: created at lib/scrape.ts:4:29\n");
  });

  it("loads pipelines with other imports or top-level await through tsx, in any package, at each file's lines", async () => {
    const { dir } = pipeline("main.ts", 'import { config } from "alloyc";\nimport { level } from "./level.ts";\nexport default config(await level());\n', false);
    writeFileSync(join(dir, "level.ts"), 'import { logging } from "alloyc";\nexport const level = async () => logging({ level: "warn" as string });\n');
    expect(await cli(["main.ts"], dir)).toEqual({ code: 0, stdout: 'logging {\n\tlevel = "warn"\n}\n', stderr: "" });
    // Source maps outlive tsx's unregistering: call sites are formatted after the pipeline ran.
    writeFileSync(join(dir, "main.ts"), 'import { config } from "alloyc";\nimport { writer } from "./writer.ts";\nexport default config(await writer(), await writer());\n');
    writeFileSync(join(dir, "writer.ts"), 'import { loki } from "alloyc";\n\nexport const writer = async () =>\n  loki.write("default", {});\n');
    const r = await cli(["main.ts"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^writer\.ts:4:8: error: loki\.write "default" is declared twice/);
    noStack(r.stderr);
  });
});
