import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFile } from "../src/parse/index.js";
import { corpusManifest, sharedPath } from "../test/shared.js";

let cleanFiles: Buffer[] | undefined;

/** Every corpus file that parses cleanly, each followed by a blank line (read and parsed once). */
function cleanCorpusFiles(): Buffer[] {
  if (cleanFiles) return cleanFiles;
  const parts: Buffer[] = [];
  for (const row of corpusManifest()) {
    if (row.fmt_clean === "parse-error") continue;
    const bytes = readFileSync(join(sharedPath("corpus"), row.local_file as string));
    if (parseFile(bytes).diagnostics.length > 0) continue;
    parts.push(bytes, Buffer.from("\n"));
  }
  cleanFiles = parts;
  return parts;
}

/**
 * A ≥ `minBytes` Alloy file made of the real corpus: every file that parses cleanly, concatenated
 * and repeated until large enough. Parses with no diagnostic.
 */
export function corpusInput(minBytes: number): Buffer {
  const once = Buffer.concat(cleanCorpusFiles());
  const copies: Buffer[] = [];
  let size = 0;
  while (size < minBytes) {
    copies.push(once);
    size += once.length;
  }
  return Buffer.concat(copies);
}

/**
 * The first corpus files (whole files, so it parses with no diagnostic) up to ≥ `minBytes`: the
 * unit of the scaling measurement.
 */
export function corpusPrefix(minBytes: number): Buffer {
  const parts: Buffer[] = [];
  let size = 0;
  for (const part of cleanCorpusFiles()) {
    if (size >= minBytes) break;
    parts.push(part);
    size += part.length;
  }
  return Buffer.concat(parts);
}

/** JSON of (about) the same size and a config-like shape: the AST without spans, repeated. */
export function jsonOfSize(alloy: Buffer, bytes: number): Buffer {
  const sample = parseFile(alloy.subarray(0, Math.min(alloy.length, 2_000_000))).file.body;
  const unit = JSON.stringify(sample, (k, v) => (k === "span" || k === "opSpan" ? undefined : v));
  const items: string[] = [];
  let size = 2;
  while (size < bytes) {
    items.push(unit);
    size += unit.length + 1;
  }
  return Buffer.from(`[${items.join(",")}]`);
}
