import { ruleTester } from "./rule-tester.js";

ruleTester("unknown-component", {
  valid: [
    `loki.write "default" {\n  endpoint {\n    url = "http://loki"\n  }\n}\n`,
    { name: "a declared custom component", code: `declare "pipeline" { }\n\npipeline "a" { }\n` },
    { name: "a declare used before it is declared, from inside another declare", code: `declare "b" {\n  a "x" { }\n}\n\ndeclare "a" { }\n` },
    { name: "an import namespace is checked by namespace only", code: `import.git "mods" {\n  repository = "https://example.com/m.git"\n  path       = "m.alloy"\n}\n\nmods.anything "x" { }\n` },
    { name: "imports are visible inside a foreach template", code: `import.string "m" {\n  content = ""\n}\n\nforeach "f" {\n  collection = []\n  var        = "each"\n\n  template {\n    m.thing "x" { }\n  }\n}\n` },
  ],
  invalid: [
    { name: "did-you-mean loki.wirte", code: `loki.wirte "default" { }\n`, errors: [{ line: 1, column: 1, message: 'cannot find the definition of component name "loki.wirte"', help: 'did you mean "loki.write"?' }] },
    { name: "a missing namespace part", code: `prometheus.remotewrite "x" { }\n`, errors: [{ line: 1, column: 1, help: 'did you mean "prometheus.remote_write"?' }] },
    { name: "a declare inside another declare is not visible outside", code: `declare "outer" {\n  declare "inner" { }\n}\n\ninner "x" { }\n`, errors: [{ line: 5, column: 1 }] },
    { name: "an import inside a template is not visible outside", code: `foreach "f" {\n  collection = []\n  var        = "each"\n\n  template {\n    import.string "m" {\n      content = ""\n    }\n  }\n}\n\nm.thing "x" { }\n`, errors: [{ line: 12, column: 1 }] },
    { name: "a service written with a label", code: `http "main" { }\n`, errors: [{ line: 1, column: 1, help: /configuration block/ }] },
    { name: "nested in a declare", code: `declare "d" {\n  local.fiel "f" { }\n}\n`, errors: [{ line: 2, column: 3, help: 'did you mean "local.file"?' }] },
  ],
});
