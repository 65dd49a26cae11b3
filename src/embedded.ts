/**
 * Alloy where Kubernetes keeps it: linting the Alloy text inside a YAML file (a ConfigMap's
 * `*.alloy` keys, the Alloy chart's `alloy.configMap.content`, the k8s-monitoring chart's
 * `extraConfig` values), and what formatting it shares (embedded-format.ts; apart, so that lint
 * never loads the formatter). It spans src/yaml (finding the text, mapping its positions) and
 * parse and check, so it lives in the facade. Loaded only when a command meets a .yaml or .yml
 * file: it imports the `yaml` package.
 */
import { sourceFile, type Diagnostic, type Fix, type Located, type RelatedLocation, type SourceFile, type Span } from "./diag/index.js";
import { lint, overridden, type LintOptions, type LintSource } from "./lint.js";
import { escapeTpl, findAlloy, type AlloyRegion } from "./yaml/index.js";

/** Why a YAML file gives nothing to lint or format: it does not parse, or holds no Alloy. */
export type YamlRefusal =
  | { readonly kind: "bad-yaml"; /** `NAME:LINE:COL: the YAML library's message` */ readonly message: string }
  | { readonly kind: "no-alloy"; readonly message: string };

export type YamlLint = YamlRefusal | { readonly kind: "linted"; readonly found: Located[]; readonly regions: number };

const NO_ALLOY =
  "no Alloy text in this YAML (alloyc reads ConfigMap data keys ending in .alloy, alloy.configMap.content and extraConfig values: alloyc help lint)";

/** The regions of a YAML file, or why there are none. */
export function regionsOf(input: LintSource): { regions: readonly AlloyRegion[]; text: string; file: SourceFile } | YamlRefusal {
  const file = sourceFile(input.name, input.bytes);
  const found = findAlloy(input.bytes);
  if (!found.ok) {
    const at = file.lines.position(found.error.offset);
    return { kind: "bad-yaml", message: `${input.name}:${at.line}:${at.column}: ${found.error.message}` };
  }
  if (found.regions.length === 0) return { kind: "no-alloy", message: `${input.name}: ${NO_ALLOY}` };
  return { regions: found.regions, text: found.text, file };
}

/**
 * Lints the Alloy in a YAML file: the keys of one ConfigMap form one configuration (the files of
 * the folder it is mounted as), each chart value is one, each checked as `lint` checks files; findings come back at the YAML file's own lines and columns. In chart values, each
 * `{{ ... }}` that tpl would evaluate is a `lint/helm-tpl` warning, with the escaped form as its fix.
 */
export async function lintYaml(input: LintSource, options: LintOptions = {}): Promise<YamlLint> {
  const got = regionsOf(input);
  if ("kind" in got) return got;
  const { regions, file } = got;
  const found: Located[] = [];
  // A ConfigMap's keys are the files of one folder; each chart value is a config of its own
  // (alloy-metrics.extraConfig and alloy-logs.extraConfig go to different Alloy instances).
  const configurationOf = (r: AlloyRegion, i: number): string => (r.tpl ? `value ${i}` : `document ${r.document}`);
  const configurations = [...new Set(regions.map(configurationOf))];
  for (const configuration of configurations) {
    const mine = regions.filter((r, i) => configurationOf(r, i) === configuration);
    const sources = mine.map((r) => ({ name: input.name, bytes: new TextEncoder().encode(r.text) }));
    for (const located of await lint(sources, options)) {
      const i = sources.findIndex((s) => s.bytes === located.file.bytes);
      const region = mine[i];
      found.push(region ? { file, diagnostic: toYaml(located.diagnostic, region) } : located);
    }
  }
  for (const r of regions) {
    if (!r.tpl) continue;
    for (const a of r.actions) {
      const d = overridden(tplWarning(r, a), options.severities);
      if (d) found.push({ file, diagnostic: d });
    }
  }
  return { kind: "linted", found, regions: regions.length };
}

/** Which chart renders a region with tpl, for the message. */
function chartOf(r: AlloyRegion): string {
  return r.path.endsWith("extraConfig") ? "the k8s-monitoring chart" : "the Alloy chart";
}

function tplWarning(r: AlloyRegion, action: AlloyRegion["actions"][number]): Diagnostic {
  const escaped = escapeTpl(action.text);
  const what = action.unclosed ? `${action.text} opens a Go template action that does not close on its line` : `${action.text} is a Go template action`;
  const fixes: Fix[] = r.map.exact ? [{ description: "escape it for tpl", edits: [{ span: { start: action.start, end: action.end }, newText: escaped }] }] : [];
  return {
    code: "lint/helm-tpl",
    severity: "warning",
    span: { start: action.start, end: action.end },
    message: `${what}: ${chartOf(r)} renders ${r.path} with Helm's tpl, which ${action.unclosed ? "fails on it" : "evaluates it"} instead of passing it to Alloy`,
    help: `write ${escaped} to give Alloy the text as it is`,
    ...(fixes.length > 0 ? { fixes } : {}),
  };
}

/** A finding about a region's Alloy text, at the YAML file's bytes. */
export function toYaml(d: Diagnostic, r: AlloyRegion): Diagnostic {
  const span = (s: Span): Span => {
    const start = r.map.toYaml(s.start);
    return { start, end: s.end > s.start ? Math.max(start, r.map.toYaml(s.end - 1) + 1) : start };
  };
  const related = d.related?.map((x): RelatedLocation => ("span" in x ? { ...x, span: span(x.span) } : x));
  // An edit's text goes into the scalar as the scalar holds text: indented, and escaped for tpl.
  const text = (t: string): string => {
    const escaped = r.tpl ? escapeTpl(t) : t;
    return r.block ? escaped.replace(/\n/g, `${r.block.eol}${" ".repeat(r.block.indent)}`) : escaped;
  };
  const fixes = r.map.exact ? d.fixes?.map((f): Fix => ({ ...f, edits: f.edits.map((e) => ({ span: span(e.span), newText: text(e.newText) })) })) : undefined;
  const { related: _r, fixes: _f, ...rest } = d;
  return { ...rest, span: span(d.span), ...(related ? { related } : {}), ...(fixes && fixes.length > 0 ? { fixes } : {}) };
}
