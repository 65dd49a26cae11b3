/**
 * Where each byte of an embedded Alloy text is in its YAML file. The YAML library counts in
 * UTF-16 units of the decoded text; diagnostics count UTF-8 bytes (src/diag), so both sides of
 * the map are bytes.
 */
import { utf8Length } from "../diag/utf8.js";

/** Alloy byte `alloy` is YAML byte `yaml`; bytes after it follow one for one up to the next anchor. */
export interface Anchor {
  readonly alloy: number;
  readonly yaml: number;
}

/**
 * A piecewise-linear map from byte offsets of the Alloy text to byte offsets of the YAML file:
 * one anchor per line of a block scalar (its indentation removed) and one after each `tpl`
 * escape. An inexact map (a quoted scalar with escapes, a folded one) sends every offset to the
 * scalar's start.
 */
export class OffsetMap {
  constructor(
    private readonly anchors: readonly Anchor[],
    /** Whether offsets between anchors are exact; false: every offset maps to the first anchor. */
    readonly exact = true,
  ) {}

  /** The YAML byte offset of Alloy byte offset `offset`. */
  toYaml(offset: number): number {
    const a = this.anchors;
    if (a.length === 0) return 0;
    if (!this.exact) return (a[0] as Anchor).yaml;
    let lo = 0;
    let hi = a.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((a[mid] as Anchor).alloy <= offset) lo = mid;
      else hi = mid - 1;
    }
    const at = a[lo] as Anchor;
    const next = a[lo + 1];
    // Inside an escape (`{{ "{{" }}` gave `{{`), or past the end: the last byte the anchor covers.
    const delta = Math.max(0, offset - at.alloy);
    return at.yaml + (next ? Math.min(delta, Math.max(0, next.alloy - at.alloy)) : delta);
  }
}

/**
 * UTF-16 offsets of a decoded text to UTF-8 byte offsets, for offsets asked in ascending order
 * (each answer costs the characters since the previous one; going back restarts from 0).
 */
export class ByteCursor {
  private char = 0;
  private byte = 0;

  constructor(private readonly text: string) {}

  byteAt(char: number): number {
    if (char < this.char) {
      this.char = 0;
      this.byte = 0;
    }
    this.byte += utf8Length(this.text.slice(this.char, char));
    this.char = char;
    return this.byte;
  }
}
