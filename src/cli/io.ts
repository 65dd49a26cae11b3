import { fstatSync, statSync, type Stats } from "node:fs";
import { DEFAULT_MAX_FILE_SIZE, ioErrorReason, ReadError, readStreamLimited } from "../read-file.js";

/** What a command may touch of the process: injected so tests run commands in-process. */
export interface CliIO {
  /** Text, or bytes written as they are (fmt's output: no decoding to a string and back). */
  stdout: (s: string | Uint8Array) => void;
  stderr: (s: string) => void;
  /**
   * Standard input to its end, at most `maxBytes` (64 MB by default). Throws a ReadError when it
   * is not data to read (a folder, a closed stream) or is larger than that.
   */
  stdin: (maxBytes?: number) => Promise<Uint8Array>;
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

const STDIN = "standard input";

/** Whether fd 0 is the null device: what Node opens in its place when standard input is closed. */
function isNullDevice(info: Stats): boolean {
  if (!info.isCharacterDevice()) return false;
  try {
    const devNull = statSync("/dev/null");
    return devNull.isCharacterDevice() && devNull.rdev === info.rdev;
  } catch {
    return false;
  }
}

export async function readStdin(maxBytes = DEFAULT_MAX_FILE_SIZE): Promise<Uint8Array> {
  let info: Stats;
  try {
    info = fstatSync(0);
  } catch (e) {
    throw new ReadError(STDIN, (e as NodeJS.ErrnoException).code === "EBADF" ? "it is closed" : ioErrorReason(e));
  }
  if (info.isDirectory()) throw new ReadError(STDIN, "is a directory");
  // `alloyc lint <&-` (or stdin redirected from /dev/null, as in many CI runners) would read as an
  // empty configuration and pass: refuse it, so a forgotten PATH is not a silent success.
  if (isNullDevice(info)) throw new ReadError(STDIN, "it is closed (the null device); give a PATH, or - with data on standard input");
  return readStreamLimited(process.stdin, STDIN, maxBytes);
}

/*
 * What became of writing to stdout and stderr: EPIPE (the reader has gone, as with `| head`) drops
 * the rest of the output quietly and leaves the exit code the run's own; any other error (ENOSPC:
 * a full disk) drops the rest too, is reported in one line on stderr, and makes the exit code 2.
 * Never a stack trace: an 'error' event nobody listens to would be one.
 */
let outputFailed = false;
const streamGone = new WeakSet<NodeJS.WriteStream>();

function guardStream(stream: NodeJS.WriteStream, name: string): (s: string | Uint8Array) => void {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (streamGone.has(stream)) return;
    streamGone.add(stream);
    if (e.code === "EPIPE") return;
    // Set on exit, after the command has set its own code.
    if (!outputFailed) process.once("exit", () => void (process.exitCode = EXIT_USAGE));
    outputFailed = true;
    if (stream !== process.stderr && !streamGone.has(process.stderr)) process.stderr.write(`alloyc: cannot write ${name}: ${ioErrorReason(e)}\n`);
  });
  return (s) => {
    if (!streamGone.has(stream)) stream.write(s);
  };
}

/**
 * isatty(0), with node:tty loaded only now (process.getBuiltinModule, Node 20.16 and later);
 * before 20.16, process.stdin.isTTY, which opens a stream on standard input.
 */
function stdinIsTerminal(): boolean {
  const tty = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.("node:tty") as typeof import("node:tty") | undefined;
  return tty ? tty.isatty(0) : Boolean(process.stdin.isTTY);
}

let guarded: { stdout: (s: string | Uint8Array) => void; stderr: (s: string) => void } | undefined;

export function processIO(): CliIO {
  guarded ??= { stdout: guardStream(process.stdout, "standard output"), stderr: guardStream(process.stderr, "standard error") };
  return {
    stdout: guarded.stdout,
    stderr: guarded.stderr,
    stdin: readStdin,
    cwd: process.cwd(),
    // Asked when needed: node:tty costs about a fifth of `node -e 0` to load, and only a
    // command given no path needs to know whether standard input is a terminal.
    isTTY: {
      // isatty(0) rather than process.stdin.isTTY, which would open a stream on standard input.
      get stdin() {
        return stdinIsTerminal();
      },
      get stdout() {
        return Boolean(process.stdout.isTTY);
      },
      get stderr() {
        return Boolean(process.stderr.isTTY);
      },
    },
    env: process.env,
  };
}
