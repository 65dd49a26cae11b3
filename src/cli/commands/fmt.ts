import { resolve } from "node:path";
import { escapeControl, renderText, type Located } from "../../diag/index.js";
import { formatSource } from "../../format.js";
import { DEFAULT_MAX_FILE_SIZE, ioErrorReason, ReadError, readRegularFile } from "../../read-file.js";
import { commandUsage, commandUsageError, parseCommandArgs } from "../args.js";
import { collectAlloyFiles, parseByteSize } from "../files.js";
import { refusePipelines } from "../lint-control.js";
import { colorFor, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, reportingUsageErrors, type CliIO } from "../io.js";
import { FMT } from "../specs.js";
import { fileErrorMessage, writeFileAtomically } from "../write-file.js";
import { type FmtMode, listWritten, showFormatted } from "../fmt-output.js";
import { isYamlName } from "../../yaml/names.js";
import { formatYamlFile } from "../yaml-fmt.js";

type Mode = FmtMode;

interface FmtOptions {
  readonly mode: Mode;
  readonly paths: readonly string[];
  /** --max-file-size: larger files (and standard input) are refused. */
  readonly maxBytes: number;
  /** --force: rewrite read-only files too. */
  readonly force: boolean;
}

/** The outcome of one file; exit codes combine as the worst of them. */
type Outcome = "same" | "changed" | "unparsable" | "io-error";

/**
 * `alloyc fmt [--check | --write] [PATH... | -]` (flags and help in specs.ts): formats Alloy
 * files as `alloy fmt` does (see README.md, "Differences from upstream alloy fmt", for where
 * alloyc keeps a file's meaning instead). With no flag the formatted text goes to stdout;
 * `--check` lists the files that would change (`--check --diff` prints how, as a unified diff);
 * `--write` rewrites those, atomically, and lists them. Files that do not parse are reported with
 * a code frame and give exit 1, and are never written.
 */
export async function runFmt(args: readonly string[], io: CliIO): Promise<number> {
  return reportingUsageErrors(io, async () => {
    const parsed = parseCommandArgs(FMT, args);
    if (parsed.help) {
      io.stdout(commandUsage(FMT));
      return EXIT_OK;
    }
    const options = fmtOptions(parsed.values, parsed.positionals);
    refusePipelines("fmt", options.paths, io.cwd);
    if (options.paths.length === 0) {
      // Nothing to read but a terminal: the user wants to know how to call fmt, not to type Alloy.
      if (io.isTTY.stdin) {
        io.stderr(commandUsage(FMT));
        return EXIT_USAGE;
      }
      return formatStdin(options, io);
    }
    if (options.paths[0] === "-") return formatStdin(options, io);
    const outcomes: Outcome[] = [];
    // A path that cannot be listed or read is reported, and the others are still formatted.
    for (const found of await collectAlloyFiles(options.paths, io.cwd)) {
      if (found.problem !== undefined) {
        io.stderr(`alloyc: ${new ReadError(found.file, found.problem).message}\n`);
        outcomes.push("io-error");
      } else if (isYamlName(found.file)) outcomes.push(await formatYamlFile(found.file, options.mode, options.force, options.maxBytes, io));
      else outcomes.push(await formatPath(found.file, options, io));
    }
    return exitCode(outcomes, options.mode);
  });
}

function fmtOptions(values: ReadonlyMap<string, string | boolean>, paths: readonly string[]): FmtOptions {
  const write = values.get("write") === true;
  const diff = values.get("diff") === true;
  if (diff && values.get("check") !== true) throw commandUsageError(FMT, "--diff goes with --check");
  const mode: Mode = diff ? "diff" : values.get("check") === true ? "check" : write ? "write" : "print";
  if (paths.includes("-") && paths.length > 1) throw commandUsageError(FMT, "- (standard input) cannot be combined with paths");
  if (write && (paths.length === 0 || paths[0] === "-")) throw commandUsageError(FMT, "cannot use --write with standard input");
  const force = values.get("force") === true;
  if (force && !write) throw commandUsageError(FMT, "--force goes with --write");
  const maxSize = values.get("max-file-size");
  const maxBytes = typeof maxSize === "string" ? parseByteSize(maxSize) : DEFAULT_MAX_FILE_SIZE;
  return { mode, paths, force, maxBytes };
}

function exitCode(outcomes: readonly Outcome[], mode: Mode): number {
  if (outcomes.includes("io-error")) return EXIT_USAGE;
  if (outcomes.includes("unparsable")) return EXIT_FINDINGS;
  if ((mode === "check" || mode === "diff") && outcomes.includes("changed")) return EXIT_FINDINGS;
  return EXIT_OK;
}

async function formatStdin({ mode, maxBytes }: FmtOptions, io: CliIO): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = await io.stdin(maxBytes);
  } catch (e) {
    io.stderr(`alloyc: ${e instanceof ReadError ? e.message : `cannot read standard input: ${ioErrorReason(e)}`}\n`);
    return EXIT_USAGE;
  }
  return exitCode([formatOne("<stdin>", bytes, mode, io)?.outcome ?? "unparsable"], mode);
}

async function formatPath(file: string, { mode, force, maxBytes }: FmtOptions, io: CliIO): Promise<Outcome> {
  const abs = resolve(io.cwd, file);
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(abs, { shown: file, maxBytes });
  } catch (e) {
    io.stderr(`alloyc: ${e instanceof ReadError ? e.message : `cannot read ${escapeControl(file)}: ${ioErrorReason(e)}`}\n`);
    return "io-error";
  }
  const result = formatOne(file, bytes, mode, io);
  if (!result) return "unparsable";
  if (mode === "write" && result.outcome === "changed") {
    try {
      // Refused if the file changed since it was read: someone's edit is never lost.
      await writeFileAtomically(abs, result.formatted, { force, unchanged: { content: bytes } });
    } catch (e) {
      io.stderr(`alloyc: cannot write ${file}: ${fileErrorMessage(e)}\n`);
      return "io-error";
    }
    listWritten(file, io);
  }
  return result.outcome;
}

/** Formats one input through the facade; reports parse errors (and returns undefined). */
function formatOne(name: string, bytes: Uint8Array, mode: Mode, io: CliIO): { outcome: Outcome; formatted: Uint8Array } | undefined {
  const result = formatSource(bytes, name);
  if ("unparsable" in result) {
    const { diagnostics, source } = result.unparsable;
    const located = diagnostics.map((diagnostic): Located => ({ file: source, diagnostic }));
    io.stderr(renderText(located, { color: colorFor(io, "stderr") }));
    return undefined;
  }
  const formatted = result.formatted;
  const outcome: Outcome = sameBytes(formatted, bytes) ? "same" : "changed";
  if (mode !== "write") showFormatted(name, bytes, formatted, outcome === "changed", mode, io);
  return { outcome, formatted };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
