import { ruleTester } from "./rule-tester.js";

ruleTester("block-count", {
  valid: [`loki.write "w" {\n  endpoint {\n    url = "a"\n  }\n\n  endpoint {\n    url = "b"\n  }\n}\n`],
  invalid: [
    {
      name: "every occurrence of a single block is reported",
      code: `otelcol.exporter.otlp "o" {\n  client {\n    endpoint = "a:4317"\n  }\n\n  client {\n    endpoint = "b:4317"\n  }\n}\n`,
      errors: [
        { line: 2, column: 3, message: 'block "client" may only be specified once' },
        { line: 6, column: 3, message: 'block "client" may only be specified once' },
      ],
    },
  ],
});
