import { lstat, readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ioErrorReason } from "../read-file.js";
import { UsageError } from "./io.js";

/**
 * One command-line path's worth of files: a file to read (`file`, as it is shown), or a path that
 * could not be listed (`problem`, the reason: `permission denied`, `symbolic link loop`).
 * Commands report the problems as `cannot read PATH: REASON`, go on with the rest, and exit 2.
 */
export interface Found {
  readonly file: string;
  readonly problem?: string;
}

/**
 * Expands command-line paths: files as given (the read path refuses what is not a regular file),
 * folders recursively to their `*.alloy` files, sorted, dot-folders and node_modules skipped.
 * Symbolic links are followed, inside folders too (a Kubernetes ConfigMap mount is
 * `config.alloy -> ..data/config.alloy`); a broken one named `*.alloy` and a loop of folders are
 * reported, never skipped silently.
 */
export async function collectAlloyFiles(paths: readonly string[], cwd: string): Promise<Found[]> {
  const out: Found[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let info;
    try {
      info = await stat(abs);
    } catch (e) {
      out.push({ file: p, problem: await missingReason(abs, e) });
      continue;
    }
    if (info.isDirectory()) await walkDir(abs, p, new Set([identity(info)]), out);
    else out.push({ file: p });
  }
  return out;
}

/** Why stat failed, a dangling link told apart from a missing name. */
async function missingReason(abs: string, e: unknown): Promise<string> {
  if ((e as NodeJS.ErrnoException).code !== "ENOENT") return ioErrorReason(e);
  const link = await lstat(abs).catch(() => undefined);
  return link?.isSymbolicLink() ? "broken symbolic link" : ioErrorReason(e);
}

function identity(info: { dev: number; ino: number }): string {
  return `${info.dev}:${info.ino}`;
}

/** `ancestors` holds the folders on the way down (device and inode), so a link back up is a loop. */
async function walkDir(abs: string, shown: string, ancestors: ReadonlySet<string>, out: Found[]): Promise<void> {
  let entries;
  try {
    entries = (await readdir(abs, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    out.push({ file: shown, problem: ioErrorReason(e) });
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const childAbs = join(abs, e.name);
    const childShown = join(shown, e.name);
    const isAlloy = e.name.endsWith(".alloy");
    if (e.isSymbolicLink()) {
      let target;
      try {
        target = await stat(childAbs);
      } catch (err) {
        // A dangling link to a folder cannot be told from one to a file: only *.alloy names are reported.
        if (isAlloy || (err as NodeJS.ErrnoException).code === "ELOOP") out.push({ file: childShown, problem: await missingReason(childAbs, err) });
        continue;
      }
      if (target.isDirectory()) await walkChild(childAbs, childShown, identity(target), ancestors, out);
      else if (isAlloy) out.push({ file: childShown });
    } else if (e.isDirectory()) {
      const info = await stat(childAbs).catch(() => undefined);
      await walkChild(childAbs, childShown, info ? identity(info) : childAbs, ancestors, out);
    } else if (isAlloy) {
      out.push({ file: childShown }); // a FIFO or a device so named is refused when read, not skipped
    }
  }
}

async function walkChild(abs: string, shown: string, id: string, ancestors: ReadonlySet<string>, out: Found[]): Promise<void> {
  if (ancestors.has(id)) {
    out.push({ file: shown, problem: "symbolic link loop" });
    return;
  }
  await walkDir(abs, shown, new Set([...ancestors, id]), out);
}

const SIZE = /^(\d+)\s*([kmg]?)(?:i?b)?$/i;
const UNIT: Readonly<Record<string, number>> = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `--max-file-size BYTES`: a number of bytes, or with a K, M or G suffix (powers of 1024). */
export function parseByteSize(text: string, flag = "--max-file-size"): number {
  const m = SIZE.exec(text.trim());
  const bytes = m ? Number(m[1]) * (UNIT[(m[2] as string).toLowerCase()] as number) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new UsageError(`${flag} takes a size in bytes, with K, M or G for 1024, 1024², 1024³ (not "${text}")`);
  }
  return bytes;
}
