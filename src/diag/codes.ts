/**
 * THE registry of diagnostic codes: every diagnostic alloyc reports names one of these. A code is
 * stable once published; severities here are the defaults a rule reports with.
 */
export type Severity = "error" | "warning" | "info";

export interface CodeInfo {
  readonly severity: Severity;
  readonly description: string;
}

function defineCodes<const T extends Record<string, CodeInfo>>(codes: T): T {
  return codes;
}

export const codes = defineCodes({
  "parse/lexical": { severity: "error", description: "Alloy's scanner rejects these characters." },
  "parse/syntax": { severity: "error", description: "Alloy's parser rejects this statement or expression." },
  "parse/too-deep": { severity: "error", description: "Expressions nested deeper than alloyc supports." },
  "io/read": { severity: "error", description: "A file could not be read." },
});

export type Code = keyof typeof codes;

/** What the registry says of `code`. */
export function codeInfo(code: Code): CodeInfo {
  return codes[code];
}
