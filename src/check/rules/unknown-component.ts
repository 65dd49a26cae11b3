import { replaceWith } from "../../diag/index.js";
import { nodeRank, type Rule, type RuleContext } from "../context.js";
import type { Scope } from "../scope.js";
import { dottedNameSpan, nodeSpan } from "../spans.js";
import { CandidateIndex } from "../suggest.js";

/**
 * unknown-component — a block name that is neither a catalog component nor a custom component
 * in scope (a `declare`, or a declare of a module imported with `import.*`).
 *
 * Message as Alloy's (`cannot find the definition of component name "loki.wirte"`), with the
 * closest known name as help. Components of an imported namespace are checked only by
 * namespace unless the module could be read (lint resolves `import.file` from disk).
 */
export const meta = {
  code: "check/unknown-component",
  severity: "error",
  description: "A block names a component that does not exist or is not in scope.",
  docs: "src/check/rules/README.md#unknown-component",
  phase: "node",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  // One candidate index per scope (and per imported module), shared by all of its findings.
  const indexes = new Map<unknown, CandidateIndex>();
  const indexFor = (key: unknown, candidates: () => string[]): CandidateIndex => {
    let index = indexes.get(key);
    if (!index) indexes.set(key, (index = new CandidateIndex(candidates())));
    return index;
  };
  for (const node of ctx.analysis.nodes) {
    if (node.kind !== "component") continue;
    const r = ctx.analysis.registration(node);
    let index: CandidateIndex | undefined;
    if (r.kind === "unknown") index = indexFor(node.scope, () => [...ctx.catalog.componentNames, ...customNames(node.scope)]);
    else if (r.kind === "import" && r.module && r.member === undefined && node.name.split(".").length === 2) {
      const { module, custom } = r;
      index = indexFor(custom, () => [...module.customs.keys()].map((k) => `${custom.label}.${k}`));
    }
    if (!index) continue;
    const info = ctx.catalog.info(node.name);
    // Known to a later release than the one targeted (--alloy-version): say which.
    const versionNote = r.kind === "unknown" ? ctx.catalog.versionNote?.(node.name, "entry") : undefined;
    if (versionNote !== undefined) {
      ctx.report({ node, span: nodeSpan(node), message: `component "${node.name}" was ${versionNote}`, rank: nodeRank(node, "registry") });
      continue;
    }
    const suggestion = index.closest(node.name);
    const help = info?.kind === "config-block"
      ? `${node.name} is a configuration block, not a component: write it without a label`
      : suggestion !== undefined ? `did you mean "${suggestion}"?` : undefined;
    ctx.report({
      node,
      span: nodeSpan(node),
      message: `cannot find the definition of component name "${node.name}"`,
      ...(help ? { help } : {}),
      ...(info?.kind !== "config-block" && suggestion !== undefined ? { fixes: [replaceWith(dottedNameSpan(node.block), suggestion)] } : {}),
      rank: nodeRank(node, "registry"),
    });
  }
}

/** Labels of the declares (and import namespaces) visible from `scope`. */
function customNames(scope: Scope): string[] {
  const out: string[] = [];
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    for (const [label, c] of s.customs) if (c.kind === "declare") out.push(label);
  }
  return out;
}
