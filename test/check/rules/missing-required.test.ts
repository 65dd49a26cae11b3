import { ruleTester } from "./rule-tester.js";

ruleTester("missing-required", {
  valid: [
    `loki.source.file "f" {\n  targets    = []\n  forward_to = []\n}\n`,
    { name: "required only in the docs (Go accepts it missing)", code: `prometheus.exporter.mysql "m" { }\n` },
    { name: "an optional declared argument", code: `declare "d" {\n  argument "opt" {\n    optional = true\n  }\n}\n\nd "x" { }\n` },
  ],
  invalid: [
    { code: `remote.http "r" { }\n`, errors: [{ line: 1, column: 1, message: 'missing required attribute "url"' }] },
    { name: "a required block", code: `otelcol.exporter.otlp "o" { }\n`, errors: [{ line: 1, column: 1, message: 'missing required block "client"' }] },
    { name: "inside a nested block", code: `loki.write "w" {\n  endpoint { }\n}\n`, errors: [{ line: 2, column: 3, message: 'missing required attribute "url"' }] },
    { name: "an argument of a declared component", code: `declare "d" {\n  argument "input" { }\n}\n\nd "x" { }\n`, errors: [{ line: 5, column: 1, message: 'missing required attribute "input"' }] },
    { name: "a foreach without template", code: `foreach "f" {\n  collection = []\n  var        = "x"\n}\n`, errors: [{ line: 1, column: 1, message: 'missing required block "template"' }] },
    {
      name: "a required key of an object-typed attribute",
      code: `otelcol.exporter.googlecloud "g" {\n  trace {\n    attribute_mappings = [{key = "a"}]\n  }\n}\n`,
      errors: [{ line: 3, column: 27, message: 'missing required attribute "replacement"' }],
    },
  ],
});
