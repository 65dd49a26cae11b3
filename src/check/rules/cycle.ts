import type { Rule, RuleContext } from "../context.js";
import type { Scope, ScopeNode } from "../scope.js";
import { headerSpan, relatedAt } from "../spans.js";

/**
 * cycle — blocks that reference each other in a loop, which Alloy cannot order
 * (`cycle detected: a, b`, on every member, from the name to `{`), and a block that references
 * itself (`cannot reference self`). Found per scope with Tarjan's algorithm over the reference
 * graph, as Alloy does.
 *
 * Alloy lists every member on every member, which grows with the square of the cycle. Up to
 * `LISTED` members this rule does the same; in a longer cycle the first member (by id) lists
 * them all, each other member says how many there are and where they are listed, and each
 * names the member it references, so the output stays linear in the cycle's size.
 */
export const meta = {
  code: "check/cycle",
  severity: "error",
  description: "Blocks that depend on each other in a cycle.",
  docs: "src/check/rules/README.md#cycle",
  phase: "graph",
} as const satisfies Rule["meta"];

/** The longest cycle reported exactly as Alloy reports it (every member listed on every member). */
export const LISTED = 10;

export function check(ctx: RuleContext): void {
  // A set per block: a block may reference thousands of others, each any number of times.
  const edges = new Map<ScopeNode, Set<ScopeNode>>();
  for (const ref of ctx.analysis.references) {
    const res = ref.resolution;
    if (res.kind !== "block" || res.fromParent || res.target.scope !== ref.from.scope) continue;
    let out = edges.get(ref.from);
    if (!out) edges.set(ref.from, (out = new Set()));
    out.add(res.target);
  }
  for (const scope of ctx.analysis.scopes) {
    for (const cycle of stronglyConnected(scope, edges)) {
      if (cycle.length >= 2) reportCycle(ctx, cycle, edges);
    }
    for (const node of scope.nodes) {
      if (edges.get(node)?.has(node)) {
        ctx.report({ node, span: headerSpan(node.block), message: "cannot reference self", orderAt: 0, rank: 1 });
      }
    }
  }
}

function reportCycle(ctx: RuleContext, cycle: readonly ScopeNode[], edges: ReadonlyMap<ScopeNode, ReadonlySet<ScopeNode>>): void {
  const members = [...cycle].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ids = members.map((n) => n.id);
  const all = `cycle detected: ${ids.join(", ")}`;
  if (members.length <= LISTED) {
    // Each member points at the others (linear per member: at most LISTED - 1 of them).
    for (const node of members) {
      const related = members.filter((m) => m !== node).map((m) => relatedAt(ctx.analysis.files, node.file, m.file, headerSpan(m.block), `${m.id} is in the cycle`));
      ctx.report({ node, span: headerSpan(node.block), message: all, orderAt: 0, related });
    }
    return;
  }
  const first = members[0] as ScopeNode;
  const inCycle = new Set(cycle);
  for (const node of members) {
    // Each member of a strongly connected component references at least one other member.
    let next: ScopeNode | undefined;
    for (const w of edges.get(node) ?? []) {
      if (w !== node && inCycle.has(w)) {
        next = w;
        break;
      }
    }
    const message = node === first ? all : `cycle detected: ${ids.length} blocks, listed on ${first.id}`;
    const related = next ? [relatedAt(ctx.analysis.files, node.file, next.file, headerSpan(next.block), `${next.id} is the member it references`)] : [];
    ctx.report({ node, span: headerSpan(node.block), message, help: `${node.id} references ${next?.id ?? "another member"}`, orderAt: 0, related });
  }
}

/**
 * Tarjan's strongly connected components, visiting nodes in processing order. Iterative (an
 * explicit stack of nodes with the position reached in their edge lists), so a chain of any
 * length cannot overflow the call stack.
 */
function stronglyConnected(scope: Scope, edges: ReadonlyMap<ScopeNode, ReadonlySet<ScopeNode>>): ScopeNode[][] {
  const index = new Map<ScopeNode, number>();
  const low = new Map<ScopeNode, number>();
  const onStack = new Set<ScopeNode>();
  const stack: ScopeNode[] = [];
  const result: ScopeNode[][] = [];
  let next = 0;
  interface Frame { readonly v: ScopeNode; readonly out: Iterator<ScopeNode> }
  const enter = (v: ScopeNode, calls: Frame[]): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    calls.push({ v, out: (edges.get(v) ?? new Set<ScopeNode>()).values() });
  };
  for (const root of scope.nodes) {
    if (index.has(root)) continue;
    const calls: Frame[] = [];
    enter(root, calls);
    while (calls.length > 0) {
      const frame = calls[calls.length - 1] as Frame;
      const { v } = frame;
      const step = frame.out.next();
      if (!step.done) {
        const w = step.value;
        if (!index.has(w)) enter(w, calls);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
        continue;
      }
      // v is finished: close its component if it is a root, then hand its low link to its caller.
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
      calls.pop();
      const caller = calls[calls.length - 1];
      if (caller) low.set(caller.v, Math.min(low.get(caller.v) as number, low.get(v) as number));
    }
  }
  return result;
}
