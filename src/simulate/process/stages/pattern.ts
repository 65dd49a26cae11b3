/**
 * Loki's pattern matcher (`<name>` captures, `<_>` skips, literal text between): a literal
 * prefix must start the input; each capture runs to the first occurrence of the literal after
 * it; a capture whose literal is not found, or the last capture, takes the rest of the input.
 */

type Node = { literal: string } | { capture: string };

export interface PatternMatcher {
  /** Names of the named captures, in order. */
  readonly names: readonly string[];
  /** The named captures' texts (as many as matched before the input ran out), or undefined. */
  match(input: string): string[] | undefined;
}

const CAPTURE = /<(_|[a-zA-Z_][a-zA-Z0-9_]*)>/g;

export function compilePattern(text: string, fail: (message: string) => never): PatternMatcher {
  const nodes: Node[] = [];
  let last = 0;
  for (const m of text.matchAll(CAPTURE)) {
    if (m.index > last) nodes.push({ literal: text.slice(last, m.index) });
    nodes.push({ capture: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) nodes.push({ literal: text.slice(last) });
  const names: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (!("capture" in node)) continue;
    if (i > 0 && "capture" in nodes[i - 1]!) fail("found consecutive capture '" + node.capture + "'");
    if (node.capture === "_") continue;
    if (names.includes(node.capture)) fail(`duplicate capture name (${node.capture})`);
    names.push(node.capture);
  }
  if (names.length === 0) fail("at least one capture is required");
  return {
    names,
    match(input) {
      if (input.length === 0) return undefined;
      let expr = nodes;
      const captures: string[] = [];
      const first = expr[0]!;
      if ("literal" in first) {
        if (!input.startsWith(first.literal)) return undefined;
        input = input.slice(first.literal.length);
        expr = expr.slice(1);
      }
      if (expr.length === 0) return undefined;
      while (expr.length > 0) {
        const capture = (expr[0] as { capture: string }).capture;
        if (expr.length === 1) {
          if (capture !== "_") captures.push(input);
          return captures;
        }
        const literal = (expr[1] as { literal: string }).literal;
        expr = expr.slice(2);
        const i = input.indexOf(literal);
        if (i < 0) {
          if (capture !== "_") captures.push(input);
          return captures;
        }
        if (capture !== "_") captures.push(input.slice(0, i));
        input = input.slice(i + literal.length);
      }
      return captures;
    },
  };
}
