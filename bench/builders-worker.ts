// One builders measurement in a fresh process (so peak memory is this task's alone):
//   node --import tsx bench/builders-worker.ts COMPONENTS RUNS
// Builds a generated config of COMPONENTS components with the typed builders, lowers it
// (`synth`: layout included) and prints it (`format`); reports the best run as JSON. Loads the
// sources through tsx (the package ships bundles only, and `synth` is not one of its exports);
// load time is not measured, and the warm-up runs first.
import { performance } from "node:perf_hooks";
import { config, discovery, loki, prometheus, relabel, synth, type ConfigItem } from "../src/builders/index.js";
import { format } from "../src/emit/index.js";

/** Five components per group, wired as real pipelines are: discovery → relabel → scrape / logs. */
export function generatedConfig(components: number) {
  const write = loki.write("default", { endpoint: { url: "http://loki-gateway.loki/loki/api/v1/push" } });
  const mimir = prometheus.remote_write("default", { endpoint: { url: "http://mimir-distributor.mimir:8080/api/v1/push" } });
  const items: ConfigItem[] = [write, mimir];
  for (let i = 0; items.length + 5 <= components; i++) {
    const pods = discovery.kubernetes(`pods_${i}`, { role: "pod", namespaces: { names: [`team-${i}`] } });
    const targets = discovery.relabel(`pods_${i}`, {
      targets: pods.targets,
      rule: [
        relabel.keep({ source_labels: ["__meta_kubernetes_pod_annotation_prometheus_io_scrape"], regex: "true" }),
        relabel.replace({ source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" }),
        relabel.replace({ source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" }),
      ],
    });
    const scrape = prometheus.scrape(`pods_${i}`, { targets: targets.output, scrape_interval: "30s", forward_to: [mimir.receiver] });
    const process = loki.process(`pods_${i}`, {
      stage: [loki.stage.json({ expressions: { level: "level", msg: "msg" } }), loki.stage.labels({ values: { level: "" } })],
      forward_to: [write.receiver],
    });
    const source = loki.source.kubernetes(`pods_${i}`, { targets: targets.output, forward_to: [process.receiver] });
    items.push(pods, targets, scrape, process, source);
  }
  return { config: config(items), components: items.length };
}

export interface BuildersMeasure {
  readonly components: number;
  /** Builder calls and config(...). */
  readonly buildMs: number;
  /** Lowering to a positioned AST (synth). */
  readonly synthMs: number;
  /** Printing (format). */
  readonly emitMs: number;
  readonly totalMs: number;
  readonly bytes: number;
  readonly maxRssKb: number;
}

if (process.argv[1]?.endsWith("builders-worker.ts")) {
  const components = Number(process.argv[2] ?? 10_000);
  const runs = Number(process.argv[3] ?? 3);
  format(synth(generatedConfig(2_000).config).file); // warm-up: compiled code, not the interpreter, is measured
  let best: BuildersMeasure | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const made = generatedConfig(components);
    const t1 = performance.now();
    const file = synth(made.config).file;
    const t2 = performance.now();
    const text = format(file);
    const t3 = performance.now();
    const m = { components: made.components, buildMs: t1 - t0, synthMs: t2 - t1, emitMs: t3 - t2, totalMs: t3 - t0, bytes: Buffer.byteLength(text), maxRssKb: 0 };
    if (!best || m.totalMs < best.totalMs) best = m;
  }
  process.stdout.write(JSON.stringify({ ...best, maxRssKb: process.resourceUsage().maxRSS }));
}
