import { isatty } from "node:tty";

/** What a command may touch of the process: injected so tests run commands in-process. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin: () => Promise<Uint8Array>;
  cwd: string;
  /** Which standard streams are terminals: output to one is coloured, input from one is not waited on. */
  isTTY: { readonly stdin: boolean; readonly stdout: boolean; readonly stderr: boolean };
  /** The environment, for NO_COLOR and FORCE_COLOR. */
  env: Readonly<Record<string, string | undefined>>;
}

/** A mistake in how the command was called: reported as `alloyc: message` with exit code 2. */
export class UsageError extends Error {}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/**
 * Whether what goes to `stream` is coloured: FORCE_COLOR (other than 0 or false) says yes, else
 * NO_COLOR (any value) says no, else colour when the stream is a terminal, as Node's own tools decide.
 */
export function colorFor(io: CliIO, stream: "stdout" | "stderr"): boolean {
  const force = io.env["FORCE_COLOR"];
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  if (io.env["NO_COLOR"]) return false;
  return io.isTTY[stream];
}

/**
 * Runs a command, reporting a UsageError as `alloyc: message` with exit code 2. Each command
 * does this itself (tests call commands directly, and main may not share the command's io.js).
 */
export async function reportingUsageErrors(io: CliIO, command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`alloyc: ${e.message}\n`);
    return EXIT_USAGE;
  }
}

export async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function processIO(): CliIO {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stdin: readStdin,
    cwd: process.cwd(),
    // isatty(0) rather than process.stdin.isTTY, which would open a stream on standard input.
    isTTY: { stdin: isatty(0), stdout: Boolean(process.stdout.isTTY), stderr: Boolean(process.stderr.isTTY) },
    env: process.env,
  };
}
