import type { Expr } from "../ast/index.js";
import type { CapsuleKind } from "./capsule-kinds.gen.js";

/**
 * Capsule values: nominally typed references to opaque Go values (receivers, consumers, handlers,
 * relabel rules). A capsule is what a component exports for other components to wire to, for
 * example `loki.write.default.receiver`. In alloyc it carries the AST expression it lowers to,
 * so the builders can print it and the checker can point at it.
 *
 * The brand is a `unique symbol` keyed by Alloy's capsule name, so `Capsule<"loki.LogsReceiver">`
 * is not assignable to `Capsule<"storage.Appendable">` (a structural interface would be).
 * `Symbol.for` keeps the brand identical when two copies of alloyc are loaded.
 */
export const capsuleBrand: unique symbol = Symbol.for("alloyc.capsule");

export interface Capsule<K extends string> {
  readonly [capsuleBrand]: K;
  /** The expression the capsule lowers to, such as `loki.write.default.receiver`. */
  readonly expr: Expr;
}

/** `capsule(loki.LogsReceiver)`; the docs call it `LogsReceiver`. */
export type LogsReceiver = Capsule<"loki.LogsReceiver">;
/** `capsule(storage.Appendable)`; the docs call it `MetricsReceiver`. */
export type MetricsReceiver = Capsule<"storage.Appendable">;
/** `capsule(pyroscope.Appendable)`; the docs call it `ProfilesReceiver`. */
export type ProfilesReceiver = Capsule<"pyroscope.Appendable">;
/** `capsule(otelcol.Consumer)`: what `output` blocks forward traces, metrics and logs to. */
export type OtelcolConsumer = Capsule<"otelcol.Consumer">;
/** `capsule(otelcol.Handler)`: an auth extension, exported by `otelcol.auth.*`. */
export type OtelcolHandler = Capsule<"otelcol.Handler">;
/** `capsule(otelcol.ExtensionHandler)`: a storage extension, exported by `otelcol.storage.file`. */
export type OtelcolExtensionHandler = Capsule<"otelcol.ExtensionHandler">;
/** `capsule(relabel.Rules)`; the docs call it `RelabelRules`. */
export type RelabelRules = Capsule<"relabel.Rules">;

/** Every capsule kind the catalog knows, as a union of brands. */
export type AnyCapsule = { [K in CapsuleKind]: Capsule<K> }[CapsuleKind];

/** Makes a capsule of `kind` that lowers to `expr`. */
export function capsule<K extends string>(kind: K, expr: Expr): Capsule<K> {
  return Object.freeze({ [capsuleBrand]: kind, expr });
}

/** The capsule kind of a value, or undefined when it is not a capsule. */
export function capsuleKindOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const kind: unknown = (value as { [capsuleBrand]?: unknown })[capsuleBrand];
  return typeof kind === "string" ? kind : undefined;
}

/** True when `value` is a capsule (of `kind`, when given). */
export function isCapsule<K extends string>(value: unknown, kind?: K): value is Capsule<K> {
  const k = capsuleKindOf(value);
  return k !== undefined && (kind === undefined || k === kind);
}
