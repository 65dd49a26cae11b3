/**
 * The printer's stability check: whether a further pass over a pass's output could decide
 * anything differently, so that fixpoint.ts runs one only then.
 *
 * What a pass decides from the output itself (spans of statements and values, comments after a
 * drifting text, comments moved on to the next text with a position) a further pass decides the
 * same way. What it decides from source lines it keeps as long as comments do not interfere:
 * between two texts with a position, only whitespace and comments come between the source and
 * the output. So a further pass decides everything the same way iff no text's own line count
 * changes (a comment whose CRs were dropped), and the line gap between consecutive texts with a
 * position is the same here as in the source as far as decisions look at it:
 * - next to a comment, and before an attribute that follows other statements: capped at 2
 *   (blank lines before comments and attributes are kept);
 * - before a block that follows other statements: more than zero (a blank line is printed);
 * - elsewhere (inside a statement, the first of a body, a block's `}`): not at all, unless a
 *   string with a form feed came before: form feeds shift the printer's estimates, so after one
 *   every gap is compared, capped at 2 + the form feeds seen;
 * and the printer's comment placement asks for nothing more (Printer.inject: comments moved
 * with line breaks around them, line breaks the walker asked for that comments took away).
 */

// What comes before a text, as far as the check compares gaps (Printer.boundaryNext): 0 inside a
// statement; B_OTHER the first statement of a body or a block's `}`; B_ATTRIBUTE / B_BLOCK a
// statement after others in its body; B_COMMENT a comment.
export const B_OTHER = 1;
export const B_ATTRIBUTE = 2;
export const B_BLOCK = 3;
export const B_COMMENT = 4;

export class Stability {
  /**
   * The gap before the next text is settled by construction (a comment the drift rule placed,
   * Printer.prefix), unless that text comes before the previous one in the source and is not at
   * the end of the file.
   */
  gapSettled = false;

  private started = false;
  private prevSrcEnd = 0;
  private prevOutEnd = 0;
  private prevWasComment = false;
  /** Form feeds written so far inside texts. */
  private ffDebt = 0;

  /**
   * A text with a position: its first and last source line, its LF and FF count, the output line
   * it starts on, what comes before it (B_*), whether it is injected at the end of the file.
   * Returns false when a further pass could decide otherwise.
   */
  text(srcStart: number, srcEnd: number, lfs: number, ffs: number, outStart: number, gapKind: number, atEnd: boolean): boolean {
    const outEnd = outStart + lfs;
    const g = srcStart - this.prevSrcEnd;
    let same = true;
    if (this.started && !(this.gapSettled && (g >= 0 || atEnd))) {
      const h = outStart - this.prevOutEnd;
      const kind = this.prevWasComment ? B_COMMENT : gapKind;
      if (g < 0) same = false;
      else if (this.ffDebt > 0 || kind === B_COMMENT || kind === B_ATTRIBUTE) {
        const cap = 2 + this.ffDebt;
        same = Math.min(g, cap) === Math.min(h, cap);
      } else same = kind !== B_BLOCK || h > 0;
    }
    if (srcEnd - srcStart !== lfs) same = false;
    this.gapSettled = false;
    this.ffDebt += ffs;
    this.started = true;
    this.prevSrcEnd = srcEnd;
    this.prevOutEnd = outEnd;
    this.prevWasComment = gapKind === B_COMMENT;
    return same;
  }
}
