import { ruleTester } from "./rule-tester.js";

ruleTester("enum-value", {
  valid: [
    `discovery.relabel "r" {\n  targets = []\n\n  rule {\n    action = "labelmap"\n  }\n}\n`,
    { name: "docs-only sets compare without case", code: `discovery.kubernetes "k" {\n  role = "POD"\n}\n` },
  ],
  invalid: [
    {
      name: "a relabel action (checked by Alloy: an error)",
      code: `discovery.relabel "r" {\n  targets = []\n\n  rule {\n    action = "kep"\n  }\n}\n`,
      errors: [{ line: 5, column: 14, severity: "error", message: /"kep" is not a valid value for action/, help: 'did you mean "keep"?' }],
    },
    { name: "relabel actions are case-sensitive in Alloy", code: `discovery.relabel "r" {\n  targets = []\n\n  rule {\n    action = "Keep"\n  }\n}\n`, errors: [{ line: 5, column: 14, severity: "error" }] },
    { name: "a docs-only set: a warning", code: `discovery.kubernetes "k" {\n  role = "pods"\n}\n`, errors: [{ line: 2, column: 10, severity: "warning", help: 'did you mean "pod"?' }] },
    { name: "an unknown header action", code: `otelcol.auth.headers "h" {\n  header {\n    key    = "x"\n    action = "random"\n  }\n}\n`, errors: [{ line: 4, column: 14, severity: "error" }] },
  ],
});
