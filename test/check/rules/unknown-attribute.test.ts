import { ruleTester } from "./rule-tester.js";

ruleTester("unknown-attribute", {
  valid: [
    `loki.source.file "f" {\n  targets    = []\n  forward_to = []\n}\n`,
    { name: "stage blocks of loki.process and their arguments", code: `loki.process "p" {\n  forward_to = []\n\n  stage.match {\n    selector = "{app=\\"x\\"}"\n\n    stage.json {\n      expressions = {level = "lvl"}\n    }\n  }\n}\n` },
    { name: "arguments of a declared component", code: `declare "d" {\n  argument "input" { }\n}\n\nd "x" {\n  input = 1\n}\n` },
  ],
  invalid: [
    {
      name: "did-you-mean forward_too",
      code: `loki.source.file "f" {\n  targets     = []\n  forward_too = []\n}\n`,
      errors: [{ line: 3, column: 3, message: 'unrecognized attribute name "forward_too"', help: 'did you mean "forward_to"?' }],
    },
    { name: "in a nested block", code: `loki.write "w" {\n  endpoint {\n    ulr = "http://loki"\n  }\n}\n`, errors: [{ line: 3, column: 5, help: 'did you mean "url"?' }] },
    { name: "in a config block", code: `logging {\n  levle = "info"\n}\n`, errors: [{ line: 2, column: 3, help: 'did you mean "level"?' }] },
    { name: "an argument a declare does not have", code: `declare "d" {\n  argument "input" { }\n}\n\nd "x" {\n  input  = 1\n  inptu2 = 2\n}\n`, errors: [{ line: 7, column: 3 }] },
    { name: "an unknown key of an object-typed attribute", code: `otelcol.processor.tail_sampling "t" {\n  decision_cache = {sampled_cache_sise = 10}\n\n  output { }\n}\n`, errors: [{ line: 2, column: 21, help: 'did you mean "sampled_cache_size"?' }] },
  ],
});
