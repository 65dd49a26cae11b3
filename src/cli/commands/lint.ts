import { dirname, join, resolve } from "node:path";
import { escapeControl, renderGithub, renderJson, renderSarif, renderText, summaryLine, toJson, type Located } from "../../diag/index.js";
import { acrossVersions, lint, type LintOptions, type LintSource, type VersionedLocated } from "../../lint.js";
import { parseAlloyVersions, ProjectConfigError, readProjectConfig } from "../../project-config.js";
import type { AlloyVersion } from "../../schema/versions.js";
import { DEFAULT_MAX_FILE_SIZE, ioErrorReason, ReadError, readRegularFile } from "../../read-file.js";
import type { Stability } from "../../schema/spec.js";
import { commandUsage, commandUsageError, parseCommandArgs } from "../args.js";
import { collectAlloyFiles, parseByteSize } from "../files.js";
import { colorFor, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, reportingUsageErrors, type CliIO } from "../io.js";
import { capPerFile, maxWarnings, refusePipelines, severityOverrides, tooManyWarnings } from "../lint-control.js";
import { LINT, type LINT_FORMATS } from "../specs.js";
import { docsBase, version } from "../version.js";
import { lintYamlFile, namedYamlFiles } from "../yaml-files.js";

type Format = (typeof LINT_FORMATS)[number];

interface LintCommand {
  readonly format: Format;
  readonly paths: readonly string[];
  /** --max-file-size: larger files, standard input and modules are refused. */
  readonly maxBytes: number;
  /** --max-warnings: more warnings than this fail the run. */
  readonly maxWarnings: number | undefined;
  readonly lint: LintOptions;
  /** --alloy-version (undefined: the project's default, else the current line). */
  readonly alloyVersions: readonly AlloyVersion[] | undefined;
}

function lintCommand(values: ReadonlyMap<string, string | boolean>, positionals: readonly string[], cwd: string, lists: ReadonlyMap<string, readonly string[]>): LintCommand {
  const level = values.get("stability.level");
  const community = values.get("feature.community-components.enabled");
  const maxSize = values.get("max-file-size");
  const maxBytes = typeof maxSize === "string" ? parseByteSize(maxSize) : DEFAULT_MAX_FILE_SIZE;
  // Standard input can be read once: a second - would lint an empty file.
  if (positionals.filter((p) => p === "-").length > 1) throw commandUsageError(LINT, "- (standard input) can be given only once");
  refusePipelines("lint", positionals, cwd);
  const severities = severityOverrides(LINT, lists.get("rule") ?? []);
  const warningsAllowed = values.get("max-warnings");
  const versionText = values.get("alloy-version");
  let alloyVersions: AlloyVersion[] | undefined;
  try {
    alloyVersions = typeof versionText === "string" ? parseAlloyVersions(versionText) : undefined;
  } catch (e) {
    throw commandUsageError(LINT, `--alloy-version: ${(e as Error).message}`);
  }
  return {
    alloyVersions,
    // parseCommandArgs accepts only the spec's choices.
    format: (values.get("format") ?? "text") as Format,
    paths: positionals,
    maxBytes,
    maxWarnings: typeof warningsAllowed === "string" ? maxWarnings(LINT, warningsAllowed) : undefined,
    lint: {
      cwd,
      maxFileSize: maxBytes,
      ...(typeof level === "string" ? { stabilityLevel: level as Stability } : {}),
      ...(typeof community === "boolean" ? { communityComponents: community } : {}),
      ...(severities.size > 0 ? { severities } : {}),
    },
  };
}

/**
 * `alloyc lint [--format text|json|sarif|github] [--stability.level L] [--feature.community-components.enabled]
 * [PATH... | -]` (flags and help in specs.ts). A folder is linted the way Alloy runs one: the
 * `*.alloy` files directly inside it form one configuration, which the facade (src/lint.ts)
 * checks. Exit 1 when any error is found.
 */
export async function runLint(args: readonly string[], io: CliIO): Promise<number> {
  return reportingUsageErrors(io, async () => {
    const parsed = parseCommandArgs(LINT, args);
    if (parsed.help) {
      io.stdout(commandUsage(LINT));
      return EXIT_OK;
    }
    const options = lintCommand(parsed.values, parsed.positionals, io.cwd, parsed.lists);
    if (options.paths.length === 0 && io.isTTY.stdin) {
      // Nothing to read but a terminal: the user wants to know how to call lint, not to type Alloy.
      io.stderr(commandUsage(LINT));
      return EXIT_USAGE;
    }
    const paths = options.paths.length === 0 ? ["-"] : options.paths;
    let versions = options.alloyVersions;
    if (versions === undefined) {
      try {
        versions = (await readProjectConfig(io.cwd))?.alloyVersions;
      } catch (e) {
        if (!(e instanceof ProjectConfigError)) throw e;
        io.stderr(`alloyc: ${e.message}\n`);
        return EXIT_USAGE;
      }
    }
    // Each configuration once per release asked for (the current line when none is).
    const checkAll = async (run: (o: LintOptions) => Promise<readonly Located[]>): Promise<readonly Located[]> =>
      versions === undefined ? run(options.lint) : acrossVersions(versions, (alloyVersion) => run({ ...options.lint, alloyVersion }));
    // An I/O error is reported where it happens, and the other files are still linted.
    let ioErrors = 0;
    const ioError = (message: string): void => {
      ioErrors++;
      io.stderr(`alloyc: ${message}\n`);
    };
    const onReadError = (message: string, from: string): void => ioError(`${message} (import.file in ${escapeControl(from)})`);
    const found: Located[] = [];
    let fileCount = 0;
    // A named .yaml/.yml file is read for the Alloy inside it (src/embedded.ts), each on its own.
    const yamlFiles = namedYamlFiles(paths, io.cwd);
    for (const config of await readConfigurations(paths.filter((p) => !yamlFiles.includes(p)), options.maxBytes, io, ioError)) {
      fileCount += config.length;
      // Not push(...findings): a spread of 150k arguments overflows the stack.
      for (const f of await checkAll((o) => lint(config, { ...o, onReadError }))) found.push(f);
    }
    for (const file of yamlFiles) {
      fileCount++;
      for (const f of await checkAll((o) => lintYamlFile(file, options.maxBytes, { ...o, onReadError }, io, ioError))) found.push(f);
    }
    if (options.format === "json") io.stdout(versions !== undefined && versions.length > 1 ? renderVersionedJson(found) : renderJson(found));
    else if (options.format === "sarif") io.stdout(renderSarif(found, version(), { docsBase: docsBase() }));
    else if (options.format === "github") io.stdout(renderGithub(found));
    else {
      // At most 100 findings of a file are shown (json, sarif and github keep them all).
      const { shown, more } = capPerFile(found);
      if (shown.length > 0) io.stdout(renderText(shown, { color: colorFor(io, "stdout") }));
      for (const line of more) io.stdout(line);
      // For a person at a terminal, a tally on standard error ("2 errors, 1 warning in 3 files");
      // standard output stays the findings alone, and a pipe or a CI log gets no extra line.
      if (io.isTTY.stderr && ioErrors === 0) io.stderr(summaryLine(found, fileCount));
    }
    const overLimit = tooManyWarnings(found, options.maxWarnings);
    if (overLimit !== undefined) io.stderr(overLimit);
    if (ioErrors > 0) return EXIT_USAGE;
    return overLimit !== undefined || found.some((f) => f.diagnostic.severity === "error") ? EXIT_FINDINGS : EXIT_OK;
  });
}

/**
 * Groups the command-line paths into configurations: a folder's direct `*.alloy` files are one.
 * A file that cannot be read is reported through `ioError` and left out; the rest of its folder
 * is still linted.
 */
async function readConfigurations(paths: readonly string[], maxBytes: number, io: CliIO, ioError: (message: string) => void): Promise<LintSource[][]> {
  const configs: LintSource[][] = [];
  const readError = (e: unknown, shown: string): string => (e instanceof ReadError ? e.message : `cannot read ${escapeControl(shown)}: ${ioErrorReason(e)}`);
  for (const p of paths) {
    if (p === "-") {
      try {
        configs.push([{ name: "<stdin>", bytes: await io.stdin(maxBytes) }]);
      } catch (e) {
        ioError(readError(e, "standard input"));
      }
      continue;
    }
    const files = await collectAlloyFiles([p], io.cwd);
    const byDir = new Map<string, LintSource[]>();
    const single = files.length === 1 && files[0]?.file === p;
    for (const { file, problem } of files) {
      if (problem !== undefined) {
        ioError(new ReadError(file, problem).message);
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await readRegularFile(resolve(io.cwd, file), { shown: file, maxBytes });
      } catch (e) {
        ioError(readError(e, file));
        continue;
      }
      const key = single ? file : dirname(join(file));
      const group = byDir.get(key) ?? [];
      group.push({ name: file, bytes });
      byDir.set(key, group);
    }
    configs.push(...byDir.values());
  }
  return configs;
}


/** JSON findings of a run against several releases: each with a `versions` field. */
function renderVersionedJson(found: readonly Located[]): string {
  const items = found.map((f) => ({ ...(toJson([f]) as [ReturnType<typeof toJson>[number]])[0], versions: (f as Partial<VersionedLocated>).versions ?? [] }));
  items.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  return JSON.stringify(items, null, 2) + "\n";
}
