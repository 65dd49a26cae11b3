import { expectTypeOf, test } from "vitest";
import type { LokiProcessArguments, LokiSourceFileArguments, LokiWriteArguments, LokiWriteExports } from "../../src/builders/components/loki.gen.js";
import type { OtelcolExporterOtlpExports } from "../../src/builders/components/otelcol-exporter.gen.js";
import type { PrometheusRemoteWriteExports } from "../../src/builders/components/prometheus.gen.js";
import type { Expression } from "../../src/builders/expression.js";
import type { Capsule, LogsReceiver, MetricsReceiver, OtelcolConsumer } from "../../src/schema/capsules.js";

declare const logs: LogsReceiver;
declare const metrics: MetricsReceiver;
declare const url: Expression<string>;

test("capsule brands are nominal, and exports carry them", () => {
  // @ts-expect-error a logs receiver is not a metrics receiver
  const m: MetricsReceiver = logs;
  // @ts-expect-error a structural look-alike without the brand is not a capsule
  const c: LogsReceiver = { expr: logs.expr };
  void m;
  void c;
  expectTypeOf<LokiWriteExports["receiver"]>().toEqualTypeOf<LogsReceiver>();
  expectTypeOf<PrometheusRemoteWriteExports["receiver"]>().toEqualTypeOf<MetricsReceiver>();
  expectTypeOf<OtelcolExporterOtlpExports["input"]>().toEqualTypeOf<OtelcolConsumer>();
  expectTypeOf<OtelcolConsumer>().toEqualTypeOf<Capsule<"otelcol.Consumer">>();
});

test("argument types are the generated interfaces, widened where Alloy takes an expression", () => {
  const ok: LokiWriteArguments = { endpoint: [{ url: "http://loki/push", batch_wait: "1s" }], max_streams: 10 };
  const one: LokiWriteArguments = { endpoint: { url: "http://loki/push" } };
  const expr: LokiWriteArguments = { endpoint: { url } };
  // @ts-expect-error url is a string
  const badUrl: LokiWriteArguments = { endpoint: [{ url: 1 }] };
  // @ts-expect-error unknown attribute
  const unknown: LokiWriteArguments = { no_such_attribute: 1 };
  void [ok, one, expr, badUrl, unknown];
  const file: LokiSourceFileArguments = { targets: [{ __path__: "/var/log/*.log", job: undefined }], forward_to: [logs] };
  void file;
  // @ts-expect-error a metrics receiver cannot be wired into a logs pipeline
  const wrong: LokiSourceFileArguments = { targets: [], forward_to: [metrics] };
  void wrong;
});

test("loki.process stages are typed, including stages nested in stage.match", () => {
  const p: LokiProcessArguments = {
    forward_to: [logs],
    stage: [
      { "stage.json": { expressions: { level: "" } } },
      { "stage.match": { selector: "{}", stage: [{ "stage.labels": { values: { level: "" } } }] } },
    ],
  };
  // @ts-expect-error `source` of stage.json is a string, also when nested
  const bad: LokiProcessArguments = { forward_to: [], stage: [{ "stage.match": { selector: "{}", stage: [{ "stage.json": { expressions: {}, source: 1 } }] } }] };
  void p;
  void bad;
});
