/**
 * Relabel throughput in the simulator: targets × rules per second through the lab's nine rules
 * (discovery.relabel.pod_logs) and through a mixed rule set (labelmap, labeldrop, hashmod, keep,
 * lowercase), beside JSON.parse of the same targets as JSON text, alternating, best of each.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { simulate } from "../src/simulate.js";
import type { Labels } from "../src/simulate/types.js";
import { sharedPath } from "../test/shared.js";

const MIXED = `discovery.relabel "mixed" {
  targets = []
  rule {
    regex       = "__meta_kubernetes_pod_label_(.+)"
    action      = "labelmap"
  }
  rule {
    source_labels = ["__meta_kubernetes_namespace", "__meta_kubernetes_pod_name"]
    separator     = "/"
    target_label  = "instance"
  }
  rule {
    source_labels = ["instance"]
    modulus       = 8
    target_label  = "__tmp_shard"
    action        = "hashmod"
  }
  rule {
    source_labels = ["__tmp_shard"]
    regex         = "[0-6]"
    action        = "keep"
  }
  rule {
    source_labels = ["app"]
    target_label  = "app_lower"
    action        = "lowercase"
  }
  rule {
    regex  = "__tmp_.*"
    action = "labeldrop"
  }
}
`;

function targets(n: number): Labels[] {
  return Array.from({ length: n }, (_, i) => ({
    __address__: `10.42.${i % 250}.${i % 200}:8080`,
    __meta_kubernetes_namespace: `ns-${i % 13}`,
    __meta_kubernetes_pod_node_name: `node-${i % 17}.eu-west-1.compute.internal`,
    __meta_kubernetes_pod_name: `app-${i % 50}-7d9f8b6c4-${(i * 2654435761).toString(36).slice(0, 5)}`,
    __meta_kubernetes_pod_ip: `10.42.${i % 250}.${i % 200}`,
    __meta_kubernetes_pod_container_name: `c${i % 3}`,
    __meta_kubernetes_pod_label_app_kubernetes_io_name: `App-${i % 50}`,
    __meta_kubernetes_pod_label_team: `team-${i % 5}`,
    __meta_kubernetes_pod_uid: `3f1c2a9e-5b7d-4c1e-9a2b-${String(i).padStart(12, "0")}`,
    __meta_kubernetes_pod_container_id: `${i % 2 === 0 ? "containerd" : "docker"}://${(i * 40503).toString(16).padStart(16, "0")}`,
  }));
}

export async function benchRelabel(count = 20_000, rounds = 5): Promise<string[]> {
  const input = targets(count);
  const text = JSON.stringify(input);
  const lab = await simulate(readFileSync(sharedPath("lab", "config.alloy"), "utf8"), { filename: "lab/config.alloy" });
  const mixed = await simulate(MIXED, { filename: "mixed.alloy" });
  const sets = [
    { name: "lab discovery.relabel.pod_logs", sim: lab, id: "discovery.relabel.pod_logs", rules: 9 },
    { name: "labelmap+replace+hashmod+keep+lowercase+labeldrop", sim: mixed, id: "discovery.relabel.mixed", rules: 6 },
  ];
  for (const s of sets) s.sim.relabel(s.id, input.slice(0, 200)); // compiles the rules, warms up
  const best = sets.map(() => Infinity);
  let bestJson = Infinity;
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    sets.forEach((s, i) => {
      const t = performance.now();
      sink += s.sim.relabel(s.id, input).targets.filter(Boolean).length;
      best[i] = Math.min(best[i] as number, performance.now() - t);
    });
    const t = performance.now();
    sink += (JSON.parse(text) as unknown[]).length;
    bestJson = Math.min(bestJson, performance.now() - t);
  }
  const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString("en-US");
  return [
    `relabel simulator, ${count} targets of 10 labels (best of ${rounds}, alternating; checksum ${sink}); JSON.parse of the same targets (${(text.length / 1024 / 1024).toFixed(1)} MB): ${rate(count, bestJson)} targets/s (${bestJson.toFixed(0)} ms)`,
    ...sets.map((s, i) => {
      const ms = best[i] as number;
      return `  ${s.name} (${s.rules} rules): ${rate(count * s.rules, ms)} targets×rules/s, ${rate(count, ms)} targets/s (${ms.toFixed(0)} ms) = ${(ms / bestJson).toFixed(1)}x JSON.parse`;
    }),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const row of await benchRelabel()) console.log(row);
