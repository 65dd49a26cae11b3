import { describe, expect, it } from "vitest";
import { codeFrame, findingHeader, renderText, sourceFile, type Diagnostic, type Located } from "../../src/diag/index.js";

const file = sourceFile("config.alloy", new TextEncoder().encode('logging {\n  levle = "info"\n}\n'));
const finding = (severity: Diagnostic["severity"]): Located => ({
  file,
  diagnostic: { code: "check/unknown-attribute", severity, span: { start: 12, end: 17 }, message: 'unrecognized attribute name "levle"', help: 'did you mean "level"?' },
});

const PLAIN = [
  'config.alloy:2:3: error: unrecognized attribute name "levle" [check/unknown-attribute]',
  "1 | logging {",
  '2 |   levle = "info"',
  "  |   ^^^^^",
  "3 | }",
  '  = help: did you mean "level"?',
  "",
].join("\n");

const strip = (s: string): string => s.replace(/\x1b\[\d+m/g, "");

describe("renderText", () => {
  it("prints alloyc's text form, the same with colour off", () => {
    expect(renderText([finding("error")])).toBe(PLAIN);
    expect(renderText([finding("error")], { color: false })).toBe(PLAIN);
  });

  it("colours the severity, the code and the carets itself, and nothing else changes", () => {
    for (const [severity, sgr] of [["error", "31"], ["warning", "33"], ["info", "36"]] as const) {
      const coloured = renderText([finding(severity)], { color: true });
      expect(strip(coloured)).toBe(PLAIN.replace(": error:", `: ${severity}:`));
      expect(coloured).toContain(`config.alloy:2:3: \x1b[${sgr}m${severity}\x1b[0m: unrecognized`);
      expect(coloured).toContain("\x1b[2m[check/unknown-attribute]\x1b[0m\n");
      expect(coloured).toContain(`  |   \x1b[${sgr}m^^^^^\x1b[0m\n`);
    }
  });

  it("colours a multi-line frame's marks, not its gutter", () => {
    const multi = sourceFile("m.alloy", new TextEncoder().encode("a = [\n  1,\n]\n"));
    const start = multi.lines.position(4);
    const end = multi.lines.position(10);
    const plain = codeFrame(multi, start, end);
    const coloured = codeFrame(multi, start, end, { color: true, severity: "warning" });
    expect(strip(coloured)).toBe(plain);
    expect(coloured).toMatch(/^ {2}\| {2}\x1b\[33m_+\^\x1b\[0m$/m);
  });

  it("writes a header without a position or a code", () => {
    expect(findingHeader("p.ts", "error", "the pipeline threw: x", undefined)).toBe("p.ts: error: the pipeline threw: x\n");
    expect(findingHeader("p.ts:3:9", "warning", "m", "c/x", { color: true })).toBe("p.ts:3:9: \x1b[33mwarning\x1b[0m: m \x1b[2m[c/x]\x1b[0m\n");
  });
});
