import { ruleTester } from "./rule-tester.js";

ruleTester("attribute-block-mismatch", {
  valid: [`loki.write "w" {\n  endpoint {\n    url = "http://loki"\n  }\n}\n`],
  invalid: [
    { name: "a block written as an attribute", code: `loki.write "w" {\n  endpoint = {url = "http://loki"}\n}\n`, errors: [{ line: 2, column: 3, message: '"endpoint" must be a block, but is used as an attribute' }] },
    { name: "an attribute written as a block", code: `loki.source.file "f" {\n  targets = []\n\n  forward_to { }\n}\n`, errors: [{ line: 4, column: 3, message: '"forward_to" must be an attribute, but is used as a block' }] },
  ],
});
