export { loadRegexEngine, compileAnchored, type AnchoredRegex } from "./regex.js";
export { expandTemplate } from "./expand.js";
export { hashmod } from "./hashmod.js";
export { compileRules, isValidLabelName, RELABEL_ACTIONS, type CompiledRule, type RelabelAction } from "./rules.js";
export { relabelOne, type RelabelComponent, type RelabelOutcome } from "./apply.js";
