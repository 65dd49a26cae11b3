import { type CommandSpec, commandUsage, commandUsageError, parseCommandArgs } from "./args.js";
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIO, processIO, reportingUsageErrors } from "./io.js";
import { commandNamed, COMMANDS, GLOBAL, globalUsage, HELP, VERSION_COMMAND } from "./specs.js";
import { versionText } from "./version.js";

/** `alloyc FILE.ts`: a first argument that names a pipeline is the build command's. */
const PIPELINE = /\.(m?ts|js)$/;

/**
 * Runs one command and returns its exit code: 0 ok, 1 findings, 2 usage, I/O or internal errors.
 * Commands are imported lazily so that `--version`, `--help` and `fmt` do not pay for what they
 * do not use.
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  try {
    return await reportingUsageErrors(io, () => dispatch(argv, io));
  } catch (e) {
    // An internal error is a bug in alloyc; say so plainly, keep the stack for bug reports only.
    io.stderr(`alloyc: internal error: ${(e as Error).message ?? e}\n`);
    if (process.env.ALLOYC_DEBUG) io.stderr(`${(e as Error).stack}\n`);
    return EXIT_USAGE;
  }
}

/** `alloyc [-h | -v] COMMAND ARGS...`: alloyc's own flags, then the command with the rest. */
async function dispatch(argv: readonly string[], io: CliIO): Promise<number> {
  const top = parseCommandArgs(GLOBAL, argv, true);
  const [command] = top.positionals;
  if (top.values.get("version") === true) return printVersion(io);
  if (top.help) {
    const spec = command === undefined ? undefined : commandNamed(command);
    if (spec) return printUsage(spec, io);
    io.stdout(globalUsage());
    return EXIT_OK;
  }
  const rest = top.rest;
  switch (command) {
    case undefined:
      io.stdout(globalUsage());
      return EXIT_USAGE;
    case "help":
      return help(rest, io);
    case "version": {
      const parsed = parseCommandArgs(VERSION_COMMAND, rest);
      if (parsed.help) return printUsage(VERSION_COMMAND, io);
      if (parsed.positionals.length > 0) throw commandUsageError(VERSION_COMMAND, `unexpected argument ${parsed.positionals[0]}`);
      return printVersion(io);
    }
    case "fmt":
      return (await import("./commands/fmt.js")).runFmt(rest, io);
    case "lint":
      return (await import("./commands/lint.js")).runLint(rest, io);
    case "build":
      return (await import("./commands/build.js")).runBuild(rest, io);
    case "simulate":
      return (await import("./commands/simulate.js")).runSimulate(rest, io);
    case "test":
      return (await import("./commands/test.js")).runTest(rest, io);
    case "lsp":
      return (await import("./commands/lsp.js")).runLsp(rest, io);
    case "import":
      return (await import("./commands/import.js")).runImport(rest, io);
    default:
      if (PIPELINE.test(command)) return (await import("./commands/build.js")).runBuild([command, ...rest], io);
      throw new UsageError(`unknown command "${command}" (commands: ${COMMANDS.map((c) => c.name).join(", ")}; or a pipeline, alloyc FILE.ts)\n(alloyc --help lists every command and flag)`);
  }
}

/** `alloyc help [COMMAND]`. */
function help(args: readonly string[], io: CliIO): number {
  const parsed = parseCommandArgs(HELP, args);
  if (parsed.help) return printUsage(HELP, io);
  const [name, extra] = parsed.positionals;
  if (extra !== undefined) throw commandUsageError(HELP, `one command at a time (got ${name} and ${extra})`);
  if (name === undefined) {
    io.stdout(globalUsage());
    return EXIT_OK;
  }
  const spec = commandNamed(name);
  if (!spec) throw commandUsageError(HELP, `unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(", ")})`);
  return printUsage(spec, io);
}

function printUsage(spec: CommandSpec, io: CliIO): number {
  io.stdout(commandUsage(spec));
  return EXIT_OK;
}

async function printVersion(io: CliIO): Promise<number> {
  io.stdout(await versionText());
  return EXIT_OK;
}
