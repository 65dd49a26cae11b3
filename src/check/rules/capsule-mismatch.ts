import type { Expr } from "../../ast/index.js";
import { capsuleOf, formatType, type AlloyType } from "../../schema/types.js";
import type { Analysis } from "../analyze.js";
import type { Rule, RuleContext } from "../context.js";
import { dotted } from "../resolve.js";

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
  for (const { node, body } of ctx.analysis.allBodies) {
    for (const a of body.attributes) {
      if (!a.spec) continue;
      visit(a.attr.value, a.spec.type, (expr, expected, actual, name) => {
        const capsule = capsuleOf(expected);
        const exporters = capsule ? typicalFirst(capsule, ctx.catalog.exportersOf(capsule)) : [];
        const help = exporters.length > 0 ? `${formatType(expected)} comes from ${exporters.slice(0, 6).join(", ")}${exporters.length > 6 ? ", ..." : ""}` : undefined;
        ctx.report({
          node,
          span: expr.span,
          message: `${a.attr.name.name} expects ${formatType(expected)}, but ${name} is ${formatType(actual)}`,
          ...(help ? { help } : {}),
        });
      }, ctx.analysis);
    }
  }
}

/** The namespace whose components usually provide a capsule (`storage.Appendable` comes from prometheus.*). */
const HOME: Readonly<Record<string, string>> = { storage: "prometheus" };

/** Exporters of a capsule, those of its own namespace first (loki.* for loki.LogsReceiver). */
function typicalFirst(capsule: string, exporters: readonly string[]): string[] {
  const first = capsule.slice(0, capsule.indexOf("."));
  const home = `${HOME[first] ?? first}.`;
  return [...exporters.filter((e) => e.startsWith(home)), ...exporters.filter((e) => !e.startsWith(home))];
}

type Mismatch = (expr: Expr, expected: AlloyType, actual: AlloyType, name: string) => void;

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
    report(expr, expected, actual, dotted(ref.traversal.parts));
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
