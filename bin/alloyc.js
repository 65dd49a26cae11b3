#!/usr/bin/env node
// The installed entry point: runs the compiled CLI (built by `npm install` through `prepare`).
const args = process.argv.slice(2);

// Node 22.1+ keeps V8's compiled code of the bundle on disk between runs (NODE_COMPILE_CACHE
// moves it, NODE_DISABLE_COMPILE_CACHE=1 turns it off); Node 20 has no such cache: skipped.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major > 22 || (major === 22 && minor >= 1)) (await import("node:module")).enableCompileCache?.();

if (args.length === 1 && (args[0] === "--version" || args[0] === "-v" || args[0] === "version")) {
  // `alloyc --version` alone loads the version's module only, not the command line's parser.
  const { printVersion } = await import("../dist/cli/version.js");
  process.exitCode = await printVersion();
} else {
  const { main } = await import("../dist/cli/main.js");
  process.exitCode = await main(args);
}
