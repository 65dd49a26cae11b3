import { spawn, type ChildProcess } from "node:child_process";
import { PassThrough } from "node:stream";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-languageserver/node";
import { serve } from "../../src/lsp/server.js";

export interface Published {
  readonly uri: string;
  readonly version?: number;
  readonly diagnostics: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity: number; code: string; message: string; relatedInformation?: unknown[]; data?: any }>;
}

/** A JSON-RPC client of the server: the server in this process over in-memory streams, or a child over stdio. */
export class LspClient {
  readonly published: Published[] = [];
  private waiters: Array<{ test: (p: Published) => boolean; resolve: (p: Published) => void }> = [];

  private constructor(
    readonly connection: MessageConnection,
    readonly exited: Promise<number>,
    readonly child?: ChildProcess,
  ) {
    connection.onNotification("textDocument/publishDiagnostics", (p: Published) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    connection.onNotification("window/logMessage", () => undefined);
    connection.listen();
  }

  static inProcess(): LspClient {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server = createMessageConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    const exited = serve(server);
    return new LspClient(createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)), exited);
  }

  static child(runner: string, cwd: string): LspClient {
    const child = spawn(process.execPath, [runner, "lsp", "--stdio"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    child.stderr?.resume();
    const exited = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));
    return new LspClient(createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)), exited, child);
  }

  async initialize(options: { encodings?: string[]; debounceMs?: number } = {}): Promise<any> {
    const result = await this.connection.sendRequest("initialize", {
      processId: null,
      rootUri: null,
      capabilities: options.encodings ? { general: { positionEncodings: options.encodings } } : {},
      initializationOptions: { debounceMs: options.debounceMs ?? 0 },
    });
    await this.connection.sendNotification("initialized", {});
    return result;
  }

  /** The next publication for `uri` that passes `test` (a version, by default any). */
  diagnosticsFor(uri: string, test: (p: Published) => boolean = () => true): Promise<Published> {
    return new Promise((resolve) => this.waiters.push({ test: (p) => p.uri === uri && test(p), resolve }));
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "alloy", version, text } });
  }

  async change(uri: string, version: number, changes: unknown[]): Promise<void> {
    await this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: changes });
  }

  request<T = any>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  async shutdown(): Promise<number> {
    await this.connection.sendRequest("shutdown");
    await this.connection.sendNotification("exit");
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}
