// An OTLP gateway: applications send traces, metrics and logs over OTLP; a batch processor
// groups them and each signal goes to its backend (traces to Tempo, metrics to Mimir, logs to
// Loki). Each hop only accepts the kind of receiver it can feed.
import { comment, config, loki, otelcol, prometheus } from "alloyc";

const tempo = otelcol.exporter.otlp("tempo", {
  client: {
    endpoint: "tempo-distributor.tempo:4317",
    tls: { insecure: true },
  },
});

const mimir = prometheus.remote_write("mimir", {
  endpoint: { url: "http://mimir-distributor.mimir:8080/api/v1/push" },
});
const toMimir = otelcol.exporter.prometheus("mimir", { forward_to: [mimir.receiver] });

const lokiWrite = loki.write("loki", {
  endpoint: { url: "http://loki-gateway.loki/loki/api/v1/push" },
});
const toLoki = otelcol.exporter.loki("loki", { forward_to: [lokiWrite.receiver] });

const batch = otelcol.processor.batch("default", {
  timeout: "5s",
  send_batch_size: 8192,
  output: otelcol.output({
    metrics: toMimir.input,
    logs: toLoki.input,
    traces: tempo.input,
  }),
});

const otlp = otelcol.receiver.otlp("default", {
  grpc: { endpoint: "0.0.0.0:4317" },
  http: { endpoint: "0.0.0.0:4318" },
  output: otelcol.output.all(batch.input),
});

export default config(
  comment("OTLP in"),
  otlp,
  batch,
  comment("Traces → Tempo"),
  tempo,
  comment("Metrics → Mimir"),
  toMimir,
  mimir,
  comment("Logs → Loki"),
  toLoki,
  lokiWrite,
);
