import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { config, discovery, loki, relabel } from "../../src/index.js";
import { parseFile } from "../../src/parse/index.js";
import { SimulateError, simulate } from "../../src/simulate.js";

/** `alloyc/simulate` as a TypeScript user calls it inside a test runner. */

const write = loki.write("default", { endpoint: { url: "http://loki/api/v1/push" } });
const process = loki.process("app", {
  forward_to: [write.receiver],
  stage: [loki.stage.static_labels({ values: { cluster: "vicky-test" } })],
});
const pods = discovery.relabel("pods", {
  targets: [],
  rule: [
    relabel.replace({ source_labels: ["ns", "app"], separator: "/", target_label: "job" }),
    relabel.hashmod({ source_labels: ["app"], modulus: 4, target_label: "shard" }),
    relabel.keep({ source_labels: ["shard"], regex: "[0-2]" }),
  ],
});
const app = loki.relabel("strip", { forward_to: [process.receiver], rule: [relabel.labeldrop({ regex: "tmp_.*" })] });

describe("alloyc/simulate", () => {
  it("relabels targets of a builder config", async () => {
    const sim = await simulate(config(write, process, pods, app));
    const out = sim.relabel("discovery.relabel.pods", [{ ns: "shop", app: "cart" }, { ns: "shop", app: "web" }]).targets;
    const expected = ["cart", "web"].map((name) => {
      const shard = (createHash("md5").update(name).digest().readBigUInt64BE(8) % 4n).toString();
      return shard === "3" ? null : { ns: "shop", app: name, job: `shop/${name}`, shard };
    });
    expect(out).toEqual(expected);
  });

  it("runs a loki.process, and a pipeline from a loki.relabel through the process to the writer", async () => {
    const sim = await simulate(config(write, process, pods, app));
    const entry = { line: "hi", labels: { app: "cart", tmp_id: "1" }, timestamp: null, structured_metadata: {}, extracted: {} };
    const processed = await sim.process("loki.process.app", [entry]);
    expect(processed.entries.map((e) => e.labels)).toEqual([{ app: "cart", tmp_id: "1", cluster: "vicky-test" }]);
    const piped = await sim.pipeline("loki.relabel.strip", [entry]);
    expect(Object.keys(piped.outputs)).toEqual(["loki.write.default"]);
    expect(piped.outputs["loki.write.default"]?.map((e) => e.labels)).toEqual([{ app: "cart", cluster: "vicky-test" }]);
    expect(piped.hops.map((h) => h.component)).toEqual(["loki.relabel.strip", "loki.process.app"]);
  });

  it("takes Alloy text or a parsed file; mistakes are SimulateErrors with a position", async () => {
    const text = 'loki.relabel "x" {\n  forward_to = []\n  rule {\n    action = "hashmod"\n    target_label = "h"\n  }\n}\n';
    const fromText = await simulate(text, { filename: "x.alloy" });
    const fromParsed = await simulate({ file: parseFile(text).file, filename: "x.alloy" });
    for (const sim of [fromText, fromParsed]) {
      const error = (() => {
        try {
          sim.relabel("loki.relabel.x", [{}]);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(SimulateError);
      expect((error as SimulateError).describe()).toBe("x.alloy:3:3: relabel configuration for hashmod requires non-zero modulus");
    }
    await expect(simulate('loki.relabel "x" {', { filename: "bad.alloy" })).rejects.toThrow(SimulateError);
  });

  it("runs the rule blocks of a component other than the relabel components, without their drops", async () => {
    const sim = await simulate('loki.source.podlogs "x" {\n  forward_to = []\n  rule {\n    regex  = ".*"\n    action = "labeldrop"\n  }\n}\n');
    // loki.relabel would drop the emptied label set; the shared engine keeps it.
    expect(sim.relabel("loki.source.podlogs.x", [{ a: "1" }]).targets).toEqual([{}]);
  });

  it("relabels with the rules a component takes from a relabel component's static export (relabel_rules = X.rules)", async () => {
    const text = [
      'discovery.relabel "r" {\n  targets = []\n  rule {\n    source_labels = ["__journal__systemd_unit"]\n    target_label = "unit"\n  }\n}',
      'loki.source.journal "j" {\n  forward_to = []\n  relabel_rules = discovery.relabel.r.rules\n}',
      'loki.source.journal "k" {\n  forward_to = []\n  relabel_rules = discovery.kubernetes.x.rules\n}',
    ].join("\n");
    const sim = await simulate(text, { filename: "j.alloy" });
    expect(sim.relabel("loki.source.journal.j", [{ __journal__systemd_unit: "ssh.service" }]).targets).toEqual([{ __journal__systemd_unit: "ssh.service", unit: "ssh.service" }]);
    expect(() => sim.relabel("loki.source.journal.k", [])).toThrow("loki.source.journal.k is a loki.source.journal: the simulator runs");
  });
});
