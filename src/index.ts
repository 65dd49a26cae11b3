/**
 * `alloyc`: what a pipeline file imports. The typed builders (one namespace per Alloy namespace),
 * `config` and `comment`, expression helpers, the standard library, capsule types, custom
 * components, and `compile`, which runs a config through the same steps as `alloyc build`, with
 * what it takes to print its findings.
 *
 * The list is explicit so that the API grows on purpose (test/api.test.ts lists it). Tools use
 * the other entries: `alloyc/format`, `alloyc/check`, `alloyc/parse`, `alloyc/ast`,
 * `alloyc/diag`. The parser is not here: loading Chevrotain would cost every pipeline its time.
 */

// Builders, one namespace per Alloy namespace (`loki.write`, `otelcol.exporter.otlphttp`).
export {
  beyla,
  database_observability,
  discovery,
  export,
  export_,
  faro,
  foreach,
  http,
  import,
  import_,
  livedebugging,
  local,
  logging,
  loki,
  mimir,
  otelcol,
  prometheus,
  pyroscope,
  remote,
  remotecfg,
  tracing,
} from "./builders/index.js";

// The config container and comments (`trivia`: comments and blank lines exactly placed, as `alloyc import` writes them).
export { comment, config, isConfig, trivia, type Built, type Config, type ConfigItem, type Trivia } from "./builders/index.js";

// Custom components, and blocks alloyc has no typed builder for.
export {
  argument,
  declare,
  untyped,
  type ArgumentDecl,
  type ArgumentValues,
  type CustomComponent,
  type DeclareBody,
  type InstanceArguments,
  type InstanceExports,
} from "./builders/index.js";

// Expressions.
export { call, expression, field, index, inline, isExpression, lines, op, quoted, raw, rawString, ref, type Expression, type Secret } from "./builders/index.js";

// Hand-written helpers where Alloy's shape needs one.
export {
  relabel,
  stage,
  type OutputBlock,
  type OutputTargets,
  type RelabelAction,
  type RelabelRule,
  type RuleBody,
  type Stage,
  type StageHelpers,
} from "./builders/index.js";

// The standard library.
export { array, coalesce, constants, convert, encoding, file, json_path, std, string, sys } from "./builders/index.js";

// Builder and capsule types.
export {
  BuildError,
  type AnyCapsule,
  type Arg,
  type Capsule,
  type CommentItem,
  type Component,
  type ComponentBuilder,
  type ConfigBlockBuilder,
  type Item,
  type LogsReceiver,
  type MetricsReceiver,
  type OtelcolConsumer,
  type OtelcolExtensionHandler,
  type OtelcolHandler,
  type ProfilesReceiver,
  type RelabelRules,
} from "./builders/index.js";

// Compiling, and printing what it found.
export { compile, type Compiled } from "./compile.js";
export { hasErrors, renderText, sourceFile, type Diagnostic, type Located, type Severity, type SourceFile } from "./diag/index.js";
