import { ruleTester } from "./rule-tester.js";

ruleTester("community-component", {
  valid: [
    `otelcol.exporter.otlp "o" {\n  client {\n    endpoint = "x:4317"\n  }\n}\n`,
    { name: "enabled", code: `otelcol.exporter.splunkhec "s" { }\n`, options: { communityComponents: true } },
  ],
  invalid: [
    { name: "information by default", code: `otelcol.exporter.splunkhec "s" { }\n`, errors: [{ line: 1, column: 1, severity: "info", message: /--feature\.community-components\.enabled/ }] },
    { name: "refused when emulating a run without the flag", code: `otelcol.exporter.splunkhec "s" { }\n`, options: { stabilityLevel: "experimental" }, errors: [{ line: 1, column: 1, severity: "error", message: /is a community component\. Use the --feature/ }] },
  ],
});
