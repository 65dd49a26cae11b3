import type { CliIO } from "../../src/cli/io.js";

/** What a command printed and returned. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface FakeProcess {
  readonly cwd: string;
  readonly stdin?: string | Uint8Array;
  /** Which streams are terminals: true for all three, or each on its own; none by default. */
  readonly tty?: boolean | { readonly stdin?: boolean; readonly stdout?: boolean; readonly stderr?: boolean };
  readonly env?: Readonly<Record<string, string>>;
}

/** A CliIO over strings, and whether the command read standard input. */
export function fakeIO(p: FakeProcess): { io: CliIO; run: (code: number) => Run; stdinRead: () => boolean } {
  let stdout = "";
  let stderr = "";
  let read = false;
  const tty = typeof p.tty === "object" ? p.tty : { stdin: p.tty, stdout: p.tty, stderr: p.tty };
  const stdin = p.stdin ?? "";
  const io: CliIO = {
    stdout: (s) => void (stdout += typeof s === "string" ? s : new TextDecoder().decode(s)),
    stderr: (s) => void (stderr += s),
    stdin: async () => {
      read = true;
      return typeof stdin === "string" ? new TextEncoder().encode(stdin) : stdin;
    },
    cwd: p.cwd,
    isTTY: { stdin: tty.stdin ?? false, stdout: tty.stdout ?? false, stderr: tty.stderr ?? false },
    env: p.env ?? {},
  };
  return { io, run: (code) => ({ code, stdout, stderr }), stdinRead: () => read };
}

/** Runs `command` (main, or one command's run function) with a fake process. */
export async function runWith(command: (args: string[], io: CliIO) => Promise<number>, args: string[], p: FakeProcess): Promise<Run> {
  const { io, run } = fakeIO(p);
  return run(await command(args, io));
}
