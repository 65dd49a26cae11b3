import { describe, expect, it } from "vitest";
import {
  codeFrame,
  escapeControl,
  fileUri,
  findingHeader,
  renderAlloyPretty,
  renderSarif,
  renderText,
  sourceFile,
  type Diagnostic,
  type Located,
} from "../../src/diag/index.js";

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

describe("escapeControl", () => {
  it("shows C0 controls but TAB, DEL, C1 controls and bidi overrides in a visible form", () => {
    expect(escapeControl("a\x1b[31mb\x07c\x00d\x7fe")).toBe("a\\x1b[31mb\\x07c\\x00d\\x7fe");
    expect(escapeControl("new\nline\rcr")).toBe("new\\x0aline\\x0dcr");
    expect(escapeControl("\u009b2J \u0085 \u202eevil\u2066")).toBe("\\u009b2J \\u0085 \\u202eevil\\u2066");
    expect(escapeControl("tab\tstays, ü and 日本 and \u00a0 too")).toBe("tab\tstays, ü and 日本 and \u00a0 too");
  });
});

describe("control characters from a file never reach the terminal", () => {
  const evil = sourceFile("a\x1b]0;x\x07.alloy", new TextEncoder().encode('x = "\x1b[2J" + y\n'));
  const item: Located = { file: evil, diagnostic: { code: "check/unknown-attribute", severity: "error", span: { start: 13, end: 14 }, message: "bad \x1b[1m", help: "\x1b[0m" } };

  it("escapes them in the code frame, and the carets stay under what they mark", () => {
    // y, after the escape: as far right as the escape is wide.
    const y = evil.lines.position(13);
    expect(codeFrame(evil, y, y)).toBe(`1 | x = "\\x1b[2J" + y\n  | ${" ".repeat(16)}^\n2 | \n`);
    // The string: one caret per shown character of the escape.
    expect(codeFrame(evil, evil.lines.position(4), evil.lines.position(9))).toBe('1 | x = "\\x1b[2J" + y\n  |     ^^^^^^^^^\n2 | \n');
  });

  it("escapes them in file names, messages and help, in alloyc's and Alloy's text forms", () => {
    for (const text of [renderText([item]), renderAlloyPretty([item])]) {
      expect(text.replaceAll("\n", "")).not.toMatch(/[\x00-\x08\x0a-\x1f\x7f-\x9f]/);
      expect(text).toContain("a\\x1b]0;x\\x07.alloy:1:14");
      expect(text).toContain("bad \\x1b[1m");
    }
    expect(renderText([item])).toContain("  = help: \\x1b[0m\n");
  });
});

describe("fileUri (SARIF)", () => {
  it("percent-encodes each path segment as RFC 3986 asks, keeping the slashes", () => {
    expect(fileUri("conf/a.alloy")).toBe("conf/a.alloy");
    expect(fileUri("my conf/100%#1?.alloy")).toBe("my%20conf/100%25%231%3F.alloy");
    expect(fileUri("ü/日本.alloy")).toBe("%C3%BC/%E6%97%A5%E6%9C%AC.alloy");
    expect(fileUri("a:b.alloy")).toBe("a%3Ab.alloy"); // not read as a scheme
    expect(fileUri("<stdin>")).toBe("%3Cstdin%3E");
    expect(fileUri("/tmp/x y.alloy")).toBe("file:///tmp/x%20y.alloy");
    expect(fileUri("bad\ud800.alloy")).toBe("bad%EF%BF%BD.alloy");
  });

  it("is what renderSarif writes as each result's artifactLocation.uri", () => {
    const file = sourceFile("a b#.alloy", new TextEncoder().encode("x = 1\n"));
    const sarif = JSON.parse(renderSarif([{ file, diagnostic: { code: "check/unknown-attribute", severity: "warning", span: { start: 0, end: 1 }, message: "m" } }], "0"));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("a%20b%23.alloy");
  });
});

describe("code frames of long lines", () => {
  it("shows a line over 512 bytes as a window around the marks (… at the cuts), carets still under them", () => {
    const head = "x = " + "1 + ".repeat(300);
    const line = head + "ü\x1b" + " + 2".repeat(300);
    const file = sourceFile("w.alloy", new TextEncoder().encode(`a = 1\n${line}\nb = 2\n`));
    const at = 6 + new TextEncoder().encode(head).length;
    const frame = codeFrame(file, file.lines.position(at), file.lines.position(at + 2));
    const [before, shown, carets, after] = frame.split("\n");
    expect(before).toBe("1 | a = 1");
    expect(after).toBe("3 | b = 2");
    expect(shown).toMatch(/^2 \| …(1 \+ )+ü\\x1b( \+ 2)+…$/);
    expect((shown as string).length).toBeLessThan(260);
    // The carets sit under ü and the escaped ESC, wherever the window starts.
    expect((carets as string).indexOf("^")).toBe((shown as string).indexOf("ü"));
    expect(carets).toMatch(/\^{5}$/);
  });

  it("costs the same on a 1 MB line as on a short one (the frame is bounded)", () => {
    const file = sourceFile("big.alloy", new Uint8Array(1_000_000).fill(0x61));
    const frame = codeFrame(file, file.lines.position(500_000), file.lines.position(500_000));
    // 100 bytes either side of the mark, the … taking the place of the rest.
    expect(frame).toBe(`1 | …${"a".repeat(201)}…\n  | ${" ".repeat(101)}^\n`);
  });
});
