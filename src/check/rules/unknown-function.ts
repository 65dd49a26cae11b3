import type { Identifier } from "../../ast/index.js";
import { replaceWith } from "../../diag/index.js";
import type { Rule, RuleContext } from "../context.js";
import { closest } from "../suggest.js";

/**
 * unknown-function — a member of a standard-library namespace that does not exist
 * (`string.formatt(...)`, `sys.envv(...)`, `constants.hostnme`). Alloy's validator accepts these
 * (it only checks the namespace) and the config then fails when evaluated.
 */
export const meta = {
  code: "check/unknown-function",
  severity: "error",
  description: "A standard-library function or constant that does not exist.",
  docs: "src/check/rules/README.md#unknown-function",
  phase: "references",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  const { stdlib } = ctx.catalog;
  for (const ref of ctx.analysis.references) {
    if (ref.resolution.kind !== "stdlib") continue;
    const [first, second] = ref.traversal.parts as [Identifier, Identifier | undefined];
    const members = stdlib.namespaces.get(first.name);
    if (!members || !second) continue;
    const name = `${first.name}.${second.name}`;
    if (stdlib.members.has(name)) continue;
    const kind = first.name === "constants" ? "constant" : "function";
    const versionNote = ctx.catalog.versionNote?.(name, "function");
    const suggestion = closest(name, members) ?? closest(name, stdlib.members.keys());
    const span = { start: first.span.start, end: second.span.end };
    ctx.report({
      node: ref.from,
      span,
      message: `unknown ${kind} "${name}" in the standard library${versionNote !== undefined ? `: ${versionNote}` : ""}`,
      ...(suggestion !== undefined ? { help: `did you mean "${suggestion}"?`, fixes: [replaceWith(span, suggestion)] } : {}),
    });
  }
}
