import { alloyVersions } from "../schema/alloy-versions.gen.js";
import { type CommandSpec, flagsOf, flagTable, synopsis } from "./args.js";

/**
 * Every command's flags, declared once: the commands parse with these and the help prints them.
 * This module imports nothing heavy, so `alloyc --help` loads no stage.
 */

/** How long `alloyc build` lets a pipeline run before it stops it (`--timeout SECONDS`). */
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** What `alloyc build --format` writes. */
/** --alloy-version: the Alloy releases a configuration is checked against (lint, build). */
export const ALLOY_VERSION_FLAG = {
  name: "alloy-version",
  value: "X.Y[,X.Y...]",
  description:
    `check against the catalog of that Alloy release (${alloyVersions[0]} to ${alloyVersions[alloyVersions.length - 1]}, or current; X.Y.Z counts as X.Y); several, comma-separated, give each finding the releases it applies to. Default: alloyVersion in .alloycrc.json or package.json's "alloyc", else current`,
} as const;

export const BUILD_FORMATS = ["alloy", "configmap", "helm-values"] as const;

export const BUILD: CommandSpec = {
  name: "build",
  summary: "compile a TypeScript pipeline to Alloy text",
  operands: "FILE.ts",
  flags: [
    {
      name: "output",
      short: "o",
      value: "FILE",
      description: "write the Alloy text to FILE, atomically (owner, mode and symbolic links kept), not to stdout",
    },
    { name: "force", description: "with -o, write FILE even when it is read-only or its owner cannot be kept" },
    { name: "timeout", value: "SECONDS", description: `stop the pipeline if it has not finished after SECONDS (default ${DEFAULT_TIMEOUT_SECONDS})` },
    ALLOY_VERSION_FLAG,
    { name: "typecheck", description: "first run the TypeScript compiler (your project's typescript, with its tsconfig.json) on the pipeline; its errors fail the build" },
    {
      name: "format",
      value: BUILD_FORMATS.join("|"),
      choices: BUILD_FORMATS,
      description: "what to write: the Alloy text (default), a Kubernetes ConfigMap holding it, or values for the grafana/alloy Helm chart (every {{ and }} escaped for the chart's tpl)",
    },
    { name: "name", value: "N", description: "with --format configmap: the ConfigMap's name (default alloy-config)" },
    { name: "namespace", value: "NS", description: "with --format configmap: its namespace (none by default)" },
    { name: "key", value: "KEY", description: "with --format configmap: the data key that holds the config (default config.alloy)" },
  ],
  details: [
    "Runs FILE.ts, whose default export is config(...) or a function returning one (or a promise",
    "of one); checks the config like a parsed file and prints it as `alloy fmt` would. Findings",
    "point at the TypeScript line that made the block. `alloyc FILE.ts` is the same command.",
    "The pipeline runs in a worker thread: what it prints (console.log included) goes to standard",
    "error, never into the config; alloyc ends once the config is compiled, whatever timers the",
    "pipeline left running, and stops a pipeline that runs past --timeout.",
  ],
  examples: [
    ["alloyc build pipeline.ts", "Alloy text on standard output"],
    ["alloyc build pipeline.ts -o config.alloy", "write config.alloy, only if there is no error"],
    ["alloyc pipeline.ts --output=config.alloy", "the same, without the word build"],
    ["alloyc build pipeline.ts --format helm-values > values.yaml", "values for helm install alloy grafana/alloy -f values.yaml"],
    ["alloyc build pipeline.ts --format configmap --name alloy --namespace monitoring", "a ConfigMap manifest for kubectl apply -f -"],
  ],
  exitCodes: "0 compiled; 1 the pipeline has problems (diagnostics, TypeScript that does not compile, a default export that is not a config); 2 usage or I/O error, or the pipeline threw, left a promise rejection unhandled, never settled or ran past --timeout",
};

export const FMT: CommandSpec = {
  name: "fmt",
  summary: "format Alloy files as `alloy fmt` does",
  operands: "[PATH... | -]",
  flags: [
    { name: "check", short: "c", description: "list the files that would change and change nothing; exit 1 if any would" },
    { name: "write", short: "w", description: "rewrite the files that change, atomically (owner, mode and symbolic links kept), and list them" },
    { name: "diff", description: "with --check, print a unified diff (--- a/PATH, +++ b/PATH) for each file that would change instead of its name" },
    { name: "force", description: "with --write, rewrite files even when read-only or when their owner cannot be kept" },
    {
      name: "max-file-size",
      value: "BYTES",
      description: "refuse files (and standard input) larger than BYTES; K, M, G suffixes (default 64M)",
    },
  ],
  exclusive: [["check", "write"]],
  details: [
    "PATH is a file or a folder (its *.alloy files, recursively, but not in dot-folders and",
    "node_modules; symbolic links followed, broken ones and loops reported). Only regular files",
    "are read: a FIFO, device or socket is an error, and so is a file over --max-file-size.",
    "- or no PATH reads standard input; with no PATH and a terminal for input, this help is printed.",
    "Without a flag the formatted text goes to standard output. A file that does not parse is",
    "reported, never written.",
    "A PATH named *.yaml or *.yml is read for the Alloy inside it (ConfigMap keys *.alloy,",
    "alloy.configMap.content, extraConfig): only those literal block scalars (|) are rewritten,",
    "every other byte stays. YAML that does not parse, or holds no Alloy, is an error (exit 2).",
  ],
  examples: [
    ["alloyc fmt config.alloy", "formatted text on standard output"],
    ["alloyc fmt --check configs/", "list the files that would change (exit 1)"],
    ["alloyc fmt --check --diff configs/", "show how each file would change, as a unified diff (exit 1)"],
    ["alloyc fmt -w configs/", "rewrite only the files that change, and list them"],
    ["cat config.alloy | alloyc fmt", "standard input to standard output"],
    ["alloyc fmt --write values.yaml", "format the Alloy in a Helm values file or ConfigMap in place"],
  ],
  exitCodes:
    "0 ok; 1 a file does not parse, or --check found files to change; 2 usage or I/O error (each file's is reported, the others still formatted). A reader that closes standard output early (| head) ends the output quietly with the run's own exit code",
};

export const STABILITY_LEVELS = ["generally-available", "public-preview", "experimental"] as const;
export const LINT_FORMATS = ["text", "json", "sarif", "github"] as const;

export const LINT: CommandSpec = {
  name: "lint",
  summary: "check Alloy files against the component catalog",
  operands: "[PATH... | -]",
  flags: [
    { name: "format", value: LINT_FORMATS.join("|"), choices: LINT_FORMATS, description: "how findings are printed: text (default; a code frame, and a summary line when stderr is a terminal), json, sarif, github (workflow annotations)" },
    {
      name: "stability.level",
      value: "LEVEL",
      choices: STABILITY_LEVELS,
      description: "features below LEVEL are errors, as Alloy refuses them",
    },
    {
      name: "feature.community-components.enabled",
      description: "allow community components (refused when --stability.level is given), as in Alloy",
    },
    {
      name: "max-file-size",
      value: "BYTES",
      description: "refuse files (and standard input, and import.file modules) larger than BYTES; K, M, G suffixes (default 64M)",
    },
    {
      name: "rule",
      value: "CODE=LEVEL",
      description: "report CODE (a check/ or lint/ code) as LEVEL: off, info, warning or error; repeatable, or CODE=LEVEL,CODE=LEVEL",
    },
    { name: "max-warnings", value: "N", description: "exit 1 when there are more than N warnings, even without errors" },
    ALLOY_VERSION_FLAG,
  ],
  details: [
    "Reports unknown or missing components, arguments and blocks, types, references, capsules",
    "and stability. PATH is a file or a folder; a folder's *.alloy files form one configuration,",
    "as when Alloy runs a folder, and import.file modules are read relative to the importing file.",
    "Symbolic links in folders are followed (a ConfigMap mount is linted); only regular files up",
    "to --max-file-size are read, modules too; a file that cannot be read is an I/O error.",
    "- or no PATH reads standard input; with no PATH and a terminal for input, this help is printed.",
    "A comment `// alloyc-ignore-next-line CODE[, CODE]` drops those findings on the next line that",
    "is not a comment; `// alloyc-ignore-file CODE` (anywhere) drops them in the whole file. One that",
    "drops nothing is reported (lint/unused-suppression). Text output shows at most 100 findings",
    "per file, then how many more; json, sarif and github list them all. A .ts pipeline is refused:",
    "alloyc build checks it.",
    "A PATH named *.yaml or *.yml (a multi-document stream too) is read for the Alloy inside it:",
    "ConfigMap data keys *.alloy, alloy.configMap.content and extraConfig values of Helm charts.",
    "Findings point at the YAML's own lines; in chart values an unescaped {{ ... }} is a warning",
    "(lint/helm-tpl: the chart's tpl would evaluate it). YAML that does not parse, or holds no",
    "Alloy, is an error (exit 2).",
  ],
  examples: [
    ["alloyc lint config.alloy", "text diagnostics with a code frame"],
    ["alloyc lint --format=json configs/", "every configuration below configs/ as JSON"],
    ["alloyc lint --format sarif . > alloyc.sarif", "SARIF 2.1.0 for code scanning"],
    ["alloyc lint --format github .", "annotations in a GitHub Actions run"],
    ["alloyc lint --stability.level=generally-available config.alloy", "refuse what Alloy would refuse at that level"],
    ["alloyc lint --rule check/enum-value=error --rule check/unused-export=off .", "change what a code reports as"],
    ["alloyc lint --max-warnings 0 .", "fail on any warning too"],
    ["alloyc lint --alloy-version 1.12,current .", "what Alloy 1.12 and the current line would refuse, each finding with its releases"],
    ["alloyc lint values.yaml", "the Alloy in a Helm values file or ConfigMap, at the YAML's lines"],
  ],
  exitCodes:
    "0 no errors (warnings allowed); 1 errors found, or more warnings than --max-warnings; 2 usage or I/O error (each file's is reported, the others still linted). A reader that closes standard output early (| head) ends the output quietly with the run's own exit code",
};

export const SIMULATE_FORMATS = ["json", "text"] as const;

export const SIMULATE: CommandSpec = {
  name: "simulate",
  summary: "run one relabel or loki.process component of a configuration on input data, offline",
  operands: "CONFIG.alloy|PIPELINE.ts",
  flags: [
    { name: "component", value: "ID", description: "the component to run, by its full name: discovery.relabel.pod_logs, loki.process.pod_logs" },
    { name: "input", value: "FILE|-", description: "the input data: a JSON array, or JSON Lines (default: standard input)" },
    { name: "env", value: "NAME=VALUE", description: "the value sys.env(NAME) gives in the configuration; repeatable (unset variables are \"\", as in Alloy)" },
    { name: "trace", description: "show, rule by rule or stage by stage, what changed and why an input was dropped" },
    { name: "format", value: SIMULATE_FORMATS.join("|"), choices: SIMULATE_FORMATS, description: "json (default): the outputs, with --trace {output, trace}; text: readable, coloured on a terminal" },
    { name: "now", value: "RFC3339", description: "the fixed wall clock of loki.process stages (drop older_than, pack ingest_timestamp, yearless timestamps); default: the real now" },
    { name: "seed", value: "N", description: "the seed of stage.sampling's random draws, 0 to 4294967295 (default 1): the same seed samples the same entries" },
    { name: "geoip-db", value: "FILE", description: "the MaxMind database (.mmdb) stage.geoip looks addresses up in (its db argument names the file Alloy would read)" },
  ],
  details: [
    "Relabel components (discovery.relabel, loki.relabel, prometheus.relabel) take a JSON array of",
    "label maps and give, per input, the resulting labels or null when dropped. loki.process takes",
    "entries {line, labels, timestamp (RFC3339Nano or null), structured_metadata, extracted} and",
    "gives the entries that come out. Rules and stages run as Alloy runs them (RE2 regexes, Go's",
    "template expansion, Alloy's defaults); an argument the simulator cannot know before the",
    "pipeline runs is named with its position. A component inside an instance of a declare'd",
    "component is named INSTANCE/ID (with_cluster.eu/loki.process.add).",
  ],
  examples: [
    ["alloyc simulate config.alloy --component discovery.relabel.pod_logs --input pods.json", "the labels each pod gets"],
    ["alloyc simulate config.alloy --component discovery.relabel.pod_logs --input pods.json --trace --format text", "rule by rule"],
    ["alloyc simulate pipeline.ts --component loki.process.pod_logs --input entries.jsonl", "entries through the stages"],
  ],
  exitCodes: "0 ran; 2 usage or I/O error, a configuration or input the simulator cannot run",
};

export const TEST_FORMATS = ["text", "json"] as const;

export const TEST: CommandSpec = {
  name: "test",
  summary: "run pipeline tests (YAML: relabel cases, loki.process cases, whole pipelines) offline",
  operands: "[PATH...]",
  flags: [
    { name: "format", value: TEST_FORMATS.join("|"), choices: TEST_FORMATS, description: "text (default): a line per case, a diff of expected and actual on failure; json: every case" },
    { name: "junit", value: "FILE", description: "also write a JUnit XML report to FILE, for CI" },
  ],
  details: [
    "PATH is a test file, or a folder whose *.test.yaml and *.test.yml files are run (not in",
    "dot-folders or node_modules); no PATH is the current folder. A test file is YAML compatible",
    "with Alloy's pipeline tests: config (inline Alloy, or {path}) or path (relative to the test",
    "file; .alloy or a .ts pipeline), inputs.loki[] (components, entries), assert.loki[] (count,",
    "contains); plus env (sys.env values), relabel[] (component, targets, expect: labels or",
    "dropped) and process[] (component, entries, expect: the entries out, fields given compared);",
    "now (RFC3339), seed and geoip_db (a .mmdb file, relative to the test file) as simulate's",
    "--now, --seed and --geoip-db.",
  ],
  examples: [
    ["alloyc test examples/lab.test.yaml", "run one file"],
    ["alloyc test . --junit report.xml", "every test file below here, and a JUnit report"],
  ],
  exitCodes: "0 every case passed; 1 a case failed; 2 usage or I/O error, or a test file that cannot run (YAML or schema mistake at its line, unknown component, a component that is not relabel or loki.process)",
};

export const IMPORT: CommandSpec = {
  name: "import",
  summary: "turn an Alloy configuration into a typed TypeScript pipeline that compiles back to it",
  operands: "PATH.alloy|DIR",
  flags: [
    { name: "output", short: "o", value: "FILE", description: "write the main module to FILE (its import.file modules beside it), atomically, not to stdout" },
    { name: "out-dir", value: "DIR", description: "write every module into DIR (a folder imports as one module per file)" },
    { name: "check", description: "write nothing: compile the TypeScript back in memory and compare with alloyc fmt of the input; exit 1 with a diff if they differ" },
    { name: "force", description: "with -o or --out-dir, write files even when read-only or when their owner cannot be kept" },
  ],
  exclusive: [["output", "out-dir", "check"]],
  details: [
    "Writes TypeScript that uses the typed builders as a person would: a const per component",
    "named from its label and kind, references as property accesses, relabel rules and",
    "loki.process stages through their helpers, declare blocks as custom components, comments",
    "where they were; formatted with Prettier. A folder is one configuration (a module per",
    "file); import.file modules are followed, relative to the file, and imported as modules.",
    "A value the typed helpers cannot express uses raw(...): each is listed on stderr with its",
    "place, and so is anything that would compile back to different text.",
  ],
  examples: [
    ["alloyc import config.alloy -o pipeline.ts", "write the pipeline; alloyc pipeline.ts prints config.alloy formatted"],
    ["alloyc import --check config.alloy", "does the import compile back to alloyc fmt config.alloy?"],
    ["alloyc import configs/ --out-dir pipelines/", "a folder: one module per file"],
  ],
  exitCodes: "0 written (--check: identical); 1 --check found a difference, or a part could not be imported exactly; 2 usage or I/O error, or a file that does not parse",
};

export const LSP: CommandSpec = {
  name: "lsp",
  summary: "run the Alloy language server on standard input and output",
  operands: "",
  flags: [{ name: "stdio", description: "speak over standard input and output (the default and only transport; editors pass it)" }],
  details: [
    "Speaks the Language Server Protocol over stdio for config.alloy in any editor: the diagnostics",
    "alloyc lint gives (a folder's .alloy files are one configuration, open buffers win over disk,",
    "import.file modules from buffers or disk), formatting as alloyc fmt, for unsaved buffers too.",
    "Positions are UTF-16, or UTF-8 when the client offers it. No Alloy binary is needed.",
  ],
  examples: [["alloyc lsp --stdio", "what an editor runs (editors/vscode, Neovim, Helix, Zed: README.md)"]],
  exitCodes: "0 after the client's shutdown and exit; 1 when the client exits or goes away without shutdown; 2 usage error",
};

export const HELP: CommandSpec = {
  name: "help",
  summary: "print the usage of alloyc, or of one command with its flags and examples",
  operands: "[COMMAND]",
  flags: [],
  examples: [
    ["alloyc help lint", "lint's flags and examples (the same as alloyc lint --help)"],
    ["alloyc help", "every command and every flag"],
  ],
};

export const VERSION_COMMAND: CommandSpec = {
  name: "version",
  summary: "print alloyc's version and the Alloy version of its component catalog",
  operands: "",
  flags: [],
  examples: [["alloyc version", "the same as alloyc --version"]],
};

/** alloyc's own flags, given before a command (or alone). */
export const GLOBAL: CommandSpec = {
  name: "",
  summary: "Grafana Alloy configuration from typed TypeScript pipelines; a formatter and a linter.",
  operands: "[COMMAND [ARG...] | FILE.ts [-o FILE]]",
  flags: [{ name: "version", short: "v", description: "print alloyc's version and the Alloy version of its catalog" }],
  examples: [],
};

/** The commands in the order the global usage lists them. */
export const COMMANDS: readonly CommandSpec[] = [BUILD, FMT, LINT, SIMULATE, TEST, IMPORT, LSP, HELP, VERSION_COMMAND];

export function commandNamed(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** `alloyc --help`: every command with its synopsis and every flag, alloyc's own flags included. */
export function globalUsage(): string {
  let out = `usage: alloyc COMMAND [FLAG...] [ARG...]\n       alloyc FILE.ts [-o FILE]          (alloyc build FILE.ts)\n\n${GLOBAL.summary}\n\ncommands:\n`;
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  for (const c of COMMANDS) out += `  ${c.name.padEnd(width)}   ${c.summary}\n`;
  for (const c of COMMANDS) {
    out += `\n${synopsis(c)}\n${c.flags.length > 0 ? flagTable(c.flags) : ""}`;
  }
  out += `\nalloyc's own flags (-h and --help work after every command too):\n${flagTable(flagsOf(GLOBAL))}`;
  out += `\nexit codes: 0 ok; 1 findings (lint errors, files fmt --check would change, build diagnostics); 2 usage, I/O or internal errors\n`;
  out += `"alloyc help COMMAND" or "alloyc COMMAND --help" shows a command's details and examples.\n`;
  return out;
}
