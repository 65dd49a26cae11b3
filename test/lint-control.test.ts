import { describe, expect, it } from "vitest";
import type { Code, Severity } from "../src/diag/index.js";
import { lint } from "../src/lint.js";

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const found = (items: Awaited<ReturnType<typeof lint>>): string[] =>
  items.map(({ file, diagnostic: d }) => `${file.name}:${file.lines.position(d.span.start).line} ${d.severity} ${d.code}`);

// Two findings: an unused receiver (warning, line 1) and an unknown attribute (error, line 2).
const BODY = 'prometheus.exporter.unix "in" {\n  nope = 1\n}\n';
const lintOne = (text: string, severities?: ReadonlyMap<Code, Severity | "off">) =>
  lint([{ name: "a.alloy", bytes: bytes(text) }], severities ? { severities } : {});

describe("suppression comments (lint facade)", () => {
  it("reports both findings without a comment", async () => {
    expect(found(await lintOne(BODY))).toEqual(["a.alloy:1 warning check/unused-export", "a.alloy:2 error check/unknown-attribute"]);
  });

  it("alloyc-ignore-next-line drops the named code on the next line that holds a token, past blank lines and comments", async () => {
    const text = `// alloyc-ignore-next-line check/unused-export\n\n// why: only a demo\n${BODY}`;
    expect(found(await lintOne(text))).toEqual(["a.alloy:5 error check/unknown-attribute"]);
  });

  it("takes several comma-separated codes, and /* */ comments", async () => {
    const text = `/* alloyc-ignore-next-line check/unused-export, check/enum-value */\n${BODY.replace("  nope = 1\n", "  // alloyc-ignore-next-line check/unknown-attribute\n  nope = 1\n")}`;
    expect(found(await lintOne(text))).toEqual(["a.alloy:1 warning lint/unused-suppression"]);
  });

  it("does not reach past the next line, nor drop other codes", async () => {
    const text = `// alloyc-ignore-next-line check/unknown-attribute\n${BODY}`;
    expect(found(await lintOne(text))).toEqual([
      "a.alloy:2 warning check/unused-export",
      "a.alloy:3 error check/unknown-attribute",
      "a.alloy:1 warning lint/unused-suppression",
    ]);
  });

  it("alloyc-ignore-file drops the code anywhere in the file, wherever it is written", async () => {
    const text = `${BODY}\n// alloyc-ignore-file check/unknown-attribute\n`;
    expect(found(await lintOne(text))).toEqual(["a.alloy:1 warning check/unused-export"]);
  });

  it("reports a suppression that drops nothing, one without a code and one with an unknown code", async () => {
    const items = await lintOne(`// alloyc-ignore-file check/cycle\n// alloyc-ignore-next-line\n// alloyc-ignore-next-line check/nope\nlogging { }\n`);
    expect(items.map((i) => i.diagnostic.message)).toEqual([
      "alloyc-ignore-file check/cycle suppresses nothing in this file",
      'alloyc-ignore-next-line names an unknown code ""',
      'alloyc-ignore-next-line names an unknown code "check/nope"',
    ]);
    expect(items.every((i) => i.diagnostic.code === "lint/unused-suppression" && i.diagnostic.severity === "warning")).toBe(true);
  });

  it("applies each file's comments to that file only", async () => {
    const items = await lint([
      { name: "a.alloy", bytes: bytes(`// alloyc-ignore-file check/unknown-attribute\n${BODY}`) },
      { name: "b.alloy", bytes: bytes('prometheus.exporter.unix "in2" {\n  nope = 1\n}\n') },
    ]);
    expect(found(items)).toEqual([
      "a.alloy:2 warning check/unused-export",
      "b.alloy:1 warning check/unused-export",
      "b.alloy:2 error check/unknown-attribute",
    ]);
  });

  it("is not read from a string that looks like a comment", async () => {
    const text = BODY.replace("nope = 1", 'nope = "// alloyc-ignore-file check/unknown-attribute"');
    expect(found(await lintOne(text)).map((f) => f.split(" ")[2])).toEqual(["check/unused-export", "check/unknown-attribute"]);
  });
});

describe("severity overrides (lint facade)", () => {
  it("raises, lowers and drops codes", async () => {
    const severities = new Map<Code, Severity | "off">([
      ["check/unused-export", "error"],
      ["check/unknown-attribute", "info"],
    ]);
    expect(found(await lintOne(BODY, severities))).toEqual(["a.alloy:1 error check/unused-export", "a.alloy:2 info check/unknown-attribute"]);
    expect(found(await lintOne(BODY, new Map([["check/unused-export", "off"]])))).toEqual(["a.alloy:2 error check/unknown-attribute"]);
  });

  it("counts a suppression of a code that is off as used, and can turn unused-suppression reports off", async () => {
    const text = `// alloyc-ignore-next-line check/unused-export\n// alloyc-ignore-file check/cycle\n${BODY}`;
    expect(found(await lintOne(text, new Map([["check/unused-export", "off"]])))).toEqual([
      "a.alloy:4 error check/unknown-attribute",
      "a.alloy:2 warning lint/unused-suppression",
    ]);
    expect(found(await lintOne(text, new Map([["lint/unused-suppression", "off"]])))).toEqual(["a.alloy:4 error check/unknown-attribute"]);
  });
});

describe("duplicate blocks across the files of a configuration (lint facade)", () => {
  it("help says the files are one configuration and names the commands that lint them one by one", async () => {
    const items = await lint([
      { name: "cfg/a.alloy", bytes: bytes("logging { }\n") },
      { name: "cfg/my b.alloy", bytes: bytes("logging { }\n") },
    ]);
    expect(items).toHaveLength(1);
    expect(items[0]?.diagnostic.code).toBe("check/duplicate-block");
    expect(items[0]?.diagnostic.help).toContain("one configuration, as `alloy run DIR` loads them");
    expect(items[0]?.diagnostic.help).toContain("`alloyc lint cfg/a.alloy`, `alloyc lint 'cfg/my b.alloy'`");
  });

  it("no such help for a repeat in the same file", async () => {
    const same = await lint([{ name: "a.alloy", bytes: bytes("logging { }\nlogging { }\n") }]);
    expect(same[0]?.diagnostic.code).toBe("check/duplicate-block");
    expect(same[0]?.diagnostic.help).toBeUndefined();
  });
});
