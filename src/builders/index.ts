/**
 * Typed builders for Alloy configuration: one builder per catalog component and config block,
 * under its Alloy name (`loki.write`, `otelcol.exporter.otlphttp`), hand-written helpers where
 * Alloy's shape needs one (`loki.stage.*`, `relabel.*`, `otelcol.output`), custom components
 * (`declare`), typed expressions and the standard library, and `config(...)`, which lowers
 * everything to an Alloy AST for src/check and src/emit.
 */
import type { ForeachArguments } from "./components/config-blocks.gen.js";
import type { ConfigItem } from "./config.js";
import * as generated from "./namespaces.gen.js";
import { outputBlock } from "./otelcol.js";
import { stage } from "./stages.js";

export {
  beyla,
  database_observability,
  discovery,
  faro,
  http,
  import_,
  import_ as import,
  export_,
  export_ as export,
  livedebugging,
  local,
  logging,
  mimir,
  prometheus,
  pyroscope,
  remote,
  remotecfg,
  tracing,
} from "./namespaces.gen.js";

/** The `loki` components, and `loki.stage.*` for the stages of `loki.process`. */
export const loki = Object.freeze({ ...generated.loki, stage });

/**
 * `foreach`: its `template` is a nested configuration, which the catalog types as an open object;
 * here it is what it is written as, a list of config items.
 */
export const foreach = generated.foreach as unknown as (
  label: string,
  args: Omit<ForeachArguments, "template"> & { readonly template: readonly ConfigItem[] },
) => Item;

/** The `otelcol` components, and `otelcol.output(...)` for their `output` blocks. */
export const otelcol = Object.freeze({ ...generated.otelcol, output: outputBlock });

export { config, comment, isConfig, synth, type Built, type Config, type ConfigItem, type OriginSpan, type SynthOptions } from "./config.js";
export {
  argument,
  declare,
  type ArgumentDecl,
  type ArgumentValues,
  type CustomComponent,
  type DeclareBody,
  type InstanceArguments,
  type InstanceExports,
} from "./declare.js";
export {
  call,
  expression,
  field,
  index,
  inline,
  isExpression,
  lines,
  quoted,
  raw,
  rawString,
  ref,
  type Expression,
  type Secret,
} from "./expression.js";
export { trivia, type Trivia } from "./trivia.js";
export { op } from "./operators.js";
export { untyped } from "./component.js";
export { relabel, type RelabelAction, type RelabelRule, type RuleBody } from "./relabel.js";
export { stage, type Stage, type StageHelpers } from "./stages.js";
export { type OutputBlock, type OutputTargets } from "./otelcol.js";
export { array, coalesce, constants, convert, encoding, file, json_path, std, string, sys } from "./stdlib.gen.js";
export { BuildError, buildErrorInfo, type BuildErrorInfo } from "./errors.js";
export { formatOrigin, originOf, type Origin } from "./origin.js";
import type { Item } from "./types.js";
export type {
  Arg,
  Attr,
  AttrList,
  AttrMap,
  Blocks,
  CommentItem,
  Component,
  ComponentBuilder,
  ConfigBlockBuilder,
  Item,
  ListOf,
  MapOf,
  OneOf,
} from "./types.js";
export type {
  AnyCapsule,
  Capsule,
  LogsReceiver,
  MetricsReceiver,
  OtelcolConsumer,
  OtelcolExtensionHandler,
  OtelcolHandler,
  ProfilesReceiver,
  RelabelRules,
} from "../schema/capsules.js";
