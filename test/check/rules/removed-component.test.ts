import { ruleTester } from "./rule-tester.js";

ruleTester("removed-component", {
  valid: [`import.file "m" {\n  filename = "m.alloy"\n}\n`, `otelcol.exporter.debug "d" { }\n`],
  invalid: [
    {
      name: "a River-era classic module",
      code: `module.git "k8s" {\n  repository = "https://github.com/grafana/agent-modules.git"\n  path       = "modules/k8s.river"\n}\n`,
      errors: [{ line: 1, column: 1, message: 'component "module.git" was removed from Alloy; use import.git instead' }],
    },
    { code: `\notelcol.exporter.logging "l" { }\n`, errors: [{ line: 2, column: 1, message: /use otelcol\.exporter\.debug instead/ }] },
    { name: "removed but still documented", code: `otelcol.receiver.opencensus "o" { }\n`, errors: [{ line: 1, column: 1, message: /removed/ }] },
    { name: "renamed", code: `prometheus.exporter.agent "a" { }\n`, errors: [{ line: 1, column: 1, message: /renamed to prometheus\.exporter\.self/ }] },
  ],
});
