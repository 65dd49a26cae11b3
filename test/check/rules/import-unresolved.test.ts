import { parseFile } from "../../../src/parse/index.js";
import { ruleTester } from "./rule-tester.js";

const modules: Record<string, string> = { "lib.alloy": `declare "x" { }\n` };
const resolveImport = (path: string) => (path in modules ? parseFile(modules[path] as string, path).file : undefined);

ruleTester("import-unresolved", {
  valid: [
    { name: "a module that can be read", code: `import.file "m" {\n  filename = "lib.alloy"\n}\n`, options: { resolveImport } },
    { name: "no resolver: nothing is said", code: `import.file "m" {\n  filename = "nowhere.alloy"\n}\n` },
    { name: "a computed path cannot be resolved statically", code: `import.file "m" {\n  filename = file.path_join(module_path, "m.alloy")\n}\n`, options: { resolveImport } },
  ],
  invalid: [
    { code: `import.file "m" {\n  filename = "nowhere.alloy"\n}\n`, options: { resolveImport }, errors: [{ line: 2, column: 14, severity: "warning", message: 'cannot read module "nowhere.alloy"; components of "m" are checked only by namespace' }] },
  ],
});
