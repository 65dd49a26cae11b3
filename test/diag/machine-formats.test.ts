import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import ajvDraft04 from "ajv-draft-04";
import { describe, expect, it } from "vitest";
import { codes, replaceWith, type Diagnostic } from "../../src/diag/index.js";
import { renderGithub } from "../../src/diag/github.js";
import { renderText, sourceFile, summaryLine, toJson, type Located } from "../../src/diag/render.js";
import { codeDocs, renderSarif } from "../../src/diag/sarif.js";
import { rules } from "../../src/check/rules/index.js";

const text = 'loki.write "a" {\n  endpont {\n    url = "x"\n  }\n}\n';
const file = sourceFile("conf/a.alloy", new TextEncoder().encode(text));
const at = (needle: string): { start: number; end: number } => {
  const start = text.indexOf(needle);
  return { start, end: start + needle.length };
};

const typo: Diagnostic = {
  code: "check/unknown-block",
  severity: "error",
  span: at('endpont {\n    url = "x"\n  }'),
  message: 'unrecognized block name "endpont"',
  help: 'did you mean "endpoint"?',
  related: [
    { message: "block declared here", span: at('loki.write "a"') },
    { message: "created at", file: "pipeline.ts", line: 12, column: 5 },
  ],
  fixes: [replaceWith(at("endpont"), "endpoint")],
};
const plain: Diagnostic = { code: "check/unused-export", severity: "warning", span: at("loki.write"), message: "nobody uses loki.write.a" };
const note: Diagnostic = { code: "check/stability", severity: "info", span: at("url"), message: "experimental, 50%: a,b" };
const items: Located[] = [
  { file, diagnostic: typo },
  { file, diagnostic: plain },
  { file, diagnostic: note },
];

describe("JSON", () => {
  it("carries help, related locations (span or line:column) and fixes as half-open ranges with the new text", () => {
    const [first] = toJson([{ file, diagnostic: typo }]);
    expect(first).toEqual({
      file: "conf/a.alloy",
      line: 2,
      column: 3,
      endLine: 4,
      endColumn: 4,
      severity: "error",
      code: "check/unknown-block",
      message: 'unrecognized block name "endpont"',
      help: 'did you mean "endpoint"?',
      related: [
        { file: "conf/a.alloy", line: 1, column: 1, endLine: 1, endColumn: 15, message: "block declared here" },
        { file: "pipeline.ts", line: 12, column: 5, message: "created at" },
      ],
      fixes: [{ description: 'replace with "endpoint"', edits: [{ file: "conf/a.alloy", line: 2, column: 3, endLine: 2, endColumn: 10, newText: "endpoint" }] }],
    });
    // The existing keys first, in their order; the new ones only when there is something to say.
    expect(Object.keys(first as object)).toEqual(["file", "line", "column", "endLine", "endColumn", "severity", "code", "message", "help", "related", "fixes"]);
    expect(Object.keys(toJson([{ file, diagnostic: plain }])[0] as object)).toEqual(["file", "line", "column", "endLine", "endColumn", "severity", "code", "message"]);
  });

  it("applying a fix's edit to the file gives the corrected text", () => {
    const edit = toJson([{ file, diagnostic: typo }])[0]?.fixes?.[0]?.edits[0];
    const lines = text.split("\n");
    const line = lines[(edit?.line ?? 0) - 1] as string;
    lines[(edit?.line ?? 0) - 1] = line.slice(0, (edit?.column ?? 0) - 1) + edit?.newText + line.slice((edit?.endColumn ?? 0) - 1);
    expect(lines.join("\n")).toBe(text.replace("endpont", "endpoint"));
  });
});

describe("text", () => {
  it("shows related locations as notes under the help", () => {
    const out = renderText([{ file, diagnostic: typo }]);
    expect(out).toContain('  = help: did you mean "endpoint"?\n  = note: block declared here (conf/a.alloy:1:1)\n  = note: created at (pipeline.ts:12:5)\n');
  });

  it("summary line: counts by severity and files, or no problems", () => {
    expect(summaryLine(items, 3)).toBe("1 error, 1 warning, 1 note in 3 files\n");
    expect(summaryLine([...items, ...items], 1)).toBe("2 errors, 2 warnings, 2 notes in 1 file\n");
    expect(summaryLine([{ file, diagnostic: plain }], 2)).toBe("1 warning in 2 files\n");
    expect(summaryLine([], 3)).toBe("no problems in 3 files\n");
  });
});

describe("GitHub workflow commands", () => {
  it("prints one annotation per finding, severities mapped, properties and data escaped", () => {
    const odd = sourceFile("a,b:c%.alloy", new TextEncoder().encode("x = 1\n"));
    const out = renderGithub([
      ...items,
      { file: odd, diagnostic: { code: "check/wrong-type", severity: "error", span: { start: 4, end: 5 }, message: "100% wrong\r\nreally\x1b" } },
    ]);
    expect(out).toBe(
      "::error file=a%2Cb%3Ac%25.alloy,line=1,col=5,endLine=1,endColumn=5,title=check/wrong-type::100%25 wrong%0D%0Areally\\x1b\n" +
        "::warning file=conf/a.alloy,line=1,col=1,endLine=1,endColumn=10,title=check/unused-export::nobody uses loki.write.a\n" +
        '::error file=conf/a.alloy,line=2,col=3,endLine=4,endColumn=3,title=check/unknown-block::unrecognized block name "endpont"%0Ahelp: did you mean "endpoint"?\n' +
        "::notice file=conf/a.alloy,line=3,col=5,endLine=3,endColumn=7,title=check/stability::experimental, 50%25: a,b\n",
    );
  });
});

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8")) as object;

/**
 * The SARIF 2.1.0 schema (draft-04), with its formats checked: `uri` absolute, as the spec asks of
 * helpUri. Its patterns are not valid with the `u` flag (`]?` in the language pattern), so not unicode.
 */
function sarifValidator(): (data: unknown) => string[] {
  const ajv = new ajvDraft04.default({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat("uri", /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  ajv.addFormat("uri-reference", /^[^\s]*$/);
  ajv.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)));
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message ?? ""}`));
}

describe("SARIF 2.1.0", () => {
  const validate = sarifValidator();
  const docsBase = "https://example.org/alloyc/blob/main/";
  const sarif = JSON.parse(renderSarif(items, "1.2.3", { docsBase }));

  it("validates against the 2.1.0 schema, and the validator refuses a broken log", () => {
    expect(validate(sarif)).toEqual([]);
    expect(validate({ ...sarif, version: "2.0.0" })).not.toEqual([]);
    const relative = structuredClone(sarif);
    relative.runs[0].tool.driver.rules[0].helpUri = "src/check/rules/README.md#cycle";
    expect(validate(relative)).not.toEqual([]);
  });

  it("lists every registered code as a rule with name, descriptions and helpUri; results point at theirs by index", () => {
    const rulesOut = sarif.runs[0].tool.driver.rules as Array<{ id: string; name: string; shortDescription: { text: string }; fullDescription: { text: string }; helpUri: string }>;
    expect(rulesOut.map((r) => r.id)).toEqual(Object.keys(codes).sort());
    const block = rulesOut.find((r) => r.id === "check/unknown-block");
    expect(block).toMatchObject({
      name: "UnknownBlock",
      shortDescription: { text: codes["check/unknown-block"].description },
      helpUri: "https://example.org/alloyc/blob/main/src/check/rules/README.md#unknown-block",
    });
    expect(block?.fullDescription.text).toContain("src/check/rules/README.md#unknown-block");
    expect(rulesOut.find((r) => r.id === "parse/syntax")?.helpUri).toMatch(/^https:\/\/grafana\.com\/docs\/alloy\//);
    for (const r of sarif.runs[0].results) expect(rulesOut[r.ruleIndex]?.id).toBe(r.ruleId);
    expect(sarif.runs[0].results.map((r: { level: string }) => r.level)).toEqual(["warning", "error", "note"]);
  });

  it("carries related locations and fixes (deletedRegion + insertedContent)", () => {
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "check/unknown-block");
    expect(result.message.text).toBe('unrecognized block name "endpont"\nhelp: did you mean "endpoint"?');
    expect(result.relatedLocations).toEqual([
      { id: 0, physicalLocation: { artifactLocation: { uri: "conf/a.alloy" }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 15 } }, message: { text: "block declared here" } },
      { id: 1, physicalLocation: { artifactLocation: { uri: "pipeline.ts" }, region: { startLine: 12, startColumn: 5 } }, message: { text: "created at" } },
    ]);
    expect(result.fixes).toEqual([
      {
        description: { text: 'replace with "endpoint"' },
        artifactChanges: [
          {
            artifactLocation: { uri: "conf/a.alloy" },
            replacements: [{ deletedRegion: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 10 }, insertedContent: { text: "endpoint" } }],
          },
        ],
      },
    ]);
  });

  it("counts columns in UTF-16 code units (its columnKind), where JSON counts bytes", () => {
    const source = 'a = "ü😀" + bad\n';
    const f = sourceFile("u.alloy", new TextEncoder().encode(source));
    const bytes = new TextEncoder().encode(source);
    const start = bytes.length - 4; // "bad\n" is ASCII: the offset of "bad"
    const d: Diagnostic = { code: "check/unresolved-reference", severity: "error", span: { start, end: start + 3 }, message: "m", fixes: [replaceWith({ start, end: start + 3 }, "good")] };
    const json = toJson([{ file: f, diagnostic: d }])[0];
    expect([json?.column, json?.endColumn]).toEqual([start + 1, start + 4]);
    const out = JSON.parse(renderSarif([{ file: f, diagnostic: d }], "0"));
    const column = source.indexOf("bad") + 1; // JavaScript strings count UTF-16 units: ü is 1, 😀 is 2
    expect(out.runs[0].columnKind).toBe("utf16CodeUnits");
    expect(out.runs[0].results[0].locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: column, endLine: 1, endColumn: column + 3 });
    expect(out.runs[0].results[0].fixes[0].artifactChanges[0].replacements[0].deletedRegion).toEqual({ startLine: 1, startColumn: column, endLine: 1, endColumn: column + 3 });
    expect(column).toBe(start + 1 - 3); // ü saves one, 😀 two
  });

  it("without a docs base, rule links are relative to the repository root: each check rule's own docs anchor", () => {
    const plainSarif = JSON.parse(renderSarif(items, "0"));
    const byId = new Map((plainSarif.runs[0].tool.driver.rules as Array<{ id: string; helpUri: string }>).map((r) => [r.id, r.helpUri]));
    for (const rule of Object.values(rules)) {
      expect(byId.get(rule.meta.code)).toBe(rule.meta.docs);
      expect(codeDocs(rule.meta.code)).toBe(rule.meta.docs);
    }
    // The anchors exist: each is a section heading of the rules README.
    const readme = readFileSync(new URL("../../src/check/rules/README.md", import.meta.url), "utf8");
    for (const rule of Object.values(rules)) expect(readme).toContain(`\n## ${rule.meta.docs.split("#")[1]}\n`);
  });
});
