import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { repoRoot } from "../shared.js";
import { type Run, runWith } from "./fake-io.js";

/** `alloyc simulate CONFIG --component ID`: one relabel component on JSON input, in-process. */

const dir = mkdtempSync(join(tmpdir(), "alloyc-simulate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONFIG = `discovery.relabel "pods" {
  targets = []

  rule {
    source_labels = ["__meta_namespace", "__meta_container"]
    separator     = "/"
    target_label  = "job"
  }

  rule {
    source_labels = ["__meta_namespace"]
    regex         = "kube-.*"
    action        = "drop"
  }

  rule {
    source_labels = ["__meta_container_id"]
    regex         = "^(\\\\S+):\\\\/\\\\/.+$"
    target_label  = "runtime"
  }

  rule {
    target_label = "cluster"
    replacement  = sys.env("CLUSTER")
  }
}

loki.write "default" {
  endpoint {
    url = "http://loki/api/v1/push"
  }
}

loki.relabel "bad" {
  forward_to = []

  rule {
    target_label = "x"
    replacement  = discovery.kubernetes.pods.targets
  }
}
`;
writeFileSync(join(dir, "config.alloy"), CONFIG);
const targets = [
  { __meta_namespace: "shop", __meta_container: "cart", __meta_container_id: "containerd://abc" },
  { __meta_namespace: "kube-system", __meta_container: "dns" },
];
writeFileSync(join(dir, "targets.json"), JSON.stringify(targets, null, 2));

const run = (args: string[], stdin?: string): Promise<Run> => runWith(main, args, { cwd: dir, ...(stdin === undefined ? {} : { stdin }) });

describe("alloyc simulate", () => {
  it("relabels each target as Alloy does, null for a dropped one, sys.env from --env", async () => {
    const r = await run(["simulate", "config.alloy", "--component", "discovery.relabel.pods", "--input", "targets.json", "--env", "CLUSTER=eu-1"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { __meta_namespace: "shop", __meta_container: "cart", __meta_container_id: "containerd://abc", job: "shop/cart", runtime: "containerd", cluster: "eu-1" },
      null,
    ]);
  });

  it("reads JSON Lines from standard input; an unset variable is empty, so no cluster label", async () => {
    const r = await run(["simulate", "config.alloy", "--component", "discovery.relabel.pods"], `${JSON.stringify(targets[0])}\n`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ __meta_namespace: "shop", __meta_container: "cart", __meta_container_id: "containerd://abc", job: "shop/cart", runtime: "containerd" }]);
  });

  it("--trace --format text shows each rule with what it changed and why a target was dropped", async () => {
    const r = await run(["simulate", "config.alloy", "--component", "discovery.relabel.pods", "--input", "targets.json", "--trace", "--format", "text"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("target 0\n  config.alloy:4:3  replace\n      + job=\"shop/cart\"\n");
    expect(r.stdout).toContain("config.alloy:10:3  drop\n      dropped: [__meta_namespace] joined matches \"kube-.*\"\n  => dropped\n");
    expect(r.stdout).not.toContain("\x1b[");
  });

  it("colours the text trace on a terminal (added green, dropped red), never in a pipe", async () => {
    const r = await runWith(main, ["simulate", "config.alloy", "--component", "discovery.relabel.pods", "--input", "targets.json", "--trace", "--format", "text"], { cwd: dir, tty: { stdout: true } });
    expect(r.stdout).toContain('\x1b[32m+ job="shop/cart"\x1b[0m');
    expect(r.stdout).toContain("\x1b[31mdropped\x1b[0m");
  });

  it("--trace in JSON gives the output and the steps with their positions", async () => {
    const r = await run(["simulate", "config.alloy", "--component", "discovery.relabel.pods", "--input", "targets.json", "--trace"]);
    const out = JSON.parse(r.stdout) as { output: unknown[]; trace: { span: { line: number }; input: number; dropped?: string }[] };
    expect(out.output[1]).toBeNull();
    expect(out.trace.find((s) => s.input === 1 && s.dropped)?.span.line).toBe(10);
  });

  it.each([
    [["--component", "discovery.relabel.nope", "--input", "targets.json"], "alloyc: no component discovery.relabel.nope in config.alloy (components: discovery.relabel.pods, loki.write.default, loki.relabel.bad)\n"],
    [["--component", "loki.write.default", "--input", "targets.json"], "alloyc: config.alloy:28:1: loki.write.default is a loki.write: the simulator runs discovery.relabel, loki.relabel, prometheus.relabel, loki.process and the rule blocks of other components\n"],
    [["--component", "loki.relabel.bad", "--input", "targets.json"], "alloyc: cannot evaluate argument rule.replacement at config.alloy:39:20: discovery.kubernetes.pods.targets is not known before the pipeline runs (only literals, pure standard-library calls, sys.env and static exports are)\n"],
    [["--component", "discovery.relabel.pods", "--input", "missing.json"], "alloyc: cannot read missing.json: no such file or directory\n"],
    [["--input", "targets.json"], "which component?"],
    [["--component", "discovery.relabel.pods", "--env", "NOEQUALS", "--input", "targets.json"], "--env takes NAME=VALUE"],
  ])("%j is a usage error (exit 2) with a clear message", async (args, message) => {
    const r = await run(["simulate", "config.alloy", ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
  });

  it.each([
    ['[\n  {"a": "1"},\n  {"a": 2}\n]', "alloyc: standard input:3:3: target 1.a must be a string, not 2\n"],
    ['[\n  {"a": "1"},\n  ["x"]\n]', "alloyc: standard input:3:3: target 1 must be an object of strings\n"],
    ['{"a": "1"}\n{"a": \n', "alloyc: standard input:2:"],
    ["", "alloyc: standard input:1:1: no input"],
  ])("malformed input %j is reported at its line (exit 2)", async (stdin, message) => {
    const r = await run(["simulate", "config.alloy", "--component", "discovery.relabel.pods"], stdin);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it("a config that does not parse is reported at its position", async () => {
    writeFileSync(join(dir, "broken.alloy"), 'discovery.relabel "x" {\n  rule {\n');
    const r = await run(["simulate", "broken.alloy", "--component", "discovery.relabel.x"], "[]");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^alloyc: broken\.alloy:\d+:\d+: /);
  });

  it("runs the lab's relabel rules from the TypeScript pipeline", async () => {
    const r = await runWith(main, ["simulate", "examples/lab.ts", "--component", "discovery.relabel.pod_logs"], {
      cwd: repoRoot,
      stdin: JSON.stringify([{ __meta_kubernetes_namespace: "ns", __meta_kubernetes_pod_container_name: "c", __meta_kubernetes_pod_container_id: "docker://1" }]),
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        __meta_kubernetes_namespace: "ns",
        __meta_kubernetes_pod_container_name: "c",
        __meta_kubernetes_pod_container_id: "docker://1",
        namespace: "ns",
        container: "c",
        job: "ns/c",
        __path__: "/var/log/pods/*/c/*.log",
        container_runtime: "docker",
      },
    ]);
  });
});

describe("alloyc simulate on a loki.process", () => {
  writeFileSync(
    join(dir, "process.alloy"),
    `loki.process "app" {
  forward_to = []

  stage.json {
    expressions = { level = "", msg = "" }
  }

  stage.labels {
    values = { level = "" }
  }

  stage.drop {
    source = "level"
    value  = "debug"
  }

  stage.static_labels {
    values = { cluster = string.to_lower(sys.env("CLUSTER")) }
  }
}
`,
  );
  const entries = [
    { line: '{"level":"info","msg":"hi"}', labels: { app: "cart" }, timestamp: "2026-12-04T10:00:00.5Z" },
    { line: '{"level":"debug","msg":"noise"}', labels: { app: "cart" }, timestamp: null },
  ];
  const jsonl = entries.map((e) => JSON.stringify(e)).join("\n");

  it("gives the entries that come out, with the extracted map after the last stage", async () => {
    const r = await run(["simulate", "process.alloy", "--component", "loki.process.app", "--env", "CLUSTER=EU-1"], jsonl);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        line: '{"level":"info","msg":"hi"}',
        labels: { app: "cart", level: "info", cluster: "eu-1" },
        timestamp: "2026-12-04T10:00:00.5Z",
        structured_metadata: {},
        extracted: { app: "cart", level: "info", msg: "hi" },
      },
    ]);
  });

  it("--trace --format text shows each stage's changes and the drop", async () => {
    const r = await run(["simulate", "process.alloy", "--component", "loki.process.app", "--trace", "--format", "text"], jsonl);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("process.alloy:8:3  stage.labels\n      + level=\"info\"\n");
    expect(r.stdout).toMatch(/entry 1 [^\n]*\n(?:.*\n)*?\s+dropped: /);
    expect(r.stdout).toContain("1 entry out\n");
  });

  it.each([
    ['{"line": 3}', "alloyc: standard input:1:1: entry 0.line must be a string\n"],
    ['{"line": "x", "timestamp": "yesterday"}', "alloyc: standard input:1:1: entry 0.timestamp must be RFC3339"],
    ['{"line": "x"}\n{"line": "y", "labelz": {}}', 'alloyc: standard input:2:1: entry 1 has an unknown key "labelz"'],
    ['[{"line": "x"}, {"line": "y", "labels": {"a": 1}}]', "alloyc: standard input:1:17: entry 1.labels.a must be a string"],
  ])("malformed entries %j are reported at their line (exit 2)", async (stdin, message) => {
    const r = await run(["simulate", "process.alloy", "--component", "loki.process.app"], stdin);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
  });
});
