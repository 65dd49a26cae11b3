import type { Comment, CommentGroup } from "../ast/index.js";
import type { LineIndex } from "../diag/index.js";
import type { Token } from "./tokens.js";

/**
 * Groups comments as Alloy does: consecutive comments with no other token between them, each
 * starting at most one line after the previous one ends (spec §1.3). The formatter places
 * comments group by group.
 */
export function groupComments(comments: readonly Token[], tokenStarts: Int32Array, lines: LineIndex): CommentGroup[] {
  const groups: CommentGroup[] = [];
  let current: Comment[] = [];
  let ti = 0;
  let prevEnd = -1;
  for (const c of comments) {
    const comment: Comment = { kind: "Comment", text: c.image, span: { start: c.startOffset, end: (c.endOffset as number) + 1 } };
    // Tokens that end before this comment: is any of them after the previous comment?
    let tokenBetween = false;
    while (ti < tokenStarts.length && (tokenStarts[ti] as number) < c.startOffset) {
      if ((tokenStarts[ti] as number) >= prevEnd) tokenBetween = true;
      ti++;
    }
    const adjacent = current.length > 0 && !tokenBetween && lines.line(c.startOffset) <= lines.line(prevEnd - 1) + 1;
    if (!adjacent && current.length > 0) {
      groups.push(toGroup(current));
      current = [];
    }
    current.push(comment);
    prevEnd = comment.span.end;
  }
  if (current.length > 0) groups.push(toGroup(current));
  return groups;
}

function toGroup(comments: Comment[]): CommentGroup {
  const first = comments[0] as Comment;
  const last = comments[comments.length - 1] as Comment;
  return { kind: "CommentGroup", comments, span: { start: first.span.start, end: last.span.end } };
}
