import { ruleTester } from "./rule-tester.js";

ruleTester("deprecated-function", {
  valid: [`local.file "f" {\n  filename = sys.env("HOME")\n}\n`],
  invalid: [
    {
      code: `local.file "f" {\n  filename = env("HOME")\n}\n`,
      errors: [{ line: 2, column: 14, severity: "warning", message: "this stdlib function is deprecated; please refer to the documentation for updated usage and alternatives", help: "use sys.env instead" }],
    },
    { name: "inside a call argument", code: `local.file "f" {\n  filename = string.format("%s", concat([], []))\n}\n`, errors: [{ line: 2, column: 34, help: "use array.concat instead" }] },
  ],
});
