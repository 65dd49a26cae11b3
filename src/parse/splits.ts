import { EOF } from "chevrotain";
import { TokenStream } from "./scanner.js";
import { Assign, Ident, LBracket, LCurly, LParen, RBracket, RCurly, RParen, Terminator } from "./tokens.js";

/**
 * Where a large file can be cut into pieces that format independently: the starts of top-level
 * blocks that follow another statement with no comment in between. The formatter always puts
 * exactly one blank line before such a block and starts a new alignment section there, and no
 * comment can move across the cut, so formatting the pieces and joining them with a blank line
 * gives the same text as formatting the whole (test/cli/format-source.test.ts checks this on the
 * corpus). Cuts are at least `minBytes` apart.
 *
 * Returns undefined when the file has a lexical error or unbalanced brackets: its diagnostics must
 * come from a parse of the whole file.
 */
export function blockSplits(bytes: Uint8Array, minBytes: number): number[] | undefined {
  const stream = new TokenStream(bytes);
  const splits: number[] = [];
  let depth = 0;
  let pieceStart = 0;
  let sawStatement = false;
  let atStatementStart = true;
  /** Start of a top-level statement that may be a block (until `=` or `{` decides). */
  let candidate = -1;
  let candidateClean = false;
  /** Comments read when the last top-level token other than a TERMINATOR was read. */
  let commentsAtLast = 0;
  for (;;) {
    const tok = stream.next();
    const type = tok.tokenType;
    if (type === EOF) break;
    if (depth === 0) {
      if (atStatementStart && type === Ident) {
        candidate = tok.startOffset;
        candidateClean = sawStatement && stream.comments.length === commentsAtLast;
      } else if (type === Assign) {
        candidate = -1;
      } else if (type === LCurly && candidate >= 0) {
        if (candidateClean && candidate - pieceStart >= minBytes && candidate > pieceStart) {
          splits.push(candidate);
          pieceStart = candidate;
        }
        candidate = -1;
      }
    }
    if (type === LCurly || type === LBracket || type === LParen) depth++;
    else if (type === RCurly || type === RBracket || type === RParen) {
      if (--depth < 0) return undefined;
    }
    atStatementStart = depth === 0 && type === Terminator;
    if (depth === 0 && type !== Terminator) {
      commentsAtLast = stream.comments.length;
      sawStatement = true;
    }
  }
  if (depth !== 0 || stream.errors.length > 0) return undefined;
  return splits;
}

