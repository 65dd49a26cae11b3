import { ruleTester } from "./rule-tester.js";

ruleTester("stability", {
  valid: [
    `local.file "f" {\n  filename = "a"\n}\n`,
    { name: "allowed by the given level", code: `loki.enrich "e" { }\n`, options: { stabilityLevel: "experimental" } },
  ],
  invalid: [
    { name: "information by default, naming the flag", code: `loki.enrich "e" { }\n`, errors: [{ line: 1, column: 1, severity: "info", message: /--stability\.level=experimental/ }] },
    { name: "public preview", code: `loki.secretfilter "s" { }\n`, errors: [{ line: 1, column: 1, severity: "info", message: /--stability\.level=public-preview/ }] },
    {
      name: "below a given level: Alloy's error",
      code: `foreach "f" {\n  collection = []\n  var        = "x"\n\n  template { }\n}\n`,
      options: { stabilityLevel: "generally-available" },
      errors: [{ line: 1, column: 1, severity: "error", message: 'foreach block "foreach" is at stability level "experimental", which is below the minimum allowed stability level "generally-available". Use --stability.level command-line flag to enable "experimental" features' }],
    },
    { name: "an experimental stdlib function", code: `local.file "f" {\n  filename = array.combine_maps([], [], [])\n}\n`, options: { stabilityLevel: "public-preview" }, errors: [{ line: 2, column: 14, severity: "error", message: /^array\.combine_maps is at stability level "experimental"/ }] },
  ],
});
