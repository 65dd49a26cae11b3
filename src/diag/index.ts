export { span, LineIndex, type Span, type Position } from "./span.js";
export { codes, codeInfo, type Code, type CodeInfo, type Severity } from "./codes.js";
export { hasErrors, replaceWith, type Diagnostic, type RelatedLocation, type Fix, type Edit } from "./diagnostic.js";
export {
  sourceFile,
  locate,
  codeFrame,
  findingHeader,
  renderAlloyPretty,
  renderText,
  renderJson,
  summaryLine,
  toJson,
  escapeControl,
  type SourceFile,
  type Located,
  type RenderOptions,
  type JsonDiagnostic,
  type JsonRelated,
  type JsonFix,
  type JsonEdit,
} from "./render.js";
export { renderSarif, fileUri, codeDocs, type SarifOptions } from "./sarif.js";
export { renderGithub } from "./github.js";
export { unifiedDiff, type DiffOptions } from "./diff.js";
