import { ruleTester } from "./rule-tester.js";

const LOKI = `loki.write "default" {\n  endpoint {\n    url = "http://loki"\n  }\n}\n`;

ruleTester("unresolved-reference", {
  valid: [
    `${LOKI}\nloki.source.file "f" {\n  targets    = []\n  forward_to = [loki.write.default.receiver]\n}\n`,
    { name: "stdlib, module_path, a foreach variable and a module argument", code: `foreach "f" {\n  collection = [1]\n  var        = "each"\n\n  template {\n    local.file "x" {\n      filename = string.format("%s/%s", module_path, each)\n    }\n  }\n}\n\ndeclare "d" {\n  argument "path" { }\n\n  local.file "y" {\n    filename = argument.path.value\n  }\n}\n` },
    { name: "a template sees the blocks around its foreach", code: `local.file "root" {\n  filename = "a"\n}\n\nforeach "f" {\n  collection = []\n  var        = "each"\n\n  template {\n    local.file "x" {\n      filename = local.file.root.content\n    }\n  }\n}\n` },
    { name: "exports of a declared component", code: `declare "d" {\n  export "out" {\n    value = 1\n  }\n}\n\nd "x" { }\n\nlocal.file "f" {\n  filename = d.x.out\n}\n` },
  ],
  invalid: [
    {
      name: "a typo in the label",
      code: `${LOKI}\nloki.source.file "f" {\n  targets    = []\n  forward_to = [loki.write.defualt.receiver]\n}\n`,
      errors: [{ line: 9, column: 17, message: 'component "loki.write.defualt.receiver" does not exist or is out of scope', help: 'did you mean "loki.write.default"?' }],
    },
    { name: "an export the component does not have", code: `${LOKI}\nloki.source.file "f" {\n  targets    = []\n  forward_to = [loki.write.default.reciever]\n}\n`, errors: [{ line: 9, column: 36, message: 'loki.write.default has no export named "reciever"', help: 'did you mean "receiver"?' }] },
    { name: "a module cannot see the top level", code: `${LOKI}\ndeclare "d" {\n  loki.source.file "f" {\n    targets    = []\n    forward_to = [loki.write.default.receiver]\n  }\n}\n`, errors: [{ line: 10, column: 19, help: /declared in the top level|which this block cannot see/ }] },
    { name: "an argument the module does not declare", code: `declare "d" {\n  argument "port" { }\n\n  local.file "f" {\n    filename = argument.prot.value\n  }\n}\n`, errors: [{ line: 5, column: 16, help: /declares the arguments "port"/ }] },
    { name: "the top level cannot see into a template", code: `foreach "f" {\n  collection = []\n  var        = "each"\n\n  template {\n    local.file "inner" {\n      filename = each\n    }\n  }\n}\n\nlocal.file "g" {\n  filename = local.file.inner.content\n}\n`, errors: [{ line: 13, column: 14, help: /template of foreach\.f/ }] },
    { name: "a foreach variable outside its template", code: `foreach "f" {\n  collection = []\n  var        = "each"\n\n  template { }\n}\n\nlocal.file "g" {\n  filename = each\n}\n`, errors: [{ line: 9, column: 14, message: 'component "each" does not exist or is out of scope' }] },
  ],
});
