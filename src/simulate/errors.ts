import type { SourcePos } from "./types.js";

/**
 * A user mistake the simulator reports instead of guessing: an argument it cannot evaluate, a rule
 * Alloy would reject, a regex RE2 does not accept, an entry that is not an entry. The message is
 * complete without a stack; `pos`, when known, is where in the configuration it is.
 */
export class SimulateError extends Error {
  constructor(
    message: string,
    readonly pos?: SourcePos,
  ) {
    super(message);
    this.name = "SimulateError";
  }

  /** `file:line:col: message`, or the message alone when it has no position or already names it. */
  describe(): string {
    if (!this.pos) return this.message;
    const where = `${this.pos.file}:${this.pos.line}:${this.pos.col}`;
    return this.message.includes(where) ? this.message : `${where}: ${this.message}`;
  }
}
