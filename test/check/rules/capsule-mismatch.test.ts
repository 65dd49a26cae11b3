import { ruleTester } from "./rule-tester.js";

const OTLP = `otelcol.exporter.otlp "tempo" {\n  client {\n    endpoint = "tempo:4317"\n  }\n}\n`;
const LOKI = `loki.write "default" {\n  endpoint {\n    url = "http://loki"\n  }\n}\n`;

ruleTester("capsule-mismatch", {
  valid: [
    `${LOKI}\nloki.source.file "f" {\n  targets    = []\n  forward_to = [loki.write.default.receiver]\n}\n`,
    { name: "otelcol outputs take consumers", code: `${OTLP}\notelcol.processor.batch "b" {\n  output {\n    traces = [otelcol.exporter.otlp.tempo.input]\n  }\n}\n` },
    { name: "values that are not exports are not judged", code: `declare "d" {\n  argument "to" { }\n\n  loki.source.file "f" {\n    targets    = []\n    forward_to = argument.to.value\n  }\n}\n` },
  ],
  invalid: [
    {
      name: "an otelcol.Consumer in a loki forward_to",
      code: `${OTLP}\nloki.source.file "f" {\n  targets    = []\n  forward_to = [otelcol.exporter.otlp.tempo.input]\n}\n`,
      errors: [{ line: 9, column: 17, message: "forward_to expects capsule(loki.LogsReceiver), but otelcol.exporter.otlp.tempo.input is capsule(otelcol.Consumer)", help: /loki\.write/ }],
    },
    {
      name: "a metrics receiver where traces go",
      code: `prometheus.remote_write "m" {\n  endpoint {\n    url = "http://m"\n  }\n}\n\notelcol.receiver.otlp "in" {\n  grpc { }\n\n  output {\n    traces = [prometheus.remote_write.m.receiver]\n  }\n}\n`,
      errors: [{ line: 11, column: 15 }],
    },
    {
      name: "targets where a receiver belongs",
      code: `discovery.kubernetes "pods" {\n  role = "pod"\n}\n\nprometheus.scrape "s" {\n  targets    = []\n  forward_to = [discovery.kubernetes.pods.targets]\n}\n`,
      errors: [{ line: 7, column: 17, message: /is list\(map\(string\)\)/ }],
    },
  ],
});
