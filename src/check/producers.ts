import type { AlloyType } from "../schema/types.js";
import type { Analysis } from "./analyze.js";
import { moduleExports, type Scope, type ScopeNode } from "./scope.js";

/**
 * Where a capsule can come from, for help texts: the catalog components that export it, ranked by
 * closeness to what was written, and the exports of that kind the configuration already has.
 */

/** The components most pipelines send their data to or through: first among equals. */
const TYPICAL: ReadonlySet<string> = new Set(["loki.write", "loki.process", "prometheus.remote_write", "otelcol.exporter.otlp", "otelcol.processor.batch", "pyroscope.write"]);

/** The namespace whose components usually provide a capsule (`storage.Appendable` comes from prometheus.*). */
const HOME: Readonly<Record<string, string>> = { storage: "prometheus" };

/**
 * The components exporting `capsule`, closest to the component `written` first: sharing its leading
 * name parts (`otelcol.receiver.loki` for `otelcol.exporter.otlp`), naming its namespace
 * (`otelcol.exporter.loki` for a `loki.write`: the bridge between the two signals), sharing a word
 * of its last part (`loki.write` for `prometheus.remote_write`), then the capsule's own namespace,
 * then the usual sinks (`loki.write`); ties keep the catalog's (alphabetical) order.
 */
export function rankProducers(capsule: string, exporters: readonly string[], written: string | undefined): string[] {
  const homeNs = capsule.slice(0, capsule.indexOf("."));
  const home = HOME[homeNs] ?? homeNs;
  const w = written?.split(".") ?? [];
  const wordsOf = (part: string | undefined): string[] => (part ?? "").split("_").filter((x) => x.length > 2);
  const wWords = new Set(wordsOf(w[w.length - 1]));
  const score = (name: string): number => {
    const parts = name.split(".");
    let s = 0;
    let lead = 0;
    while (lead < parts.length && lead < w.length && parts[lead] === w[lead]) lead++;
    s += 8 * lead;
    if (w[0] !== undefined && parts.slice(1).includes(w[0])) s += 6;
    if (wordsOf(parts[parts.length - 1]).some((x) => wWords.has(x))) s += 2;
    if (parts[0] === home) s += 1;
    if (TYPICAL.has(name)) s += 0.5;
    return s;
  };
  return exporters
    .map((name, i) => ({ name, i, s: score(name) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.name);
}

/**
 * The exports of type `capsule(capsule)` that blocks visible from `scope` have (`loki.write.default.receiver`),
 * other than those of `self`, in source order.
 */
export function exportsOfKind(analysis: Analysis, scope: Scope, capsule: string, self: ScopeNode | undefined): string[] {
  const out: string[] = [];
  for (let s: Scope | undefined = scope; s; s = s.kind === "foreach" ? s.parent : undefined) {
    for (const node of s.nodes) {
      if (node === self || node.kind !== "component" || node.duplicateOf) continue;
      for (const [name, type] of exportsOf(analysis, node)) {
        if (type.kind === "capsule" && type.capsule === capsule) out.push(`${node.id}.${name}`);
      }
    }
  }
  return out;
}

function exportsOf(analysis: Analysis, node: ScopeNode): Array<[string, AlloyType]> {
  const r = analysis.registration(node);
  if (r.kind === "builtin") return (r.spec?.exports ?? []).map((e) => [e.name, e.type]);
  const module = r.kind === "declare" ? r.module : r.kind === "import" && r.member?.kind === "declare" ? r.member.node.inner : undefined;
  if (!module) return [];
  const types = analysis.types.of(module);
  return moduleExports(module).flatMap((e): Array<[string, AlloyType]> => {
    const t = types.exports.get(e.label as string);
    return t ? [[e.label as string, t]] : [];
  });
}

/** A list for a help text: the first `max`, then ", ..." when there are more. */
export function listSome(names: readonly string[], max: number): string {
  return names.slice(0, max).join(", ") + (names.length > max ? ", ..." : "");
}
