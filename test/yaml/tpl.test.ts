import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeTpl, escapeTplKeeping, readTplLine } from "../../src/yaml/index.js";
import { tplReference } from "./reference-tpl.js";

describe("escapeTpl", () => {
  it("writes {{ and }} as actions printing them", () => {
    expect(escapeTpl('template = "{{ .Value }}"')).toBe('template = "{{ "{{" }} .Value {{ "}}" }}"');
    expect(escapeTpl("a { b } c")).toBe("a { b } c");
    expect(escapeTpl("no braces")).toBe("no braces");
  });

  it("escapes whole runs of braces, so no brace beside an escape pairs with it", () => {
    expect(escapeTpl("{}}")).toBe('{{ "{}}" }}');
    expect(escapeTpl("x{{{y}}}")).toBe('x{{ "{{{" }}y{{ "}}}" }}');
    // Escaping pair by pair would give {{{ "}}" }} here, which tpl cannot parse.
    expect(() => tplReference('{{{ "}}" }}')).toThrow();
    expect(tplReference(escapeTpl("{}}"))).toBe("{}}");
  });

  it("gives back the text through the reference tpl, for any text of braces, quotes and words", () => {
    let runs = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom("{", "}", "{{", "}}", '"', "`", " ", "a", "\\", "-", "\n", "\t")).map((parts) => parts.join("")), (text) => {
        runs++;
        expect(tplReference(escapeTpl(text))).toBe(text);
      }),
      { numRuns: 2000 },
    );
    console.log(`escapeTpl round trip: ${runs} random texts`);
  });
});

describe("escapeTplKeeping", () => {
  it("escapes the text's braces but keeps the actions tpl evaluates, once formatting moved them", () => {
    const old = ['x = "{{ "{{" }} .A {{ "}}" }}"', 'y = "{{ .Values.b }}"'].map(readTplLine);
    const formatted = 'x =  "{{ .A }}"\ny  = "{{ .Values.b }}"\n';
    expect(escapeTplKeeping(old, formatted)).toBe('x =  "{{ "{{" }} .A {{ "}}" }}"\ny  = "{{ .Values.b }}"\n');
  });

  it("gives up when an action's braces touch an escape's, or the braces changed", () => {
    expect(escapeTplKeeping([readTplLine('{{ "{{" }}{{ .A }}')], "{{{{ .A }}")).toBeUndefined();
    expect(escapeTplKeeping([readTplLine("{{ .A }}")], "{{ .A }} }}")).toBeUndefined();
  });
});

describe("readTplLine", () => {
  it("undoes the escapes it recognizes and reports other actions", () => {
    const line = readTplLine('a {{ "{{" }} .X {{"}}"}} {{ `{{` }} {{ .Values.y }} {{ "\\n" }}');
    expect(line.text).toBe('a {{ .X }} {{ {{ .Values.y }} {{ "\\n" }}');
    expect(line.actions.map((a) => 'a {{ "{{" }} .X {{"}}"}} {{ `{{` }} {{ .Values.y }} {{ "\\n" }}'.slice(a.start, a.end))).toEqual(["{{ .Values.y }}", '{{ "\\n" }}']);
  });

  it("inverts escapeTpl on every line", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("{", "}", "{{", "}}", '"', " ", "a", "\\")).map((parts) => parts.join("")), (text) => {
        const read = readTplLine(escapeTpl(text));
        expect(read.actions).toEqual([]);
        expect(read.text).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it("marks an action left open on its line", () => {
    expect(readTplLine("x {{ .a").actions).toEqual([{ start: 2, end: 7, textStart: 2, unclosed: true }]);
  });
});
