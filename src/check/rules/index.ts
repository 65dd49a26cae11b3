import type { Rule } from "../context.js";
import * as attributeBlockMismatch from "./attribute-block-mismatch.js";
import * as blockCount from "./block-count.js";
import * as blockLabel from "./block-label.js";
import * as blockPlacement from "./block-placement.js";
import * as capsuleMismatch from "./capsule-mismatch.js";
import * as communityComponent from "./community-component.js";
import * as cycle from "./cycle.js";
import * as deprecatedFunction from "./deprecated-function.js";
import * as duplicateAttribute from "./duplicate-attribute.js";
import * as duplicateBlock from "./duplicate-block.js";
import * as enumValue from "./enum-value.js";
import * as importUnresolved from "./import-unresolved.js";
import * as invalidDuration from "./invalid-duration.js";
import * as invalidRegex from "./invalid-regex.js";
import * as missingRequired from "./missing-required.js";
import * as removedComponent from "./removed-component.js";
import * as shadowedStdlib from "./shadowed-stdlib.js";
import * as stability from "./stability.js";
import * as unknownAttribute from "./unknown-attribute.js";
import * as unknownBlock from "./unknown-block.js";
import * as unknownComponent from "./unknown-component.js";
import * as unknownFunction from "./unknown-function.js";
import * as unresolvedReference from "./unresolved-reference.js";
import * as unusedExport from "./unused-export.js";
import * as wrongArity from "./wrong-arity.js";
import * as wrongType from "./wrong-type.js";

/** Every rule, keyed by rule id (the file name). */
export const rules: Readonly<Record<string, Rule>> = {
  "duplicate-block": duplicateBlock,
  "block-label": blockLabel,
  "block-placement": blockPlacement,
  "unknown-component": unknownComponent,
  "removed-component": removedComponent,
  "stability": stability,
  "community-component": communityComponent,
  "import-unresolved": importUnresolved,
  "unknown-attribute": unknownAttribute,
  "unknown-block": unknownBlock,
  "attribute-block-mismatch": attributeBlockMismatch,
  "duplicate-attribute": duplicateAttribute,
  "block-count": blockCount,
  "missing-required": missingRequired,
  "wrong-type": wrongType,
  "enum-value": enumValue,
  "invalid-duration": invalidDuration,
  "invalid-regex": invalidRegex,
  "capsule-mismatch": capsuleMismatch,
  "unresolved-reference": unresolvedReference,
  "unknown-function": unknownFunction,
  "wrong-arity": wrongArity,
  "deprecated-function": deprecatedFunction,
  "shadowed-stdlib": shadowedStdlib,
  "cycle": cycle,
  "unused-export": unusedExport,
};
