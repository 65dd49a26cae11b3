import { parseFile } from "../../../src/parse/index.js";
import { ruleTester } from "./rule-tester.js";

const OTLP = `otelcol.exporter.otlp "tempo" {\n  client {\n    endpoint = "tempo:4317"\n  }\n}\n`;
const LOKI = `loki.write "default" {\n  endpoint {\n    url = "http://loki"\n  }\n}\n`;
const MIMIR = `prometheus.remote_write "mimir" {\n  endpoint {\n    url = "http://mimir"\n  }\n}\n`;

/** A custom component whose argument feeds loki.process's forward_to, and which exports its receiver (lines 1-11). */
const TEAM = [
  'declare "team" {',
  '  argument "forward_to" { }',
  "",
  '  loki.process "p" {',
  "    forward_to = argument.forward_to.value",
  "  }",
  "",
  '  export "input" {',
  "    value = loki.process.p.receiver",
  "  }",
  "}",
  "",
].join("\n");

/** The same component in a module that import.file reads. */
const modules: Record<string, string> = { "team.alloy": TEAM };
const resolveImport = (path: string) => (path in modules ? parseFile(modules[path] as string, path).file : undefined);

ruleTester("capsule-mismatch", {
  valid: [
    `${LOKI}\nloki.source.file "f" {\n  targets    = []\n  forward_to = [loki.write.default.receiver]\n}\n`,
    { name: "otelcol outputs take consumers", code: `${OTLP}\notelcol.processor.batch "b" {\n  output {\n    traces = [otelcol.exporter.otlp.tempo.input]\n  }\n}\n` },
    { name: "a declare's argument given what its body expects", code: `${TEAM}\n${LOKI}\nteam "a" {\n  forward_to = [loki.write.default.receiver]\n}\n` },
    { name: "a declare's export wired where its type goes", code: `${TEAM}\n${LOKI}\nteam "a" {\n  forward_to = [loki.write.default.receiver]\n}\n\nloki.source.api "api" {\n  http {\n    listen_port = 3100\n  }\n  forward_to = [team.a.input]\n}\n` },
    {
      name: "an argument used where two different types go stays untyped",
      code: `declare "d" {\n  argument "to" { }\n\n  loki.process "p" {\n    forward_to = argument.to.value\n  }\n\n  prometheus.scrape "s" {\n    targets    = []\n    forward_to = argument.to.value\n  }\n}\n\n${MIMIR}\nd "x" {\n  to = [prometheus.remote_write.mimir.receiver]\n}\n`,
    },
    { name: "values that are not exports are not judged", code: `declare "d" {\n  argument "to" { }\n\n  loki.source.file "f" {\n    targets    = []\n    forward_to = argument.to.value\n  }\n}\n` },
  ],
  invalid: [
    {
      name: "an otelcol.Consumer in a loki forward_to",
      code: `${OTLP}\nloki.source.file "f" {\n  targets    = []\n  forward_to = [otelcol.exporter.otlp.tempo.input]\n}\n`,
      errors: [{ line: 9, column: 17, message: "forward_to expects capsule(loki.LogsReceiver), but otelcol.exporter.otlp.tempo.input is capsule(otelcol.Consumer)", help: /^capsule\(loki\.LogsReceiver\) comes from otelcol\.receiver\.loki, loki\.process, loki\.write, / }],
    },
    {
      name: "a metrics receiver where traces go",
      code: `prometheus.remote_write "m" {\n  endpoint {\n    url = "http://m"\n  }\n}\n\notelcol.receiver.otlp "in" {\n  grpc { }\n\n  output {\n    traces = [prometheus.remote_write.m.receiver]\n  }\n}\n`,
      errors: [{ line: 11, column: 15 }],
    },
    {
      name: "targets where a receiver belongs",
      code: `discovery.kubernetes "pods" {\n  role = "pod"\n}\n\nprometheus.scrape "s" {\n  targets    = []\n  forward_to = [discovery.kubernetes.pods.targets]\n}\n`,
      errors: [{ line: 7, column: 17, message: /is list\(map\(string\)\)/ }],
    },
    {
      name: "a metrics receiver given to a declare's argument that feeds loki.process's forward_to",
      code: `${TEAM}\n${MIMIR}\nteam "a" {\n  forward_to = [prometheus.remote_write.mimir.receiver]\n}\n`,
      errors: [
        {
          line: 20,
          column: 17,
          message: "forward_to expects capsule(loki.LogsReceiver), but prometheus.remote_write.mimir.receiver is capsule(storage.Appendable)",
          help: /loki\.write/,
        },
      ],
    },
    {
      name: "a single value where the argument's body expects a list",
      code: `${TEAM}\n${MIMIR}\nteam "a" {\n  forward_to = prometheus.remote_write.mimir.receiver\n}\n`,
      errors: [{ line: 20, column: 16, message: "forward_to expects list(capsule(loki.LogsReceiver)), but prometheus.remote_write.mimir.receiver is capsule(storage.Appendable)" }],
    },
    {
      name: "a declare's export (a logs receiver) where metrics go",
      code: `${TEAM}\n${LOKI}\nteam "a" {\n  forward_to = [loki.write.default.receiver]\n}\n\nprometheus.scrape "s" {\n  targets    = []\n  forward_to = [team.a.input]\n}\n`,
      errors: [{ line: 25, column: 17, message: "forward_to expects capsule(storage.Appendable), but team.a.input is capsule(loki.LogsReceiver)" }],
    },
    {
      name: "nested declares: the outer argument's type comes from the inner component it feeds, the outer export from the inner's",
      code: [
        'declare "outer" {',
        TEAM.replace(/^/gm, "  ").trimEnd(),
        '  argument "to" { }',
        "",
        '  team "t" {',
        "    forward_to = [argument.to.value]",
        "  }",
        "",
        '  export "logs" {',
        "    value = team.t.input",
        "  }",
        "}",
        "",
        MIMIR,
        'outer "o" {',
        "  to = prometheus.remote_write.mimir.receiver",
        "}",
        "",
        'prometheus.scrape "s" {',
        "  targets    = []",
        "  forward_to = [outer.o.logs]",
        "}",
        "",
      ].join("\n"),
      errors: [
        { line: 31, column: 8, message: "to expects capsule(loki.LogsReceiver), but prometheus.remote_write.mimir.receiver is capsule(storage.Appendable)" },
        { line: 36, column: 17, message: "forward_to expects capsule(storage.Appendable), but outer.o.logs is capsule(loki.LogsReceiver)" },
      ],
    },
    {
      name: "a component of an import.file module, typed from the module's declare",
      code: `import.file "lib" {\n  filename = "team.alloy"\n}\n\n${MIMIR}\nlib.team "a" {\n  forward_to = [prometheus.remote_write.mimir.receiver]\n}\n\nprometheus.scrape "s" {\n  targets    = []\n  forward_to = [lib.team.a.input]\n}\n`,
      options: { resolveImport },
      errors: [
        { line: 12, column: 17, message: "forward_to expects capsule(loki.LogsReceiver), but prometheus.remote_write.mimir.receiver is capsule(storage.Appendable)" },
        { line: 17, column: 17, message: "forward_to expects capsule(storage.Appendable), but lib.team.a.input is capsule(loki.LogsReceiver)" },
      ],
    },
  ],
});
