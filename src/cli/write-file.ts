import { chmod, lstat, readlink, realpath, rename, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

/**
 * Replaces a file's content without a moment where it is half written: a temporary file in the
 * same folder (same file system), given the file's mode, renamed over it. A symbolic link is kept:
 * its target is what gets replaced (created when the link dangles). A file that does not exist
 * yet is created with the usual mode for a new file. Used by `fmt --write` and `build -o`; the
 * file system's error is thrown as is, and no temporary file is left behind.
 */
export async function writeFileAtomically(path: string, content: Uint8Array | string): Promise<void> {
  const target = await realTarget(path);
  const mode = await stat(target).then(
    (s) => s.mode & 0o7777,
    () => undefined,
  );
  const temporary = join(dirname(target), `.${basename(target)}.alloyc-${process.pid}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    await writeFile(temporary, content, { flag: "wx", mode: mode ?? 0o666 });
    // The umask applied to the mode above; chmod gives the existing file's mode exactly.
    if (mode !== undefined) await chmod(temporary, mode);
    await rename(temporary, target);
  } catch (e) {
    await unlink(temporary).catch(() => undefined);
    throw e;
  }
}

/** The file a write to `path` should replace: the end of its chain of links, existing or not. */
async function realTarget(path: string): Promise<string> {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    try {
      return await realpath(current);
    } catch {
      // Missing, or a link to something missing: follow the links by hand to the name to create.
      const info = await lstat(current).catch(() => undefined);
      if (!info?.isSymbolicLink()) return current;
      current = resolve(dirname(current), await readlink(current));
    }
  }
  return current; // a loop of links: the write fails with the system's own error
}

/** A file system error in a few words: `no such file or directory`, `permission denied`. */
export function fileErrorMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === "EISDIR") return "is a directory";
  if (err.code === "ENOENT") return "no such file or directory";
  if (err.code === "EACCES" || err.code === "EPERM") return "permission denied";
  return err.message ?? String(e);
}
