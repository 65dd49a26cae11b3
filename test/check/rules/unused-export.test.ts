import { ruleTester } from "./rule-tester.js";

const LOKI = `loki.write "default" {\n  endpoint {\n    url = "http://loki"\n  }\n}\n`;

ruleTester("unused-export", {
  valid: [
    `${LOKI}\nloki.source.file "f" {\n  targets    = []\n  forward_to = [loki.write.default.receiver]\n}\n`,
    { name: "components that only provide values", code: `local.file "f" {\n  filename = "a"\n}\n\ndiscovery.kubernetes "k" {\n  role = "pod"\n}\n` },
    { name: "exported from a module", code: `declare "d" {\n  loki.write "w" {\n    endpoint {\n      url = "http://loki"\n    }\n  }\n\n  export "receiver" {\n    value = loki.write.w.receiver\n  }\n}\n` },
  ],
  invalid: [
    { name: "a writer nothing forwards to", code: LOKI, errors: [{ line: 1, column: 1, severity: "warning", message: "loki.write.default receives no data: no component references its receiver" }] },
    { name: "an exporter nothing scrapes", code: `prometheus.exporter.self "self" { }\n`, errors: [{ line: 1, column: 1, message: /is never scraped/ }] },
  ],
});
