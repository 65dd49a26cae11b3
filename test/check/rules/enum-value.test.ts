import { ruleTester } from "./rule-tester.js";

const relabel = (action: string): string => `discovery.relabel "r" {\n  targets = []\n\n  rule {\n    action = ${action}\n  }\n}\n`;

ruleTester("enum-value", {
  valid: [
    relabel(`"labelmap"`),
    { name: "logging levels Alloy accepts", code: `logging {\n  level  = "warn"\n  format = "json"\n}\n` },
    { name: "an empty logging level is Alloy's default", code: `logging {\n  level = ""\n}\n` },
    { name: "an otelcol client's compression", code: `otelcol.exporter.otlp "o" {\n  client {\n    endpoint    = "x:4317"\n    compression = "zstd"\n  }\n}\n` },
    { name: "Go lower-cases header actions", code: `otelcol.auth.headers "h" {\n  header {\n    key    = "x"\n    action = "UPSERT"\n  }\n}\n` },
    { name: "Go upper-cases DNS record types", code: `discovery.dns "d" {\n  names = ["x"]\n  type  = "srv"\n}\n` },
    { name: "docs-only sets compare without case", code: `discovery.kubernetes "k" {\n  role = "POD"\n}\n` },
    { name: "a reference is not checked", code: `logging {\n  level = sys.env("LEVEL")\n}\n` },
  ],
  invalid: [
    {
      name: "a logging level Alloy refuses",
      code: `logging {\n  level = "verbose"\n}\n`,
      errors: [{ line: 2, column: 11, severity: "error", message: 'invalid value "verbose" for level: must be one of "debug", "info", "warn", "error" (or "" for the default)' }],
    },
    { name: "a logging format", code: `logging {\n  format = "text"\n}\n`, errors: [{ line: 2, column: 12, severity: "error" }] },
    {
      name: "otlphttp encoding",
      code: `otelcol.exporter.otlphttp "o" {\n  encoding = "xml"\n\n  client {\n    endpoint = "http://x"\n  }\n}\n`,
      errors: [{ line: 2, column: 14, severity: "error", message: /invalid value "xml" for encoding: must be one of "proto", "json"/ }],
    },
    {
      name: "an HTTP client's compression",
      code: `otelcol.exporter.otlphttp "o" {\n  client {\n    endpoint    = "http://x"\n    compression = "brotli"\n  }\n}\n`,
      errors: [{ line: 4, column: 19, severity: "error", message: /invalid value "brotli" for compression/ }],
    },
    {
      name: "a relabel action (checked by Alloy: an error)",
      code: relabel(`"kep"`),
      errors: [{ line: 5, column: 14, severity: "error", message: /invalid value "kep" for action/, help: 'did you mean "keep"?' }],
    },
    { name: "relabel actions are case-sensitive in Alloy", code: relabel(`"Keep"`), errors: [{ line: 5, column: 14, severity: "error", help: 'did you mean "keep"?' }] },
    { name: "an empty relabel action", code: relabel(`""`), errors: [{ line: 5, column: 14, severity: "error" }] },
    {
      name: "a number converts to a string and is checked like one",
      code: `discovery.aws "a" {\n  role = 42\n}\n`,
      errors: [{ line: 2, column: 10, severity: "error", message: /invalid value "42" for role/ }],
    },
    {
      name: "a timestamp stage's action_on_failure",
      code: `loki.process "p" {\n  forward_to = []\n\n  stage.timestamp {\n    source            = "t"\n    format            = "RFC3339"\n    action_on_failure = "ignore"\n  }\n}\n`,
      errors: [{ line: 7, column: 25, severity: "error" }],
    },
    {
      name: "a docs-only set: a warning that says the docs list it",
      code: `discovery.kubernetes "k" {\n  role = "pods"\n}\n`,
      errors: [{ line: 2, column: 10, severity: "warning", message: /"pods" is not among the values the docs list for role/, help: 'did you mean "pod"?' }],
    },
    { name: "a number in a docs-only set", code: `discovery.kubernetes "k" {\n  role = 42\n}\n`, errors: [{ line: 2, column: 10, severity: "warning" }] },
    { name: "an unknown header action", code: `otelcol.auth.headers "h" {\n  header {\n    key    = "x"\n    action = "random"\n  }\n}\n`, errors: [{ line: 4, column: 14, severity: "error" }] },
  ],
});
