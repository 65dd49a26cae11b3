import { SimulateError } from "../errors.js";
import type { RuleSpec, SourcePos } from "../types.js";
import { compileAnchored, type AnchoredRegex } from "./regex.js";

/**
 * A rule with Alloy's defaults applied (relabel.Config's SetToDefault) and its regex compiled,
 * after the checks Alloy's Validate makes: a config Alloy would refuse to load is an error here,
 * not a guess.
 */
export interface CompiledRule {
  readonly action: RelabelAction;
  readonly sourceLabels: readonly string[];
  readonly separator: string;
  readonly regex: AnchoredRegex;
  readonly modulus: bigint;
  readonly targetLabel: string;
  readonly replacement: string;
  readonly span: SourcePos;
}

export const RELABEL_ACTIONS = [
  "replace", "keep", "drop", "hashmod", "labelmap", "labeldrop", "labelkeep", "lowercase", "uppercase", "keepequal", "dropequal",
] as const;
export type RelabelAction = (typeof RELABEL_ACTIONS)[number];

const DEFAULT_REGEX = "(.*)";
const DEFAULT_SEPARATOR = ";";
const DEFAULT_REPLACEMENT = "$1";

/** What `target_label` may look like when it contains `$` (Alloy's relabelTarget pattern). */
const TEMPLATE_TARGET = /^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$/;

/** Compiles the rules in order; needs the regex engine loaded (loadRegexEngine). */
export function compileRules(specs: readonly RuleSpec[]): CompiledRule[] {
  return specs.map(compileRule);
}

function compileRule(spec: RuleSpec): CompiledRule {
  const action = spec.action ?? "replace";
  const fail = (message: string): never => {
    throw new SimulateError(message, spec.span);
  };
  if (!(RELABEL_ACTIONS as readonly string[]).includes(action)) fail(`unrecognized action type ${JSON.stringify(action)}`);
  const rule: CompiledRule = {
    action: action as RelabelAction,
    sourceLabels: spec.source_labels ?? [],
    separator: spec.separator ?? DEFAULT_SEPARATOR,
    regex: compileAnchored(spec.regex ?? DEFAULT_REGEX, spec.span),
    modulus: BigInt(spec.modulus ?? 0),
    targetLabel: spec.target_label ?? "",
    replacement: spec.replacement ?? DEFAULT_REPLACEMENT,
    span: spec.span,
  };
  validate(rule, spec, fail);
  return rule;
}

/** The checks of Alloy's relabel Config.Validate, with its messages. */
function validate(rule: CompiledRule, spec: RuleSpec, fail: (message: string) => never): void {
  const { action, targetLabel } = rule;
  const needsTarget = ["replace", "hashmod", "lowercase", "uppercase", "keepequal", "dropequal"].includes(action);
  const singleLabel = ["lowercase", "uppercase", "keepequal", "dropequal"].includes(action);
  if (rule.modulus === 0n && action === "hashmod") fail("relabel configuration for hashmod requires non-zero modulus");
  if (needsTarget && targetLabel === "") fail(`relabel configuration for ${action} action requires 'target_label' value`);
  const invalidTarget = `${JSON.stringify(targetLabel)} is invalid 'target_label' for ${action} action`;
  if (action === "replace" && targetLabel.includes("$") && !TEMPLATE_TARGET.test(targetLabel)) fail(invalidTarget);
  if ((action === "replace" || singleLabel || action === "hashmod") && !isValidLabelName(targetLabel)) fail(invalidTarget);
  if (singleLabel && rule.replacement !== DEFAULT_REPLACEMENT) fail(`'replacement' can not be set for ${action} action`);
  if (action === "labelmap" && !TEMPLATE_TARGET.test(rule.replacement)) {
    fail(`${JSON.stringify(rule.replacement)} is invalid 'replacement' for ${action} action`);
  }
  if (action === "labeldrop" || action === "labelkeep") {
    const others = spec.source_labels !== undefined || targetLabel !== "" || rule.modulus !== 0n || rule.separator !== DEFAULT_SEPARATOR || rule.replacement !== DEFAULT_REPLACEMENT;
    if (others) fail(`${action} action requires only 'regex', and no other fields`);
  }
  if (action === "keepequal" || action === "dropequal") {
    const others = rule.regex.source !== DEFAULT_REGEX || rule.modulus !== 0n || rule.separator !== DEFAULT_SEPARATOR || rule.replacement !== DEFAULT_REPLACEMENT;
    if (others) fail(`${action} action requires only 'source_labels' and 'target_label', and no other fields`);
  }
}

/**
 * A label name Alloy accepts. Alloy's relabel code asks prometheus/common's LabelName.IsValid,
 * which follows the global validation scheme, UTF-8 by default (Alloy does not change it): any
 * non-empty, well-formed string.
 */
const LONE_SURROGATE = /\p{Cs}/u;

export function isValidLabelName(name: string): boolean {
  return name.length > 0 && !LONE_SURROGATE.test(name);
}
