import { UsageError, type CliIO } from "../io.js";

/** `alloyc build FILE.ts [-o OUT]`: compiles a TypeScript pipeline (issue 5; not built yet). */
export async function runBuild(_args: readonly string[], _io: CliIO): Promise<number> {
  throw new UsageError("build: compiling TypeScript pipelines is not available in this version yet");
}
