// The VS Code client of `alloyc lsp`: starts the server over stdio for .alloy files (and the
// grafana-alloy language id Grafana's own extension gives them), stops it on deactivate.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("alloyc").get("path") || "alloyc";
  const run = { command, args: ["lsp", "--stdio"], transport: TransportKind.stdio };
  client = new LanguageClient("alloyc", "alloyc", { run, debug: run }, {
    documentSelector: [
      { scheme: "file", language: "alloy" },
      { scheme: "file", language: "grafana-alloy" },
      { scheme: "untitled", language: "alloy" },
    ],
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
