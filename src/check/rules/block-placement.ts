import { nodeRank, type Rule, type RuleContext } from "../context.js";
import { UNCONFIGURABLE_SERVICES } from "../scope.js";
import { nodeSpan } from "../spans.js";

/**
 * block-placement — a statement where Alloy does not allow it.
 *
 * Attributes at the top level or directly in a `declare` body or a template; `argument` and
 * `export` outside a module; `logging`, `tracing` and service blocks (`http`, `remotecfg`, ...)
 * inside a module or a foreach template; and the services that take no configuration at all
 * (`cluster`, `otel`, `ui`). Messages are Alloy's (`argument blocks only allowed inside a
 * module`, `logging not allowed in module`, `service "ui" does not support being configured`).
 */
export const meta = {
  code: "check/block-placement",
  severity: "error",
  description: "A statement or block is written where Alloy does not accept it.",
  docs: "src/check/rules/README.md#block-placement",
  phase: "node",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  for (const scope of ctx.analysis.scopes) {
    for (const { attr, file } of scope.strayAttributes) {
      if (scope.kind === "root") {
        ctx.report({ node: undefined, file, span: attr.name.span, message: `unrecognized attribute ${attr.name.name}` });
      } else {
        const node = scope.owner;
        ctx.report({ node, span: attr.span, message: "unsupported statement type *ast.AttributeStmt", ...(node ? { rank: nodeRank(node, "statement") } : {}) });
      }
    }
  }
  for (const node of ctx.analysis.nodes) {
    const { scope, block } = node;
    const rank = nodeRank(node, "placement");
    if ((node.name === "argument" || node.name === "export") && scope.atRoot) {
      ctx.report({
        node,
        span: block.span,
        message: `${node.name} blocks only allowed inside a module`,
        rank,
        // A file of top-level arguments and exports was a classic module (module.file), which
        // Alloy removed; say what replaces it.
        help: `put the module in a declare block (declare "name" { ... }) and load its file with import.file`,
      });
    }
    const movable = node.kind === "service" || node.name === "logging" || node.name === "tracing";
    if (movable && (!scope.atRoot || scope.inForeach)) {
      const where = scope.atRoot ? "foreach" : "module";
      ctx.report({ node, span: nodeSpan(node, "id"), message: `${node.id} not allowed in ${where}`, rank });
    }
    if (node.kind === "service" && UNCONFIGURABLE_SERVICES.has(node.name)) {
      ctx.report({ node, span: block.span, message: `service "${node.name}" does not support being configured`, rank: rank + 0.5 });
    }
  }
}
