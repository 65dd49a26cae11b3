/** What a command may touch of the process: injected so tests run commands in-process. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin: () => Promise<Uint8Array>;
  cwd: string;
  isTTY: boolean;
}

/** A mistake in how the command was called: reported as `alloyc: message` with exit code 2. */
export class UsageError extends Error {}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

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
    isTTY: Boolean(process.stderr.isTTY),
  };
}
