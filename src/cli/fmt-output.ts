import { escapeControl, unifiedDiff } from "../diag/index.js";
import type { CliIO } from "./io.js";

/**
 * What `alloyc fmt` prints for a file it formatted, whichever reader found the Alloy (a .alloy
 * file, standard input, a YAML file with Alloy inside): the text (no flag), the name of a file
 * that would change (--check), its unified diff (--check --diff), or the name of a file it
 * rewrote (--write, once the write succeeded). One name a line, on standard output, as
 * `gofmt -l` and `prettier --list-different` print them.
 */
export type FmtMode = "print" | "check" | "diff" | "write";

/** Prints what `mode` shows of one formatted input, except for --write (see listWritten). */
export function showFormatted(name: string, before: Uint8Array, after: Uint8Array, changed: boolean, mode: Exclude<FmtMode, "write">, io: CliIO): void {
  // The formatter's bytes as they are, not decoded to a string and encoded again on the way out.
  if (mode === "print") io.stdout(after);
  else if (!changed) return;
  // A newline (or an escape sequence) in a name is shown escaped.
  else if (mode === "check") io.stdout(`${escapeControl(name)}\n`);
  else {
    // An absolute path loses its leading slash after a/ and b/, as git writes it.
    const shown = escapeControl(name).replace(/^\/+/, "");
    io.stdout(unifiedDiff(decoder.decode(before), decoder.decode(after), { fromName: `a/${shown}`, toName: `b/${shown}` }));
  }
}

/** --write: the name of a file it rewrote. */
export function listWritten(name: string, io: CliIO): void {
  io.stdout(`${escapeControl(name)}\n`);
}

const decoder = new TextDecoder();
