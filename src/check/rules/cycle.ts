import type { Rule, RuleContext } from "../context.js";
import type { Scope, ScopeNode } from "../scope.js";
import { headerSpan } from "../spans.js";

/**
 * cycle — blocks that reference each other in a loop, which Alloy cannot order
 * (`cycle detected: a, b`, on every member, from the name to `{`), and a block that references
 * itself (`cannot reference self`). Found per scope with Tarjan's algorithm over the reference
 * graph, as Alloy does.
 */
export const meta = {
  code: "check/cycle",
  severity: "error",
  description: "Blocks that depend on each other in a cycle.",
  docs: "src/check/rules/README.md#cycle",
  phase: "graph",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  const edges = new Map<ScopeNode, ScopeNode[]>();
  for (const ref of ctx.analysis.references) {
    const res = ref.resolution;
    if (res.kind !== "block" || res.fromParent || res.target.scope !== ref.from.scope) continue;
    const out = edges.get(ref.from) ?? [];
    if (!out.includes(res.target)) out.push(res.target);
    edges.set(ref.from, out);
  }
  for (const scope of ctx.analysis.scopes) {
    for (const cycle of stronglyConnected(scope, edges)) {
      if (cycle.length < 2) continue;
      const ids = cycle.map((n) => n.id).sort();
      const members = [...cycle].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (const node of members) {
        ctx.report({ node, span: headerSpan(node.block), message: `cycle detected: ${ids.join(", ")}`, orderAt: 0 });
      }
    }
    for (const node of scope.nodes) {
      if (edges.get(node)?.includes(node)) {
        ctx.report({ node, span: headerSpan(node.block), message: "cannot reference self", orderAt: 0, rank: 1 });
      }
    }
  }
}

/** Tarjan's strongly connected components, visiting nodes in processing order. */
function stronglyConnected(scope: Scope, edges: ReadonlyMap<ScopeNode, readonly ScopeNode[]>): ScopeNode[][] {
  const index = new Map<ScopeNode, number>();
  const low = new Map<ScopeNode, number>();
  const onStack = new Set<ScopeNode>();
  const stack: ScopeNode[] = [];
  const result: ScopeNode[][] = [];
  let next = 0;
  const connect = (v: ScopeNode): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const component: ScopeNode[] = [];
      let w: ScopeNode;
      do {
        w = stack.pop() as ScopeNode;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      result.push(component);
    }
  };
  for (const node of scope.nodes) if (!index.has(node)) connect(node);
  return result;
}
