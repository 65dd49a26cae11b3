import { ruleTester } from "./rule-tester.js";

ruleTester("invalid-duration", {
  valid: [
    `prometheus.scrape "s" {\n  targets         = []\n  forward_to      = []\n  scrape_interval = "1m30s"\n  scrape_timeout  = "0"\n}\n`,
    { name: "Prometheus units", code: `prometheus.scrape "s" {\n  targets         = []\n  forward_to      = []\n  scrape_interval = "1d"\n}\n` },
    { name: "fractions and microseconds", code: `prometheus.scrape "s" {\n  targets         = []\n  forward_to      = []\n  scrape_timeout  = "1.5s"\n  scrape_interval = "250µs"\n}\n` },
  ],
  invalid: [
    { code: `prometheus.scrape "s" {\n  targets         = []\n  forward_to      = []\n  scrape_interval = "60"\n}\n`, errors: [{ line: 4, column: 21, message: 'time: missing unit in duration "60"' }] },
    { name: "an unknown unit", code: `prometheus.scrape "s" {\n  targets         = []\n  forward_to      = []\n  scrape_interval = "5mins"\n}\n`, errors: [{ line: 4, column: 21, message: 'time: unknown unit "mins" in duration "5mins"' }] },
    { name: "a number without unit", code: `prometheus.scrape "s" {\n  targets         = []\n  forward_to      = []\n  scrape_timeout  = 10\n}\n`, errors: [{ line: 4, column: 21 }] },
  ],
});
