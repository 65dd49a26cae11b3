import { commandUsage, commandUsageError, parseCommandArgs } from "../args.js";
import { EXIT_OK, reportingUsageErrors, type CliIO } from "../io.js";
import { LSP } from "../specs.js";
import { version } from "../version.js";

/**
 * `alloyc lsp [--stdio]`: the language server (src/lsp) on this process's standard streams, until
 * the client's exit notification. vscode-languageserver is loaded here only.
 */
export async function runLsp(args: readonly string[], io: CliIO): Promise<number> {
  return reportingUsageErrors(io, async () => {
    const parsed = parseCommandArgs(LSP, args);
    if (parsed.help) {
      io.stdout(commandUsage(LSP));
      return EXIT_OK;
    }
    if (parsed.positionals.length > 0) throw commandUsageError(LSP, `unexpected argument ${parsed.positionals[0]}`);
    const { serveStdio } = await import("../../lsp/stdio.js");
    return serveStdio({ version: version() });
  });
}
