// The lab pipeline (examples/lab.ts) as a function of the cluster and its endpoints, used here
// for two clusters watched from one Alloy: every label carries the cluster's id, so the two
// copies never collide, and each cluster gets its own Loki, Tempo and OTLP ports.
import { comment, config, discovery, logging, loki, otelcol, relabel, type ConfigItem } from "alloyc";

export interface Cluster {
  /** The `cluster` label on every log line. */
  readonly name: string;
  /** Kubeconfig that reaches the cluster's API server. */
  readonly kubeconfig: string;
  readonly lokiUrl: string;
  readonly tempoUrl: string;
  /** Ports of the OTLP receiver: gRPC, then HTTP. */
  readonly otlpPorts: readonly [number, number];
}

/** Pod logs and Kubernetes events to Loki, OTLP traces to Tempo, for one cluster. */
export function labPipeline(cluster: Cluster): ConfigItem[] {
  const id = cluster.name.replace(/[^A-Za-z0-9_]/g, "_");
  const client = { kubeconfig_file: cluster.kubeconfig };
  const clusterLabel = loki.stage.static_labels({ values: { cluster: cluster.name } });

  const write = loki.write(id, { endpoint: { url: cluster.lokiUrl } });

  const pods = discovery.kubernetes(`pod_${id}`, { role: "pod", kubeconfig_file: cluster.kubeconfig });
  const podLogs = discovery.relabel(`pod_logs_${id}`, {
    targets: pods.targets,
    rule: [
      relabel.replace({ source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" }),
      relabel.replace({ source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" }),
      relabel.replace({ source_labels: ["__meta_kubernetes_pod_container_name"], target_label: "container" }),
      relabel.replace({
        source_labels: ["__meta_kubernetes_namespace", "__meta_kubernetes_pod_container_name"],
        target_label: "job",
        separator: "/",
        replacement: "$1",
      }),
    ],
  });
  const podProcess = loki.process(`pod_logs_${id}`, { stage: [clusterLabel], forward_to: [write.receiver] });
  const podSource = loki.source.kubernetes(`pod_logs_${id}`, {
    targets: podLogs.output,
    forward_to: [podProcess.receiver],
    client,
  });

  const eventsProcess = loki.process(`cluster_events_${id}`, {
    forward_to: [write.receiver],
    stage: [clusterLabel, loki.stage.labels({ values: { kubernetes_cluster_events: "job" } })],
  });
  const events = loki.source.kubernetes_events(`cluster_events_${id}`, {
    job_name: "integrations/kubernetes/eventhandler",
    log_format: "logfmt",
    forward_to: [eventsProcess.receiver],
    client,
  });

  const tempo = otelcol.exporter.otlphttp(`tempo_${id}`, { client: { endpoint: cluster.tempoUrl } });
  const [grpc, http] = cluster.otlpPorts;
  const otlp = otelcol.receiver.otlp(`otlp_${id}`, {
    grpc: { endpoint: `0.0.0.0:${grpc}` },
    http: { endpoint: `0.0.0.0:${http}` },
    output: otelcol.output({ traces: tempo.input }),
  });

  return [
    comment(`cluster ${cluster.name}: pod logs and events to Loki`),
    write,
    pods,
    podLogs,
    podSource,
    podProcess,
    events,
    eventsProcess,
    comment(`cluster ${cluster.name}: traces to Tempo`),
    otlp,
    tempo,
  ];
}

export default config(
  logging({ level: "info", format: "logfmt" }),
  labPipeline({
    name: "vicky-test",
    kubeconfig: "/etc/alloy/kubeconfig/vicky-test.yaml",
    lokiUrl: "http://loki-gateway.loki/loki/api/v1/push",
    tempoUrl: "http://tempo-distributor.tracing:4318",
    otlpPorts: [4317, 4318],
  }),
  labPipeline({
    name: "eu-west",
    kubeconfig: "/etc/alloy/kubeconfig/eu-west.yaml",
    lokiUrl: "http://loki-gateway.eu-west.example.com/loki/api/v1/push",
    tempoUrl: "http://tempo.eu-west.example.com:4318",
    otlpPorts: [5317, 5318],
  }),
);
