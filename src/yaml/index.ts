export { findAlloy, type AlloyRegion, type BlockSite, type Found, type ScalarStyle, type YamlSyntaxError } from "./find.js";
export { OffsetMap, ByteCursor, type Anchor } from "./offsets.js";
export { escapeTpl, escapeTplKeeping, readTplLine, type TemplateAction, type TplLine } from "./tpl.js";
export {
  blockScalar,
  configMapManifest,
  helmValues,
  UnrepresentableText,
  DEFAULT_CONFIGMAP_KEY,
  DEFAULT_CONFIGMAP_NAME,
  type ConfigMapOptions,
} from "./render.js";
export { replaceBlocks, replaceableBy, chompedBody, type Replacement } from "./rewrite.js";
export { isYamlName, configMapNameProblem, namespaceProblem, dataKeyProblem } from "./names.js";
