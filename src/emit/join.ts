import type { Expr, Stmt } from "../ast/index.js";

/**
 * How two formatted top-level pieces of one file join (src/format.ts formats a large file in
 * pieces). Each piece ends in its newline, and the formatter puts a blank line before a
 * top-level block that follows another statement, which is where pieces are cut: so one more
 * newline goes between them.
 *
 * That holds only when no comment is printed between the two statements: comments there decide
 * the gap themselves (spec §4.3.3, comment suffix), from lines the piece before the cut does not
 * see. A cut must therefore come after `printedEnd` of the statement before it, with no comment
 * in between (parseInPieces takes it as its `trailingFrom`).
 */
export const PIECE_SEPARATOR: Uint8Array = Uint8Array.of(0x0a);

/**
 * Where the comments start that the formatter prints after `stmt`'s last text: the end of its
 * last text with a position of its own. A comment due before a text without one (a call's or a
 * parenthesis' `)`, an access's name, a `,`) moves on to the next text with a position (walker.ts
 * names them), so `x = f(1 /* c *\/)` prints as `x = f(1) /* c *\/`, the comment between this
 * statement and the next.
 */
export function printedEnd(stmt: Stmt): number {
  if (stmt.kind === "Block") return stmt.span.end; // its `}`
  let e: Expr = stmt.value;
  for (;;) {
    switch (e.kind) {
      case "Call":
        e = e.args.length > 0 ? (e.args[e.args.length - 1] as Expr) : e.callee;
        break;
      case "Paren":
        e = e.inner;
        break;
      case "Access":
        e = e.value;
        break;
      case "Unary":
        e = e.operand;
        break;
      case "Binary":
        e = e.right;
        break;
      default:
        // Identifier, Literal, and `]` of Array and Index, `}` of Object: texts with a position.
        return e.span.end;
    }
  }
}
