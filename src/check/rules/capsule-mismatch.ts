import type { Expr } from "../../ast/index.js";
import { capsuleOf, formatType, type AlloyType } from "../../schema/types.js";
import type { Analysis } from "../analyze.js";
import type { Rule, RuleContext } from "../context.js";
import { exportsOfKind, listSome, rankProducers } from "../producers.js";
import { dotted } from "../resolve.js";
import type { ScopeNode } from "../scope.js";
import { nodeSpan, relatedAt } from "../spans.js";

/**
 * capsule-mismatch — a component export wired where a different kind of value is expected: an
 * `otelcol.Consumer` in a loki `forward_to`, a `storage.Appendable` (metrics receiver) where
 * logs go, discovery targets where a receiver belongs. Capsules of different Go types are never
 * inter-assignable, so Alloy fails when it evaluates the attribute; this finds it statically
 * from the catalog's export and argument types.
 */
export const meta = {
  code: "check/capsule-mismatch",
  severity: "error",
  description: "A component export of one capsule type is wired where another is expected.",
  docs: "src/check/rules/README.md#capsule-mismatch",
  phase: "typecheck",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  const { analysis } = ctx;
  for (const { node, body } of analysis.allBodies) {
    for (const a of body.attributes) {
      if (!a.spec) continue;
      visit(a.attr.value, a.spec.type, (expr, expected, actual, name, target) => {
        const message = `${a.attr.name.name} expects ${formatType(expected)}, but ${name} is ${formatType(actual)}`;
        const related = [relatedAt(analysis.files, node.file, target.file, nodeSpan(target, "id"), `${target.id} is declared here`)];
        // One value where a list of them goes: the fix is the brackets, not another component.
        if (expected.kind === "list" && fits(expected.element, actual)) {
          const wrap = [{ span: { start: expr.span.start, end: expr.span.start }, newText: "[" }, { span: { start: expr.span.end, end: expr.span.end }, newText: "]" }];
          ctx.report({ node, span: expr.span, message, help: `${a.attr.name.name} takes a list: wrap it in [ ]`, related, fixes: [{ description: "wrap it in [ ]", edits: wrap }] });
          return;
        }
        const want = expected.kind === "list" ? expected.element : expected;
        const capsule = want.kind === "capsule" ? want.capsule : undefined;
        const producers = capsule ? rankProducers(capsule, ctx.catalog.exportersOf(capsule), target.name) : [];
        const present = capsule ? exportsOfKind(analysis, node.scope, capsule, node) : [];
        const parts: string[] = [];
        if (present.length > 0) parts.push(`this config has ${listSome(present, 3)}`);
        if (producers.length > 0) parts.push(`${formatType(want)} comes from ${listSome(producers, 6)}`);
        // Replacing the value by an export of the right kind that the config has (in brackets where a list goes).
        const fixes = present.slice(0, 3).map((x) => ({ description: `use ${x}`, edits: [{ span: expr.span, newText: expected.kind === "list" ? `[${x}]` : x }] }));
        ctx.report({ node, span: expr.span, message, ...(parts.length > 0 ? { help: parts.join("; ") } : {}), related, ...(fixes.length > 0 ? { fixes } : {}) });
      }, analysis);
    }
  }
}

type Mismatch = (expr: Expr, expected: AlloyType, actual: AlloyType, name: string, target: ScopeNode) => void;

/** Walks array and object literals down to references, in source order; iterative, so depth costs no call stack. */
function visit(root: Expr, rootExpected: AlloyType, report: Mismatch, analysis: Analysis): void {
  const stack: Array<{ expr: Expr; expected: AlloyType }> = [{ expr: root, expected: rootExpected }];
  while (stack.length > 0) {
    const { expr, expected } = stack.pop() as { expr: Expr; expected: AlloyType };
    if (expected.kind === "any") continue;
    const next: Array<{ expr: Expr; expected: AlloyType }> = [];
    if (expr.kind === "Array") {
      if (expected.kind === "list") for (const e of expr.elements) next.push({ expr: e, expected: expected.element });
    } else if (expr.kind === "Object") {
      if (expected.kind === "map") for (const f of expr.fields) next.push({ expr: f.value, expected: expected.value });
      else if (expected.kind === "object") {
        for (const f of expr.fields) {
          const field = expected.fields.find((x) => x.name === f.key.name);
          if (field) next.push({ expr: f.value, expected: field.type });
        }
      }
    } else if (expr.kind === "Identifier" || expr.kind === "Access") checkReference(expr, expected, report, analysis);
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i] as { expr: Expr; expected: AlloyType });
  }
}

function checkReference(expr: Expr, expected: AlloyType, report: Mismatch, analysis: Analysis): void {
  const ref = analysis.referenceAt(expr);
  if (!ref || ref.resolution.kind !== "block" || ref.resolution.rest.length !== 1) return;
  // A catalog component's export, or a custom component's (typed from its declare's body).
  const actual = analysis.types.exportType(ref.resolution.target, (ref.resolution.rest[0] as { name: string }).name);
  if (!actual) return;
  if ((capsuleOf(expected) !== undefined || capsuleOf(actual) !== undefined) && !fits(expected, actual)) {
    report(expr, expected, actual, dotted(ref.traversal.parts), ref.resolution.target);
  }
}

/** Whether a value of type `actual` can be decoded into `expected`, as far as capsules go. */
function fits(expected: AlloyType, actual: AlloyType): boolean {
  if (expected.kind === "any" || actual.kind === "any") return true;
  switch (expected.kind) {
    case "capsule":
      return actual.kind === "capsule" && actual.capsule === expected.capsule;
    case "list":
      return actual.kind === "list" && fits(expected.element, actual.element);
    case "map":
      return actual.kind === "map" && fits(expected.value, actual.value);
    default:
      return capsuleOf(actual) === undefined;
  }
}
