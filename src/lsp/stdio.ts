/**
 * `alloyc lsp`: the server on standard input and output. vscode-languageserver is imported here
 * only, and only the lsp command imports this file. Nothing else may write to standard output:
 * console output goes to standard error.
 */
import { serve, type ServerOptions } from "./server.js";

export async function serveStdio(options: ServerOptions = {}): Promise<number> {
  const imported = await import("vscode-languageserver/node");
  // A CommonJS package: its exports are the namespace's default under Node's ESM loader.
  const rpc = imported.default ?? imported;
  console.log = console.info = console.warn = console.error;
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(process.stdin), new rpc.StreamMessageWriter(process.stdout));
  const code = await serve(connection, options);
  // Standard input would keep the process alive after exit: stop reading it.
  connection.dispose();
  process.stdin.destroy();
  return code;
}
