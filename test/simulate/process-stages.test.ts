import { beforeAll, describe, expect, it } from "vitest";
import { parseFile } from "../../src/parse/index.js";
import { evalContext, stageSpecs } from "../../src/simulate-arguments.js";
import { SimulateError } from "../../src/simulate/errors.js";
import { parseGoTime } from "../../src/simulate/process/golayout.js";
import { formatRFC3339Nano, loadLocation } from "../../src/simulate/process/gotime.js";
import { runStages, SUPPORTED_STAGES } from "../../src/simulate/process/index.js";
import { compileGo, loadRegexp } from "../../src/simulate/process/regex.js";
import type { Entry, ProcessOptions, ProcessResult } from "../../src/simulate/types.js";

/** What the conformance data does not cover: time, randomness, metrics, traces, refusals. */

function specs(text: string) {
  const parsed = parseFile(text, "p.alloy");
  expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return stageSpecs(parsed.file.body, evalContext("p.alloy", parsed.file.lineStarts));
}

const entry = (line: string, extra: Partial<Entry> = {}): Entry => ({ line, labels: {}, timestamp: null, structured_metadata: {}, extracted: {}, ...extra });

function run(text: string, entries: Entry[], options: ProcessOptions = {}): Promise<ProcessResult> {
  return runStages(specs(text), entries, options);
}

async function refusal(text: string, entries: Entry[] = [entry("x")]): Promise<string> {
  try {
    await run(text, entries);
  } catch (e) {
    if (e instanceof SimulateError) return e.describe();
    throw e;
  }
  return "no error";
}

describe("loki.process stages beyond the conformance data", () => {
  beforeAll(loadRegexp);

  it("supports every stage of upstream's StageConfig", () => {
    const upstream = ["cri", "decolorize", "docker", "drop", "eventlogmessage", "geoip", "json", "label_drop", "label_keep", "labels", "limit", "logfmt", "luhn", "match", "metrics", "multiline", "output", "pack", "pattern", "regex", "replace", "sampling", "split_json", "static_labels", "structured_metadata", "structured_metadata_drop", "template", "tenant", "timestamp", "truncate", "windowsevent"];
    expect(SUPPORTED_STAGES).toEqual(upstream);
  });

  it("refuses a template function it does not have, naming it, at the stage", async () => {
    const text = 'stage.template {\n  source = "x"\n  template = "{{ uuidv4 }}"\n}';
    expect(await refusal(text)).toBe("p.alloy:1:1: stage.template: template: pipeline_template: not supported by the simulator: uuidv4");
  });

  it("runs sprig and Go template functions as Go prints their values", async () => {
    const text = `stage.template {
  source = "out"
  template = "{{ add 7 3 }}|{{ .app | upper }}|{{ default \\"none\\" .missing }}|{{ trimPrefix \\"v\\" .ver }}|{{ len .app }}|{{ printf \\"%s-%d\\" .app 5 }}|{{ if and (eq .app \\"api\\") (ne .ver \\"\\") }}yes{{ end }}"
}`;
    const r = await run(text, [entry("l", { extracted: { app: "api", ver: "v1.2" } })], { harness: "stage" });
    expect(r.entries[0]!.extracted["out"]).toBe("10|API|none|1.2|3|api-5|yes");
    const q = await run('stage.template {\n  source = "out"\n  template = "{{ urlquery .q }}|{{ html .q }}"\n}', [entry("l", { extracted: { q: "a b(c)'<d>" } })], { harness: "stage" });
    expect(q.entries[0]!.extracted["out"]).toBe("a+b%28c%29%27%3Cd%3E|a b(c)&#39;&lt;d&gt;");
  });

  it("stops and/or at the first argument that decides, as Go does", async () => {
    const text = 'stage.template {\n  source = "out"\n  template = "{{ if and .missing (eq .missing \\"a\\") }}yes{{ else }}no{{ end }}"\n}';
    const r = await run(text, [entry("l")], { harness: "stage" });
    expect(r.entries[0]!.extracted["out"]).toBe("no");
  });

  it("limits per label value with burst tokens each, back to back", async () => {
    const text = 'stage.limit {\n  rate = 1\n  burst = 2\n  by_label_name = "app"\n  drop = true\n}';
    const inputs = ["a", "a", "a", "b", "b", "b", "a"].map((app, i) => entry(`${app}${i}`, { labels: { app } }));
    const r = await run(text, [...inputs, entry("none")]);
    expect(r.entries.map((e) => e.line)).toEqual(["a0", "a1", "b3", "b4", "none"]);
    expect(r.metrics.find((m) => m.name === "loki_process_dropped_lines_by_label_total" && m.labels["label_value"] === "a")?.value).toBe(2);
  });

  it("refuses a config Alloy refuses, worded as upstream", async () => {
    expect(await refusal("stage.json {\n}")).toBe("p.alloy:1:1: stage.json: JMES expressions or regex is required");
    expect(await refusal('stage.match {\n  selector = "{app=\\"a\\"} |> \\"<_> x\\""\n  action = "drop"\n}')).toMatch(/not supported by the simulator: line filter \|>/);
    expect(await refusal('stage.match {\n  selector = "{app=\\"a\\"} | json"\n  action = "drop"\n}')).toMatch(/invalid selector syntax for match stage/);
    expect(await refusal('stage.timestamp {\n  source = "t"\n  format = "RFC3339"\n  location = "Mars/Olympus"\n}')).toMatch(/invalid location specified/);
  });

  it("names a malformed entry", async () => {
    await expect(run('stage.static_labels {\n  values = { a = "b" }\n}', [entry("x", { timestamp: "yesterday" })])).rejects.toThrow(/entry 1: timestamp "yesterday" is not an RFC3339Nano time/);
  });

  it("drops older_than against the given now", async () => {
    const now = new Date("2026-01-01T12:00:00Z");
    const r = await run('stage.drop {\n  older_than = "1h"\n}', [entry("old", { timestamp: "2026-01-01T10:59:59Z" }), entry("new", { timestamp: "2026-01-01T11:00:01Z" })], { now });
    expect(r.entries.map((e) => e.line)).toEqual(["new"]);
    expect(r.metrics).toEqual([{ name: "loki_process_dropped_lines_total", type: "counter", labels: { reason: "drop_stage" }, value: 1 }]);
  });

  it("samples the same entries for the same seed", async () => {
    const inputs = Array.from({ length: 200 }, (_, i) => entry(`line ${i}`));
    const text = "stage.sampling {\n  rate = 0.5\n}";
    const a = await run(text, inputs, { seed: 7 });
    const b = await run(text, inputs, { seed: 7 });
    const c = await run(text, inputs, { seed: 8 });
    expect(a.entries.map((e) => e.line)).toEqual(b.entries.map((e) => e.line));
    expect(a.entries.map((e) => e.line)).not.toEqual(c.entries.map((e) => e.line));
    expect(a.entries.length).toBeGreaterThan(60);
    expect(a.entries.length).toBeLessThan(140);
    expect((await run("stage.sampling {\n  rate = 0\n}", inputs)).entries).toEqual([]);
  });

  it("counts stage.metrics and reports them", async () => {
    const text = `stage.regex {
  expression = "took (?P<ms>\\\\d+)ms"
}
stage.metrics {
  metric.counter {
    name = "lines"
    match_all = true
    action = "inc"
  }
  metric.histogram {
    name = "took_ms"
    source = "ms"
    buckets = [10, 100]
  }
}`;
    const r = await run(text, [entry("took 5ms"), entry("took 50ms"), entry("none")]);
    expect(r.metrics).toEqual([
      { name: "loki_process_custom_lines", type: "counter", labels: {}, value: 3 },
      { name: "loki_process_custom_took_ms", type: "histogram", labels: {}, value: 2, sum: 55, buckets: { "10": 1, "100": 2, "+Inf": 2 } },
    ]);
  });

  it("traces what each stage changed and why an entry was dropped", async () => {
    const text = `stage.json {
  expressions = { level = "" }
}
stage.labels {
  values = { level = "" }
}
stage.match {
  selector = "{level=\\"debug\\"}"
  action = "drop"
}`;
    const r = await run(text, [entry('{"level":"info"}'), entry('{"level":"debug"}')], { trace: true });
    expect(r.entries.map((e) => e.labels)).toEqual([{ level: "info" }]);
    const labels = r.trace.find((s) => s.name === "labels" && s.input === 0)!;
    expect(labels.labels).toEqual([{ name: "level", before: null, after: "info" }]);
    expect(labels.span).toEqual({ file: "p.alloy", line: 4, col: 1 });
    const drop = r.trace.find((s) => s.input === 1 && s.dropped !== undefined)!;
    expect(drop.name).toBe("match");
    expect(drop.dropped).toBe('selector {level="debug"} matched (action "drop")');
  });

  it("flushes a held multiline block at the end of input", async () => {
    const r = await run('stage.multiline {\n  firstline = "^\\\\["\n}', [entry("[1] a"), entry("  b"), entry("[2] c")]);
    expect(r.entries.map((e) => e.line)).toEqual(["[1] a\n  b", "[2] c"]);
  });

  it("parses Go's named formats and layouts, in a location, and a yearless layout in now's year", () => {
    const t = (layout: string, value: string, loc = "UTC") => {
      const p = parseGoTime(layout, value, loadLocation(loc)!);
      return p ? formatRFC3339Nano(p) : undefined;
    };
    expect(t("Mon Jan _2 15:04:05 2006", "Tue Jan  2 15:04:05 2024")).toBe("2024-01-02T15:04:05Z");
    expect(t("Mon, 02 Jan 2006 15:04:05 MST", "Tue, 02 Jan 2024 15:04:05 EST", "America/New_York")).toBe("2024-01-02T15:04:05-05:00");
    expect(t("2006-01-02 03:04:05PM", "2024-07-01 01:02:03PM", "Europe/Paris")).toBe("2024-07-01T13:02:03+02:00");
    expect(t("2006-01-02", "2024-02-30")).toBeUndefined();
    expect(t("2006-01-02T15:04:05", "2024-01-02T15:04:05.123")).toBe("2024-01-02T15:04:05.123Z");
  });

  it("gives a yearless timestamp the year of now, the previous one across New Year", async () => {
    const text = 'stage.timestamp {\n  source = "t"\n  format = "Jan _2 15:04:05"\n}';
    const at = async (value: string, now: string) => (await run(text, [entry("x", { extracted: { t: value } })], { harness: "stage", now: new Date(now) })).entries[0]!.timestamp;
    expect(await at("Mar  3 10:00:00", "2026-06-01T00:00:00Z")).toBe("2026-03-03T10:00:00Z");
    expect(await at("Dec 31 23:59:59", "2026-01-01T00:00:05Z")).toBe("2025-12-31T23:59:59Z");
  });

  it("replaces as Go does around empty matches", () => {
    expect(compileGo("a*").replaceAll("baaac", "x")).toBe("xbxcx");
    // `$w1` names a group "w1" (none: empty), `${w}1` is group w then "1".
    expect(compileGo("(?P<w>\\w+)@").replaceAll("me@ you@", "$w1|${w}1")).toBe("|me1 |you1");
  });
});
