import { expectTypeOf, test } from "vitest";
import type { z } from "zod";
import type { Capsule, LogsReceiver, MetricsReceiver, OtelcolConsumer } from "../../src/schema/capsules.js";
import { catalog } from "../../src/schema/catalog.js";
import type {
  LokiProcessArguments,
  LokiSourceFileArguments,
  LokiWriteArguments,
  LokiWriteExports,
  lokiWriteEntry,
} from "../../src/schema/components/loki.gen.js";
import type { OtelcolExporterOtlpExports } from "../../src/schema/components/otelcol-exporter.gen.js";
import type { PrometheusRemoteWriteExports } from "../../src/schema/components/prometheus.gen.js";

declare const logs: LogsReceiver;
declare const metrics: MetricsReceiver;

test("capsule brands are nominal", () => {
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

test("argument types are z.infer of the schemas", () => {
  expectTypeOf<LokiWriteArguments>().toEqualTypeOf<z.infer<typeof lokiWriteEntry.arguments>>();
  const ok: LokiWriteArguments = { endpoint: [{ url: "http://loki/push", batch_wait: "1s" }], max_streams: 10 };
  // @ts-expect-error url is a string
  const badUrl: LokiWriteArguments = { endpoint: [{ url: 1 }] };
  // @ts-expect-error unknown attribute
  const unknown: LokiWriteArguments = { no_such_attribute: 1 };
  void ok;
  void badUrl;
  void unknown;
  expectTypeOf<LokiSourceFileArguments["forward_to"]>().toEqualTypeOf<LogsReceiver[]>();
  expectTypeOf<LokiSourceFileArguments["targets"]>().toEqualTypeOf<Record<string, string>[]>();
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

test("catalog.load and catalog.get are typed by name", async () => {
  const e = await catalog.load("loki.write");
  expectTypeOf(e).toEqualTypeOf<typeof lokiWriteEntry>();
  expectTypeOf<z.infer<typeof e.arguments>>().toEqualTypeOf<LokiWriteArguments>();
  expectTypeOf<z.infer<typeof e.exports>>().toEqualTypeOf<LokiWriteExports>();
  const maybe = catalog.get("loki.write");
  expectTypeOf(maybe).toEqualTypeOf<typeof e | undefined>();
  const any = await catalog.load("not a component" as string);
  expectTypeOf(any?.spec.name).toEqualTypeOf<string | undefined>();
});
