import { ruleTester } from "./rule-tester.js";

ruleTester("wrong-type", {
  valid: [
    `loki.source.file "f" {\n  targets    = []\n  forward_to = []\n  encoding   = "utf-8"\n}\n`,
    { name: "numbers convert to strings", code: `local.file "f" {\n  filename = 42\n}\n` },
    { name: "references and calls are not typed statically", code: `local.file "f" {\n  filename = sys.env("X")\n  is_secret = local.file.g.content\n}\n` },
    { name: "a declared component's argument takes what its body's use takes (a string for a number)", code: `declare "d" {\n  argument "port" { }\n\n  loki.source.api "api" {\n    http {\n      listen_port = argument.port.value\n    }\n    forward_to = []\n  }\n}\n\nd "x" {\n  port = "3100"\n}\n` },
    { name: "null fits anything", code: `local.file "f" {\n  filename = null\n}\n` },
  ],
  invalid: [
    { code: `loki.source.file "f" {\n  targets    = []\n  forward_to = "wrong"\n  encoding   = true\n}\n`, errors: [{ line: 3, column: 16, message: "expected array, got string" }, { line: 4, column: 16, message: "expected string, got bool" }] },
    { name: "inside an array literal", code: `local.file_match "m" {\n  path_targets = [1]\n}\n`, errors: [{ line: 2, column: 19, message: "expected object, got number" }] },
    { name: "an operator on literals", code: `prometheus.scrape "s" {\n  targets       = []\n  forward_to    = []\n  sample_limit  = 1 + "x"\n}\n`, errors: [{ line: 4, column: 19, message: "expected number, got string" }] },
    {
      name: "an argument of a declared component, typed by where its body uses it",
      code: `declare "d" {\n  argument "port" { }\n\n  loki.source.api "api" {\n    http {\n      listen_port = argument.port.value\n    }\n    forward_to = []\n  }\n}\n\nd "x" {\n  port = true\n}\n`,
      errors: [{ line: 13, column: 10, message: "expected number, got bool" }],
    },
    { name: "a bool", code: `loki.source.file "f" {\n  targets         = []\n  forward_to      = []\n  tail_from_end   = "yes"\n}\n`, errors: [{ line: 4, column: 21, message: "expected bool, got string" }] },
  ],
});
