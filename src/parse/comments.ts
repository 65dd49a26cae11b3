import type { Comment, CommentGroup } from "../ast/index.js";
import type { LineIndex } from "../diag/index.js";
import type { Token } from "./tokens.js";

/** What grouping reads: the comments and non-comment token starts scanned so far. */
export interface CommentSource {
  readonly comments: readonly Token[];
  readonly tokenStarts: Int32Array;
  readonly lines: LineIndex;
  forget(comments: number, tokens: number): void;
}

/**
 * Groups comments as Alloy does: consecutive comments with no other token between them, each
 * starting at most one line after the previous one ends (spec §1.3). The formatter places
 * comments group by group.
 *
 * Incremental, for a file parsed in pieces: `groupsBefore(offset)` returns the groups of the
 * comments starting before `offset` not returned yet. The caller cuts only where a token lies
 * between the comments on either side, so no group spans a cut.
 */
export class CommentGrouper {
  private next = 0; // next comment to group
  private tokenIndex = 0;
  private prevEnd = -1;

  constructor(private readonly source: CommentSource) {}

  groupsBefore(offset: number): CommentGroup[] {
    const { comments, lines } = this.source;
    const starts = this.source.tokenStarts;
    const groups: CommentGroup[] = [];
    let current: Comment[] = [];
    let ti = this.tokenIndex;
    for (; this.next < comments.length; this.next++) {
      const c = comments[this.next] as Token;
      if (c.startOffset >= offset) break;
      const comment: Comment = { kind: "Comment", text: c.image, span: { start: c.startOffset, end: (c.endOffset as number) + 1 } };
      // Tokens that start before this comment: is any of them after the previous comment?
      let tokenBetween = false;
      while (ti < starts.length && (starts[ti] as number) < c.startOffset) {
        if ((starts[ti] as number) >= this.prevEnd) tokenBetween = true;
        ti++;
      }
      const adjacent = current.length > 0 && !tokenBetween && lines.line(c.startOffset) <= lines.line(this.prevEnd - 1) + 1;
      if (!adjacent && current.length > 0) {
        groups.push(toGroup(current));
        current = [];
      }
      current.push(comment);
      this.prevEnd = comment.span.end;
    }
    if (current.length > 0) groups.push(toGroup(current));
    this.tokenIndex = ti;
    return groups;
  }

  /** Lets the source drop the comments and token starts grouped so far. */
  forgetGrouped(): void {
    this.source.forget(this.next, this.tokenIndex);
    this.next = 0;
    this.tokenIndex = 0;
  }
}

/** Every comment of a fully scanned source, grouped. */
export function groupComments(source: CommentSource): CommentGroup[] {
  return new CommentGrouper(source).groupsBefore(Infinity);
}

function toGroup(comments: Comment[]): CommentGroup {
  const first = comments[0] as Comment;
  const last = comments[comments.length - 1] as Comment;
  return { kind: "CommentGroup", comments, span: { start: first.span.start, end: last.span.end } };
}
