import type { Code, Diagnostic, Severity, Span } from "../diag/index.js";
import type { Stability } from "../schema/spec.js";
import type { Analysis } from "./analyze.js";
import type { Catalog } from "./catalog.js";
import type { NodeKind, Scope, ScopeNode } from "./scope.js";

/**
 * When, in Alloy's processing of a block, a finding is reported (spec §6 step 5): the block's own
 * checks, then the type check of its body, then (after any nested scope) its references; a
 * scope's cycles come after all of its blocks. The checker sorts findings by these phases so that
 * its output follows `alloy validate`'s order.
 */
export type Phase = "node" | "typecheck" | "references" | "graph";

export interface RuleMeta {
  readonly code: Code;
  readonly severity: Severity;
  readonly description: string;
  /** Where the rule is documented (an alloyc docs anchor). */
  readonly docs: string;
  readonly phase: Phase;
}

export interface Report {
  /** The block the finding belongs to (its scope, for graph findings); none for stray top-level statements. */
  readonly node: ScopeNode | undefined;
  /** The file of the finding, when there is no node. */
  readonly file?: number;
  readonly span: Span;
  readonly message: string;
  readonly help?: string;
  /** Other places the finding refers to, and edits that resolve it (see Diagnostic). */
  readonly related?: Diagnostic["related"];
  readonly fixes?: Diagnostic["fixes"];
  /** Overrides the rule's default severity (stability findings become errors under a level). */
  readonly severity?: Severity;
  /** Breaks ties between findings at the same offset (Alloy's order of its own checks). */
  readonly rank?: number;
  /** Sort by this offset instead of the span's start ("missing" findings sort at the block end). */
  readonly orderAt?: number;
  /** Overrides the rule's phase (a rule whose findings come at several points of Alloy's processing). */
  readonly phase?: Phase;
}

/** Alloy's own checks on one block, in the order its validator runs them for each kind of block. */
export type NodeCheck = "label" | "duplicate" | "stability" | "placement" | "template" | "registry" | "statement";

const NODE_CHECK_ORDER: Readonly<Record<NodeKind, readonly NodeCheck[]>> = {
  declare: ["label", "duplicate", "statement"],
  config: ["duplicate", "stability", "placement", "label", "template", "statement"],
  component: ["label", "duplicate", "registry", "stability"],
  service: ["duplicate", "placement"],
};

/** The rank that puts a block's own finding where Alloy reports it among the block's checks. */
export function nodeRank(node: ScopeNode, check: NodeCheck): number {
  return NODE_CHECK_ORDER[node.kind].indexOf(check);
}

export interface RuleContext {
  readonly catalog: Catalog;
  /** The minimum stability level Alloy will run with, when the caller knows it. */
  readonly stabilityLevel: Stability | undefined;
  readonly analysis: Analysis;
  report(r: Report): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): void;
}

interface Keyed {
  readonly diagnostic: Diagnostic;
  readonly file: number;
  readonly key: readonly number[];
}

/** A diagnostic and the index of the file it is about. */
export interface FileDiagnostic {
  readonly file: number;
  readonly diagnostic: Diagnostic;
}

/**
 * Collects findings and sorts them into Alloy's order: by processing slot (block, phase), then
 * offset, then rank, then report order.
 */
export class Collector {
  private readonly found: Keyed[] = [];
  /** Per block: its own checks at slot n, its type check at n + 1, its references after any nested scope. */
  private readonly slots = new Map<ScopeNode, number>();
  private readonly refSlots = new Map<ScopeNode, number>();
  private readonly graphSlots = new Map<Scope, number>();

  constructor(root: Scope) {
    let next = 0;
    // Depth first with an explicit stack (nesting costs no call stack): a block's own slots, then
    // its nested scope, then its references slot; a scope's graph slot after all its blocks.
    const stack: Array<{ scope: Scope; at: number; owner: ScopeNode | undefined }> = [{ scope: root, at: 0, owner: undefined }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { scope: Scope; at: number; owner: ScopeNode | undefined };
      const node = top.scope.nodes[top.at++];
      if (!node) {
        this.graphSlots.set(top.scope, next++);
        stack.pop();
        if (top.owner) this.refSlots.set(top.owner, next++);
        continue;
      }
      this.slots.set(node, next);
      next += 2;
      if (node.inner) stack.push({ scope: node.inner, at: 0, owner: node });
      else this.refSlots.set(node, next++);
    }
  }

  add(meta: RuleMeta, r: Report): void {
    const severity = r.severity ?? meta.severity;
    const diagnostic: Diagnostic = {
      code: meta.code,
      severity,
      span: r.span,
      message: r.message,
      ...(r.help !== undefined ? { help: r.help } : {}),
      ...(r.related !== undefined ? { related: r.related } : {}),
      ...(r.fixes !== undefined ? { fixes: r.fixes } : {}),
    };
    const file = r.node?.file ?? r.file ?? 0;
    const orderAt = r.orderAt ?? r.span.start;
    // Findings that are ordered by report (orderAt 0, cycles) are not split by file.
    const fileKey = r.orderAt === 0 ? 0 : file;
    this.found.push({ diagnostic, file, key: [this.slot(r.phase ?? meta.phase, r.node), fileKey, orderAt, r.rank ?? 0, this.found.length] });
  }

  private slot(phase: Phase, node: ScopeNode | undefined): number {
    if (!node) return -1;
    switch (phase) {
      case "node":
        return this.slots.get(node) ?? 0;
      case "typecheck":
        return (this.slots.get(node) ?? 0) + 1;
      case "references":
        return this.refSlots.get(node) ?? 0;
      case "graph":
        return this.graphSlots.get(node.scope) ?? 0;
    }
  }

  sorted(): FileDiagnostic[] {
    return [...this.found]
      .sort((a, b) => {
        for (let i = 0; i < a.key.length; i++) {
          const d = (a.key[i] as number) - (b.key[i] as number);
          if (d !== 0) return d;
        }
        return 0;
      })
      .map((k) => ({ file: k.file, diagnostic: k.diagnostic }));
  }
}
