/**
 * The language server over one JSON-RPC connection: capabilities, the open buffers, diagnostics
 * (lint of each configuration an edit touches, debounced, stale runs dropped) and the request
 * handlers. The connection comes from vscode-languageserver's JSON-RPC layer (stdio for
 * `alloyc lsp`, in-memory streams in tests); exit is ours, so a test can run it in-process.
 */
import type { MessageConnection } from "vscode-languageserver/node";
import { dirname } from "node:path";
import type { Located } from "../diag/index.js";
import { lint, type LintSource } from "../lint.js";
import { configurationAt, configurationKey, moduleReader, isYamlFile, type Configuration } from "./configuration.js";
import { toLspDiagnostic, type LspDiagnostic } from "./diagnostics.js";
import { Documents, uriPath, type ContentChange } from "./documents.js";
import { registerFeatures } from "./features.js";
import { PositionMap, type PositionEncoding } from "./positions.js";

export interface ServerOptions {
  /** How long after the last edit a configuration is linted again (ms); 150 by default. */
  readonly debounceMs?: number;
  readonly version?: string;
}

/** The server's state, shared with the feature handlers. */
export interface ServerState {
  documents: Documents;
  readonly connection: MessageConnection;
}

const DEFAULT_DEBOUNCE_MS = 150;

/**
 * Serves `connection` until `exit` (0 after `shutdown`, 1 without) or until the stream closes
 * (1: the client went away without shutting down). The connection must not be listening yet.
 */
export function serve(connection: MessageConnection, options: ServerOptions = {}): Promise<number> {
  let debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const state: ServerState = { documents: new Documents("utf-16"), connection };
  let shutdown = false;
  const timers = new Map<string, NodeJS.Timeout>();
  const generations = new Map<string, number>();
  /** The URIs each configuration last published to, to clear those that left it. */
  const published = new Map<string, Set<string>>();
  /** The import.file modules each configuration's last run read, by path. */
  const modulesRead = new Map<string, Set<string>>();

  const publish = (uri: string, diagnostics: readonly LspDiagnostic[], version?: number): void => {
    void connection.sendNotification("textDocument/publishDiagnostics", { uri, diagnostics, ...(version === undefined ? {} : { version }) });
  };

  const lintNow = async (key: string): Promise<void> => {
    const generation = (generations.get(key) ?? 0) + 1;
    generations.set(key, generation);
    const config = await configurationAt(key, state.documents);
    const read = new Set<string>();
    const found = await findingsOf(config, state.documents, read);
    modulesRead.set(key, read);
    if (generations.get(key) !== generation) return; // an edit came in meanwhile: its run publishes
    const byName = new Map<string, Located[]>();
    for (const f of found) byName.get(f.file.name)?.push(f) ?? byName.set(f.file.name, [f]);
    const now = new Set<string>();
    for (const member of config.members) {
      const open = state.documents.get(member.uri);
      const positions = open && open.bytes === member.bytes ? open.positions : new PositionMap(member.bytes, state.documents.encoding);
      const diagnostics = (byName.get(member.name) ?? []).map((f) => toLspDiagnostic(f.diagnostic, member.uri, positions));
      // A file nobody opened is published only when it has findings (so the folder's problems show).
      if (!open && diagnostics.length === 0 && !published.get(key)?.has(member.uri)) continue;
      now.add(member.uri);
      publish(member.uri, diagnostics, open?.version);
    }
    for (const uri of published.get(key) ?? []) if (!now.has(uri)) publish(uri, []);
    published.set(key, now);
  };

  /** The configurations that must be checked again when the buffer of `uri` changes: its own, and those importing it. */
  const affected = (uri: string): void => {
    schedule(configurationKey(uri));
    const path = uriPath(uri);
    if (path !== undefined) for (const [key, modules] of modulesRead) if (modules.has(path)) schedule(key);
  };

  const schedule = (key: string): void => {
    clearTimeout(timers.get(key));
    generations.set(key, (generations.get(key) ?? 0) + 1); // a run in flight is stale now
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        lintNow(key).catch((e: unknown) => void connection.sendNotification("window/logMessage", { type: 1, message: `alloyc: lint failed: ${(e as Error).message ?? e}` }));
      }, debounceMs),
    );
  };

  connection.onRequest("initialize", (params: InitializeParamsLike) => {
    const offered = params.capabilities?.general?.positionEncodings ?? [];
    const encoding: PositionEncoding = offered.includes("utf-8") ? "utf-8" : "utf-16";
    state.documents = new Documents(encoding);
    const requested = params.initializationOptions?.debounceMs;
    if (typeof requested === "number" && requested >= 0) debounceMs = requested;
    return {
      capabilities: {
        positionEncoding: encoding,
        textDocumentSync: { openClose: true, change: 2 },
        documentFormattingProvider: true,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ["."] },
        codeActionProvider: { codeActionKinds: ["quickfix", "source.format"] },
      },
      serverInfo: { name: "alloyc", ...(options.version ? { version: options.version } : {}) },
    };
  });
  connection.onNotification("initialized", () => undefined);
  connection.onNotification("textDocument/didOpen", (params: { textDocument: { uri: string; text: string; version: number } }) => {
    const { uri, text, version } = params.textDocument;
    state.documents.openDocument(uri, text, version);
    affected(uri);
  });
  connection.onNotification("textDocument/didChange", (params: { textDocument: { uri: string; version: number }; contentChanges: ContentChange[] }) => {
    const doc = state.documents.get(params.textDocument.uri);
    if (!doc) return;
    doc.apply(params.contentChanges, params.textDocument.version);
    affected(doc.uri);
  });
  connection.onNotification("textDocument/didClose", (params: { textDocument: { uri: string } }) => {
    const { uri } = params.textDocument;
    const key = configurationKey(uri);
    state.documents.close(uri);
    if (key === uri) {
      // A lone buffer: nothing is left to check.
      clearTimeout(timers.get(key));
      generations.set(key, (generations.get(key) ?? 0) + 1);
      for (const u of published.get(key) ?? []) publish(u, []);
      published.delete(key);
    } else affected(uri);
  });
  connection.onNotification("textDocument/didSave", () => undefined);
  connection.onNotification("workspace/didChangeWatchedFiles", () => {
    for (const key of published.keys()) schedule(key);
  });
  connection.onNotification("$/cancelRequest", () => undefined);
  connection.onNotification("$/setTrace", () => undefined);
  registerFeatures(state);
  connection.onRequest("shutdown", () => {
    shutdown = true;
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
    return null;
  });

  return new Promise<number>((resolve) => {
    let ended = false;
    const end = (code: number): void => {
      if (ended) return;
      ended = true;
      for (const t of timers.values()) clearTimeout(t);
      resolve(code);
    };
    connection.onNotification("exit", () => end(shutdown ? 0 : 1));
    connection.onClose(() => end(1));
    connection.listen();
  });
}

interface InitializeParamsLike {
  readonly capabilities?: { readonly general?: { readonly positionEncodings?: readonly string[] } };
  readonly initializationOptions?: { readonly debounceMs?: unknown };
}

/** lint's findings for a configuration; a YAML buffer's through the embedded facade (the yaml package loaded only then). */
async function findingsOf(config: Configuration, documents: Documents, read: Set<string>): Promise<Located[]> {
  const sources: LintSource[] = config.members.map((m) => ({ name: m.name, bytes: m.bytes }));
  const fromBuffers = moduleReader(documents);
  const readModule = (path: string): Promise<Uint8Array> => {
    read.add(path);
    return fromBuffers(path);
  };
  const [only] = sources;
  if (config.folder === undefined && only && isYamlFile(only.name)) {
    const { lintYaml } = await import("../embedded.js");
    const result = await lintYaml(only, { readModule });
    return result.kind === "linted" ? result.found : [];
  }
  return lint(sources, { cwd: config.folder ?? dirname(only?.name ?? "."), readModule });
}
