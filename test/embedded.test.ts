import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { locate, type Located } from "../src/diag/index.js";
import { lintYaml } from "../src/embedded.js";
import { formatYaml } from "../src/embedded-format.js";
import { format } from "../src/format.js";
import { lint } from "../src/lint.js";
import { blockScalar, escapeTpl, findAlloy, type AlloyRegion } from "../src/yaml/index.js";
import { hasShared, listFiles, sharedPath } from "./shared.js";
import { tplReference } from "./yaml/reference-tpl.js";

/**
 * In: ConfigMaps and Helm values built around corpus files (streams of several documents, LF and
 * CRLF, comments between keys, other keys around the Alloy one). Linting the YAML gives the
 * plain file's findings at the YAML's lines and columns; fmt rewrites only the Alloy text, to
 * exactly what `alloyc fmt` prints for the plain file.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const corpusDir = hasShared ? sharedPath("corpus") : "";
const all = hasShared ? listFiles(corpusDir, (f) => f.endsWith(".alloy") && !f.startsWith("expected-fmt/")) : [];
const read = (f: string): string => readFileSync(join(corpusDir, f), "utf8");
// Every file with {{ in it, and every 16th of the rest.
const files = all.filter((f, i) => read(f).includes("{{") || i % 16 === 0);

/** A stream: a Service, a ConfigMap holding `a` among other keys, a ConfigMap holding `b`. */
function configMaps(a: string, b: string, crlf: boolean): string {
  const yaml =
    "# three documents\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations:\n    note: 'data: config.alloy'\n---\n" +
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\ndata:\n  before.txt: hello\n  # the configuration\n  config.alloy: ${blockScalar(a, 4)}  # between keys\n  after.txt: "x"\n---\n` +
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\ndata:\n  modules.alloy: ${blockScalar(b, 4)}  z.txt: end\n`;
  return crlf ? yaml.replace(/\n/g, "\r\n") : yaml;
}

/** Values for the Alloy chart, with a Helm directive outside the Alloy text. */
function helmValues(text: string, crlf: boolean): string {
  const yaml =
    `# values\nimage:\n  tag: "{{ .Chart.AppVersion }}"\nalloy:\n  # the chart's config\n  configMap:\n    create: true\n    content: ${blockScalar(escapeTpl(text), 6)}  extraArgs: []\n`;
  return crlf ? yaml.replace(/\n/g, "\r\n") : yaml;
}

/** `code start-end message` of each finding, positions as shown. */
function shown(found: readonly Located[]): string[] {
  return found.map(({ file, diagnostic: d }) => {
    const { start, end } = locate(file, d);
    return `${d.code} ${start.line}:${start.column}-${end.line}:${end.column} ${d.message}`;
  });
}

/** The plain file's findings moved by `lines` and `columns` (columns only where `keepColumn` says). */
function shifted(found: readonly Located[], lines: number, columns: number, keepColumn: (line: number) => boolean = () => true): string[] {
  return found.map(({ file, diagnostic: d }) => {
    const { start, end } = locate(file, d);
    const col = (p: { line: number; column: number }): number => (keepColumn(p.line) ? p.column + columns : -1);
    return `${d.code} ${start.line + lines}:${col(start)}-${end.line + lines}:${col(end)} ${d.message}`;
  });
}

/** The 0-based line of the YAML text at which the block scalar's header is (its key's line). */
function headerLine(yaml: string, key: string): number {
  return yaml.split(/\r?\n/).findIndex((l) => l.trimStart().startsWith(`${key}: |`));
}

/** The YAML text outside the Alloy scalars' lines. */
function outside(yaml: string, regions: readonly AlloyRegion[]): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const r of regions) {
    if (!r.block) throw new Error(`${r.path} is not a block scalar`);
    parts.push(yaml.slice(from, r.block.contentStart));
    from = r.block.bodyEnd;
  }
  return [...parts, yaml.slice(from)];
}

function regions(bytes: Uint8Array): { text: string; regions: readonly AlloyRegion[] } {
  const found = findAlloy(bytes);
  if (!found.ok) throw new Error(found.error.message);
  return found;
}

const plainFindings = new Map<string, Located[]>();
async function lintPlain(text: string): Promise<Located[]> {
  let found = plainFindings.get(text);
  if (!found) plainFindings.set(text, (found = await lint([{ name: "x.yaml", bytes: encoder.encode(text) }])));
  return found;
}

describe.skipIf(!hasShared)("the Alloy in ConfigMaps and Helm values", () => {
  it("lints like the plain files, at the YAML's lines and columns", async () => {
    expect(files.length).toBeGreaterThan(90);
    let findings = 0;
    let documents = 0;
    let helm = 0;
    for (const [i, f] of files.entries()) {
      const a = read(f);
      const b = read(files[(i + 1) % files.length] as string);
      const crlf = i % 2 === 1;
      const yaml = configMaps(a, b, crlf);
      const result = await lintYaml({ name: "x.yaml", bytes: encoder.encode(yaml) });
      if (result.kind !== "linted") throw new Error(`${f}: ${result.message}`);
      expect(result.regions).toBe(2);
      const want = [...shifted(await lintPlain(a), headerLine(yaml, "config.alloy") + 1, 4), ...shifted(await lintPlain(b), headerLine(yaml, "modules.alloy") + 1, 4)];
      expect(shown(result.found), `${f}${crlf ? " (CRLF)" : ""}`).toEqual(want);
      findings += want.length;
      documents += 2;

      const values = helmValues(a, crlf);
      const linted = await lintYaml({ name: "x.yaml", bytes: encoder.encode(values) });
      if (linted.kind !== "linted") throw new Error(`${f}: ${linted.message}`);
      // Escapes make lines with braces longer: there only the line is compared.
      const aLines = a.split("\n");
      const plainLines = (line: number): boolean => !/\{\{|\}\}/.test(aLines[line - 1] ?? "");
      expect(shown(linted.found), `${f} as Helm values`).toEqual(shifted(await lintPlain(a), headerLine(values, "content") + 1, 6, plainLines));
      helm++;
    }
    console.log(`lint of YAML around corpus files: ${files.length} files, ${documents} ConfigMap keys in ${files.length} streams (half CRLF) and ${helm} Helm values files, ${findings} findings at the shifted positions`);
  });

  it("formats only the Alloy text, to exactly alloyc fmt's output", () => {
    let rewritten = 0;
    let unparsable = 0;
    let same = 0;
    for (const [i, f] of files.entries()) {
      const a = read(f);
      const b = read(files[(i + 1) % files.length] as string);
      const crlf = i % 2 === 1;
      for (const [kind, yaml, texts] of [
        ["configmap", configMaps(a, b, crlf), [a, b]],
        ["helm", helmValues(a, crlf), [a]],
      ] as const) {
        const before = encoder.encode(yaml);
        const result = formatYaml({ name: "x.yaml", bytes: before });
        const formatted = texts.map((t) => format(t, "x.yaml"));
        if (formatted.some((r) => !r.ok)) {
          expect(result.kind, `${f} ${kind}`).toBe("unformattable");
          if (result.kind !== "unformattable") continue;
          const header = headerLine(yaml, kind === "helm" ? "content" : "config.alloy") + 1;
          const first = formatted[0];
          if (first && !first.ok) {
            const plain = first.diagnostics.map((diagnostic) => ({ file: first.source, diagnostic }));
            const aLines = a.split("\n");
            const keep = kind === "helm" ? (line: number) => !/\{\{|\}\}/.test(aLines[line - 1] ?? "") : () => true;
            expect(shown(result.found).slice(0, plain.length), `${f} ${kind}`).toEqual(shifted(plain, header, kind === "helm" ? 6 : 4, keep));
          }
          unparsable++;
          continue;
        }
        if (result.kind !== "formatted") throw new Error(`${f} ${kind}: ${result.kind} ${"problems" in result ? result.problems.join("; ") : ""}`);
        const after = decoder.decode(result.bytes);
        const old = regions(before);
        const now = regions(result.bytes);
        // Every byte outside the Alloy lines is as it was.
        expect(outside(after, now.regions), `${f} ${kind}`).toEqual(outside(old.text, old.regions));
        now.regions.forEach((r, k) => {
          const want = (formatted[k] as { text: string }).text;
          const value = kind === "helm" ? tplReference(r.value) : r.value;
          // The scalar keeps its chomping: with `|` (a text ending in one line break) the value is exactly fmt's text.
          if (/[^\n]\n$/.test(texts[k] as string)) expect(value, `${f} ${kind}`).toBe(want);
          else expect(value.replace(/\n+$/, ""), `${f} ${kind}`).toBe(want.replace(/\n+$/, ""));
        });
        if (result.changed) rewritten++;
        else same++;
        // Formatting again changes nothing.
        const again = formatYaml({ name: "x.yaml", bytes: result.bytes });
        expect(again.kind === "formatted" && !again.changed, `${f} ${kind} twice`).toBe(true);
      }
    }
    console.log(`fmt of YAML around corpus files: ${rewritten} rewritten, ${same} already formatted, ${unparsable} with Alloy that does not parse (reported at the YAML's lines, nothing written)`);
    expect(rewritten).toBeGreaterThan(50);
  });
});

describe("lintYaml: configurations", () => {
  it("lints a ConfigMap's keys together and each chart value alone", async () => {
    const twoKeys = "apiVersion: v1\nkind: ConfigMap\ndata:\n  a.alloy: |\n    logging {}\n  b.alloy: |\n    logging {}\n";
    const cm = await lintYaml({ name: "cm.yaml", bytes: encoder.encode(twoKeys) });
    expect(cm.kind === "linted" && cm.found.map((f) => f.diagnostic.code)).toContain("check/duplicate-block");
    const values = "alloy-metrics:\n  extraConfig: |\n    logging {}\nalloy-logs:\n  extraConfig: |\n    logging {}\n";
    const chart = await lintYaml({ name: "values.yaml", bytes: encoder.encode(values) });
    expect(chart).toEqual({ kind: "linted", found: [], regions: 2 });
  });
});

describe("formatYaml: in place", () => {
  const fmt = (yaml: string): ReturnType<typeof formatYaml> => formatYaml({ name: "x.yaml", bytes: encoder.encode(yaml) });
  const text = (r: ReturnType<typeof formatYaml>): string => (r.kind === "formatted" ? decoder.decode(r.bytes) : `${r.kind}: ${"problems" in r ? r.problems.join("; ") : ""}`);

  it("keeps the header, the trailing empty lines and a last line without a line break", () => {
    const head = "apiVersion: v1\nkind: ConfigMap\ndata:\n";
    expect(text(fmt(`${head}  a.alloy: |+2 # kept\n    x   =   1\n\n\n  b.alloy: |2-\n      y = 2\n    z   = 3`))).toBe(`${head}  a.alloy: |+2 # kept\n    x = 1\n\n\n  b.alloy: |2-\n    y = 2\n    z = 3`);
  });

  it("says why a quoted scalar that would change is not rewritten", () => {
    const r = fmt('apiVersion: v1\nkind: ConfigMap\ndata:\n  a.alloy: "x   =   1"\n  b.alloy: "x = 1"\n');
    expect(r).toEqual({
      kind: "unformattable",
      found: [],
      problems: ['x.yaml:4:13: data["a.alloy"] is a double-quoted scalar; alloyc fmt rewrites only literal block scalars (|) in place: write it as one to format it'],
    });
    expect(fmt('apiVersion: v1\nkind: ConfigMap\ndata:\n  b.alloy: "x = 1\\n"\n')).toMatchObject({ kind: "formatted", changed: false });
  });
});
