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
  "parse/binary": { severity: "error", description: "The input is binary data, not Alloy's UTF-8 text; nothing is parsed." },
  "parse/too-many-errors": { severity: "error", description: "Parsing stopped after 99 errors; the rest of the input is not read." },
  "io/read": { severity: "error", description: "A file could not be read." },
  "check/duplicate-block": { severity: "error", description: "A component or configuration block is declared twice with the same name and label." },
  "check/block-label": { severity: "error", description: "A block is missing a label it needs, or has one it cannot take." },
  "check/block-placement": { severity: "error", description: "A statement or block is written where Alloy does not accept it." },
  "check/unknown-component": { severity: "error", description: "A block names a component that does not exist or is not in scope." },
  "check/removed-component": { severity: "error", description: "A component that Alloy no longer has." },
  "check/stability": { severity: "info", description: "Uses a feature that Alloy only enables with --stability.level." },
  "check/community-component": { severity: "info", description: "A community component, which needs --feature.community-components.enabled." },
  "check/import-unresolved": { severity: "warning", description: "An import.file module that could not be read, so its components go unchecked." },
  "check/unknown-attribute": { severity: "error", description: "An attribute that the block does not accept." },
  "check/unknown-block": { severity: "error", description: "A nested block that the enclosing block does not accept." },
  "check/attribute-block-mismatch": { severity: "error", description: "A block is written as an attribute, or an attribute as a block." },
  "check/duplicate-attribute": { severity: "error", description: "An attribute is set twice in the same block." },
  "check/block-count": { severity: "error", description: "A block that may appear only once is repeated." },
  "check/missing-required": { severity: "error", description: "A required attribute or block is missing." },
  "check/wrong-type": { severity: "error", description: "A literal value has the wrong type for its attribute." },
  "check/enum-value": { severity: "warning", description: "A value that is not one of the values the argument accepts." },
  "check/invalid-duration": { severity: "error", description: "A duration that Alloy cannot parse." },
  "check/invalid-regex": { severity: "error", description: "A regular expression that Alloy's RE2 engine cannot compile." },
  "check/capsule-mismatch": { severity: "error", description: "A component export of one capsule type is wired where another is expected." },
  "check/unresolved-reference": { severity: "error", description: "A reference to a component, argument or export that does not exist in scope." },
  "check/unknown-function": { severity: "error", description: "A standard-library function or constant that does not exist." },
  "check/wrong-arity": { severity: "error", description: "A standard-library function called with the wrong number of arguments." },
  "check/deprecated-function": { severity: "warning", description: "A deprecated standard-library alias." },
  "check/shadowed-stdlib": { severity: "warning", description: "A block name shadows a standard-library name." },
  "check/cycle": { severity: "error", description: "Blocks that depend on each other in a cycle." },
  "check/unused-export": { severity: "warning", description: "A receiver or exporter component whose exports nobody references." },
  "lint/helm-tpl": { severity: "warning", description: "A {{ ... }} in Alloy text that a Helm chart renders with tpl (alloy.configMap.content, extraConfig): Helm evaluates it instead of passing it to Alloy." },
  "lint/unused-suppression": { severity: "warning", description: "An alloyc-ignore comment that suppresses nothing, or names a code that does not exist." },
});

export type Code = keyof typeof codes;

/** What the registry says of `code`. */
export function codeInfo(code: Code): CodeInfo {
  return codes[code];
}
