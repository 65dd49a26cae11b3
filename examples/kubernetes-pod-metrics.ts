// Metrics of Kubernetes pods that ask to be scraped (`prometheus.io/scrape: "true"`), scraped
// every 30 seconds and written to Mimir with credentials read from a Kubernetes secret.
import { coalesce, comment, config, discovery, index, prometheus, relabel, remote, sys } from "alloyc";

const credentials = remote.kubernetes.secret("mimir", {
  namespace: "monitoring",
  name: "mimir-credentials",
});

const mimir = prometheus.remote_write("mimir", {
  external_labels: { cluster: "prod-eu-1" },
  endpoint: {
    url: coalesce(sys.env("MIMIR_URL"), "http://mimir-distributor.mimir:8080/api/v1/push"),
    basic_auth: {
      username: index(credentials.data, "username"),
      password: index(credentials.data, "password"),
    },
  },
});

const pods = discovery.kubernetes("pods", { role: "pod" });

const scrapable = discovery.relabel("scrapable_pods", {
  targets: pods.targets,
  rule: [
    comment("only pods that opt in"),
    relabel.keep({ source_labels: ["__meta_kubernetes_pod_annotation_prometheus_io_scrape"], regex: "true" }),
    comment("honour a custom metrics path"),
    relabel.replace({
      source_labels: ["__meta_kubernetes_pod_annotation_prometheus_io_path"],
      target_label: "__metrics_path__",
      regex: "(.+)",
    }),
    relabel.replace({ source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" }),
    relabel.replace({ source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" }),
    relabel.labeldrop({ regex: "__meta_kubernetes_pod_label_(.+)_hash" }),
  ],
});

const scrape = prometheus.scrape("pods", {
  targets: scrapable.output,
  scrape_interval: "30s",
  forward_to: [mimir.receiver],
});

export default config(
  comment("Mimir, with credentials from the cluster"),
  credentials,
  mimir,
  comment("Kubernetes pods → Mimir"),
  pods,
  scrapable,
  scrape,
);
