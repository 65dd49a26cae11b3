export { span, LineIndex, type Span, type Position } from "./span.js";
export { codes, codeInfo, type Code, type CodeInfo, type Severity } from "./codes.js";
export { hasErrors, type Diagnostic } from "./diagnostic.js";
export {
  sourceFile,
  locate,
  codeFrame,
  findingHeader,
  renderAlloyPretty,
  renderText,
  renderJson,
  renderSarif,
  toJson,
  escapeControl,
  fileUri,
  type SourceFile,
  type Located,
  type RenderOptions,
  type JsonDiagnostic,
} from "./render.js";
