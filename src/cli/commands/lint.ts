import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { renderJson, renderSarif, renderText, type Located } from "../../diag/index.js";
import { parseFile } from "../../parse/index.js";
import { collectAlloyFiles } from "../files.js";
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIO } from "../io.js";
import { VERSION } from "../version.js";

const FORMATS = ["text", "json", "sarif"] as const;
type Format = (typeof FORMATS)[number];

interface LintOptions {
  format: Format;
  paths: string[];
}

function parseArgs(args: readonly string[]): LintOptions {
  const options: LintOptions = { format: "text", paths: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--format" || arg.startsWith("--format=")) {
      const value = arg.includes("=") ? arg.slice("--format=".length) : args[++i];
      if (!FORMATS.includes(value as Format)) throw new UsageError(`--format takes one of ${FORMATS.join(", ")}`);
      options.format = value as Format;
    } else if (arg.startsWith("-") && arg !== "-") {
      throw new UsageError(`lint: unknown flag ${arg}`);
    } else options.paths.push(arg);
  }
  if (options.paths.length === 0) options.paths.push("-");
  return options;
}

/** `alloyc lint [--format text|json|sarif] [PATH... | -]`: exit 1 when any error is found. */
export async function runLint(args: readonly string[], io: CliIO): Promise<number> {
  const options = parseArgs(args);
  const found: Located[] = [];
  for (const { name, bytes } of await readInputs(options.paths, io)) {
    const { diagnostics, source } = parseFile(bytes, name);
    for (const diagnostic of diagnostics) found.push({ file: source, diagnostic });
  }
  if (options.format === "json") io.stdout(renderJson(found));
  else if (options.format === "sarif") io.stdout(renderSarif(found, VERSION));
  else if (found.length > 0) io.stdout(renderText(found));
  return found.some((f) => f.diagnostic.severity === "error") ? EXIT_FINDINGS : EXIT_OK;
}

async function readInputs(paths: readonly string[], io: CliIO): Promise<Array<{ name: string; bytes: Uint8Array }>> {
  const inputs: Array<{ name: string; bytes: Uint8Array }> = [];
  for (const p of paths) {
    if (p === "-") {
      inputs.push({ name: "<stdin>", bytes: await io.stdin() });
      continue;
    }
    for (const file of await collectAlloyFiles([p], io.cwd)) {
      try {
        inputs.push({ name: file, bytes: await readFile(resolve(io.cwd, file)) });
      } catch (e) {
        throw new UsageError(`${file}: ${(e as NodeJS.ErrnoException).code === "EISDIR" ? "is a directory" : "cannot be read"}`);
      }
    }
  }
  return inputs;
}
