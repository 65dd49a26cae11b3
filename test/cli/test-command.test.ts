import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { repoRoot } from "../shared.js";
import { type Run, runWith } from "./fake-io.js";

/** `alloyc test [PATH...]`: YAML test files against their configurations, in-process. */

const dir = mkdtempSync(join(tmpdir(), "alloyc-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  join(dir, "config.alloy"),
  `discovery.relabel "pods" {
  targets = []

  rule {
    source_labels = ["ns"]
    regex         = "kube-.*"
    action        = "drop"
  }

  rule {
    source_labels = ["ns", "app"]
    separator     = "/"
    target_label  = "job"
  }
}

loki.relabel "strip" {
  forward_to = [loki.write.default.receiver]

  rule {
    regex  = "tmp_.*"
    action = "labeldrop"
  }
}

loki.source.api "in" {
  http {
    listen_address = "0.0.0.0"
  }
  forward_to = [loki.relabel.strip.receiver]
}

loki.write "default" {
  endpoint {
    url = "http://loki/api/v1/push"
  }
}
`,
);

const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return name;
};

const PASSING = file(
  "pass.test.yaml",
  `path: config.alloy
relabel:
  - name: job from namespace and app; kube namespaces dropped
    component: discovery.relabel.pods
    targets:
      - {ns: shop, app: cart}
      - {ns: kube-system, app: dns}
    expect:
      - {ns: shop, app: cart, job: shop/cart}
      - dropped
inputs:
  loki:
    - components: [loki.source.api.in]
      entries:
        - {line: hello, labels: {app: cart, tmp_id: "7"}}
        - {line: bye, labels: {app: cart}}
assert:
  loki:
    - type: count
      count: 2
    - type: contains
      match:
        line: hello
        labels:
          values: {app: cart}
    - type: count
      count: 2
      match:
        labels:
          mode: partial
          values: {app: cart}
`,
);

const FAILING = file(
  "fail.test.yaml",
  `path: config.alloy
relabel:
  - component: discovery.relabel.pods
    targets: [{ns: shop, app: cart}]
    expect: [{ns: shop, app: cart, job: shop-cart}]
inputs:
  loki:
    - components: [loki.relabel.strip.receiver]
      entries: [{line: hello, labels: {app: cart, tmp_x: "1"}}]
assert:
  loki:
    - type: contains
      match:
        labels:
          values: {app: cart, tmp_x: "1"}
`,
);

const run = (args: string[], cwd = dir): Promise<Run> => runWith(main, ["test", ...args], { cwd });

describe("alloyc test", () => {
  it("passes relabel cases and pipeline assertions (entries follow forward_to to the writer)", async () => {
    const r = await run([PASSING]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      "pass.test.yaml\n  ✓ job from namespace and app; kube namespaces dropped\n" +
        '  ✓ assert.loki[0]: 2 entries\n  ✓ assert.loki[1]: contains {"line":"hello","labels":{"values":{"app":"cart"}}}\n' +
        '  ✓ assert.loki[2]: 2 entries matching {"labels":{"mode":"partial","values":{"app":"cart"}}}\n\n4 passed, 0 failed (1 file)\n',
    );
    expect(r.code).toBe(0);
  });

  it("fails with a diff of expected and actual, exit 1", async () => {
    const r = await run([FAILING]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("✗ relabel discovery.relabel.pods #0 (fail.test.yaml:3:5)");
    expect(r.stdout).toContain('      -    "job": "shop-cart",\n      +    "job": "shop/cart",\n');
    expect(r.stdout).toContain("✗ assert.loki[0]: contains");
    expect(r.stdout).toContain("0 passed, 2 failed (1 file)");
  });

  it("--format json lists every case; --junit writes a JUnit report", async () => {
    const r = await run([PASSING, FAILING, "--format", "json", "--junit", "report.xml"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { passed: number; failed: number; files: { file: string; cases: { ok: boolean; diff?: string }[] }[] };
    expect([report.passed, report.failed]).toEqual([4, 2]);
    expect(report.files.map((f) => f.file)).toEqual([PASSING, FAILING]);
    expect(report.files[1]?.cases[0]?.diff).toContain('+    "job": "shop/cart"');
    const xml = readFileSync(join(dir, "report.xml"), "utf8");
    expect(xml).toContain('<testsuite name="fail.test.yaml" tests="2" failures="2" errors="0">');
    expect(xml).toContain("<failure message=");
  });

  it("finds *.test.yaml files below a folder", async () => {
    const r = await run(["."]);
    expect(r.stdout).toContain("fail.test.yaml\n");
    expect(r.stdout).toContain("pass.test.yaml\n");
  });

  it.each([
    ["bad YAML", "path: config.alloy\nrelabel: [\n", /^alloyc: bad\.test\.yaml:3:1: not valid YAML: /],
    ["an unknown key", "path: config.alloy\nrelabels: []\n", /^alloyc: bad\.test\.yaml:2:1: unknown key relabels\n/],
    ["a wrong type", "path: config.alloy\nrelabel:\n  - component: 3\n    targets: []\n    expect: []\n", /^alloyc: bad\.test\.yaml:3:16: relabel\.0\.component: /],
    ["no configuration", "relabel: []\n", /^alloyc: bad\.test\.yaml:1:1: give the configuration/],
    ["expectations that do not line up", "path: config.alloy\nrelabel:\n  - component: discovery.relabel.pods\n    targets: [{a: b}]\n    expect: []\n", /^alloyc: bad\.test\.yaml:5:13: relabel\.0\.expect: expect has 0 items for 1 targets/],
    ["an unknown component", "path: config.alloy\nrelabel:\n  - component: discovery.relabel.nope\n    targets: []\n    expect: []\n", /^alloyc: bad\.test\.yaml:3:16: relabel discovery\.relabel\.nope #0: no component discovery\.relabel\.nope/],
    ["a component that is not relabel or loki.process", "path: config.alloy\nrelabel:\n  - component: loki.write.default\n    targets: []\n    expect: []\n", /^alloyc: bad\.test\.yaml:3:16: .*loki\.write\.default is a loki\.write: the simulator runs/],
    ["a malformed entry", "path: config.alloy\ninputs:\n  loki:\n    - components: [loki.relabel.strip.receiver]\n      entries:\n        - {line: x, timestamp: yesterday}\n", /^alloyc: bad\.test\.yaml:6:11: inputs\.loki\[0\]: entries\[0\]\.timestamp must be RFC3339/],
    ["a rule Alloy refuses in an inline config, at its line in the YAML", "# the config\nconfig: |\n  loki.relabel \"x\" {\n    forward_to = []\n    rule {\n      action = \"hashmod\"\n      target_label = \"h\"\n    }\n  }\nrelabel:\n  - component: loki.relabel.x\n    targets: [{a: b}]\n    expect: [{a: b}]\n", /^alloyc: bad\.test\.yaml:5:5: relabel loki\.relabel\.x #0: relabel configuration for hashmod requires non-zero modulus\n/],
    ["a missing configuration file", "path: nope.alloy\n", /^alloyc: cannot read nope\.alloy: no such file or directory\n/],
  ])("%s: a clear error at the YAML line, exit 2", async (_, text, message) => {
    file("bad.test.yaml", text);
    const r = await run(["bad.test.yaml"]);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toContain("✗ could not run");
    expect(r.code).toBe(2);
  });

  it("follows a pipeline through a declare'd component (its export in, argument.forward_to out)", async () => {
    file(
      "declared.test.yaml",
      `config: |
  declare "with_cluster" {
    argument "forward_to" { }
    argument "cluster" { }

    loki.process "add" {
      forward_to = argument.forward_to.value

      stage.static_labels {
        values = { cluster = argument.cluster.value }
      }
    }

    export "receiver" {
      value = loki.process.add.receiver
    }
  }

  loki.source.api "in" {
    forward_to = [with_cluster.eu.receiver]
  }

  with_cluster "eu" {
    forward_to = [loki.write.default.receiver]
    cluster    = "eu-1"
  }

  loki.write "default" {
    endpoint {
      url = "http://loki/api/v1/push"
    }
  }
process:
  - component: with_cluster.eu/loki.process.add
    entries: [{line: a}]
    expect: [{labels: {cluster: eu-1}}]
inputs:
  loki:
    - components: [loki.source.api.in]
      entries: [{line: hello, labels: {app: cart}}]
assert:
  loki:
    - type: count
      count: 1
      match: {line: hello, labels: {values: {app: cart, cluster: eu-1}}}
`,
    );
    const r = await run(["declared.test.yaml"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("2 passed, 0 failed (1 file)\n");
    expect(r.code).toBe(0);
  });

  it("examples/lab.test.yaml passes", async () => {
    const r = await runWith(main, ["test", "examples/lab.test.yaml"], { cwd: repoRoot });
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/\n\d+ passed, 0 failed \(1 file\)\n$/);
    expect(r.code).toBe(0);
  });
});
