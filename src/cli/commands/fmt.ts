import { chmod, readFile, realpath, rename, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { renderText, type Located } from "../../diag/index.js";
import { formatSource } from "../../format.js";
import { collectAlloyFiles } from "../files.js";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from "../io.js";

const USAGE = "usage: alloyc fmt [--check | --write] [PATH... | -]";

type Mode = "print" | "check" | "write";

interface FmtOptions {
  mode: Mode;
  paths: string[];
}

function parseArgs(args: readonly string[]): FmtOptions {
  let check = false;
  let write = false;
  const paths: string[] = [];
  let flags = true;
  for (const arg of args) {
    if (flags && arg === "--") flags = false;
    else if (flags && (arg === "--check" || arg === "-c")) check = true;
    else if (flags && (arg === "--write" || arg === "-w")) write = true;
    else if (flags && arg.startsWith("-") && arg !== "-") throw new UsageError(`fmt: unknown flag ${arg}\n${USAGE}`);
    else paths.push(arg);
  }
  if (check && write) throw new UsageError(`fmt: --check and --write cannot be used together\n${USAGE}`);
  if (paths.length === 0) paths.push("-");
  if (paths.includes("-") && paths.length > 1) throw new UsageError(`fmt: - (standard input) cannot be combined with paths\n${USAGE}`);
  if (write && paths[0] === "-") throw new UsageError(`fmt: cannot use --write with standard input\n${USAGE}`);
  return { mode: check ? "check" : write ? "write" : "print", paths };
}

/** The outcome of one file; exit codes combine as the worst of them. */
type Outcome = "same" | "changed" | "unparsable" | "io-error";

/**
 * `alloyc fmt [--check | --write] [PATH... | -]`: formats Alloy files as `alloy fmt` does (see
 * README.md, "Differences from upstream alloy fmt" for where alloyc keeps a file's meaning instead). PATHs are files or
 * folders (their `*.alloy` files, recursively); `-` or no PATH reads standard input.
 *
 * - no flag: the formatted text on stdout;
 * - `--check`: the files that would change, one per line; exit 1 if any;
 * - `--write`: rewrites the files that change, atomically (a temporary file beside the file,
 *   renamed over it, mode kept); never a file that does not parse.
 *
 * Files that do not parse are reported (FILE:LINE:COL: error: message [code] and a code frame)
 * and give exit 1; usage and I/O errors give exit 2.
 */
export async function runFmt(args: readonly string[], io: CliIO): Promise<number> {
  let options: FmtOptions;
  try {
    options = parseArgs(args);
  } catch (e) {
    return usage(e, io);
  }
  const outcomes: Outcome[] = [];
  if (options.paths[0] === "-") {
    let bytes: Uint8Array;
    try {
      bytes = await io.stdin();
    } catch (e) {
      io.stderr(`alloyc: <stdin>: cannot be read: ${message(e)}\n`);
      return EXIT_USAGE;
    }
    outcomes.push(formatOne("<stdin>", bytes, options.mode, io)?.outcome ?? "unparsable");
  } else {
    let files: string[];
    try {
      files = await collectAlloyFiles(options.paths, io.cwd);
    } catch (e) {
      return usage(e, io);
    }
    for (const file of files) outcomes.push(await formatFile(file, options.mode, io));
  }
  if (outcomes.includes("io-error")) return EXIT_USAGE;
  if (outcomes.includes("unparsable")) return EXIT_FINDINGS;
  if (options.mode === "check" && outcomes.includes("changed")) return EXIT_FINDINGS;
  return EXIT_OK;
}

function usage(e: unknown, io: CliIO): number {
  if (!(e instanceof UsageError)) throw e;
  io.stderr(`alloyc: ${e.message}\n`);
  return EXIT_USAGE;
}

function message(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === "EISDIR") return "is a directory";
  if (err.code === "ENOENT") return "no such file or directory";
  if (err.code === "EACCES" || err.code === "EPERM") return "permission denied";
  return err.message ?? String(e);
}

async function formatFile(file: string, mode: Mode, io: CliIO): Promise<Outcome> {
  const abs = resolve(io.cwd, file);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(abs);
  } catch (e) {
    io.stderr(`alloyc: ${file}: cannot be read: ${message(e)}\n`);
    return "io-error";
  }
  const result = formatOne(file, bytes, mode, io);
  if (!result) return "unparsable";
  if (mode === "write" && result.outcome === "changed") {
    try {
      await writeAtomically(abs, result.formatted);
    } catch (e) {
      io.stderr(`alloyc: ${file}: cannot be written: ${message(e)}\n`);
      return "io-error";
    }
  }
  return result.outcome;
}

/** Parses and formats one input; reports parse errors (and returns undefined). */
function formatOne(name: string, bytes: Uint8Array, mode: Mode, io: CliIO): { outcome: Outcome; formatted: Uint8Array } | undefined {
  const result = formatSource(bytes, name);
  if ("unparsable" in result) {
    const { diagnostics, source } = result.unparsable;
    const located = diagnostics.map((diagnostic): Located => ({ file: source, diagnostic }));
    io.stderr(colour(renderText(located), io.isTTY && !process.env.NO_COLOR));
    return undefined;
  }
  const formatted = result.formatted;
  const outcome: Outcome = sameBytes(formatted, bytes) ? "same" : "changed";
  if (mode === "print") io.stdout(new TextDecoder().decode(formatted));
  else if (mode === "check" && outcome === "changed") io.stdout(`${name}\n`);
  return { outcome, formatted };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Replaces the file's content without a moment where it is half written: a temporary file in the
 * same folder (same file system), given the file's mode, renamed over it. A symbolic link is kept:
 * its target is what gets replaced.
 */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const target = await realpath(path);
  const { mode } = await stat(target);
  const tmp = join(dirname(target), `.${basename(target)}.alloyc-${process.pid}-${Date.now().toString(36)}.tmp`);
  try {
    await writeFile(tmp, bytes, { flag: "wx", mode: mode & 0o7777 });
    await chmod(tmp, mode & 0o7777);
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

const COLOURS: Readonly<Record<string, string>> = { error: "\x1b[31m", warning: "\x1b[33m", info: "\x1b[36m" };

/** Colours the severity word of each header line (only on terminals). */
function colour(text: string, enabled: boolean): string {
  if (!enabled) return text;
  return text.replace(/^(\S.*?:\d+:\d+: )(error|warning|info)(: )/gm, (_, head: string, sev: string, tail: string) => `${head}${COLOURS[sev]}${sev}\x1b[0m${tail}`);
}
