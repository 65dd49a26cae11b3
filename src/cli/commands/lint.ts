import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { File } from "../../ast/index.js";
import { checkConfig, importFilePaths, loadCatalogFor, type ResolvedImport } from "../../check/index.js";
import { renderJson, renderSarif, renderText, type Located, type SourceFile } from "../../diag/index.js";
import { parseFile } from "../../parse/index.js";
import type { Stability } from "../../schema/spec.js";
import { commandUsage, parseCommandArgs } from "../args.js";
import { collectAlloyFiles } from "../files.js";
import { colorFor, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, reportingUsageErrors, UsageError, type CliIO } from "../io.js";
import { LINT, type LINT_FORMATS } from "../specs.js";
import { VERSION } from "../version.js";

type Format = (typeof LINT_FORMATS)[number];

interface LintOptions {
  readonly format: Format;
  readonly paths: readonly string[];
  /** As Alloy's --stability.level: when given, features below it are errors. */
  readonly stabilityLevel?: Stability;
  readonly communityComponents?: boolean;
}

function lintOptions(values: ReadonlyMap<string, string | boolean>, positionals: readonly string[]): LintOptions {
  const level = values.get("stability.level");
  const community = values.get("feature.community-components.enabled");
  return {
    // parseCommandArgs accepts only the spec's choices.
    format: (values.get("format") ?? "text") as Format,
    paths: positionals,
    ...(typeof level === "string" ? { stabilityLevel: level as Stability } : {}),
    ...(typeof community === "boolean" ? { communityComponents: community } : {}),
  };
}

interface Input {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * `alloyc lint [--format text|json|sarif] [--stability.level L] [--feature.community-components.enabled]
 * [PATH... | -]` (flags and help in specs.ts). A folder is linted the way Alloy runs one: the
 * `*.alloy` files directly inside it form one configuration. Files that parse are checked against
 * the component catalog, `import.file` modules are read relative to the importing file. Exit 1
 * when any error is found.
 */
export async function runLint(args: readonly string[], io: CliIO): Promise<number> {
  return reportingUsageErrors(io, async () => {
    const parsed = parseCommandArgs(LINT, args);
    if (parsed.help) {
      io.stdout(commandUsage(LINT));
      return EXIT_OK;
    }
    const options = lintOptions(parsed.values, parsed.positionals);
    if (options.paths.length === 0 && io.isTTY.stdin) {
      // Nothing to read but a terminal: the user wants to know how to call lint, not to type Alloy.
      io.stderr(commandUsage(LINT));
      return EXIT_USAGE;
    }
    const paths = options.paths.length === 0 ? ["-"] : options.paths;
    const found: Located[] = [];
    for (const config of await readConfigurations(paths, io)) found.push(...(await lintConfiguration(config, options, io)));
    if (options.format === "json") io.stdout(renderJson(found));
    else if (options.format === "sarif") io.stdout(renderSarif(found, VERSION));
    else if (found.length > 0) io.stdout(renderText(found, { color: colorFor(io, "stdout") }));
    return found.some((f) => f.diagnostic.severity === "error") ? EXIT_FINDINGS : EXIT_OK;
  });
}

async function lintConfiguration(inputs: readonly Input[], options: LintOptions, io: CliIO): Promise<Located[]> {
  const parsed = inputs.map((input) => ({ input, ...parseFile(input.bytes, input.name) }));
  const syntax = parsed.flatMap((p) => p.diagnostics.map((diagnostic): Located => ({ file: p.source, diagnostic })));
  // Like Alloy, stop at syntax errors: the rest of a broken configuration cannot be resolved.
  if (syntax.length > 0) return syntax;
  const modules = readModules(parsed.map((p) => ({ file: p.file, filename: p.input.name })), io.cwd);
  await loadCatalogFor([...parsed.map((p) => p.file), ...[...modules.values()].flatMap((m) => (m ? [m.file] : []))]);
  const sources = new Map<string, SourceFile>(parsed.map((p) => [p.input.name, p.source]));
  return checkConfig(
    parsed.map((p) => ({ file: p.file, filename: p.input.name })),
    {
      resolveImport: (path, from) => modules.get(moduleKey(path, from, io.cwd)),
      ...(options.stabilityLevel ? { stabilityLevel: options.stabilityLevel } : {}),
      ...(options.communityComponents !== undefined ? { communityComponents: options.communityComponents } : {}),
    },
  ).map((d): Located => ({ file: sources.get(d.filename) as SourceFile, diagnostic: d.diagnostic }));
}

function moduleKey(path: string, from: string, cwd: string): string {
  const base = from === "<stdin>" ? cwd : dirname(resolve(cwd, from));
  return resolve(base, path);
}

/**
 * Reads the modules that `import.file` blocks name (relative to the importing file, transitively),
 * before checking: the checker is synchronous and the catalog must cover their blocks too. A
 * module that cannot be read or does not parse maps to undefined (checked by namespace only).
 */
function readModules(files: ReadonlyArray<{ file: File; filename: string }>, cwd: string): Map<string, ResolvedImport | undefined> {
  const modules = new Map<string, ResolvedImport | undefined>();
  const queue = files.flatMap((f) => importFilePaths(f.file).map((path) => ({ path, from: f.filename })));
  while (queue.length > 0 && modules.size < 1000) {
    const { path, from } = queue.shift() as { path: string; from: string };
    const key = moduleKey(path, from, cwd);
    if (modules.has(key)) continue;
    let resolved: ResolvedImport | undefined;
    try {
      const { file, diagnostics } = parseFile(readFileSync(key), key);
      if (diagnostics.length === 0) resolved = { file, filename: key };
    } catch {
      resolved = undefined; // a missing file or a directory: Alloy resolves it where it runs
    }
    modules.set(key, resolved);
    if (resolved) for (const p of importFilePaths(resolved.file)) queue.push({ path: p, from: key });
  }
  return modules;
}

/** Groups the command-line paths into configurations: a folder's direct `*.alloy` files are one. */
async function readConfigurations(paths: readonly string[], io: CliIO): Promise<Input[][]> {
  const configs: Input[][] = [];
  for (const p of paths) {
    if (p === "-") {
      configs.push([{ name: "<stdin>", bytes: await io.stdin() }]);
      continue;
    }
    const files = await collectAlloyFiles([p], io.cwd);
    const byDir = new Map<string, Input[]>();
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
