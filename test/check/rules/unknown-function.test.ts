import { ruleTester } from "./rule-tester.js";

ruleTester("unknown-function", {
  valid: [`local.file "f" {\n  filename = string.format("%s", sys.env("HOME"))\n}\n`, `local.file "f" {\n  filename = constants.hostname\n}\n`],
  invalid: [
    { code: `local.file "f" {\n  filename = string.formatt("%s", "x")\n}\n`, errors: [{ line: 2, column: 14, message: 'unknown function "string.formatt" in the standard library', help: 'did you mean "string.format"?' }] },
    { name: "a constant", code: `local.file "f" {\n  filename = constants.hostnme\n}\n`, errors: [{ line: 2, column: 14, message: /unknown constant "constants\.hostnme"/, help: 'did you mean "constants.hostname"?' }] },
  ],
});
