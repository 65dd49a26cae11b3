import { ruleTester } from "./rule-tester.js";

ruleTester("duplicate-attribute", {
  valid: [`loki.source.file "f" {\n  targets    = []\n  forward_to = []\n}\n`, { name: "the same name in two blocks", code: `loki.write "w" {\n  endpoint {\n    url = "a"\n  }\n\n  endpoint {\n    url = "b"\n  }\n}\n` }],
  invalid: [
    { code: `loki.source.file "f" {\n  targets    = []\n  forward_to = []\n  targets    = []\n}\n`, errors: [{ line: 4, column: 3, message: 'attribute "targets" may only be provided once', help: "first set at test.alloy:2:3" }] },
    { name: "in a nested block", code: `loki.write "w" {\n  endpoint {\n    url = "a"\n    url = "b"\n  }\n}\n`, errors: [{ line: 4, column: 5 }] },
  ],
});
