import { ruleTester } from "./rule-tester.js";

ruleTester("wrong-arity", {
  valid: [
    `local.file "f" {\n  filename = string.join(["a"], ",")\n}\n`,
    { name: "variadic and optional parameters", code: `local.file "f" {\n  filename = string.format("x")\n  is_secret = coalesce()\n}\n\nlocal.file "g" {\n  filename = array.combine_maps([], [], [], true)\n}\n` },
  ],
  invalid: [
    { code: `local.file "f" {\n  filename = string.join(["a"])\n}\n`, errors: [{ line: 2, column: 14, message: "expected 2 args, got 1", help: "string.join(" }] },
    { name: "too many", code: `local.file "f" {\n  filename = sys.env("A", "B")\n}\n`, errors: [{ line: 2, column: 14, message: "expected 1 args, got 2" }] },
    { name: "at least", code: `local.file "f" {\n  filename = string.format()\n}\n`, errors: [{ line: 2, column: 14, message: "expected at least 1 args, got 0" }] },
    { name: "an optional fourth", code: `local.file "f" {\n  filename = array.combine_maps([], [])\n}\n`, errors: [{ line: 2, column: 14, message: "expected 3 or 4 args, got 2" }] },
  ],
});
