import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../src/check/index.js";
import { renderText, toJson, type JsonDiagnostic, type Located } from "../src/diag/index.js";
import { lint } from "../src/lint.js";

/**
 * Help that says what to do, through the lint facade, as text and as JSON: each case's help is
 * printed under the frame and kept in JSON with its fixes, and applying the fixes (the first of
 * each finding) gives a configuration without that finding.
 */
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const lintText = (text: string): Promise<Located[]> => lint([{ name: "t.alloy", bytes: bytes(text) }]);

/** `text` with the first fix of each JSON finding applied (edits on one line each, last first). */
function applyFirstFixes(text: string, findings: readonly JsonDiagnostic[]): string {
  const lines = text.split("\n");
  const edits = findings.flatMap((f) => f.fixes?.[0]?.edits ?? []).sort((a, b) => b.line - a.line || b.column - a.column);
  for (const e of edits) {
    expect(e.endLine).toBe(e.line);
    const line = lines[e.line - 1] as string;
    lines[e.line - 1] = line.slice(0, e.column - 1) + e.newText + line.slice(e.endColumn - 1);
  }
  return lines.join("\n");
}

const LOKI = `loki.write "default" {\n  endpoint {\n    url = "http://loki"\n  }\n}\n`;
const OTLP = `otelcol.exporter.otlp "tempo" {\n  client {\n    endpoint = "tempo:4317"\n  }\n}\n`;

interface Case {
  readonly name: string;
  readonly code: string;
  readonly finding: string;
  readonly help: RegExp;
  /** Whether applying the first fix of each finding of this code leaves none of them. */
  readonly fixed?: boolean;
}

const cases: Case[] = [
  {
    name: "capsule mismatch: an export of the right kind that the config has, and the producers closest to what was written",
    code: `${LOKI}\n${OTLP}\nloki.source.file "f" {\n  targets    = []\n  forward_to = [otelcol.exporter.otlp.tempo.input]\n}\n`,
    finding: "check/capsule-mismatch",
    help: /^this config has loki\.write\.default\.receiver; capsule\(loki\.LogsReceiver\) comes from otelcol\.receiver\.loki, loki\./,
    fixed: true,
  },
  {
    name: "capsule mismatch: a loki receiver where otelcol consumers go names otelcol.exporter.loki first",
    code: `${LOKI}\notelcol.processor.batch "b" {\n  output {\n    logs = [loki.write.default.receiver]\n  }\n}\n`,
    finding: "check/capsule-mismatch",
    help: /^capsule\(otelcol\.Consumer\) comes from otelcol\.exporter\.loki, /,
  },
  {
    name: "a single receiver where a list goes: wrap it in [ ]",
    code: `${LOKI}\nloki.source.file "f" {\n  targets    = []\n  forward_to = loki.write.default.receiver\n}\n`,
    finding: "check/capsule-mismatch",
    help: /^forward_to takes a list: wrap it in \[ \]$/,
    fixed: true,
  },
  {
    name: "a single string where a list goes: wrap it in [ ]",
    code: `discovery.relabel "r" {\n  targets = []\n\n  rule {\n    source_labels = "__name__"\n    action        = "keep"\n  }\n}\n`,
    finding: "check/wrong-type",
    help: /^source_labels takes a list: wrap it in \[ \]$/,
    fixed: true,
  },
  {
    name: "unknown escape in a regular expression",
    code: `loki.process "p" {\n  forward_to = []\n\n  stage.regex {\n    expression = "(\\d+) \\w"\n  }\n}\n`,
    finding: "parse/lexical",
    help: /^in a regular expression, write the backslash twice \("\\\\d"\) or write the string between backticks/,
    fixed: true,
  },
  {
    name: "missing required argument: the matching exports of the config",
    code: `${LOKI}\nloki.source.file "f" {\n  targets = []\n}\n`,
    finding: "check/missing-required",
    help: /^forward_to takes list\(capsule\(loki\.LogsReceiver\)\); this config has loki\.write\.default\.receiver$/,
  },
  {
    name: "enum did-you-mean",
    code: `discovery.relabel "r" {\n  targets = []\n\n  rule {\n    action = "kep"\n  }\n}\n`,
    finding: "check/enum-value",
    help: /^did you mean "keep"\?$/,
    fixed: true,
  },
  {
    name: "stdlib did-you-mean",
    code: `local.file "f" {\n  filename = string.formatt("%s", "x")\n}\n`,
    finding: "check/unknown-function",
    help: /^did you mean "string\.format"\?$/,
    fixed: true,
  },
  {
    name: "deprecated alias: its replacement",
    code: `local.file "f" {\n  filename = env("HOME")\n}\n`,
    finding: "check/deprecated-function",
    help: /^use sys\.env instead$/,
    fixed: true,
  },
];

describe("help that says what to do", () => {
  beforeAll(async () => {
    await loadCatalog();
  });

  for (const c of cases) {
    it(c.name, async () => {
      const items = await lintText(c.code);
      const mine = items.filter((i) => i.diagnostic.code === c.finding);
      expect(mine.length, `no ${c.finding} in ${JSON.stringify(items.map((i) => i.diagnostic.message))}`).toBeGreaterThan(0);
      const text = renderText(mine);
      const help = mine[0]?.diagnostic.help ?? "";
      expect(help).toMatch(c.help);
      expect(text).toContain(`  = help: ${help}\n`);
      const json = toJson(mine);
      expect(json[0]?.help).toBe(help);
      if (!c.fixed) return;
      expect(json.every((j) => (j.fixes?.length ?? 0) > 0)).toBe(true);
      const after = await lintText(applyFirstFixes(c.code, json));
      expect(after.filter((i) => i.diagnostic.code === c.finding).map((i) => i.diagnostic.message)).toEqual([]);
    });
  }

  it("every did-you-mean carries its replacement as a fix", async () => {
    const code = [
      LOKI,
      'loki.source.file "f" {\n  targets     = []\n  forward_too = [loki.write.defualt.reciever]\n}\n',
      'loki.wirte "w" { }\n',
      'loki.process "p" {\n  forward_to = []\n\n  stage.jsonn { }\n}\n',
      'discovery.relabel "r" {\n  targets = []\n\n  rule {\n    action = "kep"\n  }\n}\n',
      'local.file "x" {\n  filename = string.formatt("%s", "x")\n}\n',
    ].join("\n");
    const json = toJson(await lintText(code));
    const dym = json.filter((j) => /did you mean/.test(j.help ?? ""));
    expect(dym.map((j) => j.code).sort()).toEqual(["check/enum-value", "check/unknown-attribute", "check/unknown-block", "check/unknown-component", "check/unknown-function", "check/unresolved-reference"]);
    for (const j of dym) {
      const suggested = /did you mean (?:the standard-library function )?"?(.+?)"?\?$/.exec(j.help as string)?.[1] as string;
      expect(j.fixes?.[0]?.edits.map((e) => e.newText.replace(/^"|"$/g, "")), j.message).toContain(suggested.replace(/^"|"$/g, ""));
    }
  });
});

describe("related locations in JSON", () => {
  const related = async (code: string, finding: string) =>
    toJson((await lintText(code)).filter((i) => i.diagnostic.code === finding)).map((j) => ({ at: `${j.line}:${j.column}`, related: j.related?.map((r) => `${r.message} ${r.line}:${r.column}`) }));

  it("duplicate-block and duplicate-attribute: the first one", async () => {
    expect(await related(`${LOKI}\n${LOKI}`, "check/duplicate-block")).toEqual([{ at: "7:1", related: ["first declared here 1:1"] }]);
    expect(await related(`local.file "f" {\n  filename = "a"\n  filename = "b"\n}\n`, "check/duplicate-attribute")).toEqual([{ at: "3:3", related: ["first set here 2:3"] }]);
  });

  it("capsule-mismatch: the referenced component's block", async () => {
    expect(await related(`${OTLP}\nloki.source.file "f" {\n  targets    = []\n  forward_to = [otelcol.exporter.otlp.tempo.input]\n}\n`, "check/capsule-mismatch")).toEqual([
      { at: "9:17", related: ["otelcol.exporter.otlp.tempo is declared here 1:1"] },
    ]);
  });

  it("cycle: the other members", async () => {
    const code = `loki.relabel "a" {\n  forward_to = [loki.relabel.b.receiver]\n}\n\nloki.relabel "b" {\n  forward_to = [loki.relabel.c.receiver]\n}\n\nloki.relabel "c" {\n  forward_to = [loki.relabel.a.receiver]\n}\n`;
    expect(await related(code, "check/cycle")).toEqual([
      { at: "1:1", related: ["loki.relabel.b is in the cycle 5:1", "loki.relabel.c is in the cycle 9:1"] },
      { at: "5:1", related: ["loki.relabel.a is in the cycle 1:1", "loki.relabel.c is in the cycle 9:1"] },
      { at: "9:1", related: ["loki.relabel.a is in the cycle 1:1", "loki.relabel.b is in the cycle 5:1"] },
    ]);
  });
});
