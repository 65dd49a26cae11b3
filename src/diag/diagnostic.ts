import type { Code, Severity } from "./codes.js";
import type { Span } from "./span.js";

/** One finding about one file. Spans are byte offsets; line:column is computed only for display. */
export interface Diagnostic {
  readonly code: Code;
  readonly severity: Severity;
  readonly span: Span;
  readonly message: string;
  /** Extra advice printed below the frame (did-you-mean, the flag to pass, ...). */
  readonly help?: string;
  /** Other places the finding refers to ("declared here", "created at"). */
  readonly related?: readonly RelatedLocation[];
  /** Edits that would resolve the finding (a did-you-mean's replacement), for editors and CI bots. */
  readonly fixes?: readonly Fix[];
  /**
   * The byte offset the finding is listed at when that is not its start: Alloy reports "cannot
   * use a block as an expression" once it has read the block, after the errors inside it.
   */
  readonly order?: number;
}

/**
 * A place a finding refers to: bytes of the finding's own file (`span`), or a line:column of
 * another file that alloyc did not parse (a TypeScript pipeline's call site), 1-based.
 */
export type RelatedLocation =
  | { readonly message: string; readonly span: Span }
  | { readonly message: string; readonly file: string; readonly line: number; readonly column: number };

/** Replace the bytes of `span` (in the finding's own file) by `newText`; an empty span inserts. */
export interface Edit {
  readonly span: Span;
  readonly newText: string;
}

/** One way to resolve a finding: what it does, in words, and its edits (not overlapping). */
export interface Fix {
  readonly description: string;
  readonly edits: readonly Edit[];
}

/** The fix of a did-you-mean: `suggestion` in place of the misspelled name at `span` (quoted if the name was). */
export function replaceWith(span: Span, suggestion: string): Fix {
  const shown = suggestion.startsWith('"') ? suggestion : `"${suggestion}"`;
  return { description: `replace with ${shown}`, edits: [{ span, newText: suggestion }] };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
