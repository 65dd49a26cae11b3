import { EXIT_USAGE, UsageError, type CliIO, processIO } from "./io.js";
import { VERSION } from "./version.js";

const USAGE = `usage:
  alloyc FILE.ts [-o OUT]                          compile a pipeline to Alloy text (same as build)
  alloyc build FILE.ts [-o OUT]
  alloyc fmt [--check | --write] [PATH... | -]     format *.alloy files like \`alloy fmt\`
  alloyc lint [--format text|json|sarif] [PATH... | -]
  alloyc --version
`;

/**
 * Runs one command and returns its exit code: 0 ok, 1 findings, 2 usage, I/O or internal errors.
 * Commands are imported lazily so that `--version` and `fmt` do not pay for what they do not use.
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "--version":
      case "-v":
      case "version": {
        const { alloyCatalogVersion } = await import("../schema/version.gen.js");
        io.stdout(`alloyc ${VERSION} (component catalog: ${alloyCatalogVersion})\n`);
        return 0;
      }
      case undefined:
      case "--help":
      case "-h":
      case "help":
        io.stdout(USAGE);
        return command === undefined ? EXIT_USAGE : 0;
      case "fmt":
        return await (await import("./commands/fmt.js")).runFmt(rest, io);
      case "lint":
        return await (await import("./commands/lint.js")).runLint(rest, io);
      case "build":
        return await (await import("./commands/build.js")).runBuild(rest, io);
      default:
        if (command.endsWith(".ts") || command.endsWith(".mts") || command.endsWith(".js")) {
          return await (await import("./commands/build.js")).runBuild(argv, io);
        }
        throw new UsageError(`unknown command "${command}"\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`alloyc: ${e.message}\n`);
      return EXIT_USAGE;
    }
    // An internal error is a bug in alloyc; say so plainly, keep the stack for bug reports only.
    io.stderr(`alloyc: internal error: ${(e as Error).message ?? e}\n`);
    if (process.env.ALLOYC_DEBUG) io.stderr(`${(e as Error).stack}\n`);
    return EXIT_USAGE;
  }
}
