import { beforeAll, describe, expect, it } from "vitest";
import { check, loadCatalog } from "../../src/check/index.js";
import { closest } from "../../src/check/suggest.js";
import { parseFile } from "../../src/parse/index.js";

describe("closest", () => {
  it("finds one-edit typos, transpositions included", () => {
    expect(closest("forward_too", ["targets", "forward_to", "encoding"])).toBe("forward_to");
    expect(closest("loki.wirte", ["loki.echo", "loki.write"])).toBe("loki.write");
    expect(closest("endpont", ["endpoint", "external_labels"])).toBe("endpoint");
  });

  it("says nothing when nothing is close", () => {
    expect(closest("zzz", ["url", "endpoint"])).toBeUndefined();
    expect(closest("scrape_interval", ["targets", "forward_to"])).toBeUndefined();
  });

  it("breaks ties alphabetically, so suggestions are stable", () => {
    expect(closest("ab", ["ac", "aa"])).toBe("aa");
  });

  it("accepts a unique candidate with the same last segment (a wrong namespace)", () => {
    expect(closest("prometheus.remotewrite", ["prometheus.remote_write", "prometheus.relabel"])).toBe("prometheus.remote_write");
    expect(closest("loki.source.kubernetes_event", ["loki.source.kubernetes_events"])).toBe("loki.source.kubernetes_events");
    expect(closest("write", ["loki.write", "pyroscope.write"])).toBeUndefined();
  });
});

describe("did-you-mean in diagnostics", () => {
  beforeAll(async () => {
    await loadCatalog();
  });

  const LOKI = `loki.write "default" {\n  endpoint {\n    url = "http://loki"\n  }\n}\n`;
  const cases: Array<[string, string, string]> = [
    ["attribute", `loki.source.file "f" {\n  targets     = []\n  forward_too = [loki.write.default.receiver]\n}\n`, 'did you mean "forward_to"?'],
    ["component", `loki.wirte "w" { }\n`, 'did you mean "loki.write"?'],
    ["nested block", `loki.write "w" {\n  endpont {\n    url = "http://loki"\n  }\n}\n`, 'did you mean "endpoint"?'],
    ["component label in a reference", `loki.source.file "f" {\n  targets    = []\n  forward_to = [loki.write.defualt.receiver]\n}\n`, 'did you mean "loki.write.default"?'],
    ["export", `loki.source.file "f" {\n  targets    = []\n  forward_to = [loki.write.default.reciever]\n}\n`, 'did you mean "receiver"?'],
    ["stdlib function", `local.file "f" {\n  filename = string.formatt("%s", "x")\n}\n`, 'did you mean "string.format"?'],
    ["enum value", `discovery.relabel "r" {\n  targets = []\n\n  rule {\n    action = "kep"\n  }\n}\n`, 'did you mean "keep"?'],
    ["stage block", `loki.process "p" {\n  forward_to = []\n\n  stage.jsonn { }\n}\n`, 'did you mean "stage.json"?'],
  ];
  for (const [what, code, help] of cases) {
    it(what, () => {
      const { file } = parseFile(`${LOKI}\n${code}`);
      expect(check(file).map((d) => d.help)).toContain(help);
    });
  }
});
