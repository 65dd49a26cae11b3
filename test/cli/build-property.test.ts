import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { repoRoot } from "../shared.js";
import { type Run, runWith } from "./fake-io.js";

/**
 * `alloyc build` places a finding about an argument or a nested block on the property in the
 * object literal passed to the builder (the key for a name, the value for a value), with the
 * call as "created at"; it falls back to the call, saying so, when the property is not written
 * there. The pipelines run in-process through the build's worker, as in build.test.ts.
 */

const sources = JSON.stringify(join(repoRoot, "src/index.ts"));
const temporary: string[] = [];
afterAll(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A folder holding `files` (`"alloyc"` → alloyc's sources), as an ES module package. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "alloyc-property-"));
  temporary.push(dir);
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text.replaceAll('"alloyc"', sources));
  }
  return dir;
}

const build = (dir: string, file = "main.ts"): Promise<Run> => runWith(main, ["build", file], { cwd: dir });

/** The `FILE:LINE:COL` of each finding with `code`. */
const at = (r: Run, code: string): string[] =>
  [...r.stderr.matchAll(new RegExp(`^(\\S+:\\d+:\\d+): \\w+: .*\\[${code.replace("/", "\\/")}\\]$`, "gm"))].map((m) => m[1] as string);

const scrape = (body: string[]): string =>
  [
    'import { config, prometheus } from "alloyc";',
    "",
    'const mimir = prometheus.remote_write("mimir", { endpoint: { url: "http://mimir" } });',
    'const scrape = prometheus.scrape("x", {',
    "  targets: [],",
    "  forward_to: [mimir.receiver],",
    ...body,
    "});",
    "export default config(mimir, scrape);",
    "",
  ].join("\n");

const noStack = (s: string): void => expect(s).not.toMatch(/^\s+at /m);

describe("alloyc build: findings at the property", () => {
  it("puts a misspelled argument at its key, with the call as created at", async () => {
    const dir = project({ "main.ts": scrape(['  scrape_intervall: "1m",']) });
    const r = await build(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(at(r, "check/unknown-attribute")).toEqual(["main.ts:7:3"]);
    expect(r.stderr).toContain('7 |   scrape_intervall: "1m",\n  |   ^^^^^^^^^^^^^^^^\n');
    // The call's column comes from the loader's source map (vitest's is one off from tsx's).
    expect(r.stderr).toMatch(/^ {2}= note: created at main\.ts:4:2[67]$/m);
    expect(r.stderr).toContain('  = help: did you mean "scrape_interval"?');
    noStack(r.stderr);
  });

  it("puts a bad duration at the value, past comments on its line", async () => {
    const dir = project({ "main.ts": scrape(['  scrape_interval: /* every */ "5 minutes",']) });
    const r = await build(dir);
    expect(r.code).toBe(1);
    expect(at(r, "check/invalid-duration")).toEqual(["main.ts:7:32"]);
    expect(r.stderr).toContain('7 |   scrape_interval: /* every */ "5 minutes",\n  |                                ^^^^^^^^^^^\n');
    expect(r.stderr).toMatch(/^ {2}= note: created at main\.ts:4:2[67]$/m);
  });

  it("finds a property past strings, templates, comments and regular expressions holding brackets and keys", async () => {
    const body = [
      '  job_name: `a ${["}", "{"].join("")} scrape_intervall: "1m" }`, // scrape_intervall: {',
      "  /* scrape_intervall: ) } */ honor_labels: /[}{\\/]/.test('}') && true,",
      '  params: { scrape_intervall: ["1m"] },',
      '  "scrape_intervall": "1m",',
    ];
    const r = await build(project({ "main.ts": scrape(body) }));
    expect(at(r, "check/unknown-attribute")).toEqual(["main.ts:10:3"]);
    expect(r.stderr).toContain('10 |   "scrape_intervall": "1m",\n   |   ^^^^^^^^^^^^^^^^^^\n');
  });

  it("puts a finding inside a nested block at the nested key, in the right element of a list", async () => {
    const source = [
      'import { config, prometheus } from "alloyc";',
      "",
      'const mimir = prometheus.remote_write("mimir", {',
      "  endpoint: [",
      '    { url: "http://a" },',
      "    {",
      '      url: "http://b",',
      '      remote_timeot: "30s",',
      '      queue_config: { capacity: "many" },',
      "    },",
      "  ],",
      "});",
      "export default config(mimir);",
      "",
    ].join("\n");
    const r = await build(project({ "main.ts": source }));
    expect(r.code).toBe(1);
    expect(at(r, "check/unknown-attribute")).toEqual(["main.ts:8:7"]);
    expect(at(r, "check/wrong-type")).toEqual(["main.ts:9:33"]);
    expect(r.stderr).toContain('9 |       queue_config: { capacity: "many" },\n   |                                 ^^^^^^\n');
    expect(r.stderr).toMatch(/^ {2}= note: created at main\.ts:3:2[56]$/m);
  });

  it("puts a finding in a stage written as a group element at the stage's key", async () => {
    const source = [
      'import { config, loki } from "alloyc";',
      "",
      'const write = loki.write("w", { endpoint: { url: "http://loki" } });',
      'export default config(write, loki.process("p", {',
      "  forward_to: [write.receiver],",
      '  stage: [{ "stage.static_labels": { values: { a: "b" } } }, { "stage.json": {',
      "    expressions: {},",
      '    drop_malformd: true,',
      "  } }],",
      "}));",
      "",
    ].join("\n");
    const r = await build(project({ "main.ts": source }));
    expect(r.code).toBe(1);
    expect(at(r, "check/unknown-attribute")).toEqual(["main.ts:8:5"]);
  });

  it("falls back to the call, saying so, when the object is built elsewhere; to the deepest key it can find", async () => {
    const source = [
      'import { config, prometheus } from "alloyc";',
      "",
      'const queue = { capacity: "many" };',
      'const mimir = prometheus.remote_write("mimir", { endpoint: { url: "http://mimir", queue_config: queue } });',
      'const args = { targets: [], forward_to: [mimir.receiver], scrape_intervall: "1m" };',
      'const scrape = prometheus.scrape("x", args);',
      "export default config(mimir, scrape);",
      "",
    ].join("\n");
    const r = await build(project({ "main.ts": source }));
    expect(r.code).toBe(1);
    expect(at(r, "check/unknown-attribute")).toEqual([expect.stringMatching(/^main\.ts:6:2[67]$/)]);
    expect(r.stderr).toContain("  = note: at the call: `scrape_intervall` is not written in an object literal passed to it (the object is built elsewhere, e.g. in a variable)\n");
    expect(at(r, "check/wrong-type")).toEqual(["main.ts:4:83"]);
    expect(r.stderr).toMatch(
      /^ {2}= note: created at main\.ts:4:2[56]; `endpoint\.queue_config\.capacity` is not written in the object literal there, so this is `queue_config`, whose value is built elsewhere$/m,
    );
  });

  it("finds the property in the imported file that made the block", async () => {
    const dir = project({
      "main.ts": 'import { config } from "alloyc";\nimport { scraper } from "./lib/scrape.ts";\n\nexport default config(...scraper());\n',
      "lib/scrape.ts": [
        'import { prometheus } from "alloyc";',
        "",
        "export function scraper() {",
        '  const mimir = prometheus.remote_write("mimir", { endpoint: { url: "http://mimir" } });',
        "  return [",
        "    mimir,",
        '    prometheus.scrape("x", {',
        "      targets: [],",
        "      forward_to: [mimir.receiver],",
        '      scrape_interval: "5 minutes",',
        "    }),",
        "  ];",
        "}",
        "",
      ].join("\n"),
    });
    const r = await build(dir);
    expect(r.code).toBe(1);
    expect(at(r, "check/invalid-duration")).toEqual(["lib/scrape.ts:10:24"]);
    expect(r.stderr).toMatch(/^ {2}= note: created at lib\/scrape\.ts:7:1[67]$/m);
  });

  it("puts a value the builder cannot lower at its property, not at the call (nested block, list element)", async () => {
    const dir = project({
      "main.ts": [
        'import { config, loki } from "alloyc";',
        "",
        'const w = loki.write("w", {',
        "  endpoint: [",
        '    { url: "http://a" },',
        "    {",
        '      url: "http://b",',
        "      min_backoff_period: Number.NaN as never,",
        "    },",
        "  ],",
        "});",
        "export default config(w);",
        "",
      ].join("\n"),
    });
    const r = await build(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^main\.ts:8:27: error: loki\.write "w"\.endpoint\[1\]\.min_backoff_period: Alloy has no number NaN\n/);
    expect(r.stderr).toContain("8 |       min_backoff_period: Number.NaN as never,\n");
    expect(r.stderr).toMatch(/^ {2}= note: created at main\.ts:3:1[67]$/m);
    noStack(r.stderr);
  });

  it("keeps a value error at the call when the object is built elsewhere", async () => {
    const dir = project({
      "main.ts": ['import { config, logging } from "alloyc";', "", "const args = { level: Number.POSITIVE_INFINITY as never };", "export default config(logging(args));", ""].join("\n"),
    });
    const r = await build(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^main\.ts:4:2[34]: error: logging\.level: Alloy has no number Infinity\n/);
    expect(r.stderr).not.toContain("created at");
  });
});
