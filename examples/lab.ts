// The lab pipeline (../shared/lab): pod logs from Kubernetes → relabel → loki.process → Loki;
// Kubernetes events → Loki; OTLP traces → Tempo.
//
//   npx alloyc examples/lab.ts > config.alloy
import { comment, config, discovery, logging, loki, otelcol, relabel } from "alloyc";

const write = loki.write("default", {
  endpoint: { url: "http://loki-gateway.loki/loki/api/v1/push" },
});

// Pod logs: discover pods, turn their metadata into labels, tail their log files.
const pods = discovery.kubernetes("pod", { role: "pod" });

const podLogs = discovery.relabel("pod_logs", {
  targets: pods.targets,
  rule: [
    relabel.replace({ source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" }),
    relabel.replace({ source_labels: ["__meta_kubernetes_pod_node_name"], target_label: "node_name" }),
    relabel.replace({ source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" }),
    relabel.replace({ source_labels: ["__meta_kubernetes_pod_ip"], target_label: "pod_ip" }),
    relabel.replace({ source_labels: ["__meta_kubernetes_pod_container_name"], target_label: "container" }),
    relabel.replace({ source_labels: ["__meta_kubernetes_pod_label_app_kubernetes_io_name"], target_label: "app" }),
    relabel.replace({
      source_labels: ["__meta_kubernetes_namespace", "__meta_kubernetes_pod_container_name"],
      target_label: "job",
      separator: "/",
      replacement: "$1",
    }),
    relabel.replace({
      source_labels: ["__meta_kubernetes_pod_uid", "__meta_kubernetes_pod_container_name"],
      target_label: "__path__",
      separator: "/",
      replacement: "/var/log/pods/*$1/*.log",
    }),
    relabel.replace({
      source_labels: ["__meta_kubernetes_pod_container_id"],
      target_label: "container_runtime",
      regex: "^(\\S+):\\/\\/.+$",
      replacement: "$1",
    }),
  ],
});

const podProcess = loki.process("pod_logs", {
  stage: [loki.stage.static_labels({ values: { cluster: "vicky-test" } })],
  forward_to: [write.receiver],
});

const podSource = loki.source.kubernetes("pod_logs", {
  targets: podLogs.output,
  forward_to: [podProcess.receiver],
});

// Kubernetes events, labelled with the cluster they come from.
const eventsProcess = loki.process("cluster_events", {
  forward_to: [write.receiver],
  stage: [
    loki.stage.static_labels({ values: { cluster: "vicky-test" } }),
    loki.stage.labels({ values: { kubernetes_cluster_events: "job" } }),
  ],
});

const events = loki.source.kubernetes_events("cluster_events", {
  job_name: "integrations/kubernetes/eventhandler",
  log_format: "logfmt",
  forward_to: [eventsProcess.receiver],
});

// Traces: OTLP in, Tempo out.
const tempo = otelcol.exporter.otlphttp("tempo", {
  client: {
    endpoint: "http://tempo-distributor.tracing:4318",
    tls: { insecure: true, insecure_skip_verify: true },
  },
});

const otlp = otelcol.receiver.otlp("otlp_receiver", {
  grpc: { endpoint: "0.0.0.0:4317" },
  http: { endpoint: "0.0.0.0:4318" },
  output: otelcol.output({ traces: tempo.input }),
});

export default config(
  logging({ level: "debug", format: "logfmt" }),
  write,
  comment("for k8s pod logs"),
  pods,
  podLogs,
  podSource,
  podProcess,
  comment("k8s events"),
  events,
  eventsProcess,
  comment("for Traces - to Tempo"),
  otlp,
  tempo,
);
