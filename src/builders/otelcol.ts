import type { OtelcolConsumer } from "../schema/capsules.js";
import type { Expression } from "./expression.js";
import { callSite } from "./origin.js";
import { siteTag } from "./tags.js";

/**
 * The `output` block of OpenTelemetry receivers, processors and connectors: which consumers get
 * metrics, logs and traces. Only `otelcol.Consumer` capsules fit (an exporter's or processor's
 * `input`). `otelcol.output({ traces: tempo.input })` takes one consumer or a list per signal;
 * `otelcol.output.all(batch.input)` sends all three signals to the same consumer.
 */

type Consumer = OtelcolConsumer | Expression<OtelcolConsumer>;
type Consumers = Consumer | readonly Consumer[];

export interface OutputTargets {
  readonly metrics?: Consumers;
  readonly logs?: Consumers;
  readonly traces?: Consumers;
}

export interface OutputBlock {
  readonly metrics?: readonly Consumer[];
  readonly logs?: readonly Consumer[];
  readonly traces?: readonly Consumer[];
}

function output(to: OutputTargets): OutputBlock {
  const out: Record<string | symbol, unknown> = {};
  for (const [signal, consumers] of Object.entries(to)) {
    if (consumers !== undefined) out[signal] = Array.isArray(consumers) ? consumers : [consumers];
  }
  out[siteTag] = callSite();
  return Object.freeze(out) as OutputBlock;
}

/** Metrics, logs and traces all to `to`. */
function all(to: Consumers): OutputBlock {
  return output({ metrics: to, logs: to, traces: to });
}

export const outputBlock = Object.assign(output, { all });
