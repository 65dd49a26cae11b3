import { describe, expect, it } from "vitest";
import { LineIndex } from "../../src/diag/index.js";
import { findAlloy, type AlloyRegion } from "../../src/yaml/index.js";

const encoder = new TextEncoder();

function found(yaml: string): readonly AlloyRegion[] {
  const f = findAlloy(encoder.encode(yaml));
  if (!f.ok) throw new Error(f.error.message);
  return f.regions;
}

/** `line:column` in the YAML of Alloy byte `offset` of the region. */
function at(yaml: string, region: AlloyRegion, offset: number): string {
  const p = LineIndex.fromText(yaml).position(region.map.toYaml(offset));
  return `${p.line}:${p.column}`;
}

describe("findAlloy: which scalars hold Alloy", () => {
  it("reads ConfigMap keys ending in .alloy, in a List too, and no other key", () => {
    const yaml = [
      "apiVersion: v1\nkind: ConfigMap\ndata:\n  config.alloy: a\n  readme.md: b\n  extraConfig: c\n",
      "---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  data:\n    m.alloy: d\n- apiVersion: v1\n  kind: Secret\n  data:\n    s.alloy: e\n",
      "---\napiVersion: apps/v1\nkind: Deployment\nspec:\n  extraConfig: f\n",
    ].join("");
    expect(found(yaml).map((r) => [r.path, r.document, r.tpl, r.text])).toEqual([
      ['data["config.alloy"]', 0, false, "a"],
      ['data["m.alloy"]', 1, false, "d"],
    ]);
  });

  it("reads chart values: alloy.configMap.content at any depth, extraConfig at depth 1 to 3, strings only", () => {
    const yaml =
      "alloy:\n  configMap:\n    content: a\nalloy-logs:\n  alloy:\n    configMap:\n      content: b\n  extraConfig: c\nextraConfig: d\n" +
      "logs:\n  cluster_events:\n    extraConfig: e\n    deeper:\n      extraConfig: f\nmetrics:\n  extraConfig:\n    not: alloy\n";
    expect(found(yaml).map((r) => [r.path, r.tpl, r.text])).toEqual([
      ["alloy.configMap.content", true, "a"],
      ["alloy-logs.alloy.configMap.content", true, "b"],
      ["alloy-logs.extraConfig", true, "c"],
      ["extraConfig", true, "d"],
      ["logs.cluster_events.extraConfig", true, "e"],
    ]);
  });

  it("finds nothing in YAML without Alloy, and reports YAML that does not parse at its byte offset", () => {
    expect(found("a: 1\n")).toEqual([]);
    expect(found("")).toEqual([]);
    const bad = findAlloy(encoder.encode("é: 1\nb: [\n"));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(LineIndex.fromText("é: 1\nb: [\n").position(bad.error.offset).line).toBe(3);
  });
});

describe("findAlloy: positions", () => {
  it("maps each line of a literal block scalar, whatever its chomping and indentation indicator", () => {
    for (const header of ["|", "|-", "|+", "|2", "|2-", "|+2"]) {
      const yaml = `data:\n  x: 1\nkind: ConfigMap\napiVersion: v1\n`.replace("data:\n  x: 1\n", `data:\n  config.alloy: ${header}  # note\n    a = 1\n\n      b = "é"\n\n`);
      const [r] = found(yaml);
      if (!r) throw new Error(header);
      expect(r.text.replace(/\n+$/, ""), header).toBe('a = 1\n\n  b = "é"');
      expect(at(yaml, r, 0), header).toBe("3:5");
      expect(at(yaml, r, 6), header).toBe("4:1");
      expect(at(yaml, r, 7), header).toBe("5:5");
      expect(at(yaml, r, 15), header).toBe("5:13"); // the second byte of "é"
    }
  });

  it("maps CRLF files and a byte order mark", () => {
    const yaml = '\ufeffkind: ConfigMap\r\napiVersion: v1\r\ndata:\r\n  config.alloy: |\r\n    a = 1\r\n    b = 2\r\n';
    const [r] = found(yaml);
    if (!r) throw new Error("none");
    expect(r.text).toBe("a = 1\nb = 2\n");
    expect(at(yaml, r, 6)).toBe("6:5");
    expect(r.block).toMatchObject({ eol: "\r\n", indent: 4, explicitIndent: false });
  });

  it("maps a one-line scalar written as its value byte for byte, any other to its start", () => {
    const yaml = 'kind: ConfigMap\napiVersion: v1\ndata:\n  a.alloy: "x = 1"\n  b.alloy: x = 1\n  c.alloy: "x = \\"1\\""\n  d.alloy: >\n    x = 1\n';
    const [a, b, c, d] = found(yaml);
    if (!a || !b || !c || !d) throw new Error("missing");
    expect([a.style, b.style, c.style, d.style]).toEqual(["double-quoted", "plain", "double-quoted", "folded"]);
    expect([at(yaml, a, 4), at(yaml, b, 4), at(yaml, c, 4), at(yaml, d, 4)]).toEqual(["4:17", "5:16", "6:12", "7:12"]);
    expect([a.map.exact, b.map.exact, c.map.exact, d.map.exact]).toEqual([true, true, false, false]);
  });

  it("undoes tpl escapes in chart values, mapping around them, and reports other actions", () => {
    const yaml = 'alloy:\n  configMap:\n    content: |\n      t = "{{ "{{" }} .X {{ "}}" }} {{ .Values.y }}"\n';
    const [r] = found(yaml);
    if (!r) throw new Error("none");
    expect(r.text).toBe('t = "{{ .X }} {{ .Values.y }}"\n');
    expect(at(yaml, r, 5)).toBe("4:12"); // the first {{
    expect(at(yaml, r, 8)).toBe("4:23"); // the text after the escape
    expect(r.actions.map((a) => [a.text, a.unclosed])).toEqual([["{{ .Values.y }}", false]]);
    const p = LineIndex.fromText(yaml).position((r.actions[0] as { start: number }).start);
    expect(`${p.line}:${p.column}`).toBe("4:37");
  });
});
