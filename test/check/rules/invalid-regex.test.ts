import { ruleTester } from "./rule-tester.js";

ruleTester("invalid-regex", {
  valid: [
    `discovery.relabel "r" {\n  targets = []\n\n  rule {\n    source_labels = ["a"]\n    regex         = "(?i)foo(?P<name>bar)?|\\\\d+"\n    action        = "keep"\n  }\n}\n`,
    { name: "RE2 non-capturing groups and flags", code: `prometheus.relabel "r" {\n  forward_to = []\n\n  rule {\n    regex  = "(?:a|b)(?s:.)"\n    action = "keep"\n  }\n}\n` },
    { name: "a regex stage with named groups", code: `loki.process "p" {\n  forward_to = []\n\n  stage.regex {\n    expression = "^(?P<level>\\\\w+) (?P<msg>.*)$"\n  }\n}\n` },
  ],
  invalid: [
    { name: "an unclosed group", code: `discovery.relabel "r" {\n  targets = []\n\n  rule {\n    regex  = "(abc"\n    action = "keep"\n  }\n}\n`, errors: [{ line: 5, column: 14, message: /error parsing regexp: missing closing \)/ }] },
    { name: "a lookahead (not RE2)", code: `prometheus.relabel "r" {\n  forward_to = []\n\n  rule {\n    regex  = "foo(?=bar)"\n    action = "drop"\n  }\n}\n`, errors: [{ line: 5, column: 14, message: "error parsing regexp: invalid or unsupported Perl syntax: `(?=`" }] },
    { name: "a write_relabel_config", code: `prometheus.remote_write "w" {\n  endpoint {\n    url = "http://m"\n\n    write_relabel_config {\n      regex = "a**"\n    }\n  }\n}\n`, errors: [{ line: 6, column: 15, message: /invalid nested repetition operator: `\*\*`/ }] },
    { name: "stage.regex", code: `loki.process "p" {\n  forward_to = []\n\n  stage.regex {\n    expression = "[a-"\n  }\n}\n`, errors: [{ line: 5, column: 18, message: /missing closing \]/ }] },
    { name: "a backreference", code: `loki.process "p" {\n  forward_to = []\n\n  stage.replace {\n    expression = "(a)\\\\1"\n  }\n}\n`, errors: [{ line: 5, column: 18, message: /invalid escape sequence/ }] },
  ],
});
