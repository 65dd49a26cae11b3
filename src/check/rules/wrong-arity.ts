import type { Rule, RuleContext } from "../context.js";
import { dotted } from "../resolve.js";

/**
 * wrong-arity — a standard-library function called with too few or too many arguments
 * (`string.join(list)`, `sys.env()`). Alloy's messages: `expected 2 args, got 1`,
 * `expected at least 1 args, got 0`.
 */
export const meta = {
  code: "check/wrong-arity",
  severity: "error",
  description: "A standard-library function called with the wrong number of arguments.",
  docs: "src/check/rules/README.md#wrong-arity",
  phase: "references",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  for (const ref of ctx.analysis.references) {
    const call = ref.traversal.call;
    if (ref.resolution.kind !== "stdlib" || !call) continue;
    const name = dotted(ref.traversal.parts);
    const fn = ctx.catalog.stdlib.members.get(name);
    if (!fn || fn.kind !== "function" || !fn.params) continue;
    const got = call.args.length;
    const min = fn.variadic ? fn.params.length - 1 : fn.params.filter((p) => !p.optional).length;
    const max = fn.variadic ? Infinity : fn.params.length;
    if (got >= min && got <= max) continue;
    const expected = fn.variadic ? `at least ${min}` : min === max ? `${min}` : `${min} or ${max}`;
    const signature = `${name}(${fn.params.map((p, i) => (fn.variadic && i === fn.params!.length - 1 ? `${p.name}...` : p.optional ? `${p.name}?` : p.name)).join(", ")})`;
    ctx.report({ node: ref.from, span: call.span, message: `expected ${expected} args, got ${got}`, help: `${signature}` });
  }
}
