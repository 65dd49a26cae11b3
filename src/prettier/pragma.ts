/**
 * Prettier's pragmas in Alloy: a comment among those that open the file (before the first
 * statement) saying `@format` or `@prettier` marks the file for `--require-pragma`, and one saying
 * `@noformat` or `@noprettier` keeps it out (`--check-ignore-pragma`). `--insert-pragma` writes
 * `// @format` and a blank line at the top.
 */

/** What `--insert-pragma` puts before a file that has no pragma. */
export const PRAGMA_COMMENT = "// @format";

const FORMAT = /(?:^|\s)@(?:format|prettier)(?=\s|$)/;
const NO_FORMAT = /(?:^|\s)@(?:noformat|noprettier)(?=\s|$)/;

/** The text of each comment before the first statement (`//` and `/* *\/` markers taken off). */
function leadingComments(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (text.startsWith("//", i)) {
      const end = text.indexOf("\n", i);
      out.push(text.slice(i + 2, end === -1 ? text.length : end));
      if (end === -1) return out;
      i = end + 1;
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      if (end === -1) return out; // unterminated: the parser reports it
      out.push(text.slice(i + 2, end));
      i = end + 2;
    } else return out;
  }
}

export function hasPragma(text: string): boolean {
  return leadingComments(text).some((c) => FORMAT.test(c));
}

export function hasIgnorePragma(text: string): boolean {
  return leadingComments(text).some((c) => NO_FORMAT.test(c));
}

export function insertPragma(text: string): string {
  return `${PRAGMA_COMMENT}\n\n${text}`;
}
