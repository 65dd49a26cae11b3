import { beforeAll, describe, expect, it } from "vitest";
import { check, loadCatalog } from "../../src/check/index.js";
import { parseFile } from "../../src/parse/index.js";
import { corpusManifest, hasShared, readShared } from "../shared.js";

/**
 * The real-world corpus (../shared/corpus/real). Files from grafana/alloy, grafana/alloy-scenarios
 * and grafana/k8s-monitoring-helm are configurations Alloy accepts: the checker must not report a
 * single error on them. The exceptions below are files that Alloy itself refuses; each was
 * verified against the Go struct tags at the catalog's commit.
 */
const TRUSTED = new Set(["grafana/alloy", "grafana/alloy-scenarios", "grafana/k8s-monitoring-helm"]);

const ALLOY_REJECTS: Readonly<Record<string, string>> = {
  // `alloy convert` test outputs. Alloy's converter tests load them but ignore "Failed to build
  // component" errors, which is where a missing required block and a component's Validate() or
  // build error surface; real Alloy refuses them.
  "real/grafana-alloy/internal__converter__internal__otelcolconvert__testdata__fileexporter.alloy":
    'otelcol.receiver.filelog has no `output` block (Go: `alloy:"output,block"`) and ordering_criteria has no `sort_by` (`alloy:"sort_by,block"`)',
  "real/grafana-alloy/internal__converter__internal__otelcolconvert__testdata__filelog.alloy": "otelcol.receiver.filelog without its required `output` block",
  "real/grafana-alloy/internal__converter__internal__otelcolconvert__testdata__fluentforwarder.alloy": "otelcol.receiver.fluentforward without its required `output` block",
  "real/grafana-alloy/internal__converter__internal__otelcolconvert__testdata__syslog.alloy": "otelcol.receiver.syslog without its required `output` block",
  "real/grafana-alloy/internal__converter__internal__otelcolconvert__testdata__tcplog.alloy": "otelcol.receiver.tcplog without its required `output` block",
  "real/grafana-alloy/internal__converter__internal__promtailconvert__testdata__pipeline_stages_part2.alloy":
    'stage.geoip db_type = "mmdb": validateGeoIPConfig (internal/component/loki/process/stages/geoip.go) takes only "", "asn", "city" or "country", and fails the component build',
  "real/grafana-alloy/internal__converter__internal__promtailconvert__testdata__azure_event_hubs.alloy":
    'loki.source.azure_event_hubs with assignor = "" and mechanism = "": Validate and Convert (internal/component/loki/source/azure_event_hubs/azure_event_hubs.go) take only sticky/roundrobin/range and connection_string/oauth',
};

/** The rule that finds why Alloy refuses each of those files: check/missing-required unless named here. */
const REJECTED_BY: Readonly<Record<string, string>> = {
  "real/grafana-alloy/internal__converter__internal__promtailconvert__testdata__pipeline_stages_part2.alloy": "check/enum-value",
  "real/grafana-alloy/internal__converter__internal__promtailconvert__testdata__azure_event_hubs.alloy": "check/enum-value",
};

interface Row {
  repo: string;
  local: string;
  notes: string;
  bytes: Buffer;
}

describe.skipIf(!hasShared)("corpus (../shared/corpus/real)", () => {
  const rows: Row[] = hasShared
    ? corpusManifest().map((r) => ({ repo: r.repo as string, local: r.local_file as string, notes: r.notes as string, bytes: readShared("corpus", r.local_file as string) }))
    : [];

  beforeAll(async () => {
    await loadCatalog();
  });

  it("reports no error on configurations Alloy accepts", () => {
    const errors: string[] = [];
    const counts = new Map<string, number>();
    let files = 0;
    for (const row of rows.filter((r) => TRUSTED.has(r.repo))) {
      const { file, diagnostics, source } = parseFile(row.bytes, row.local);
      if (diagnostics.length > 0) continue;
      files++;
      for (const d of check(file, { filename: row.local })) {
        counts.set(d.severity, (counts.get(d.severity) ?? 0) + 1);
        if (d.severity !== "error" || ALLOY_REJECTS[row.local]) continue;
        const at = source.lines.position(d.span.start);
        errors.push(`${row.local}:${at.line}:${at.column}: ${d.message} [${d.code}]`);
      }
    }
    console.log(
      `corpus (alloy, alloy-scenarios, k8s-monitoring-helm): ${files} files, ${errors.length} false errors; ` +
        `${Object.keys(ALLOY_REJECTS).length} files Alloy itself rejects; ` +
        `warnings ${counts.get("warning") ?? 0}, info ${counts.get("info") ?? 0}`,
    );
    expect(errors).toEqual([]);
  });

  it("still finds the errors in the files Alloy rejects", () => {
    for (const local of Object.keys(ALLOY_REJECTS)) {
      const row = rows.find((r) => r.local === local) as Row;
      const { file } = parseFile(row.bytes, local);
      const code = REJECTED_BY[local] ?? "check/missing-required";
      expect(check(file).some((d) => d.code === code && d.severity === "error"), local).toBe(true);
    }
  });

  it("says so when a River-era file uses a removed component", () => {
    let blocks = 0;
    const missed: string[] = [];
    for (const row of rows) {
      const { file, diagnostics } = parseFile(row.bytes, row.local);
      if (diagnostics.length > 0) continue;
      const found = check(file);
      for (const stmt of file.body) {
        if (stmt.kind !== "Block" || stmt.name[0]?.name !== "module" || !stmt.label) continue;
        blocks++;
        const at = stmt.span.start;
        const d = found.find((x) => x.span.start === at && x.code === "check/removed-component");
        if (!d || !/was removed from Alloy; use import\.(file|git|http|string) instead/.test(d.message)) missed.push(`${row.local}@${at}`);
      }
    }
    console.log(`River-era module.* blocks: ${blocks}, each reported as removed`);
    expect(blocks).toBeGreaterThan(10);
    expect(missed).toEqual([]);
  });
});
