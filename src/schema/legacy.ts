/**
 * Component names that Alloy no longer accepts, with what replaced them, so the linter can say
 * "`module.git` was removed from Alloy; use `import.git`" instead of "unknown component".
 * Hand-written: the catalog data only knows what exists at its commit (plus the one removed
 * component that still has a reference page, `otelcol.receiver.opencensus`).
 *
 * Names come from Grafana Agent Flow (River-era) configurations and older Alloy releases; each
 * is absent from the catalog or marked `removed` there (a test checks that). Only names whose fate
 * is known are listed.
 */

export type LegacyStatus = "removed" | "renamed";

export interface LegacyComponent {
  readonly name: string;
  /** `renamed`: same component under a new name. `removed`: gone; `replacement` does the job differently. */
  readonly status: LegacyStatus;
  /** What to use instead (a catalog entry). */
  readonly replacement: string;
  /** One sentence for the linter's help text. */
  readonly note: string;
}

export const legacyComponents: readonly LegacyComponent[] = [
  {
    name: "module.file",
    status: "removed",
    replacement: "import.file",
    note: "Classic modules were replaced by `declare` and the `import.*` config blocks; use `import.file` to load a module from a file.",
  },
  {
    name: "module.git",
    status: "removed",
    replacement: "import.git",
    note: "Classic modules were replaced by `declare` and the `import.*` config blocks; use `import.git` to load a module from a Git repository.",
  },
  {
    name: "module.http",
    status: "removed",
    replacement: "import.http",
    note: "Classic modules were replaced by `declare` and the `import.*` config blocks; use `import.http` to load a module over HTTP.",
  },
  {
    name: "module.string",
    status: "removed",
    replacement: "import.string",
    note: "Classic modules were replaced by `declare` and the `import.*` config blocks; use `import.string` to load a module from a string.",
  },
  {
    name: "otelcol.exporter.jaeger",
    status: "removed",
    replacement: "otelcol.exporter.otlp",
    note: "OpenTelemetry removed its Jaeger exporter; Jaeger accepts OTLP, so export with `otelcol.exporter.otlp`.",
  },
  {
    name: "otelcol.exporter.logging",
    status: "removed",
    replacement: "otelcol.exporter.debug",
    note: "OpenTelemetry replaced the logging exporter with the debug exporter.",
  },
  {
    name: "otelcol.receiver.opencensus",
    status: "removed",
    replacement: "otelcol.receiver.otlp",
    note: "OpenCensus is retired; the component has a reference page but no registration, and Alloy rejects it.",
  },
  {
    name: "prometheus.exporter.agent",
    status: "renamed",
    replacement: "prometheus.exporter.self",
    note: "The exporter of the collector's own metrics is now called `prometheus.exporter.self`.",
  },
  {
    name: "prometheus.exporter.vsphere",
    status: "removed",
    replacement: "otelcol.receiver.vcenter",
    note: "The vSphere exporter was removed; collect vCenter metrics with `otelcol.receiver.vcenter`.",
  },
];

const byName: ReadonlyMap<string, LegacyComponent> = new Map(legacyComponents.map((c) => [c.name, c]));

/** The legacy record for a component name that Alloy no longer accepts, if known. */
export function legacyComponent(name: string): LegacyComponent | undefined {
  return byName.get(name);
}
