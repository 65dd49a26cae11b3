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
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
