import { assertNever, type Expr, type Node } from "./nodes.js";

/** Children of a node in declaration (source) order. */
export function children(node: Node): readonly Node[] {
  switch (node.kind) {
    case "File":
      return node.body;
    case "Attribute":
      return [node.name, node.value];
    case "Block":
      return node.label ? [...node.name, node.label, ...node.body] : [...node.name, ...node.body];
    case "Label":
    case "Identifier":
    case "Literal":
    case "ObjectKey":
    case "Comment":
      return [];
    case "Array":
      return node.elements;
    case "Object":
      return node.fields;
    case "ObjectField":
      return [node.key, node.value];
    case "Access":
      return [node.value, node.name];
    case "Index":
      return [node.value, node.index];
    case "Call":
      return [node.callee, ...node.args];
    case "Unary":
      return [node.operand];
    case "Binary":
      return [node.left, node.right];
    case "Paren":
      return [node.inner];
    case "CommentGroup":
      return node.comments;
    default:
      return assertNever(node);
  }
}

/**
 * Depth-first walk. The visitor returns false to skip a node's children. Iterative, so deeply
 * nested input cannot overflow the stack.
 */
export function walk(root: Node, visit: (node: Node, parent: Node | undefined) => boolean | void): void {
  const stack: Array<[Node, Node | undefined]> = [[root, undefined]];
  while (stack.length > 0) {
    const [node, parent] = stack.pop() as [Node, Node | undefined];
    if (visit(node, parent) === false) continue;
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i] as Node, node]);
  }
}

/** `a.b.c` as ["a", "b", "c"] when the expression is a plain traversal, else undefined. */
export function traversalPath(expr: Expr): string[] | undefined {
  const parts: string[] = [];
  let cur: Expr = expr;
  while (cur.kind === "Access") {
    parts.push(cur.name.name);
    cur = cur.value;
  }
  if (cur.kind !== "Identifier") return undefined;
  parts.push(cur.name);
  return parts.reverse();
}
