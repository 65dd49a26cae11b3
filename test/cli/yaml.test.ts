import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { main } from "../../src/cli/main.js";
import { repoRoot } from "../shared.js";
import { bundleCli, runChild } from "./child-cli.js";
import { type Run, runWith } from "./fake-io.js";

/** `alloyc lint`, `fmt` and `build` with YAML: ConfigMaps and Helm values, in and out. */

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "alloyc-yaml-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const alloyc = (args: string[], cwd: string): Promise<Run> => runWith(main, args, { cwd });
const noStack = (s: string): void => expect(s).not.toMatch(/^\s+at /m);

const VALUES = `# values
image:
  tag: "{{ .Chart.AppVersion }}"
alloy:
  configMap:
    create: true
    content: |
      logging {
        level = "debugx"
      }
      loki.process "p" {
        forward_to = []
        stage.template {
          source   = "a"
          template = "{{ .Value }}"
        }
      }
      loki.source.api "api" {
        http {
          listen_port = 3100
        }
        forward_to = [loki.process.p.receiver]
      }
`;

const CONFIGMAP = 'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: x\r\ndata:\r\n  # comment\r\n  config.alloy: |-\r\n    logging {\r\n       level = "debug"\r\n    }\r\n  other: "  keep  me  "\r\n';

describe("alloyc lint on YAML", () => {
  it("reports findings at the YAML's lines, and {{ }} that the chart's tpl evaluates, not Helm directives outside the Alloy", async () => {
    const cwd = project({ "values.yaml": VALUES });
    const r = await alloyc(["lint", "values.yaml"], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('values.yaml:9:17: error: invalid value "debugx" for level');
    expect(r.stdout).toContain(
      "values.yaml:15:23: warning: {{ .Value }} is a Go template action: the Alloy chart renders alloy.configMap.content with Helm's tpl, which evaluates it instead of passing it to Alloy [lint/helm-tpl]",
    );
    expect(r.stdout).toContain('  = help: write {{ "{{" }} .Value {{ "}}" }} to give Alloy the text as it is');
    expect(r.stdout).not.toContain("AppVersion");
    const json = JSON.parse((await alloyc(["lint", "--format", "json", "values.yaml"], cwd)).stdout) as Array<{ code: string; line: number; fixes?: Array<{ edits: Array<{ line: number; column: number; endColumn: number; newText: string }> }> }>;
    const tpl = json.find((f) => f.code === "lint/helm-tpl");
    expect(tpl?.fixes?.[0]?.edits).toEqual([{ file: "values.yaml", line: 15, column: 23, endLine: 15, endColumn: 35, newText: '{{ "{{" }} .Value {{ "}}" }}' }]);
    const off = await alloyc(["lint", "--rule", "lint/helm-tpl=off", "--format", "json", "values.yaml"], cwd);
    expect((JSON.parse(off.stdout) as Array<{ code: string }>).map((f) => f.code)).toEqual(["check/enum-value"]);
  });

  it("lints CRLF ConfigMaps and a multi-document stream, and skips YAML in folders", async () => {
    const stream = `${CONFIGMAP}---\r\napiVersion: v1\r\nkind: ConfigMap\r\ndata:\r\n  b.alloy: |\r\n    nope "x" {}\r\n`;
    const cwd = project({ "cm.yaml": stream, "a.alloy": "logging {}\n" });
    const r = await alloyc(["lint", "cm.yaml"], cwd);
    expect(r.stdout).toContain('cm.yaml:17:5: error: cannot find the definition of component name "nope"');
    expect(r.code).toBe(1);
    expect(await alloyc(["lint", "."], cwd)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("gives YAML that does not parse the YAML library's error at FILE:LINE:COL, exit 2; YAML without Alloy is said to be so, exit 2", async () => {
    const cwd = project({ "bad.yaml": "alloy:\n  configMap: [\n", "none.yml": "replicas: 2\n", "ok.alloy": "logging {}\n" });
    const bad = await alloyc(["lint", "bad.yaml", "ok.alloy"], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^alloyc: bad\.yaml:3:1: .+\n$/);
    noStack(bad.stderr);
    const none = await alloyc(["lint", "none.yml"], cwd);
    expect(none).toEqual({ code: 2, stdout: "", stderr: "alloyc: none.yml: no Alloy text in this YAML (alloyc reads ConfigMap data keys ending in .alloy, alloy.configMap.content and extraConfig values: alloyc help lint)\n" });
  });
});

describe("alloyc fmt on YAML", () => {
  it("--write rewrites only the Alloy block scalar's lines, CRLF kept; then --check finds nothing", async () => {
    const cwd = project({ "cm.yaml": CONFIGMAP });
    expect(await alloyc(["fmt", "--check", "cm.yaml"], cwd)).toEqual({ code: 1, stdout: "cm.yaml\n", stderr: "" });
    expect(readFileSync(join(cwd, "cm.yaml"), "utf8")).toBe(CONFIGMAP);
    // --write lists the files it rewrote.
    expect(await alloyc(["fmt", "--write", "cm.yaml"], cwd)).toEqual({ code: 0, stdout: "cm.yaml\n", stderr: "" });
    expect(readFileSync(join(cwd, "cm.yaml"), "utf8")).toBe(CONFIGMAP.replace('       level = "debug"', '    \tlevel = "debug"'));
    expect(await alloyc(["fmt", "--check", "cm.yaml"], cwd)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("prints the whole YAML with its Alloy formatted", async () => {
    const cwd = project({ "cm.yaml": CONFIGMAP });
    const r = await alloyc(["fmt", "cm.yaml"], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(CONFIGMAP.replace('       level = "debug"', '    \tlevel = "debug"'));
  });

  it("formats chart values, escaping for tpl again and keeping the {{ }} tpl evaluates as written", async () => {
    const cwd = project({ "values.yaml": VALUES.replace('template = "{{ .Value }}"', 'template = "{{ .Value }}" // {{ "{{" }} kept escaped {{ "}}" }}') });
    const r = await alloyc(["fmt", "values.yaml"], cwd);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain('\n      \t\ttemplate = "{{ .Value }}" // {{ "{{" }} kept escaped {{ "}}" }}\n');
    expect(r.stdout).toContain('\n      \tlevel = "debugx"\n');
    expect(r.stdout.startsWith('# values\nimage:\n  tag: "{{ .Chart.AppVersion }}"\nalloy:\n')).toBe(true);
  });

  it("writes nothing for YAML that does not parse (exit 2), Alloy that does not parse (exit 1), or a tpl action touching an escape (exit 1)", async () => {
    const broken = CONFIGMAP.replace('level = "debug"', "level = ");
    const touching = VALUES.replace('template = "{{ .Value }}"', 'template = "{{ "{{" }}{{ .Value }}"');
    const cwd = project({ "bad.yaml": `${CONFIGMAP}  x: [\n`, "broken.yaml": broken, "values.yaml": touching });
    const bad = await alloyc(["fmt", "--write", "bad.yaml"], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^alloyc: bad\.yaml:13:1: /);
    expect(readFileSync(join(cwd, "bad.yaml"), "utf8")).toBe(`${CONFIGMAP}  x: [\n`);
    const unparsable = await alloyc(["fmt", "--write", "broken.yaml"], cwd);
    expect(unparsable.code).toBe(1);
    expect(unparsable.stderr).toMatch(/^broken\.yaml:10:5: error: /);
    expect(readFileSync(join(cwd, "broken.yaml"), "utf8")).toBe(broken);
    const templated = await alloyc(["fmt", "--write", "values.yaml"], cwd);
    expect(templated).toEqual({
      code: 1,
      stdout: "",
      stderr: "values.yaml:8:7: alloy.configMap.content holds {{ ... }} that Helm's tpl evaluates, touching text alloyc fmt would escape: escape them (alloyc lint gives the escaped form) to format it\n",
    });
    expect(readFileSync(join(cwd, "values.yaml"), "utf8")).toBe(touching);
  });
});

describe("alloyc build --format", () => {
  it("writes a ConfigMap that reads back to the compiled text", async () => {
    const r = await alloyc(["build", "examples/kubernetes-pod-metrics.ts", "--format=configmap", "--name", "metrics", "--key", "pods.alloy"], repoRoot);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const manifest = parse(r.stdout) as { metadata: Record<string, string>; data: Record<string, string> };
    expect(manifest.metadata).toEqual({ name: "metrics" });
    expect(manifest.data).toEqual({ "pods.alloy": readFileSync(join(repoRoot, "examples/kubernetes-pod-metrics.alloy"), "utf8") });
  });

  it("refuses a bad name, and ConfigMap flags with other formats, before running the pipeline", async () => {
    const bad = await alloyc(["build", "nope.ts", "--format", "configmap", "--name", "Not_A_Name"], repoRoot);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^alloyc: build: --name "Not_A_Name": a ConfigMap name is at most 253 lowercase letters/);
    const stray = await alloyc(["build", "nope.ts", "--format", "helm-values", "--namespace", "x"], repoRoot);
    expect(stray.stderr).toMatch(/^alloyc: build: --namespace goes with --format configmap\n/);
    const format = await alloyc(["build", "nope.ts", "--format", "json"], repoRoot);
    expect(format.stderr).toMatch(/^alloyc: build: --format takes one of alloy, configmap, helm-values \(not "json"\)/);
  });
});

describe("the bundled CLI with YAML", () => {
  it("lints and formats a values file as npm run build ships it", async () => {
    const runner = await bundleCli("alloyc-yaml-cli");
    const cwd = project({ "values.yaml": VALUES, "cm.yaml": CONFIGMAP });
    const lint = await runChild(runner, ["lint", "--format", "json", "values.yaml"], { cwd });
    expect(lint.stderr).toBe("");
    expect((JSON.parse(lint.stdout) as Array<{ code: string; line: number }>).map((f) => `${f.line} ${f.code}`)).toEqual(["9 check/enum-value", "15 lint/helm-tpl"]);
    expect(await runChild(runner, ["fmt", "--check", "cm.yaml"], { cwd })).toMatchObject({ code: 1, stdout: "cm.yaml\n", stderr: "" });
  });
});

/** The modules a module imports statically (not `import(...)`), transitively, from src/. */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith(".ts")) return;
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'"();]*?from\s*["']([^"']+)["']/gm)) {
      const spec = m[1] as string;
      visit(spec.startsWith(".") ? resolve(dirname(file), spec).replace(/\.js$/, ".ts") : `package:${spec}`);
    }
  };
  visit(entry);
  return seen;
}

describe("start-up", () => {
  it("lint, fmt and --version do not load the yaml package or the YAML workflows until a YAML file is met", () => {
    for (const entry of ["src/cli/main.ts", "src/cli/commands/lint.ts", "src/cli/commands/fmt.ts", "src/cli/commands/build.ts"]) {
      const loaded = [...staticClosure(join(repoRoot, entry))];
      expect(loaded.length, entry).toBeGreaterThan(3);
      expect(loaded.filter((f) => f === "package:yaml" || /src\/embedded(-format)?\.ts$/.test(f) || f.includes("src/yaml/") && !f.endsWith("src/yaml/names.ts")), entry).toEqual([]);
    }
    // The check can fail: the facade it guards against does load the package.
    expect(staticClosure(join(repoRoot, "src/embedded.ts")).has("package:yaml")).toBe(true);
  });
});
