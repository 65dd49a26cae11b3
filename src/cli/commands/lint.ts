import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { renderJson, renderSarif, renderText, type Located } from "../../diag/index.js";
import { lint, type LintOptions, type LintSource } from "../../lint.js";
import type { Stability } from "../../schema/spec.js";
import { commandUsage, parseCommandArgs } from "../args.js";
import { collectAlloyFiles } from "../files.js";
import { colorFor, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, reportingUsageErrors, UsageError, type CliIO } from "../io.js";
import { LINT, type LINT_FORMATS } from "../specs.js";
import { VERSION } from "../version.js";

type Format = (typeof LINT_FORMATS)[number];

interface LintCommand {
  readonly format: Format;
  readonly paths: readonly string[];
  readonly lint: LintOptions;
}

function lintCommand(values: ReadonlyMap<string, string | boolean>, positionals: readonly string[], cwd: string): LintCommand {
  const level = values.get("stability.level");
  const community = values.get("feature.community-components.enabled");
  return {
    // parseCommandArgs accepts only the spec's choices.
    format: (values.get("format") ?? "text") as Format,
    paths: positionals,
    lint: {
      cwd,
      ...(typeof level === "string" ? { stabilityLevel: level as Stability } : {}),
      ...(typeof community === "boolean" ? { communityComponents: community } : {}),
    },
  };
}

/**
 * `alloyc lint [--format text|json|sarif] [--stability.level L] [--feature.community-components.enabled]
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
    const options = lintCommand(parsed.values, parsed.positionals, io.cwd);
    if (options.paths.length === 0 && io.isTTY.stdin) {
      // Nothing to read but a terminal: the user wants to know how to call lint, not to type Alloy.
      io.stderr(commandUsage(LINT));
      return EXIT_USAGE;
    }
    const paths = options.paths.length === 0 ? ["-"] : options.paths;
    const found: Located[] = [];
    for (const config of await readConfigurations(paths, io)) found.push(...(await lint(config, options.lint)));
    if (options.format === "json") io.stdout(renderJson(found));
    else if (options.format === "sarif") io.stdout(renderSarif(found, VERSION));
    else if (found.length > 0) io.stdout(renderText(found, { color: colorFor(io, "stdout") }));
    return found.some((f) => f.diagnostic.severity === "error") ? EXIT_FINDINGS : EXIT_OK;
  });
}

/** Groups the command-line paths into configurations: a folder's direct `*.alloy` files are one. */
async function readConfigurations(paths: readonly string[], io: CliIO): Promise<LintSource[][]> {
  const configs: LintSource[][] = [];
  for (const p of paths) {
    if (p === "-") {
      configs.push([{ name: "<stdin>", bytes: await io.stdin() }]);
      continue;
    }
    const files = await collectAlloyFiles([p], io.cwd);
    const byDir = new Map<string, LintSource[]>();
    const single = files.length === 1 && files[0] === p;
    for (const file of files) {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(resolve(io.cwd, file));
      } catch (e) {
        throw new UsageError(`${file}: ${(e as NodeJS.ErrnoException).code === "EISDIR" ? "is a directory" : "cannot be read"}`);
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
