import { ruleTester } from "./rule-tester.js";

ruleTester("unknown-block", {
  valid: [`loki.write "w" {\n  endpoint {\n    url = "http://loki"\n  }\n}\n`, `prometheus.relabel "r" {\n  forward_to = []\n\n  rule {\n    action = "keep"\n  }\n}\n`],
  invalid: [
    { code: `loki.write "w" {\n  endpont {\n    url = "http://loki"\n  }\n}\n`, errors: [{ line: 2, column: 3, message: 'unrecognized block name "endpont"', help: 'did you mean "endpoint"?' }] },
    { name: "a stage that does not exist, inside stage.match", code: `loki.process "p" {\n  forward_to = []\n\n  stage.match {\n    selector = "{}"\n\n    stage.jsn { }\n  }\n}\n`, errors: [{ line: 7, column: 5, help: 'did you mean "stage.json"?' }] },
    { name: "blocks in a declared component", code: `declare "d" { }\n\nd "x" {\n  child { }\n}\n`, errors: [{ line: 4, column: 3 }] },
  ],
});
