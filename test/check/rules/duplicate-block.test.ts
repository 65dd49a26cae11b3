import { ruleTester } from "./rule-tester.js";

ruleTester("duplicate-block", {
  valid: [
    `local.file "a" {\n  filename = "a"\n}\n\nlocal.file "b" {\n  filename = "b"\n}\n`,
    { name: "the same id in different modules", code: `declare "a" {\n  local.file "f" {\n    filename = "a"\n  }\n}\n\nlocal.file "f" {\n  filename = "b"\n}\n` },
  ],
  invalid: [
    {
      code: `local.file "a" {\n  filename = "a"\n}\n\nlocal.file "a" {\n  filename = "b"\n}\n`,
      errors: [{ line: 5, column: 1, message: "block local.file.a already declared at test.alloy:1:1" }],
    },
    { name: "config blocks", code: `logging { }\nlogging { }\n`, errors: [{ line: 2, column: 1, message: "block logging already declared at test.alloy:1:1" }] },
    { name: "inside a template", code: `foreach "f" {\n  collection = []\n  var        = "x"\n\n  template {\n    local.file "a" {\n      filename = "a"\n    }\n\n    local.file "a" {\n      filename = "a"\n    }\n  }\n}\n`, errors: [{ line: 10, column: 5 }] },
  ],
});
