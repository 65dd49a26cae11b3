import { ruleTester } from "./rule-tester.js";

ruleTester("block-placement", {
  valid: [
    `logging {\n  level = "info"\n}\n\ndeclare "d" {\n  argument "a" { }\n\n  export "e" {\n    value = 1\n  }\n}\n`,
    { name: "services at the top level", code: `http { }\n\nlivedebugging {\n  enabled = true\n}\n` },
  ],
  invalid: [
    { name: "an attribute at the top level", code: `level = "info"\n`, errors: [{ line: 1, column: 1, message: "unrecognized attribute level" }] },
    { name: "argument outside a module", code: `argument "a" { }\n`, errors: [{ line: 1, column: 1, message: "argument blocks only allowed inside a module" }] },
    { name: "logging in a module", code: `declare "d" {\n  logging { }\n}\n`, errors: [{ line: 2, column: 3, message: "logging not allowed in module" }] },
    { name: "a service in a template", code: `foreach "f" {\n  collection = []\n  var        = "x"\n\n  template {\n    http { }\n  }\n}\n`, errors: [{ line: 6, column: 5, message: "http not allowed in foreach" }] },
    { name: "a service that takes no configuration", code: `ui { }\n`, errors: [{ line: 1, column: 1, message: 'service "ui" does not support being configured' }] },
    { name: "an attribute in a declare body", code: `declare "d" {\n  x = 1\n}\n`, errors: [{ line: 2, column: 3, message: "unsupported statement type *ast.AttributeStmt" }] },
  ],
});
