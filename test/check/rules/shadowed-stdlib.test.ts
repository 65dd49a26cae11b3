import { ruleTester } from "./rule-tester.js";

ruleTester("shadowed-stdlib", {
  valid: [`local.file "f" {\n  filename = sys.env("HOME")\n}\n`],
  invalid: [
    {
      code: `declare "sys" {\n  export "env" {\n    value = "x"\n  }\n}\n\nsys "sys" { }\n\nlocal.file "f" {\n  filename = sys.sys.env\n}\n`,
      errors: [{ line: 10, column: 14, severity: "warning", message: "a component is shadowing an existing stdlib name" }],
    },
  ],
});
