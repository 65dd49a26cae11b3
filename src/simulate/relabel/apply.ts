import type { Labels, TraceStep, ValueChange } from "../types.js";
import { expandTemplate } from "./expand.js";
import { hashmod } from "./hashmod.js";
import { isValidLabelName, type CompiledRule } from "./rules.js";

/** The components that relabel, and "any" for the shared engine alone (no component drop). */
export type RelabelComponent = "discovery.relabel" | "loki.relabel" | "prometheus.relabel" | "any";

export interface RelabelOutcome {
  /** The label set after the rules, or null when a rule or the component dropped it. */
  readonly labels: Labels | null;
  readonly trace: TraceStep[];
}

/**
 * Runs the rules over one label set the way Alloy's relabel.ProcessBuilder does, then the
 * component's own drop: discovery.relabel first removes empty-valued labels (its target builder
 * does) and keeps an empty target; loki.relabel and prometheus.relabel drop an empty label set.
 * `input` is the target's index, for the trace.
 */
export function relabelOne(
  rules: readonly CompiledRule[],
  input: Labels,
  component: RelabelComponent,
  options: { readonly trace?: boolean; readonly input?: number } = {},
): RelabelOutcome {
  const labels = new Map<string, string>();
  for (const [name, value] of Object.entries(input)) {
    if (component === "discovery.relabel" && value === "") continue;
    labels.set(name, value);
  }
  const trace: TraceStep[] = [];
  for (const rule of rules) {
    const before = options.trace ? new Map(labels) : undefined;
    const kept = applyRule(rule, labels);
    if (before) trace.push(step(rule, before, labels, options.input ?? 0, kept ? undefined : dropReason(rule)));
    if (!kept) return { labels: null, trace };
  }
  if (labels.size === 0 && (component === "loki.relabel" || component === "prometheus.relabel")) {
    const last = trace.at(-1);
    if (last) last.dropped = `${component} drops an empty label set`;
    return { labels: null, trace };
  }
  return { labels: Object.fromEntries(labels), trace };
}

/** One rule (relabel.go's doRelabel): false when the rule drops the label set. */
function applyRule(rule: CompiledRule, labels: Map<string, string>): boolean {
  const get = (name: string): string => labels.get(name) ?? "";
  const set = (name: string, value: string): void => {
    if (value === "") labels.delete(name);
    else labels.set(name, value);
  };
  const value = rule.sourceLabels.map(get).join(rule.separator);
  switch (rule.action) {
    case "drop":
      return !rule.regex.test(value);
    case "keep":
      return rule.regex.test(value);
    case "dropequal":
      return get(rule.targetLabel) !== value;
    case "keepequal":
      return get(rule.targetLabel) === value;
    case "replace": {
      const groups = rule.regex.exec(value);
      if (!groups) return true;
      const target = expandTemplate(rule.targetLabel, groups, rule.regex.names);
      if (!isValidLabelName(target)) return true;
      set(target, expandTemplate(rule.replacement, groups, rule.regex.names));
      return true;
    }
    case "lowercase":
      set(rule.targetLabel, goLower(value));
      return true;
    case "uppercase":
      set(rule.targetLabel, goUpper(value));
      return true;
    case "hashmod":
      set(rule.targetLabel, hashmod(value, rule.modulus));
      return true;
    case "labelmap":
      // Names and values as they were when the rule started; labels it adds are not re-examined.
      for (const [name, old] of sortedEntries(labels)) {
        const groups = rule.regex.exec(name);
        if (groups) set(expandTemplate(rule.replacement, groups, rule.regex.names), old);
      }
      return true;
    case "labeldrop":
    case "labelkeep":
      for (const [name] of sortedEntries(labels)) {
        if (rule.regex.test(name) === (rule.action === "labeldrop")) labels.delete(name);
      }
      return true;
  }
}

/** Prometheus label sets are sorted by name (bytewise); Range visits them in that order. */
function sortedEntries(labels: Map<string, string>): [string, string][] {
  return [...labels].sort(([a], [b]) => compareBytes(a, b));
}

const encoder = new TextEncoder();
function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  // UTF-16 order equals UTF-8 byte order except around surrogates; only then pay for encoding.
  if (!/[\uD800-\uFFFF]/.test(a + b)) return a < b ? -1 : 1;
  return Buffer.compare(encoder.encode(a), encoder.encode(b));
}

/**
 * Go's strings.ToLower/ToUpper map each code point by Unicode's simple case mapping (one code point
 * to one). JavaScript's full mapping can yield several (ß → SS, İ → i̇): those keep Go's result.
 */
function goLower(value: string): string {
  const lower = value.toLowerCase();
  if (lower.length === value.length) return lower;
  return mapCodePoints(value, (ch) => (ch === "\u0130" ? "i" : ch.toLowerCase()));
}

function goUpper(value: string): string {
  const upper = value.toUpperCase();
  if (upper.length === value.length) return upper;
  return mapCodePoints(value, (ch) => ch.toUpperCase());
}

function mapCodePoints(value: string, map: (ch: string) => string): string {
  let out = "";
  for (const ch of value) {
    const mapped = map(ch);
    out += [...mapped].length === 1 ? mapped : ch;
  }
  return out;
}

function dropReason(rule: CompiledRule): string {
  const joined = rule.sourceLabels.length > 0 ? `[${rule.sourceLabels.join(", ")}] joined` : "the empty value";
  switch (rule.action) {
    case "drop":
      return `${joined} matches ${JSON.stringify(rule.regex.source)}`;
    case "keep":
      return `${joined} does not match ${JSON.stringify(rule.regex.source)}`;
    case "dropequal":
      return `${joined} equals ${rule.targetLabel}`;
    default:
      return `${joined} differs from ${rule.targetLabel}`;
  }
}

function step(rule: CompiledRule, before: Map<string, string>, after: Map<string, string>, input: number, dropped?: string): TraceStep {
  const changes: ValueChange[] = [];
  for (const [name, old] of before) {
    const now = after.get(name);
    if (now !== old) changes.push({ name, before: old, after: now ?? null });
  }
  for (const [name, now] of after) if (!before.has(name)) changes.push({ name, before: null, after: now });
  const out: TraceStep = { kind: "rule", name: rule.action, span: rule.span, input, depth: 0, labels: changes };
  if (dropped) out.dropped = dropped;
  return out;
}
