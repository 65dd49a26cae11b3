import { describe, expect, it } from "vitest";
import { parseExpression, parseFile } from "../../src/parse/index.js";
import { scanAll } from "../../src/parse/scanner.js";
import { LineIndex } from "../../src/diag/index.js";
import { corpusManifest, hasShared, listFiles, readShared, readSharedJson, sharedPath } from "../shared.js";

const PARSER = "conformance/alloy-syntax/parser/testdata";
const ANNOTATION = /^\/\* *ERROR *(HERE)? *"([^"]*)" *\*\/$/;

/** The upstream harness: each `/* ERROR "rx" *\/` names the offset of the token before it. */
function expectedErrors(bytes: Uint8Array): Map<number, string> {
  const expected = new Map<number, string>();
  let prev = 0;
  let here = 0;
  for (const t of scanAll(bytes, { insertTerminators: true }).tokens) {
    const name = t.tokenType.name;
    if (name === "COMMENT") {
      const m = ANNOTATION.exec(t.image);
      if (m) expected.set(m[1] ? here : prev, m[2] as string);
    } else if (name !== "TERMINATOR") {
      prev = t.startOffset;
      const literalLength = ["IDENT", "NUMBER", "FLOAT", "STRING"].includes(name)
        ? (t.endOffset as number) - t.startOffset + 1
        : (name === "EOF" ? 3 : name.length);
      here = prev + literalLength;
    }
  }
  return expected;
}

describe.skipIf(!hasShared)("parser conformance (../shared)", () => {
  it("parses every parser/testdata/valid file with no diagnostic", () => {
    const files = listFiles(sharedPath(PARSER, "valid"));
    const failures = files.filter((f) => parseFile(readShared(PARSER, "valid", f), f).diagnostics.length > 0);
    console.log(`parser valid: ${files.length - failures.length}/${files.length}`);
    expect(failures).toEqual([]);
  });

  it("matches every /* ERROR */ annotation of parser/testdata", () => {
    const files = listFiles(sharedPath(PARSER), (f) => !f.startsWith("valid/") && !f.startsWith("fuzz/") && f.endsWith(".alloy"));
    let annotations = 0;
    let matched = 0;
    const problems: string[] = [];
    for (const f of files) {
      const bytes = readShared(PARSER, f);
      const expected = expectedErrors(bytes);
      annotations += expected.size;
      for (const d of parseFile(bytes, f).diagnostics) {
        const rx = expected.get(d.span.start);
        if (rx !== undefined && new RegExp(rx).test(d.message)) {
          expected.delete(d.span.start);
          matched++;
        } else problems.push(`${f}@${d.span.start}: unexpected ${d.message}`);
      }
      for (const [offset, rx] of expected) problems.push(`${f}@${offset}: missing /${rx}/`);
    }
    console.log(`parser ERROR annotations: ${matched}/${annotations} in ${files.length} files`);
    expect(problems).toEqual([]);
  });

  it("terminates on the upstream fuzz seeds", () => {
    const files = listFiles(sharedPath(PARSER, "fuzz"));
    for (const f of files) {
      const line2 = readShared(PARSER, "fuzz", f).toString("utf8").split("\n")[1] as string;
      const literal = JSON.parse(line2.slice("[]byte(".length, -1)) as string;
      expect(parseFile(literal).diagnostics.length).toBeGreaterThan(0);
    }
  });

  it("gives upstream's diagnostics for every derived/parse_error_cases probe", () => {
    const { cases } = readSharedJson("conformance/alloy-syntax/derived/parse_error_cases.json");
    let firstOk = 0;
    let allOk = 0;
    const problems: string[] = [];
    for (const c of cases) {
      const bytes = c.input_base64 ? Buffer.from(c.input_base64, "base64") : Buffer.from(c.input, "utf8");
      const { diagnostics, source } = parseFile(bytes, "config.alloy");
      const got = diagnostics.map((d) => {
        const p = source.lines.position(d.span.start);
        return `${p.line}:${p.column}: ${d.message}`;
      });
      const want = (c.diagnostics ?? []).map((d: any) => `${d.line}:${d.column}: ${d.message}`);
      if (got[0] === want[0]) firstOk++;
      else problems.push(`${c.name}: first ${JSON.stringify(got[0])} want ${JSON.stringify(want[0])}`);
      if (JSON.stringify(got) === JSON.stringify(want)) allOk++;
      else problems.push(`${c.name}: got ${JSON.stringify(got)} want ${JSON.stringify(want)}`);
    }
    console.log(`parse_error_cases: first diagnostic ${firstOk}/${cases.length}, whole list ${allOk}/${cases.length}`);
    expect(problems).toEqual([]);
  });

  it("parses every tables/parser_expressions.json input as one expression", () => {
    const { cases } = readSharedJson("conformance/alloy-syntax/tables/parser_expressions.json");
    const failures = cases.filter((c: any) => parseExpression(c.input).diagnostics.length > 0).map((c: any) => c.name);
    console.log(`parser expressions: ${cases.length - failures.length}/${cases.length}`);
    expect(failures).toEqual([]);
  });

  it("stores object field names without quotes (tables/parser_object_field_name.json)", () => {
    const { cases } = readSharedJson("conformance/alloy-syntax/tables/parser_object_field_name.json");
    for (const c of cases) {
      const { expr, diagnostics } = parseExpression(`{${c.input}}`);
      expect(diagnostics).toEqual([]);
      expect(expr.kind === "Object" && expr.fields[0]?.key.name).toBe(c.expected_name);
    }
  });

  it("parses every real corpus file except the one upstream rejects", () => {
    const rows = corpusManifest();
    let clean = 0;
    const problems: string[] = [];
    for (const row of rows) {
      const file = row.local_file as string;
      const { diagnostics, source } = parseFile(readShared("corpus", file), file);
      if (row.fmt_clean === "parse-error") {
        const first = diagnostics[0];
        const pos = first && source.lines.position(first.span.start);
        const got = first ? `${pos!.line}:${pos!.column}: ${first.message}` : "none";
        // Upstream (fmt_clean = parse-error) stops at the first hyphenated label, line 67.
        if (got !== "67:22: expected block label to be a valid identifier, but got \"push-gateway\"") problems.push(`${file}: ${got}`);
        else clean++;
      } else if (diagnostics.length === 0) clean++;
      else problems.push(`${file}: ${diagnostics[0]!.message}`);
    }
    console.log(`corpus parse: ${clean}/${rows.length}`);
    expect(problems).toEqual([]);
  });
});

describe("parser basics", () => {
  it("keeps byte offsets for non-ASCII text", () => {
    const { file, diagnostics } = parseFile('a = "é"\nb = 1\n');
    expect(diagnostics).toEqual([]);
    expect(file.body[1]!.span.start).toBe(9);
  });

  it("groups comments", () => {
    const { file } = parseFile("// a\n// b\n\n// c\nx = 1 // d\n");
    expect(file.comments.map((g) => g.comments.map((c) => c.text))).toEqual([["// a", "// b"], ["// c"], ["// d"]]);
  });

  it("computes line:col from a LineIndex", () => {
    expect(LineIndex.fromText("ab\ncd").position(4)).toMatchObject({ line: 2, column: 2 });
  });
});
