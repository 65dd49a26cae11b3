import { ruleTester } from "./rule-tester.js";

ruleTester("cycle", {
  valid: [
    `prometheus.relabel "a" {\n  forward_to = [prometheus.relabel.b.receiver]\n}\n\nprometheus.relabel "b" {\n  forward_to = []\n}\n`,
    { name: "references from a template into its parent add no edge there", code: `local.file "root" {\n  filename = "a"\n}\n\nforeach "f" {\n  collection = [local.file.root.content]\n  var        = "each"\n\n  template {\n    local.file "x" {\n      filename = local.file.root.content\n    }\n  }\n}\n` },
  ],
  invalid: [
    {
      code: `prometheus.relabel "a" {\n  forward_to = [prometheus.relabel.b.receiver]\n}\n\nprometheus.relabel "b" {\n  forward_to = [prometheus.relabel.a.receiver]\n}\n`,
      errors: [
        { line: 1, column: 1, message: "cycle detected: prometheus.relabel.a, prometheus.relabel.b" },
        { line: 5, column: 1, message: "cycle detected: prometheus.relabel.a, prometheus.relabel.b" },
      ],
    },
    { name: "a self reference", code: `prometheus.relabel "a" {\n  forward_to = [prometheus.relabel.a.receiver]\n}\n`, errors: [{ line: 1, column: 1, message: "cannot reference self" }] },
    { name: "inside a module", code: `declare "d" {\n  local.file "a" {\n    filename = local.file.b.content\n  }\n\n  local.file "b" {\n    filename = local.file.a.content\n  }\n}\n`, errors: [{ line: 2, column: 3 }, { line: 6, column: 3 }] },
  ],
});
