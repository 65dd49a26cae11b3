import { expectTypeOf, test } from "vitest";
import {
  argument,
  declare,
  discovery,
  loki,
  otelcol,
  prometheus,
  pyroscope,
  relabel,
  sys,
  type Expression,
  type LogsReceiver,
  type MetricsReceiver,
  type OtelcolConsumer,
  type OtelcolExtensionHandler,
  type OtelcolHandler,
  type ProfilesReceiver,
  type RelabelRules,
} from "../../src/builders/index.js";
import type { CapsuleKind } from "../../src/schema/index.js";

/**
 * A wrong wire does not compile: for every capsule kind of the catalog, a slot that takes it
 * accepts its producer and rejects another kind's. (These are type tests: nothing runs.)
 */

const logs = loki.write("logs", { endpoint: { url: "http://loki" } }).receiver;
const metrics = prometheus.remote_write("metrics", { endpoint: { url: "http://mimir" } }).receiver;
const profiles = pyroscope.write("profiles", { endpoint: { url: "http://pyroscope" } }).receiver;
const consumer = otelcol.exporter.otlp("traces", { client: { endpoint: "tempo:4317" } }).input;
const handler = otelcol.auth.basic("auth", { username: "u", password: "p" }).handler;
const storage = otelcol.storage.file("queue", {}).handler;
const rules = loki.relabel("rules", { forward_to: [], rule: [relabel.drop({ regex: "x" })] }).rules;
const pods = discovery.kubernetes("pods", { role: "pod" });

test("each export carries its capsule kind", () => {
  expectTypeOf(logs).toEqualTypeOf<LogsReceiver>();
  expectTypeOf(metrics).toEqualTypeOf<MetricsReceiver>();
  expectTypeOf(profiles).toEqualTypeOf<ProfilesReceiver>();
  expectTypeOf(consumer).toEqualTypeOf<OtelcolConsumer>();
  expectTypeOf(handler).toEqualTypeOf<OtelcolHandler>();
  expectTypeOf(storage).toEqualTypeOf<OtelcolExtensionHandler>();
  expectTypeOf(rules).toEqualTypeOf<RelabelRules>();
  expectTypeOf(pods.targets).toEqualTypeOf<Expression<Record<string, string>[]>>();
  // Every kind in the catalog is one of the seven tested here.
  expectTypeOf<CapsuleKind>().toEqualTypeOf<
    "loki.LogsReceiver" | "storage.Appendable" | "pyroscope.Appendable" | "otelcol.Consumer" | "otelcol.Handler" | "otelcol.ExtensionHandler" | "relabel.Rules"
  >();
});

test("loki.LogsReceiver: forward_to of log components", () => {
  loki.source.file("ok", { targets: [], forward_to: [logs] });
  // @ts-expect-error a metrics receiver in a logs pipeline
  loki.source.file("bad", { targets: [], forward_to: [metrics] });
  // @ts-expect-error an OpenTelemetry consumer in a logs pipeline
  loki.process("bad", { forward_to: [consumer] });
});

test("storage.Appendable: forward_to of metrics components", () => {
  prometheus.scrape("ok", { targets: pods.targets, forward_to: [metrics] });
  // @ts-expect-error a logs receiver in a metrics pipeline
  prometheus.scrape("bad", { targets: pods.targets, forward_to: [logs] });
  // @ts-expect-error a profiles receiver in a metrics pipeline
  otelcol.exporter.prometheus("bad", { forward_to: [profiles] });
});

test("pyroscope.Appendable: forward_to of profiling components", () => {
  pyroscope.scrape("ok", { targets: pods.targets, forward_to: [profiles] });
  // @ts-expect-error a metrics receiver in a profiles pipeline
  pyroscope.scrape("bad", { targets: pods.targets, forward_to: [metrics] });
});

test("otelcol.Consumer: output blocks", () => {
  otelcol.processor.batch("ok", { output: { traces: [consumer], metrics: [consumer] } });
  otelcol.receiver.otlp("ok", { output: otelcol.output({ traces: consumer }) });
  otelcol.receiver.otlp("ok", { output: otelcol.output.all(consumer) });
  // @ts-expect-error a logs receiver is not an OpenTelemetry consumer
  otelcol.processor.batch("bad", { output: { logs: [logs] } });
  // @ts-expect-error nor through the output helper
  otelcol.output({ metrics: metrics });
});

test("otelcol.Handler: auth of clients and servers", () => {
  otelcol.exporter.otlp("ok", { client: { endpoint: "x:4317", auth: handler } });
  // @ts-expect-error a storage extension is not an authenticator
  otelcol.exporter.otlp("bad", { client: { endpoint: "x:4317", auth: storage } });
});

test("otelcol.ExtensionHandler: storage of sending queues", () => {
  otelcol.exporter.otlp("ok", { client: { endpoint: "x:4317" }, sending_queue: { storage } });
  // @ts-expect-error an authenticator is not a storage extension
  otelcol.exporter.otlp("bad", { client: { endpoint: "x:4317" }, sending_queue: { storage: handler } });
});

test("relabel.Rules: relabel_rules of log sources", () => {
  loki.source.journal("ok", { forward_to: [logs], relabel_rules: rules });
  // @ts-expect-error a receiver is not a rule set
  loki.source.journal("bad", { forward_to: [logs], relabel_rules: logs });
});

test("targets: lists of label sets, not other values", () => {
  discovery.relabel("ok", { targets: pods.targets });
  prometheus.scrape("ok", { targets: [{ __address__: "localhost:9090" }], forward_to: [metrics] });
  // @ts-expect-error a capsule is not a target list
  discovery.relabel("bad", { targets: logs });
  // @ts-expect-error a string expression is not a target list
  discovery.relabel("bad", { targets: sys.env("TARGETS") });
});

test("expressions are typed by what they yield", () => {
  loki.write("ok", { endpoint: { url: sys.env("LOKI_URL") } });
  // @ts-expect-error sys.env yields a string, listen_port is a number
  loki.source.api("bad", { forward_to: [logs], http: { listen_port: sys.env("PORT") } });
  // @ts-expect-error role is one of the documented values
  discovery.kubernetes("bad", { role: "pods" });
  // @ts-expect-error an unknown argument
  loki.write("bad", { endpont: { url: "x" } });
});

test("custom components: arguments and exports keep their kinds", () => {
  const pipeline = declare(
    "pipeline",
    { forward_to: argument<readonly LogsReceiver[]>(), tenant: argument<string>({ optional: true }) },
    (args) => {
      const p = loki.process("p", { forward_to: args.forward_to });
      // @ts-expect-error the argument holds logs receivers, not metrics receivers
      prometheus.scrape("bad", { targets: [], forward_to: args.forward_to });
      return { body: [p], exports: { receiver: p.receiver } };
    },
  );
  const a = pipeline("a", { forward_to: [logs] });
  expectTypeOf(a.receiver).toEqualTypeOf<LogsReceiver>();
  // @ts-expect-error forward_to is required
  pipeline("b", { tenant: "x" });
  // @ts-expect-error the argument takes logs receivers
  pipeline("c", { forward_to: [metrics] });
});
