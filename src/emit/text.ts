/**
 * The printer's output line table: a growable int32 list the layout appends each output line's
 * start to. It stays here rather than in diag's LineIndex because it is written once per output
 * line on the printer's hot path (no boxing, no per-push garbage); lookups over it go through
 * diag's LineCursor like every other line lookup.
 */

/** A growable list of int32 offsets (line starts of an output: no per-push garbage, no boxing). */
export class OffsetList {
  private items = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = value;
  }

  /** The offsets so far (a view: later pushes may or may not show in it). */
  view(): Int32Array {
    return this.items.subarray(0, this.length);
  }
}
