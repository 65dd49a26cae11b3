import { describe, expect, it } from "vitest";
import { renderAlloyPretty, sourceFile, type Diagnostic, type Located, type SourceFile } from "../../src/diag/index.js";
import { hasShared, readSharedJson } from "../shared.js";

/** tables/diag_pretty_print.json: Alloy's pretty diagnostics (spec §3.5), from syntax/diag/printer_test.go. */
interface Pos {
  line: number;
  column: number;
}
interface Case {
  name: string;
  filename: string;
  severity: "error" | "warning";
  message: string;
  start: Pos;
  end: Pos | null;
  file_content: string;
  expected_output: string;
}

function offsetOf(file: SourceFile, p: Pos): number {
  return file.lines.lineStart(p.line) + p.column - 1;
}

/** A diagnostic over line:column positions (end inclusive, as Alloy's are). */
function located(file: SourceFile, severity: "error" | "warning", message: string, start: Pos, end: Pos | null): Located {
  const from = offsetOf(file, start);
  const to = end ? offsetOf(file, end) + 1 : from + 1;
  const diagnostic: Diagnostic = { code: "parse/syntax", severity, message, span: { start: from, end: to } };
  return { file, diagnostic };
}

describe.skipIf(!hasShared)("renderAlloyPretty against tables/diag_pretty_print.json", () => {
  const table = hasShared ? readSharedJson<{ cases: Case[]; multiple: any }>("conformance/alloy-syntax/tables/diag_pretty_print.json") : { cases: [], multiple: undefined };

  for (const c of table.cases) {
    it(c.name, () => {
      const file = sourceFile(c.filename, new TextEncoder().encode(c.file_content));
      expect(renderAlloyPretty([located(file, c.severity, c.message, c.start, c.end)])).toBe(c.expected_output);
    });
  }

  it("multiple diagnostics across files", () => {
    const m = table.multiple as {
      files: Record<string, string>;
      diagnostics: Array<{ severity: "error" | "warning"; start: Pos & { filename: string }; end: Pos | null; message: string }>;
      expected_output: string;
    };
    const files = new Map(Object.entries(m.files).map(([name, text]) => [name, sourceFile(name, new TextEncoder().encode(text))]));
    const items = m.diagnostics.map((d) => located(files.get(d.start.filename) as SourceFile, d.severity, d.message, d.start, d.end));
    expect(renderAlloyPretty(items)).toBe(m.expected_output);
  });
});
