import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ajvDraft04 from "ajv-draft-04";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { type FakeProcess, type Run, runWith } from "./fake-io.js";

const lint = (args: string[], p: FakeProcess): Promise<Run> => runWith(main, ["lint", ...args], p);

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "alloyc-formats-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Each did-you-mean of the four rules that offer one: a misspelled component, block, attribute, export and reference. */
const TYPOS = `loki.write "default" {
  endpont {
    url = "http://loki:3100/loki/api/v1/push"
  }
}

loki.source.file "logs" {
  targets    = [{"__path__" = "/var/log/*.log"}]
  forward_to = [loki.write.default.reciever]
}

loki.source.file "more" {
  targets     = []
  forward_too = [loki.write.defualt.receiver]
}

loki.wirte "x" {
}
`;

interface JsonEdit {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}
interface JsonFinding {
  code: string;
  message: string;
  help?: string;
  fixes?: Array<{ description: string; edits: JsonEdit[] }>;
}

/** The text with every fix's edits applied (single-line edits, from the last to the first). */
function applyFixes(text: string, findings: JsonFinding[]): string {
  const lines = text.split("\n");
  const edits = findings.flatMap((f) => f.fixes?.flatMap((x) => x.edits) ?? []).sort((a, b) => b.line - a.line || b.column - a.column);
  for (const e of edits) {
    expect(e.endLine).toBe(e.line);
    const line = lines[e.line - 1] as string;
    lines[e.line - 1] = line.slice(0, e.column - 1) + e.newText + line.slice(e.endColumn - 1);
  }
  return lines.join("\n");
}

describe("lint --format json: help and fixes", () => {
  it("carries each did-you-mean as help and as a fix whose edit corrects the name", async () => {
    const cwd = project({ "config.alloy": TYPOS });
    const run = await lint(["--format=json", "config.alloy"], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const found = JSON.parse(run.stdout) as JsonFinding[];
    const fixed = found.filter((f) => f.fixes);
    expect(fixed.map((f) => [f.code, f.help, f.fixes?.[0]?.edits.map((e) => e.newText)])).toEqual([
      ["check/unknown-block", 'did you mean "endpoint"?', ["endpoint"]],
      ["check/unresolved-reference", 'did you mean "receiver"?', ["receiver"]],
      ["check/unknown-attribute", 'did you mean "forward_to"?', ["forward_to"]],
      ["check/unresolved-reference", 'did you mean "loki.write.default"?', ["loki.write.default"]],
      ["check/unknown-component", 'did you mean "loki.write"?', ["loki.write"]],
    ]);
    // Applied, the fixes leave a configuration with none of these findings.
    const corrected = applyFixes(TYPOS, found);
    expect(corrected).toBe(
      TYPOS.replace("endpont", "endpoint").replace("reciever", "receiver").replace("forward_too", "forward_to").replace("defualt", "default").replace("loki.wirte", "loki.write"),
    );
    writeFileSync(join(cwd, "config.alloy"), corrected);
    const again = JSON.parse((await lint(["--format=json", "config.alloy"], { cwd })).stdout) as JsonFinding[];
    expect(again.filter((f) => f.fixes)).toEqual([]);
  });

  it("fixes an unknown key of an object-typed attribute, quoted or not, keeping how it was written", async () => {
    const config = (key: string): string => `otelcol.processor.tail_sampling "t" {\n  decision_cache = {${key} = 10}\n\n  output { }\n}\n`;
    for (const [key, newText] of [["sampled_cache_sise", "sampled_cache_size"], ['"sampled_cache_sise"', '"sampled_cache_size"']] as const) {
      const cwd = project({ "config.alloy": config(key) });
      const found = JSON.parse((await lint(["--format=json", "config.alloy"], { cwd })).stdout) as JsonFinding[];
      const typo = found.find((f) => f.code === "check/unknown-attribute");
      expect(typo?.fixes).toEqual([
        { description: 'replace with "sampled_cache_size"', edits: [{ file: "config.alloy", line: 2, column: 21, endLine: 2, endColumn: 21 + key.length, newText }] },
      ]);
      expect(applyFixes(config(key), found)).toBe(config(newText));
    }
  });

  it("a help without a did-you-mean has no fix", async () => {
    const cwd = project({ "config.alloy": 'prometheus.scrape "s" {\n  targets = []\n  forward_to = [argument.x.value]\n}\n' });
    const found = JSON.parse((await lint(["--format=json", "config.alloy"], { cwd })).stdout) as JsonFinding[];
    const ref = found.find((f) => f.code === "check/unresolved-reference");
    expect(ref).toBeDefined();
    expect(ref?.fixes).toBeUndefined();
  });
});

describe("lint --format sarif", () => {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8")) as object;
  // The schema's patterns are not valid with the u flag; formats as the spec reads them.
  const ajv = new ajvDraft04.default({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat("uri", /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  ajv.addFormat("uri-reference", /^[^\s]*$/);
  ajv.addFormat("date-time", (v: string) => !Number.isNaN(Date.parse(v)));
  const validate = ajv.compile(schema);

  it("is a valid log whose results carry fixes and point at rules with descriptions and docs links", async () => {
    const cwd = project({ "config.alloy": TYPOS });
    const run = await lint(["--format=sarif", "config.alloy"], { cwd });
    const sarif = JSON.parse(run.stdout);
    const run0 = sarif.runs[0];
    const rules = run0.tool.driver.rules as Array<{ id: string; shortDescription: { text: string }; fullDescription: { text: string }; helpUri: string }>;
    for (const r of run0.results) {
      const rule = rules[r.ruleIndex];
      expect(rule?.id).toBe(r.ruleId);
      expect(rule?.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule?.fullDescription.text.length).toBeGreaterThan(0);
      expect(rule?.helpUri).toMatch(new RegExp(`(^|/)src/check/rules/README\\.md#${r.ruleId.split("/")[1]}$`));
    }
    const typo = run0.results.find((r: { ruleId: string }) => r.ruleId === "check/unknown-component");
    expect(typo.fixes[0].artifactChanges[0].replacements).toEqual([
      { deletedRegion: { startLine: 17, startColumn: 1, endLine: 17, endColumn: 11 }, insertedContent: { text: "loki.write" } },
    ]);
    // Rule links are absolute once package.json names the repository; until then they are
    // relative to the repository root, which is all the schema's uri format refuses.
    const relative = (rules[0]?.helpUri ?? "").startsWith("src/");
    const errors = validate(sarif) ? [] : (validate.errors ?? []).filter((e: { instancePath: string }) => !(relative && e.instancePath.endsWith("/helpUri")));
    expect(errors).toEqual([]);
  });
});

describe("lint --format github", () => {
  it("prints one workflow command per finding, and nothing else", async () => {
    const cwd = project({ "a,b.alloy": 'loki.write "x" {\n  endpont {\n  }\n}\n', "warn.alloy": 'local.file "f" {\n  filename = env("HOME")\n}\n' });
    const run = await lint(["--format=github", "a,b.alloy", "warn.alloy"], { cwd });
    expect(run).toEqual({
      code: 1,
      stderr: "",
      stdout:
        "::warning file=a%2Cb.alloy,line=1,col=1,endLine=1,endColumn=12,title=check/unused-export::loki.write.x receives no data: no component references its receiver%0Ahelp: forward to it (for example [loki.write.x.receiver]) or remove it\n" +
        '::error file=a%2Cb.alloy,line=2,col=3,endLine=3,endColumn=3,title=check/unknown-block::unrecognized block name "endpont"%0Ahelp: did you mean "endpoint"?\n' +
        "::warning file=warn.alloy,line=2,col=14,endLine=2,endColumn=16,title=check/deprecated-function::this stdlib function is deprecated; please refer to the documentation for updated usage and alternatives%0Ahelp: use sys.env instead\n",
    });
  });
});

describe("lint text summary line", () => {
  const terminal = { stderr: true };

  it("ends text output with counts on stderr when stderr is a terminal; stdout keeps only the findings", async () => {
    const cwd = project({ "conf/a.alloy": TYPOS.replace('loki.wirte "x" {\n}\n', ""), "conf/b.alloy": 'local.file "f" {\n  filename = env("HOME")\n}\n', "ok.alloy": "" });
    const run = await lint(["conf", "ok.alloy"], { cwd, tty: terminal });
    expect(run.stderr).toBe("5 errors, 1 warning in 3 files\n");
    expect(run.stdout).not.toContain("in 3 files");
    expect(run.stdout).toContain("[check/deprecated-function]");
    // Not for a pipe or a CI log: standard error stays empty.
    expect((await lint(["conf", "ok.alloy"], { cwd })).stderr).toBe("");
  });

  it("says no problems when clean; none after an I/O error, nor in the machine formats", async () => {
    const cwd = project({ "a.alloy": "", "b.alloy": "" });
    expect((await lint(["a.alloy", "b.alloy"], { cwd, tty: terminal })).stderr).toBe("no problems in 2 files\n");
    expect((await lint(["a.alloy", "missing.alloy"], { cwd, tty: terminal })).stderr).toMatch(/^alloyc: cannot read missing\.alloy: [^\n]+\n$/);
    for (const format of ["json", "sarif", "github"]) expect((await lint([`--format=${format}`, "a.alloy"], { cwd, tty: terminal })).stderr).toBe("");
  });
});
